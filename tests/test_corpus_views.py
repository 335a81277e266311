"""The corpus views over a tiny store: one shelling covered by three outlets over two days
(one writes "Kiev", one alone quotes the Kremlin, one alone reports a water cut) and an
unrelated business story. Outlet comparison, timelines, networks, map data, entity pages."""
from __future__ import annotations

import json

import pytest

from corpus_files import app_client, corpus_store, write_jsonl
from presstrace.store import db
from presstrace.corpus.compare import compare_story
from presstrace.store.errors import QueryError
from presstrace.corpus.mapdata import place_counts
from presstrace.corpus.network import actor_network, quoted_alongside
from presstrace.corpus.profile import entity_profile
from presstrace.corpus.timeline import timeline

ARTICLES = [
    ("kh-1", "2024-05-06", "Valley Herald", "Russian shelling kills three in Kharkiv",
     "Russian forces shelled Kharkiv on Monday, killing three civilians, regional governor Oleh "
     "Synehubov said. \"The strikes hit a school and two apartment blocks,\" Synehubov said on "
     "Telegram. President Volodymyr Zelensky condemned the attack in Kyiv. The city's water "
     "supply was cut off for 40,000 residents after a pumping station was damaged, officials said."),
    ("kh-2", "2024-05-06", "North Courier", "Three civilians killed as Russia shells Kharkiv",
     "Russian troops shelled Kharkiv on Monday and killed three civilians, governor Oleh "
     "Synehubov said. \"The strikes hit a school and two apartment blocks,\" Synehubov wrote. "
     "Zelensky spoke from Kiev. Moscow denied targeting civilians. \"Our forces strike only "
     "military targets,\" Kremlin spokesman Dmitry Peskov told reporters."),
    ("kh-3", "2024-05-07", "Daily Ledger", "Kharkiv clears rubble a day after shelling",
     "A day after Russian shelling killed three civilians in Kharkiv, residents cleared rubble "
     "from the streets. Governor Oleh Synehubov said repairs to the school would take months. "
     "\"We will rebuild every classroom,\" Synehubov said. Volodymyr Zelensky asked allies "
     "for more air defence systems."),
    ("fx-1", "2024-06-10", "Market Wire", "Talvec buys sensor maker Brisk Labs",
     "Talvec said on Monday it would buy the sensor maker Brisk Labs for $300 million. "
     "\"This deal doubles our engineering team,\" said chief executive Omar Reyes in Berlin. "
     "Analysts said the price was high."),
]
TEXTS = {input_id: text for input_id, *_, text in ARTICLES}


def build_store(folder, settings):
    """A store of ARTICLES with stories, corpus entities and merged events up to date."""
    path = folder / "views.db"
    corpus_store(path, [write_jsonl(folder / "articles.jsonl", ARTICLES)], settings)
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory, settings):
    return build_store(tmp_path_factory.mktemp("views"), settings)


@pytest.fixture
def conn(store):
    conn = db.open_store(store, create=False)
    yield conn
    conn.close()


def story_of(conn, input_id):
    return conn.execute("SELECT sa.story_id FROM story_articles sa JOIN articles a "
                        "ON a.id = sa.article_id WHERE a.input_id = ?", (input_id,)).fetchone()[0]


def input_ids(conn):
    return {r["id"]: r["input_id"] for r in conn.execute("SELECT id, input_id FROM articles")}


def assert_offsets(conn, items):
    """Every item's text is exactly its article's text at its offsets."""
    ids = input_ids(conn)
    for item in items:
        assert TEXTS[ids[item["article_id"]]][item["start"]:item["end"]] == item["text"]


# --- outlet comparison ---------------------------------------------------------------

def test_compare_summarises_the_story(conn):
    result = compare_story(conn, f"s{story_of(conn, 'kh-1')}")
    assert result["sources"] == ["Daily Ledger", "North Courier", "Valley Herald"]
    assert result["title"] == "Russian shelling kills three in Kharkiv"
    assert (result["first"], result["last"]) == ("2024-05-06", "2024-05-07")
    assert result["articles"] == 3
    assert [p["outlet"] for p in result["outlets"]] == result["sources"]  # one article each: A-Z
    assert compare_story(conn, story_of(conn, "kh-1"))["story"] == result["story"]  # 12 as well as s12


