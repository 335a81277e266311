"""GET /api/places and /api/timeline?place= on the map store (tests/conftest.py)."""
from __future__ import annotations

import pytest

from presstrace.corpus.mapdata import place_counts


@pytest.fixture(scope="module")
def map_client(map_store, settings, app_client):
    pytest.importorskip("fastapi")
    with app_client(map_store, settings) as c:
        yield c


def test_api_places_defaults_and_options(map_client, map_conn):
    items = map_client.get("/api/places", params={"limit": 100}).json()["items"]
    assert items == place_counts(map_conn, limit=100)
    assert all(i["kind"] == "toponym" and (i["geonameid"] is None or i["geonameid"] > 0) for i in items)
    more = map_client.get("/api/places", params={"limit": 100, "demonyms": "true",
                                                 "min_confidence": 0.2}).json()["items"]
    assert more == place_counts(map_conn, limit=100, min_confidence=0.2, demonyms=True)
    assert ("Russia", "demonym") in {(i["name"], i["kind"]) for i in more}


@pytest.mark.parametrize("params", [{"min_confidence": 1.5}, {"min_confidence": -1},
                                    {"demonyms": "maybe"}])
def test_api_places_refuses_bad_options(map_client, params):
    assert map_client.get("/api/places", params=params).status_code == 422


def test_api_timeline_takes_a_places_ref(map_client, map_facts):
    refs = {i["name"]: i["ref"] for i in map_client.get("/api/places").json()["items"]}
    items = map_client.get("/api/timeline", params={"place": refs["Moscow"]}).json()["items"]
    assert [i["type"] for i in items] == ["REJECT"]
    refused = map_client.get("/api/timeline", params={"place": str(map_facts["internal_id"])})
    assert refused.status_code == 400 and "positive" in refused.json()["error"]["message"]
    assert str(map_facts["internal_id"]) not in map_client.get("/api/entities/Moscow").text


def test_api_article_shows_no_internal_place_id(map_client, map_conn, map_facts):
    aid = map_conn.execute("SELECT id FROM articles WHERE input_id = 'kh-2'").fetchone()[0]
    places = map_client.get(f"/api/articles/{aid}").json()["places"]
    ids = {p["name"]: p["geonameid"] for p in places}
    assert ids["Moscow"] is None and ids["Kyiv"] == 703448  # stored: the internal id, a real one
    assert str(map_facts["internal_id"]) not in map_client.get(f"/api/articles/{aid}").text
