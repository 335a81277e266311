"""Entities across articles (`corpus/entities.py`), on the invented entity store
(ENTITIES_FIRST and ENTITIES_REST in tests/conftest.py): spelling variants, lone surnames,
acronyms and GeoNames ids merge; two different Smiths and an ambiguous lone "Smith" stay
apart; the incremental update equals a rebuild."""
from __future__ import annotations

import shutil
from collections import Counter

import pytest

from presstrace.corpus.entities import (_identify, _key, _misspelt, _misspelt_first_names, canonical_name,
                                        list_corpus_entities, update_corpus_entities)
from presstrace.runners import ingest
from presstrace.store import db


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


def test_entities_variants_surnames_acronyms_and_places_merge(entity_conn):
    summary = update_corpus_entities(entity_conn)
    assert summary["linked"] > 0 and summary["rebuilt"] == 0
    found = by_name(entity_conn)
    zelenskyy = found["Volodymyr Zelenskyy"]
    assert zelenskyy["family"] == "person"
    # "Zelensky" alone (one full name has it); "Volodymyr Zelenskiy", tagged ORG in k3, too.
    assert {"Zelensky", "Zelenskyy", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"} \
        <= set(zelenskyy["aliases"])
    assert articles_of(entity_conn, zelenskyy["id"]) == ["k1", "k2", "k3"]
    eu = found["European Union"]
    assert eu["family"] == "org" and {"EU", "European Union"} <= set(eu["aliases"])
    assert articles_of(entity_conn, eu["id"]) == ["k1", "k2", "k3"]
    kyiv = found["Kyiv"]
    assert kyiv["family"] == "place" and kyiv["geonameid"] is not None
    assert {"Kyiv", "Kiev"} <= set(kyiv["aliases"]) and articles_of(entity_conn, kyiv["id"]) == ["k1", "k2"]
    # Two different Smiths stay apart, and a lone "Smith" joins neither (two have it).
    assert articles_of(entity_conn, found["John Smith"]["id"]) == ["k1"]
    assert articles_of(entity_conn, found["Jane Smith"]["id"]) == ["k2"]
    assert found["Smith"]["family"] == "person"
    assert found["Smith"]["aliases"] == ["Smith"] and articles_of(entity_conn, found["Smith"]["id"]) == ["k4"]
    # Nothing new: nothing linked.
    assert update_corpus_entities(entity_conn)["linked"] == 0


@pytest.mark.parametrize("name,label,person,org,family", [
    ("White House", "PERSON", 4, 168, "org"),        # mostly an organisation
    ("Volodymyr Zelenskiy", "ORG", 2, 1, "person"),  # mostly a person
    ("Jens Stoltenberg", "ORG", 1, 1, "person"),     # a tie keeps the person
    ("Smith", "ORG", 5, 1, "org"),                   # one word: a firm may bear a surname
])
def test_entities_family_follows_the_corpus_majority_of_labels(name, label, person, org, family):
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
def test_entities_misspelt_first_names_are_one_letter_off_before_the_end(a, b, same):
    assert _misspelt(a, b) is same and _misspelt(b, a) is same


def test_entities_misspelt_first_name_joins_only_a_far_better_known_person(tmp_path):
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


def test_entities_incremental_update_equals_rebuild(entity_stores, tmp_path, settings):
    path = tmp_path / "p.db"
    shutil.copy(entity_stores[1], path)
    conn = db.open_store(path, create=False)
    try:
        update_corpus_entities(conn)
        assert "Zelensky" in by_name(conn)["Volodymyr Zelenskyy"]["aliases"]
        # A lone surname before any full name has it stays alone …
        assert by_name(conn)["Terekhov"]["family"] == "person"
        ingest([str(entity_stores[2])], path, settings, n_process=1)
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
        ingest([str(entity_stores[2])], path, settings, n_process=1, force=True)
        assert update_corpus_entities(conn)["linked"] == second["linked"]
        assert snapshot(conn) == incremental
    finally:
        conn.close()


def test_entities_canonical_name_prefers_the_most_frequent_full_form():
    assert canonical_name({"EU": 5, "European Union": 1}) == "European Union"
    assert canonical_name({"Volodymyr Zelenskiy": 1, "Volodymyr Zelenskyy": 3, "Zelensky": 9}) \
        == "Volodymyr Zelenskyy"
    assert canonical_name({"Volodymyr Zelenskiy": 1, "Volodymyr Zelenskyy": 1},
                          {"Volodymyr Zelenskiy": 3, "Volodymyr Zelenskyy": 1}) == "Volodymyr Zelenskyy"
    assert canonical_name({}) is None
