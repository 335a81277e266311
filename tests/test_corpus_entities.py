"""Entities across articles and merged events, on a tiny store of invented articles:
spelling variants, lone surnames, acronyms and GeoNames ids merge; two different Smiths
and an ambiguous lone "Smith" stay apart; two reports of one shelling merge, other events
do not; the incremental update equals a rebuild; the commands."""
from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest
from click.testing import CliRunner

from presstrace.cli import cli
from corpus_files import write_jsonl
from presstrace.store import db
from presstrace.corpus.entities import (_identify, _key, _misspelt, _misspelt_first_names, canonical_name, list_corpus_entities,
                                              update_corpus_entities)
from presstrace.runners import ingest
from presstrace.corpus.events import group_events, iter_merged_events, update_merged_events
from presstrace.corpus.stories import parse_date

FIRST = [
    ("k1", "2024-05-06", "Kyiv Post",
     "President Volodymyr Zelenskyy met European Union leaders in Kyiv on Monday. Zelenskyy "
     "said the European Union would send more aid. John Smith, a British diplomat, attended."),
    ("k2", "2024-05-07", "Wire",
     "Zelensky told reporters in Kiev that the EU had agreed new sanctions. Russian forces "
     "shelled Kharkiv on Tuesday, killing three civilians. Mr Terekhov said the city would "
     "rebuild. Jane Smith, an economist, said prices rose."),
]
REST = [
    ("k3", "2024-05-07", "Daily Ledger",
     "Russian troops shelled Kharkiv on Tuesday, local officials said. Volodymyr Zelenskiy "
     "condemned the attack. The EU promised help."),
    ("k4", "2024-05-20", "North Courier",
     "Russian forces shelled Kharkiv again on Monday. Mr Smith said the city would rebuild. "
     "Mayor Ihor Terekhov said two schools were hit."),
]


def write(path, rows):
    return write_jsonl(path, rows, fields=("id", "date", "source", "text"))


@pytest.fixture(scope="module")
def stores(tmp_path_factory, settings):
    """(store with all four articles, store with the first two, file of the other two)."""
    folder = tmp_path_factory.mktemp("corpus")
    partial = folder / "partial.db"
    ingest([str(write(folder / "first.jsonl", FIRST))], partial, settings, n_process=1)
    rest = write(folder / "rest.jsonl", REST)
    full = folder / "full.db"
    shutil.copy(partial, full)
    ingest([str(rest)], full, settings, n_process=1)
    return full, partial, rest


@pytest.fixture
def conn(stores, tmp_path):
    path = tmp_path / "c.db"
    shutil.copy(stores[0], path)
    conn = db.open_store(path, create=False)
    yield conn
    conn.close()


def by_name(conn):
    return {r["name"]: r for r in list_corpus_entities(conn)}


def articles_of(conn, corpus_id):
    return sorted(r[0] for r in conn.execute(
        "SELECT DISTINCT a.input_id FROM corpus_entity_links l JOIN articles a ON a.id = l.article_id "
        "WHERE l.corpus_entity_id = ?", (corpus_id,)))


def snapshot(conn):
    """Every corpus entity as (family, name, sorted aliases, reporting input ids)."""
    return sorted((r["family"], r["name"], tuple(sorted(r["aliases"])), tuple(articles_of(conn, r["id"])))
                  for r in list_corpus_entities(conn))