def test_compare_shows_whom_each_outlet_quotes(conn):
    outlets = {p["outlet"]: p for p in compare_story(conn, story_of(conn, "kh-1"))["outlets"]}
    quoted = {o: {q["name"]: q["quotes"] for q in p["quoted"]} for o, p in outlets.items()}
    assert quoted["North Courier"] == {"Oleh Synehubov": 1, "Dmitry Peskov": 1}
    assert quoted["Valley Herald"] == {"Oleh Synehubov": 1}
    assert quoted["Daily Ledger"] == {"Oleh Synehubov": 1}
    peskov = next(q for q in outlets["North Courier"]["quoted"] if q["name"] == "Dmitry Peskov")
    name = conn.execute("SELECT name FROM corpus_entities WHERE id = ?", (peskov["corpus_entity"],))
    assert name.fetchone()[0] == "Dmitry Peskov"


def test_compare_sourcing_tone_and_framing(conn):
    outlets = {p["outlet"]: p for p in compare_story(conn, story_of(conn, "kh-1"))["outlets"]}
    herald = outlets["Valley Herald"]
    assert herald["sourcing"]["claims"] == {"named": 1, "vague": 1, "unattributed": 1}
    assert herald["claims"] == 3
    shares = herald["sourcing"]["shares"]
    assert abs(sum(shares.values()) - 1) < 0.01
    for profile in outlets.values():
        assert isinstance(profile["tone"]["score"], float)
        assert profile["words"] > 0
        assert "naming_choice" not in profile["framing"]  # reported as naming instead


def test_compare_finds_the_naming_difference(conn):
    result = compare_story(conn, story_of(conn, "kh-1"))
    outlets = {p["outlet"]: p for p in result["outlets"]}
    assert outlets["North Courier"]["naming"]["Kyiv"] == {"Kiev": 1}
    assert outlets["Valley Herald"]["naming"]["Kyiv"] == {"Kyiv": 1}
    differences = {d["concept"]: d["outlets"] for d in result["naming_differences"]}
    assert differences["Kyiv"] == {"Valley Herald": {"Kyiv": 1}, "North Courier": {"Kiev": 1}}
    # Every outlet writes "Zelensky" and "Kharkiv" the same way: no difference there.
    assert "Volodymyr Zelensky" not in differences and "Kharkiv" not in differences


def test_compare_finds_the_claims_only_one_outlet_carries(conn):
    outlets = {p["outlet"]: p for p in compare_story(conn, story_of(conn, "kh-1"))["outlets"]}
    unique = {o: [c["text"] for c in p["unique_claims"]] for o, p in outlets.items()}
    water = ("The city's water supply was cut off for 40,000 residents after a pumping "
             "station was damaged")
    assert water in unique["Valley Herald"]
    assert "Moscow denied targeting civilians" in unique["North Courier"]
    # The shelling itself is in every account: nobody's own claim.
    for texts in unique.values():
        assert not any(t.startswith(("Russian forces shelled", "Russian troops shelled")) for t in texts)
    assert outlets["Valley Herald"]["shared_claim_count"] >= 1
    assert outlets["Valley Herald"]["unique_claim_count"] == len(unique["Valley Herald"])
    assert_offsets(conn, [c for p in outlets.values() for c in p["unique_claims"]])


def test_compare_a_stricter_threshold_makes_more_claims_unique(conn):
    sid = story_of(conn, "kh-1")
    loose = sum(p["unique_claim_count"] for p in compare_story(conn, sid, similar=0.3)["outlets"])
    strict = sum(p["unique_claim_count"] for p in compare_story(conn, sid, similar=1.01)["outlets"])
    assert strict > loose


@pytest.mark.parametrize("bad", ["s999", "999", "story", ""])
def test_compare_unknown_story(conn, bad):
    with pytest.raises(QueryError):
        compare_story(conn, bad)


# --- timelines ---------------------------------------------------------------------------

def test_timeline_of_a_person_is_events_and_quotes_in_date_order(conn):
    items = timeline(conn, entity="Oleh Synehubov")
    assert [i["kind"] for i in items] == ["quote", "quote", "quote"]
    assert [i["date"] for i in items] == ["2024-05-06", "2024-05-06", "2024-05-07"]
    assert {i["outlet"] for i in items} == {"Valley Herald", "North Courier", "Daily Ledger"}
    assert_offsets(conn, items)
    zelensky = timeline(conn, entity="Zelensky")  # by alias
    assert [(i["kind"], i["type"], i["date"]) for i in zelensky] == [
        ("event", "ACCUSE", "2024-05-06"), ("event", "REQUEST", "2024-05-07")]
    assert_offsets(conn, zelensky)


def test_timeline_of_a_place_by_either_spelling(conn):
    kiev, kyiv = timeline(conn, place="Kiev"), timeline(conn, place="Kyiv")
    assert kiev == kyiv
    assert [(i["type"], i["place"]) for i in kiev] == [("ACCUSE", "Kyiv")]
    # A corpus entity that is a resolved place is that place.
    assert timeline(conn, entity="Kyiv") == kyiv


