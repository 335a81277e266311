"""The corpus views over the invented views store (VIEWS_ARTICLES in tests/conftest.py):
one shelling covered by three outlets over two days (one writes "Kiev", one alone quotes
the Kremlin, one alone reports a water cut) and an unrelated business story. Outlet
comparison, timelines, networks, map data, entity pages."""
from __future__ import annotations

import pytest

from presstrace.corpus.compare import compare_story
from presstrace.corpus.mapdata import place_counts
from presstrace.corpus.network import actor_network, quoted_alongside
from presstrace.corpus.profile import entity_profile
from presstrace.corpus.timeline import timeline
from presstrace.store.errors import QueryError


def input_ids(conn):
    return {r["id"]: r["input_id"] for r in conn.execute("SELECT id, input_id FROM articles")}


def assert_offsets(conn, items):
    """Every item's text is exactly its article's text at its offsets (the store keeps each
    article's text as it was given)."""
    texts = {r["id"]: r["text"] for r in conn.execute("SELECT id, text FROM articles")}
    for item in items:
        assert texts[item["article_id"]][item["start"]:item["end"]] == item["text"]


# --- outlet comparison ---------------------------------------------------------------

def test_compare_summarises_the_story(views_conn, story_of):
    result = compare_story(views_conn, f"s{story_of(views_conn, 'kh-1')}")
    assert result["sources"] == ["Daily Ledger", "North Courier", "Valley Herald"]
    assert result["title"] == "Russian shelling kills three in Kharkiv"
    assert (result["first"], result["last"]) == ("2024-05-06", "2024-05-07")
    assert result["articles"] == 3
    assert [p["outlet"] for p in result["outlets"]] == result["sources"]  # one article each: A-Z
    assert compare_story(views_conn, story_of(views_conn, "kh-1"))["story"] == result["story"]  # 12 as well as s12


def test_compare_shows_whom_each_outlet_quotes(views_conn, story_of):
    outlets = {p["outlet"]: p for p in compare_story(views_conn, story_of(views_conn, "kh-1"))["outlets"]}
    quoted = {o: {q["name"]: q["quotes"] for q in p["quoted"]} for o, p in outlets.items()}
    assert quoted["North Courier"] == {"Oleh Synehubov": 1, "Dmitry Peskov": 1}
    assert quoted["Valley Herald"] == {"Oleh Synehubov": 1}
    assert quoted["Daily Ledger"] == {"Oleh Synehubov": 1}
    peskov = next(q for q in outlets["North Courier"]["quoted"] if q["name"] == "Dmitry Peskov")
    name = views_conn.execute("SELECT name FROM corpus_entities WHERE id = ?", (peskov["corpus_entity"],))
    assert name.fetchone()[0] == "Dmitry Peskov"


def test_compare_sourcing_tone_and_framing(views_conn, story_of):
    outlets = {p["outlet"]: p for p in compare_story(views_conn, story_of(views_conn, "kh-1"))["outlets"]}
    herald = outlets["Valley Herald"]
    assert herald["sourcing"]["claims"] == {"named": 1, "vague": 1, "unattributed": 1}
    assert herald["claims"] == 3
    shares = herald["sourcing"]["shares"]
    assert abs(sum(shares.values()) - 1) < 0.01
    for profile in outlets.values():
        assert isinstance(profile["tone"]["score"], float)
        assert profile["words"] > 0
        assert "naming_choice" not in profile["framing"]  # reported as naming instead


def test_compare_finds_the_naming_difference(views_conn, story_of):
    result = compare_story(views_conn, story_of(views_conn, "kh-1"))
    outlets = {p["outlet"]: p for p in result["outlets"]}
    assert outlets["North Courier"]["naming"]["Kyiv"] == {"Kiev": 1}
    assert outlets["Valley Herald"]["naming"]["Kyiv"] == {"Kyiv": 1}
    differences = {d["concept"]: d["outlets"] for d in result["naming_differences"]}
    assert differences["Kyiv"] == {"Valley Herald": {"Kyiv": 1}, "North Courier": {"Kiev": 1}}
    # Every outlet writes "Zelensky" and "Kharkiv" the same way: no difference there.
    assert "Volodymyr Zelensky" not in differences and "Kharkiv" not in differences


