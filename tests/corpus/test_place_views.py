"""Map data and place filters on the map store (tests/conftest.py's `map_store`): confident
toponyms by default, demonyms apart on request, places without a GeoNames id listed by name,
and no internal (negative) id ever handed out."""
from __future__ import annotations

import shutil

import pytest

from presstrace.corpus.entities import list_corpus_entities
from presstrace.corpus.mapdata import CONFIDENT_PLACE, place_counts
from presstrace.corpus.profile import entity_profile
from presstrace.corpus.timeline import timeline
from presstrace.store import db
from presstrace.store.errors import QueryError
from presstrace.store.placeview import public_geonameid, shown
from presstrace.records import Place

INTERNAL_ID = -189963739208214  # the map store's Moscow (map_facts)


def by_name(rows):
    return {(r["name"], r["kind"]): r for r in rows}


def test_places_default_to_confident_toponyms(map_conn, map_facts):
    rows = by_name(place_counts(map_conn))
    assert set(rows) == {("Kharkiv", "toponym"), ("Kyiv", "toponym"), ("Moscow", "toponym"),
                         ("Germany", "toponym"), (map_facts["hostile"], "toponym")}  # Berlin: 0.3
    # Rows without a confidence (older stores) still count, next to the one given 0.9.
    assert rows[("Kharkiv", "toponym")]["mentions"] == 3
    assert CONFIDENT_PLACE == 0.5
    lower = by_name(place_counts(map_conn, min_confidence=0.25))
    assert lower[("Berlin", "toponym")]["mentions"] == 1
    # Above 0.9 the Kharkiv given 0.9 drops out; the two without a confidence stay.
    assert by_name(place_counts(map_conn, min_confidence=0.95))[("Kharkiv", "toponym")]["mentions"] == 2


def test_places_demonyms_are_rows_of_their_own_on_request(map_conn):
    rows = by_name(place_counts(map_conn, demonyms=True))
    russia = rows[("Russia", "demonym")]
    assert (russia["mentions"], russia["articles"], russia["geonameid"]) == (2, 2, 2017370)
    assert ("Russia", "toponym") not in rows
    assert rows[("Kharkiv", "toponym")]["mentions"] == 3  # toponyms unchanged
    assert all(r["kind"] == "toponym" for r in place_counts(map_conn))


def test_places_without_a_geonames_id_are_listed_and_never_show_an_internal_one(map_conn):
    rows = by_name(place_counts(map_conn, min_confidence=0))
    moscow, germany = rows[("Moscow", "toponym")], rows[("Germany", "toponym")]
    assert (moscow["mentions"], moscow["articles"]) == (2, 1)  # "Moscow" and "Kremlin"
    assert moscow["geonameid"] is None and moscow["ref"] == "Moscow"
    assert germany["geonameid"] is None and germany["ref"] == "Germany" and germany["lat"] == 51.0
    assert rows[("Kyiv", "toponym")]["ref"] == "703448"
    assert all(r["geonameid"] is None or r["geonameid"] > 0 for r in rows.values())


def test_places_without_an_id_are_grouped_by_name_country_and_position(map_store, tmp_path):
    shutil.copy(map_store, tmp_path / "m.db")
    conn = db.open_store(tmp_path / "m.db", create=False)
    aid = conn.execute("SELECT id FROM articles WHERE input_id = 'kh-1'").fetchone()[0]
    # A second Germany of the same name elsewhere, and the same one written in capitals.
    with conn:
        conn.executemany("INSERT INTO places (article_id, seq, start, end, text, name, lat, lon, "
                         "country) VALUES (?, ?, 0, 7, 'Russian', ?, ?, ?, ?)",
                         [(aid, 90, "Germany", 10.0, 10.0, "XX"), (aid, 91, "GERMANY", 51.0, 9.0, "DE")])
    rows = [r for r in place_counts(conn) if r["name"].casefold() == "germany"]
    conn.close()
    assert sorted((r["country"], r["mentions"], r["articles"]) for r in rows) == [("DE", 2, 2), ("XX", 1, 1)]


def test_places_refuse_a_bad_confidence(map_conn):
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(QueryError):
            place_counts(map_conn, min_confidence=bad)


def test_timeline_takes_a_map_rows_ref(map_conn):
    refs = {r["name"]: r["ref"] for r in place_counts(map_conn)}
    assert [i["type"] for i in timeline(map_conn, place=refs["Moscow"])] == ["REJECT"]  # internal id
    assert [i["type"] for i in timeline(map_conn, place=refs["Germany"])] == ["REQUEST"]  # no id
    assert timeline(map_conn, place=refs["Kyiv"]) == timeline(map_conn, place="Kiev")
    # A place entity with an internal id is still that place.
    assert timeline(map_conn, entity="Moscow") == timeline(map_conn, place="Moscow")


@pytest.mark.parametrize("ref", [str(INTERNAL_ID), "-5", " -12 "])
def test_timeline_refuses_a_negative_place_id_clearly(map_conn, ref):
    with pytest.raises(QueryError, match="positive"):
        timeline(map_conn, place=ref)


def test_entities_never_show_an_internal_id(map_conn):
    moscow = entity_profile(map_conn, "Moscow")
    assert moscow["family"] == "place" and moscow["geonameid"] is None
    assert entity_profile(map_conn, "Kyiv")["geonameid"] == 703448
    listed = {e["name"]: e["geonameid"] for e in list_corpus_entities(map_conn, family="place")}
    assert listed["Moscow"] is None and listed["Kharkiv"] == 706483


def test_placeview_record_test_matches_the_sql_one():
    assert shown(Place(start=0, end=1, text="x"))  # no confidence, a toponym
    assert not shown(Place(start=0, end=1, text="x", confidence=0.49))
    assert shown(Place(start=0, end=1, text="x", confidence=0.49), min_confidence=0.4)
    assert not shown(Place(start=0, end=1, text="x", kind="demonym"))
    assert shown(Place(start=0, end=1, text="x", kind="demonym"), demonyms=True)
    assert [public_geonameid(g) for g in (None, 0, INTERNAL_ID, 703448)] == [None, None, None, 703448]