def test_timeline_of_a_story_with_dates(conn):
    sid = story_of(conn, "kh-1")
    items = timeline(conn, story=sid)
    ids = input_ids(conn)
    assert {ids[i["article_id"]] for i in items} == {"kh-1", "kh-2", "kh-3"}
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    later = timeline(conn, story=sid, since="2024-05-07")
    assert later and all(i["date"] == "2024-05-07" for i in later)
    assert len(timeline(conn, story=sid, limit=2)) == 2


@pytest.mark.parametrize("kwargs", [{}, {"entity": "Nobody Atall"}, {"place": "Atlantis"},
                                    {"story": "s999"}, {"entity": "Zelensky", "since": "May"},
                                    {"entity": "Zelensky", "limit": -1}])
def test_timeline_refuses_what_it_cannot_answer(conn, kwargs):
    with pytest.raises(QueryError):
        timeline(conn, **kwargs)


# --- networks ----------------------------------------------------------------------------

def test_actor_network(conn):
    graph = actor_network(conn)
    edges = {(e["source"], e["target"], e["type"]): e for e in graph["edges"]}
    zelensky = conn.execute("SELECT id FROM corpus_entities WHERE name = 'Volodymyr Zelensky'").fetchone()[0]
    assert (f"c{zelensky}", "allies", "REQUEST") in edges
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes[f"c{zelensky}"]["label"] == "Volodymyr Zelensky"
    assert {e["source"] for e in graph["edges"]} | {e["target"] for e in graph["edges"]} == set(nodes)
    for edge in graph["edges"]:
        assert edge["reports"] >= edge["weight"] >= 1 and edge["source"] != edge["target"]
    # Weights add up on the nodes.
    assert sum(n["as_source"] for n in nodes.values()) == sum(e["weight"] for e in graph["edges"])
    only = actor_network(conn, entity="Zelensky")
    assert [(e["source"], e["type"]) for e in only["edges"]] == [(f"c{zelensky}", "REQUEST")]
    assert actor_network(conn, event_type="request")["edges"] == only["edges"]
    assert actor_network(conn, since="2024-06-01")["edges"] == []


def test_quoted_alongside(conn):
    graph = quoted_alongside(conn)
    labels = {n["id"]: n["label"] for n in graph["nodes"]}
    assert sorted(labels.values()) == ["Dmitry Peskov", "Oleh Synehubov"]  # Omar Reyes: alone
    assert [(labels[e["source"]], labels[e["target"]], e["weight"]) for e in graph["edges"]] in (
        [("Oleh Synehubov", "Dmitry Peskov", 1)], [("Dmitry Peskov", "Oleh Synehubov", 1)])
    synehubov = next(n for n in graph["nodes"] if n["label"] == "Oleh Synehubov")
    assert (synehubov["quotes"], synehubov["articles"]) == (3, 3)
    assert quoted_alongside(conn, story=story_of(conn, "fx-1"))["edges"] == []
    with pytest.raises(QueryError):
        quoted_alongside(conn, by="day")


# --- map data and entity pages ---------------------------------------------------------

def test_place_counts(conn):
    rows = {r["name"]: r for r in place_counts(conn)}
    assert (rows["Kharkiv"]["mentions"], rows["Kharkiv"]["articles"]) == (3, 3)
    assert (rows["Kyiv"]["mentions"], rows["Kyiv"]["articles"]) == (2, 2)  # "Kyiv" and "Kiev"
    assert rows["Kharkiv"]["country"] == "UA" and 49 < rows["Kharkiv"]["lat"] < 51
    assert [r["name"] for r in place_counts(conn, story=story_of(conn, "fx-1"))] == ["Berlin"]
    assert [r["name"] for r in place_counts(conn, limit=1)] == ["Kharkiv"]
    assert "Berlin" not in {r["name"] for r in place_counts(conn, until="2024-05")}


def test_entity_profile(conn):
    profile = entity_profile(conn, "Zelensky")
    assert profile["name"] == "Volodymyr Zelensky" and profile["family"] == "person"
    assert {a["alias"] for a in profile["aliases"]} == {"Volodymyr Zelensky", "Zelensky"}
    assert [(e["type"], e["role"]) for e in profile["events"]] == [("REQUEST", "source"),
                                                                   ("ACCUSE", "source")]
    assert profile["mentions_by_month"] == [{"month": "2024-05", "mentions": 3, "articles": 3}]
    assert entity_profile(conn, profile["id"]) == profile
    synehubov = entity_profile(conn, "Synehubov", limit=1)
    assert synehubov["quote_count"] == 3 and len(synehubov["quotes"]) == 1
    assert_offsets(conn, synehubov["quotes"] + profile["events"])
    with pytest.raises(QueryError):
        entity_profile(conn, 10**6)


