"""Every answer of the API has the shape its OpenAPI description gives (`api/shapes.py`),
and the shapes agree across endpoints: lists page alike, an item with a page of its own
carries the id that page takes, a story's `articles` is one type in the list and alone.
On the views store."""
from __future__ import annotations

import jsonschema
import pytest


@pytest.fixture(scope="module")
def client(views_store, settings, app_client):
    with app_client(views_store, settings) as c:
        yield c


@pytest.fixture(scope="module")
def openapi(client):
    return client.get("/openapi.json").json()


def validator(openapi: dict, path: str, method: str = "get") -> jsonschema.Draft202012Validator:
    """A validator of the route's documented 200 answer, its references resolved in the
    description's components."""
    schema = openapi["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema, f"{method.upper()} {path} documents no answer"
    return jsonschema.Draft202012Validator({**schema, "components": openapi["components"]})


def first_story(client) -> str:
    return client.get("/api/stories").json()["items"][0]["id"]


CASES = [
    ("/api/articles", {}), ("/api/quotes", {}), ("/api/claims", {}), ("/api/events", {}),
    ("/api/events", {"merged": "true"}), ("/api/entities", {}), ("/api/stories", {}),
    ("/api/search", {"q": "Kharkiv"}), ("/api/search", {"q": "strikes", "in": "quotes"}),
    ("/api/timeline", {"entity": "Zelensky"}), ("/api/places", {}), ("/api/network", {}),
    ("/api/network", {"kind": "quotes"}), ("/api/attention", {"q": "Kharkiv"}),
    ("/api/entities/{entity_id}", {}), ("/api/stories/{story_id}", {}),
    ("/api/articles/{article_id}", {}),
]


@pytest.mark.parametrize("path, params", CASES)
def test_api_shapes_answers_match_their_schema(client, openapi, path, params):
    url = path.format(entity_id="Zelensky", story_id=first_story(client),
                      article_id=client.get("/api/articles").json()["items"][0]["id"])
    res = client.get(url, params=params)
    assert res.status_code == 200, res.text
    body = res.json()
    validator(openapi, path).validate(body)
    if "items" in body:
        assert body["items"], f"{url} answered no items: the check would prove nothing"
        assert {"limit", "offset", "next_offset"} <= set(body)


def test_api_shapes_analyze_answers_the_article_schema(client, openapi):
    res = client.post("/api/analyze", json={"text": "\"We will rebuild,\" Mayor Ivan Petrenko said."})
    validator(openapi, "/api/analyze", "post").validate(res.json())


@pytest.mark.parametrize("path, body", [
    ("/api/entities", {"items": [{"name": "Kyiv", "label": "GPE", "mentions": 1, "articles": 1}],
                       "limit": 1, "offset": 0, "next_offset": None}),              # no id
    ("/api/stories/{story_id}", {"id": "s1", "story": "s1", "title": "", "first": None, "last": None,
                                 "articles": 3, "article_count": 3, "sources": [], "outlets": []}),
])
def test_api_shapes_schemas_refuse_the_old_shapes(openapi, path, body):
    with pytest.raises(jsonschema.ValidationError):
        validator(openapi, path).validate(body)


def test_api_shapes_items_carry_the_id_their_page_takes(client):
    for entity in client.get("/api/entities", params={"limit": 50}).json()["items"]:
        if entity["id"] is not None:
            assert client.get(f"/api/entities/{entity['id']}").status_code == 200
    assert any(e["id"] is not None for e in client.get("/api/entities").json()["items"])
    for story in client.get("/api/stories").json()["items"]:
        alone = client.get(f"/api/stories/{story['id']}").json()
        assert alone["articles"] == story["articles"] and alone["article_count"] <= len(story["articles"])


def test_api_shapes_entities_page_like_every_list(client):
    everything = client.get("/api/entities", params={"limit": 500}).json()["items"]
    second = client.get("/api/entities", params={"limit": 2, "offset": 2}).json()
    assert second["items"] == everything[2:4] and second["offset"] == 2
    last = client.get("/api/entities", params={"limit": 2, "offset": len(everything) - 1}).json()
    assert len(last["items"]) == 1 and last["next_offset"] is None


def test_api_shapes_entity_quotes_and_events_reach_the_rest(client):
    whole = client.get("/api/entities/Zelensky").json()
    assert whole["quote_count"] + whole["event_count"] >= 2
    seen_quotes, seen_events, offset = [], [], 0
    while offset is not None:
        part = client.get("/api/entities/Zelensky", params={"limit": 1, "offset": offset}).json()
        seen_quotes += part["quotes"]
        seen_events += part["events"]
        offset = part["next_offset"]
    assert seen_quotes == whole["quotes"] and seen_events == whole["events"]