def test_compare_finds_the_claims_only_one_outlet_carries(views_conn, story_of):
    outlets = {p["outlet"]: p for p in compare_story(views_conn, story_of(views_conn, "kh-1"))["outlets"]}
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
    assert_offsets(views_conn, [c for p in outlets.values() for c in p["unique_claims"]])


def test_compare_a_stricter_threshold_makes_more_claims_unique(views_conn, story_of):
    sid = story_of(views_conn, "kh-1")
    loose = sum(p["unique_claim_count"] for p in compare_story(views_conn, sid, similar=0.3)["outlets"])
    strict = sum(p["unique_claim_count"] for p in compare_story(views_conn, sid, similar=1.01)["outlets"])
    assert strict > loose


@pytest.mark.parametrize("bad", ["s999", "999", "story", ""])
def test_compare_unknown_story(views_conn, bad):
    with pytest.raises(QueryError):
        compare_story(views_conn, bad)


# --- timelines ---------------------------------------------------------------------------

def test_timeline_of_a_person_is_events_and_quotes_in_date_order(views_conn):
    items = timeline(views_conn, entity="Oleh Synehubov")
    assert [i["kind"] for i in items] == ["quote", "quote", "quote"]
    assert [i["date"] for i in items] == ["2024-05-06", "2024-05-06", "2024-05-07"]
    assert {i["outlet"] for i in items} == {"Valley Herald", "North Courier", "Daily Ledger"}
    assert_offsets(views_conn, items)
    zelensky = timeline(views_conn, entity="Zelensky")  # by alias
    assert [(i["kind"], i["type"], i["date"]) for i in zelensky] == [
        ("event", "ACCUSE", "2024-05-06"), ("event", "REQUEST", "2024-05-07")]
    assert_offsets(views_conn, zelensky)


def test_timeline_of_a_place_by_either_spelling(views_conn):
    kiev, kyiv = timeline(views_conn, place="Kiev"), timeline(views_conn, place="Kyiv")
    assert kiev == kyiv
    assert [(i["type"], i["place"]) for i in kiev] == [("ACCUSE", "Kyiv")]
    # A corpus entity that is a resolved place is that place.
    assert timeline(views_conn, entity="Kyiv") == kyiv


def test_timeline_of_a_story_with_dates(views_conn, story_of):
    sid = story_of(views_conn, "kh-1")
    items = timeline(views_conn, story=sid)
    ids = input_ids(views_conn)
    assert {ids[i["article_id"]] for i in items} == {"kh-1", "kh-2", "kh-3"}
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    later = timeline(views_conn, story=sid, since="2024-05-07")
    assert later and all(i["date"] == "2024-05-07" for i in later)
    assert len(timeline(views_conn, story=sid, limit=2)) == 2


@pytest.mark.parametrize("kwargs", [{}, {"entity": "Nobody Atall"}, {"place": "Atlantis"},
                                    {"story": "s999"}, {"entity": "Zelensky", "since": "May"},
                                    {"entity": "Zelensky", "limit": -1}])
def test_timeline_refuses_what_it_cannot_answer(views_conn, kwargs):
    with pytest.raises(QueryError):
        timeline(views_conn, **kwargs)


# --- networks ----------------------------------------------------------------------------

