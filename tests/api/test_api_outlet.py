"""The publication is the `outlet` across the API: a filter of that name on every list that
had `source` (which is still read, and loses to `outlet`), and an `outlet` field on every
row that names its article's outlet `source` (which is still answered). On the views store."""
from __future__ import annotations

import pytest

LISTS = ["/api/articles", "/api/quotes", "/api/claims", "/api/entities"]


@pytest.fixture(scope="module")
def client(views_store, settings, app_client):
    with app_client(views_store, settings) as c:
        yield c


def items(client, path: str, **params) -> list[dict]:
    res = client.get(path, params={"limit": 500, **params})
    assert res.status_code == 200, res.text
    return res.json()["items"]


@pytest.mark.parametrize("path", LISTS)
def test_api_outlet_filter_is_named_outlet_and_source_stays_its_alias(client, path):
    everything = items(client, path)
    narrowed = items(client, path, outlet="herald")
    assert everything and narrowed and len(narrowed) < len(everything)
    assert items(client, path, source="herald") == narrowed
    assert items(client, path, outlet="herald", source="no such outlet") == narrowed
    assert items(client, path, outlet="no such outlet") == []


@pytest.mark.parametrize("path, params", [
    ("/api/articles", {}), ("/api/quotes", {}), ("/api/claims", {}),
    ("/api/search", {"q": "Kharkiv"}), ("/api/search", {"q": "strikes", "in": "quotes"})])
def test_api_outlet_rows_name_the_outlet_outlet(client, path, params):
    rows = items(client, path, **params)
    assert rows and all(row["outlet"] == row["source"] for row in rows)
    assert any(row["outlet"] for row in rows)
    if path != "/api/search":
        assert {row["outlet"] for row in items(client, path, outlet="herald", **params)} == {"Valley Herald"}


def test_api_outlet_merged_event_articles_name_the_outlet(client):
    rows = items(client, "/api/events", merged="true")
    articles = [a for row in rows for a in row["articles"]]
    assert articles and all(a["outlet"] == a["source"] and a["outlet"] for a in articles)


@pytest.mark.parametrize("path", LISTS)
def test_api_outlet_openapi_documents_both_names(client, path):
    spec = client.get("/openapi.json").json()["paths"][path]["get"]
    names = {p["name"] for p in spec["parameters"]}
    assert {"outlet", "source"} <= names