def test_variants_surnames_acronyms_and_places_merge(conn):
    summary = update_corpus_entities(conn)
    assert summary["linked"] > 0 and summary["rebuilt"] == 0
    found = by_name(conn)
    zelenskyy = found["Volodymyr Zelenskyy"]
    assert zelenskyy["family"] == "person"
    # "Zelensky" alone (one full name has it); "Volodymyr Zelenskiy", tagged ORG in k3, too.
    assert {"Zelensky", "Zelenskyy", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"} \
        <= set(zelenskyy["aliases"])
    assert articles_of(conn, zelenskyy["id"]) == ["k1", "k2", "k3"]
    eu = found["European Union"]
    assert eu["family"] == "org" and {"EU", "European Union"} <= set(eu["aliases"])
    assert articles_of(conn, eu["id"]) == ["k1", "k2", "k3"]
    kyiv = found["Kyiv"]
    assert kyiv["family"] == "place" and kyiv["geonameid"] is not None
    assert {"Kyiv", "Kiev"} <= set(kyiv["aliases"]) and articles_of(conn, kyiv["id"]) == ["k1", "k2"]
    # Two different Smiths stay apart, and a lone "Smith" joins neither (two have it).
    assert articles_of(conn, found["John Smith"]["id"]) == ["k1"]
    assert articles_of(conn, found["Jane Smith"]["id"]) == ["k2"]
    assert found["Smith"]["family"] == "person"
    assert found["Smith"]["aliases"] == ["Smith"] and articles_of(conn, found["Smith"]["id"]) == ["k4"]
    # Nothing new: nothing linked.
    assert update_corpus_entities(conn)["linked"] == 0


@pytest.mark.parametrize("name,label,person,org,family", [
    ("White House", "PERSON", 4, 168, "org"),        # mostly an organisation
    ("Volodymyr Zelenskiy", "ORG", 2, 1, "person"),  # mostly a person
    ("Jens Stoltenberg", "ORG", 1, 1, "person"),     # a tie keeps the person
    ("Smith", "ORG", 5, 1, "org"),                   # one word: a firm may bear a surname
])
def test_family_follows_the_corpus_majority_of_labels(name, label, person, org, family):
    row = {"id": 1, "article_id": 1, "name": name, "label": label, "aliases": None}
    found = _identify(row, {}, {_key(name): Counter({"PERSON": person, "ORG": org})})
    assert found is not None and found[0] == family


@pytest.mark.parametrize("a,b,same", [
    ("volodymr", "volodymyr", True), ("vladmir", "vladimir", True), ("volodomyr", "volodymyr", True),
    ("segey", "sergey", True), ("antony", "anthony", True),
    ("daniel", "danielle", False),  # two letters
    ("maria", "mario", False),      # the ending makes another name
    ("vladimir", "volodymyr", False),
])
def test_misspelt_first_names_are_one_letter_off_before_the_end(a, b, same):
    assert _misspelt(a, b) is same and _misspelt(b, a) is same


def test_misspelt_first_name_joins_only_a_far_better_known_person(tmp_path):
    conn = db.open_store(tmp_path / "m.db", create=True)
    people = {"volodymyr zelenskyy": 300, "volodymr zelenskyy": 7, "mario rossi": 40, "maria rossi": 3,
              "daniela smith": 4, "danielo smith": 5}
    ids = {key: conn.execute("INSERT INTO corpus_entities (family, key, articles) VALUES ('person', ?, ?)",
                             (key, n)).lastrowid for key, n in people.items()}
    touched: set[int] = set()
    merged = _misspelt_first_names(conn, touched, {ids[k]: n for k, n in people.items()})
    left = {r[0] for r in conn.execute("SELECT key FROM corpus_entities")}
    assert merged == 1 and "volodymr zelenskyy" not in left and touched == {ids["volodymyr zelenskyy"]}
    assert {"maria rossi", "daniela smith", "danielo smith"} <= left  # an ending; neither dominant
    conn.close()


def test_incremental_update_equals_rebuild(stores, tmp_path, settings):
    path = tmp_path / "p.db"
    shutil.copy(stores[1], path)
    conn = db.open_store(path, create=False)
    try:
        update_corpus_entities(conn)
        assert "Zelensky" in by_name(conn)["Volodymyr Zelenskyy"]["aliases"]
        # A lone surname before any full name has it stays alone …
        assert by_name(conn)["Terekhov"]["family"] == "person"
        ingest([str(stores[2])], path, settings, n_process=1)
        second = update_corpus_entities(conn)
        # … and joins the full name when a later article brings it.
        assert second["linked"] > 0 and second["absorbed"] >= 1
        found = by_name(conn)
        assert "Terekhov" not in found
        assert articles_of(conn, found["Ihor Terekhov"]["id"]) == ["k2", "k4"]
        incremental = snapshot(conn)
        update_corpus_entities(conn, rebuild=True)
        assert snapshot(conn) == incremental
        # Articles analysed again lose their links (new entity rows) and are linked again.
        ingest([str(stores[2])], path, settings, n_process=1, force=True)
        assert update_corpus_entities(conn)["linked"] == second["linked"]
        assert snapshot(conn) == incremental
    finally:
        conn.close()


def test_canonical_name_prefers_the_most_frequent_full_form():
    assert canonical_name({"EU": 5, "European Union": 1}) == "European Union"
    assert canonical_name({"Volodymyr Zelenskiy": 1, "Volodymyr Zelenskyy": 3, "Zelensky": 9}) \
        == "Volodymyr Zelenskyy"
    assert canonical_name({"Volodymyr Zelenskiy": 1, "Volodymyr Zelenskyy": 1},
                          {"Volodymyr Zelenskiy": 3, "Volodymyr Zelenskyy": 1}) == "Volodymyr Zelenskyy"
    assert canonical_name({}) is None


def test_reports_of_one_shelling_merge(conn):
    update_corpus_entities(conn)
    update_merged_events(conn)
    shelling = [m for m in iter_merged_events(conn, "ASSAULT") if m["place"] == "Kharkiv"]
    # k2 and k3 report the same shelling on 7 May; k4's shelling two weeks later is another one.
    assert [sorted(a["input_id"] for a in m["articles"]) for m in shelling] == [["k2", "k3"], ["k4"]]
    assert {a["source"] for a in shelling[0]["articles"]} == {"Wire", "Daily Ledger"}
    assert shelling[0]["source"] == "RUS-MIL" and shelling[0]["reports"] == 2
    assert shelling[0]["first"] == shelling[0]["last"] == "2024-05-07"
    # An actor known only by name is compared, and shown, as its corpus entity.
    assert [m["source"] for m in iter_merged_events(conn, "ACCUSE")] == ["Volodymyr Zelenskyy"]
    # With a window wide enough, the later shelling joins too.
    update_merged_events(conn, window_days=14)
    shelling = [m for m in iter_merged_events(conn, "assault") if m["place"] == "Kharkiv"]
    assert [len(m["articles"]) for m in shelling] == [3]


def event(id, day, source="RUS-MIL", place="kharkiv"):
    return {"id": id, "article_id": id, "type": "ASSAULT", "source": source, "target": "",
            "place": place, "place_name": place, "date": parse_date(day)}


def test_group_events_window_actors_and_places():
    groups = group_events([event(1, "2024-05-07"), event(2, "2024-05-09"), event(3, "2024-05-10"),
                           event(4, "2024-05-07", source="UKR-MIL"), event(5, "2024-05-07", place="odesa"),
                           event(6, None), event(7, "2024-05-07", source="", place="")])
    assert sorted(sorted(e["id"] for e in g) for g in groups) == [[1, 2], [3], [4], [5], [6], [7]]
    with pytest.raises(ValueError):
        group_events([], window_days=-1)


def test_commands(stores, tmp_path):
    path = tmp_path / "cli.db"
    shutil.copy(stores[0], path)
    runner = CliRunner()
    result = runner.invoke(cli, ["entities", "--db", str(path), "--update", "--top", "3",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 3 and rows[0]["articles"] == 3
    assert {r["name"] for r in rows} >= {"Volodymyr Zelenskyy", "European Union"}
    result = runner.invoke(cli, ["entities", "--db", str(path), "--family", "place"])
    assert result.exit_code == 0 and "Kyiv" in result.stdout and "Kiev" in result.stdout
    result = runner.invoke(cli, ["events", "--db", str(path), "--merged", "--type", "ASSAULT",
                                 "--min-articles", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    merged = json.loads(result.stdout)
    assert [sorted(a["input_id"] for a in m["articles"]) for m in merged] == [["k2", "k3"]]
    result = runner.invoke(cli, ["events", "--db", str(path), "--merged"])
    assert result.exit_code == 0 and "Daily Ledger; Wire" in result.stdout
    assert runner.invoke(cli, ["events", "--db", str(path)]).exit_code == 2
