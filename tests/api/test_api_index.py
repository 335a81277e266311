"""`GET /api` answers an index of the endpoints; `/api/entities` takes `limit` like every
list, keeping `top` as its older name. On the views store."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def client(views_store, settings, app_client):
    with app_client(views_store, settings) as c:
        yield c


def test_api_index_lists_every_endpoint(client):
    res = client.get("/api")
    assert res.status_code == 200
    listed = {(e["method"], e["path"]) for e in res.json()["endpoints"]}
    assert {("GET", "/api/articles"), ("GET", "/api/attention"), ("POST", "/api/analyze"),
            ("GET", "/api/entities/{entity_id}")} <= listed
    assert ("GET", "/api") not in listed and res.json()["openapi"] == "/openapi.json"
    assert all(e["summary"] for e in res.json()["endpoints"])


def test_api_entities_take_limit_and_top(client):
    assert len(client.get("/api/entities", params={"limit": 2}).json()["items"]) == 2
    assert client.get("/api/entities", params={"top": 3}).json()["limit"] == 3
    assert client.get("/api/entities", params={"limit": 1, "top": 3}).json()["limit"] == 1
    assert client.get("/api/entities", params={"limit": 0}).status_code == 422