# --- the commands --------------------------------------------------------------------------

def invoke(*args):
    from click.testing import CliRunner

    from presstrace.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def test_story_command(store, conn):
    sid = story_of(conn, "kh-1")
    result = invoke("story", f"s{sid}", "--compare", "--format", "json", "--db", store)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == compare_story(conn, sid)
    text = invoke("story", sid, "--compare", "--db", store).output
    assert "naming of Kyiv: North Courier: Kiev; Valley Herald: Kyiv" in text
    assert "Moscow denied targeting civilians" in text
    listing = json.loads(invoke("story", sid, "--format", "json", "--db", store).output)
    assert sorted(a["input_id"] for a in listing["articles"]) == ["kh-1", "kh-2", "kh-3"]
    missing = invoke("story", "s999", "--db", store)
    assert missing.exit_code == 1 and "no story s999" in missing.output


def test_view_commands_write_what_the_functions_answer(store, conn):
    runs = [(["timeline", "--entity", "Synehubov"], timeline(conn, entity="Synehubov")),
            (["network", "--kind", "quotes"], quoted_alongside(conn)),
            (["network", "--type", "REQUEST"], actor_network(conn, event_type="REQUEST")),
            (["places", "--limit", "2"], place_counts(conn, limit=2)),
            (["entity", "Zelensky"], entity_profile(conn, "Zelensky"))]
    for args, expected in runs:
        result = invoke(*args, "--format", "json", "--db", store)
        assert result.exit_code == 0, (args, result.output)
        assert json.loads(result.output) == expected
    table = invoke("timeline", "--place", "Kiev", "--db", store).output
    assert "ACCUSE" in table and "Valley Herald" in table
    assert invoke("timeline", "--db", store).exit_code == 1  # nothing to follow
    assert invoke("network", "--kind", "quotes", "--type", "ASSAULT", "--db", store).exit_code == 2


# --- the API -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(store, settings):
    pytest.importorskip("fastapi")
    with app_client(store, settings) as c:
        yield c


def test_api_story_and_entity(client, conn):
    sid = story_of(conn, "kh-1")
    answer = client.get(f"/api/stories/s{sid}")
    assert answer.status_code == 200 and answer.json() == compare_story(conn, sid)
    few = client.get(f"/api/stories/{sid}", params={"claims_limit": 0}).json()
    assert all(p["unique_claims"] == [] and p["unique_claim_count"] for p in few["outlets"])
    assert client.get("/api/entities/Zelensky").json() == entity_profile(conn, "Zelensky")
    for path in ("/api/stories/s999", "/api/entities/999999", f"/api/entities/{'9' * 30}"):
        error = client.get(path)
        assert error.status_code == 404 and error.json()["error"]["code"] == "not_found"


def test_api_lists_page_like_the_others(client, conn):
    sid = story_of(conn, "kh-1")
    everything = timeline(conn, story=sid)
    first = client.get("/api/timeline", params={"story": f"s{sid}", "limit": 2}).json()
    assert first["items"] == everything[:2] and first["next_offset"] == 2
    rest = client.get("/api/timeline", params={"story": sid, "limit": 100, "offset": 2}).json()
    assert rest["items"] == everything[2:] and rest["next_offset"] is None
    places = client.get("/api/places", params={"limit": 1}).json()
    assert [p["name"] for p in places["items"]] == ["Kharkiv"] and places["next_offset"] == 1
    assert client.get("/api/network", params={"kind": "quotes"}).json() == quoted_alongside(conn)
    assert client.get("/api/network", params={"type": "request"}).json() == \
        actor_network(conn, event_type="request")


@pytest.mark.parametrize("path, params, status, code", [
    ("/api/timeline", {}, 400, "bad_query"),
    ("/api/timeline", {"place": "Atlantis"}, 404, "not_found"),
    ("/api/timeline", {"entity": "x' OR 1=1 --"}, 404, "not_found"),
    ("/api/timeline", {"story": "s1", "since": "May"}, 422, "invalid_request"),
    ("/api/places", {"story": "one"}, 400, "bad_query"),
    ("/api/network", {"kind": "quotes", "type": "ASSAULT"}, 400, "bad_query"),
    ("/api/network", {"kind": "friends"}, 422, "invalid_request"),
    ("/api/places", {"limit": 0}, 422, "invalid_request"),
])
def test_api_errors_have_the_one_shape(client, path, params, status, code):
    answer = client.get(path, params=params)
    assert answer.status_code == status
    assert answer.json() == {"error": {"code": code, "message": answer.json()["error"]["message"],
                                       "status": status}}
