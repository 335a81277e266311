"""The network's actors are real ones, and every edge leads to the reports behind it
(`GET /api/network/reports`): the event records merged into an actor edge, the quotes of
two speakers quoted together. On the views store."""
from __future__ import annotations

import pytest

from presstrace.corpus.network import is_actor


@pytest.fixture(scope="module")
def client(views_store, settings, app_client):
    with app_client(views_store, settings) as c:
        yield c


@pytest.mark.parametrize("key, roles, expected", [
    ("c12", {}, True),                                # a corpus entity
    ("RUS-MIL", {}, True),                            # a group with a country
    ("USA", {}, True),
    ("republicans", {"republicans": "LEG"}, True),    # an entity its events give a sector
    ("western", {}, False),                           # an entity with neither
    ("c", {}, False),
])
def test_network_is_actor(key, roles, expected):
    assert is_actor(key, roles) is expected


def test_network_reports_of_an_actor_edge_are_its_events(client):
    edges = client.get("/api/network").json()["edges"]
    assert edges
    for edge in edges:
        res = client.get("/api/network/reports", params={
            "source": edge["source"], "target": edge["target"], "type": edge["type"], "limit": 500})
        assert res.status_code == 200
        items = res.json()["items"]
        assert len(items) == edge["reports"]
        assert {i["type"] for i in items} == {edge["type"]}
        for item in items:  # each report is the article's own characters
            text = client.get(f"/api/articles/{item['article_id']}").json()["text"]
            assert text[item["start"]:item["end"]] == item["text"]


def test_network_reports_of_a_speaker_edge_are_both_speakers_quotes(client):
    graph = client.get("/api/network", params={"kind": "quotes"}).json()
    edge = graph["edges"][0]
    res = client.get("/api/network/reports", params={"kind": "quotes", "source": edge["source"],
                                                     "target": edge["target"]})
    items = res.json()["items"]
    assert {i["speaker_id"] for i in items} == {edge["source"], edge["target"]}
    assert len({i["article_id"] for i in items}) == edge["weight"]
    # Paged like every list: one at a time reaches them all, and no further.
    one = client.get("/api/network/reports", params={"kind": "quotes", "source": edge["source"],
                                                     "target": edge["target"], "limit": 1,
                                                     "offset": len(items) - 1}).json()
    assert one["items"] == items[-1:] and one["next_offset"] is None


@pytest.mark.parametrize("params", [
    {"source": "c1", "target": "c2"},                                # an actor edge needs its type
    {"kind": "quotes", "source": "c1", "target": "2"},               # speakers are ids
    {"kind": "quotes", "source": "\u0662", "target": "2"},           # an Arabic-Indic two is no id
])
def test_network_reports_refuse_an_edge_they_cannot_name(client, params):
    res = client.get("/api/network/reports", params=params)
    assert res.status_code == 400 and res.json()["error"]["code"] == "bad_query"


def test_network_reports_of_an_unknown_story_are_not_found(client):
    res = client.get("/api/network/reports", params={"source": "c1", "target": "c2", "type": "ASSAULT",
                                                     "story": "s99999"})
    assert res.status_code == 404