def test_network_actor_network(views_conn):
    graph = actor_network(views_conn)
    edges = {(e["source"], e["target"], e["type"]): e for e in graph["edges"]}
    zelensky = views_conn.execute("SELECT id FROM corpus_entities WHERE name = 'Volodymyr Zelensky'").fetchone()[0]
    germany = views_conn.execute("SELECT id FROM corpus_entities WHERE name = 'Germany'").fetchone()[0]
    assert (f"c{zelensky}", f"c{germany}", "REQUEST") in edges
    # A node is an entity or a group with a country, never a bare sector or a phrase.
    assert all(k.startswith("c") or k[:3].isupper() and k[:3].isalpha() for e in edges for k in e[:2])
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes[f"c{zelensky}"]["label"] == "Volodymyr Zelensky"
    assert {e["source"] for e in graph["edges"]} | {e["target"] for e in graph["edges"]} == set(nodes)
    for edge in graph["edges"]:
        assert edge["reports"] >= edge["weight"] >= 1 and edge["source"] != edge["target"]
    # Weights add up on the nodes.
    assert sum(n["as_source"] for n in nodes.values()) == sum(e["weight"] for e in graph["edges"])
    only = actor_network(views_conn, entity="Zelensky")
    # "Zelensky condemned the attack": an attack is no actor, so no edge.
    assert [(e["source"], e["type"]) for e in only["edges"]] == [(f"c{zelensky}", "REQUEST")]
    assert actor_network(views_conn, event_type="request")["edges"] == only["edges"]
    assert actor_network(views_conn, since="2024-06-01")["edges"] == []


def test_network_quoted_alongside(views_conn, story_of):
    graph = quoted_alongside(views_conn)
    labels = {n["id"]: n["label"] for n in graph["nodes"]}
    assert sorted(labels.values()) == ["Dmitry Peskov", "Oleh Synehubov"]  # Omar Reyes: alone
    assert [(labels[e["source"]], labels[e["target"]], e["weight"]) for e in graph["edges"]] in (
        [("Oleh Synehubov", "Dmitry Peskov", 1)], [("Dmitry Peskov", "Oleh Synehubov", 1)])
    synehubov = next(n for n in graph["nodes"] if n["label"] == "Oleh Synehubov")
    assert (synehubov["quotes"], synehubov["articles"]) == (3, 3)
    assert quoted_alongside(views_conn, story=story_of(views_conn, "fx-1"))["edges"] == []
    with pytest.raises(QueryError):
        quoted_alongside(views_conn, by="day")


# --- map data and entity pages ---------------------------------------------------------

def test_mapdata_place_counts(views_conn, story_of):
    rows = {r["name"]: r for r in place_counts(views_conn)}
    assert (rows["Kharkiv"]["mentions"], rows["Kharkiv"]["articles"]) == (3, 3)
    assert (rows["Kyiv"]["mentions"], rows["Kyiv"]["articles"]) == (2, 2)  # "Kyiv" and "Kiev"
    assert rows["Kharkiv"]["country"] == "UA" and 49 < rows["Kharkiv"]["lat"] < 51
    assert [r["name"] for r in place_counts(views_conn, story=story_of(views_conn, "fx-1"))] == ["Berlin"]
    assert [r["name"] for r in place_counts(views_conn, limit=1)] == ["Kharkiv"]
    assert "Berlin" not in {r["name"] for r in place_counts(views_conn, until="2024-05")}


def test_profile_entity_profile(views_conn):
    profile = entity_profile(views_conn, "Zelensky")
    assert profile["name"] == "Volodymyr Zelensky" and profile["family"] == "person"
    assert {a["alias"] for a in profile["aliases"]} == {"Volodymyr Zelensky", "Zelensky"}
    assert [(e["type"], e["role"]) for e in profile["events"]] == [("REQUEST", "source"),
                                                                   ("ACCUSE", "source")]
    assert profile["mentions_by_month"] == [{"month": "2024-05", "mentions": 3, "articles": 3}]
    assert entity_profile(views_conn, profile["id"]) == profile
    synehubov = entity_profile(views_conn, "Synehubov", limit=1)
    assert synehubov["quote_count"] == 3 and len(synehubov["quotes"]) == 1
    assert_offsets(views_conn, synehubov["quotes"] + profile["events"])
    with pytest.raises(QueryError):
        entity_profile(views_conn, 10**6)
