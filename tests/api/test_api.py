"""The REST API (`presstrace serve`), in process with FastAPI's TestClient, over a tiny
store of invented articles: every endpoint's happy path and filters, pagination, the one
error shape (pinned), offsets of POST /api/analyze, text returned unchanged, the command."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

fastapi = pytest.importorskip("fastapi")

from presstrace.api import create_app  # noqa: E402
from presstrace.api.deps import read_only  # noqa: E402
from presstrace.cli import cli  # noqa: E402
from presstrace.records import AnalyzedArticle  # noqa: E402
from presstrace.store import db  # noqa: E402

SCRIPT = "<script>alert('x')</script>"
ARTICLES = [
    ("br-1", "2024-06-03", "Valley Herald", "Bridge at Orlen closed after crack found",
     "Engineers closed the Orlen bridge on Monday after finding a crack in its main span. "
     "\"The bridge is not safe for traffic,\" said Mayor Clara Voss. Officials said repairs "
     "could take months. Russian forces shelled Kharkiv on Monday, local officials said."),
    ("br-2", "2024-06-04", "North Courier", "Orlen bridge repairs to take months",
     "The Orlen bridge will stay closed for months, Mayor Clara Voss said on Tuesday. "
     "\"We will rebuild it properly,\" Voss told reporters. Russian troops shelled Kharkiv "
     "on Monday, killing two people, according to the regional governor."),
    ("fx-1", "2024-06-10", "Market Wire", "Talvec buys sensor maker",
     "Talvec said on Monday it would buy the sensor maker Brisk Labs for $300 million. "
     "\"This deal doubles our engineering team,\" said chief executive Omar Reyes. "
     "Analysts said the price was high."),
    ("sc-1", "2024-07-01", "Web Desk", "A page with markup in it",
     f"Security researchers found the text {SCRIPT} pasted into a council website on Monday. "
     "\"Nobody should run code from a comment box,\" said Ines Duarte, a researcher."),
]
ERROR_KEYS = {"code", "message", "status"}


def get(client, url, **params):
    res = client.get(url, params=params)
    assert res.status_code == 200, res.text
    return res.json()


def assert_error(res, status, code):
    """The one error shape: {"error": {"code", "message", "status"}} and nothing else."""
    assert res.status_code == status, res.text
    assert res.headers["content-type"].startswith("application/json")
    body = res.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_api_articles_list_filters_and_paginates(api_client):
    body = get(api_client, "/api/articles")
    assert body["total"] == 4 and body["next_offset"] is None
    assert [a["input_id"] for a in body["items"]] == ["sc-1", "fx-1", "br-2", "br-1"]  # newest first
    first = get(api_client, "/api/articles", limit=3)
    second = get(api_client, "/api/articles", limit=3, offset=first["next_offset"])
    assert first["next_offset"] == 3 and second["next_offset"] is None
    assert [a["id"] for a in first["items"] + second["items"]] == [a["id"] for a in body["items"]]
    assert {a["input_id"] for a in get(api_client, "/api/articles", source="valley")["items"]} == {"br-1"}
    dated = get(api_client, "/api/articles", since="2024-06-04", until="2024-06")["items"]
    assert {a["input_id"] for a in dated} == {"br-2", "fx-1"}
    found = get(api_client, "/api/articles", q="bridge")
    assert found["total"] == 2 and {a["input_id"] for a in found["items"]} == {"br-1", "br-2"}


def test_api_article_is_the_full_object_with_text_unchanged(api_client, ids):
    for input_id, date, source, title, text in ARTICLES:
        art = get(api_client, f"/api/articles/{ids[input_id]}")
        assert art["schema"] == "presstrace/1" and art["id"] == input_id
        assert (art["text"], art["date"], art["source"], art["title"]) == (text, date, source, title)
        for layer in ("entities", "quotes", "claims", "times", "places", "amounts", "events",
                      "framing", "noncontent"):
            assert isinstance(art[layer], list), layer
        assert {"named", "vague", "unattributed"} <= set(art["sourcing"]) and "score" in art["tone"]
    assert SCRIPT in get(api_client, f"/api/articles/{ids['sc-1']}")["text"]


def test_api_quotes_filter_by_speaker_source_date_and_kind(api_client):
    rows = get(api_client, "/api/quotes")["items"]
    assert "The bridge is not safe for traffic," in [r["quote"] for r in rows]
    voss = get(api_client, "/api/quotes", speaker="voss")["items"]
    assert voss and all("Voss" in r["speaker"] for r in voss)
    assert {r["source"] for r in get(api_client, "/api/quotes", source="market")["items"]} == {"Market Wire"}
    assert {r["date"] for r in get(api_client, "/api/quotes", since="2024-07")["items"]} == {"2024-07-01"}
    direct = get(api_client, "/api/quotes", kind="direct")["items"]
    assert direct and all(r["kind"] == "direct" for r in direct)
    assert get(api_client, "/api/quotes", kind="block")["items"] == []
    one = get(api_client, "/api/quotes", limit=1)
    assert len(one["items"]) == 1 and one["next_offset"] == 1
    assert get(api_client, "/api/quotes", limit=1, offset=1)["items"][0] == rows[1]


def test_api_claims_filter_by_kind_and_source(api_client):
    rows = get(api_client, "/api/claims", limit=500)["items"]
    assert rows and {"source_kind", "claimed_by", "claim"} <= set(rows[0])
    for kind in ("named", "vague", "unattributed"):
        expected = [r for r in rows if r["source_kind"] == kind]
        assert get(api_client, "/api/claims", kind=kind, limit=500)["items"] == expected
    assert {r["source"] for r in get(api_client, "/api/claims", source="herald")["items"]} <= {"Valley Herald"}


def test_api_events_filter_and_merge(api_client):
    rows = get(api_client, "/api/events")["items"]
    assert rows and {"type", "source_actor", "target_actor", "place", "date"} <= set(rows[0])
    kind = rows[0]["type"]
    assert {r["type"] for r in get(api_client, "/api/events", type=kind.lower())["items"]} == {kind}
    assert get(api_client, "/api/events", type="NO_SUCH_TYPE")["items"] == []
    kharkiv = get(api_client, "/api/events", place="kharkiv")["items"]
    assert kharkiv and all("Kharkiv" in r["place"] for r in kharkiv)
    merged = get(api_client, "/api/events", merged="true")["items"]
    assert merged and {"merged_event", "reports", "articles"} <= set(merged[0])
    assert all(m["type"] == kind for m in get(api_client, "/api/events", merged="true", type=kind)["items"])
    assert get(api_client, "/api/events", merged="true", since="2030")["items"] == []


def test_api_entities_top_and_label(api_client):
    rows = get(api_client, "/api/entities", top=50)["items"]
    assert "Clara Voss" in [r["name"] for r in rows]
    assert len(get(api_client, "/api/entities", top=2)["items"]) == 2
    people = get(api_client, "/api/entities", label="person")["items"]
    assert people and {r["label"] for r in people} == {"PERSON"}


def test_api_stories_are_schema_story_objects(api_client):
    stories = get(api_client, "/api/stories")["items"]
    # SCHEMA.md's story objects, with the id /api/stories/{id} takes, as every list item has
    assert all(set(s) == {"id", "story", "articles", "title", "first", "last", "sources"} for s in stories)
    assert all(s["id"] == s["story"] for s in stories)
    assert sorted(a for s in stories for a in s["articles"]) == ["br-1", "br-2", "fx-1", "sc-1"]
    bridge = next(s for s in stories if "br-1" in s["articles"])
    assert "br-2" in bridge["articles"] and bridge["first"] == "2024-06-03"
    assert get(api_client, "/api/stories", limit=1)["items"] == stories[:1]


def test_api_search_articles_and_quotes(api_client, ids):
    hits = get(api_client, "/api/search", q="sensor")["items"]
    assert [h["article_id"] for h in hits] == [ids["fx-1"]] and "[sensor]" in hits[0]["snippet"]
    quotes = get(api_client, "/api/search", q="rebuild", **{"in": "quotes"})["items"]
    assert [q["article_id"] for q in quotes] == [ids["br-2"]]


@pytest.mark.parametrize("url", ["/api/articles/99999", "/api/no-such-thing"])
def test_api_error_shape_404(api_client, url):
    assert_error(api_client.get(url), 404, "not_found")


@pytest.mark.parametrize("url", [
    "/api/articles/abc", "/api/articles?limit=0", "/api/articles?limit=100000", "/api/articles?offset=-1",
    "/api/quotes?since=yesterday", "/api/claims?kind=rumour", "/api/search", "/api/events?until=2024-6-1",
])
def test_api_error_shape_422(api_client, url):
    assert_error(api_client.get(url), 422, "invalid_request")


@pytest.mark.parametrize("body, status, code", [
    ({"text": "   "}, 400, "empty"),
    ({"text": "A text.", "date": "2024-02-30"}, 400, "bad_date"),
    ({"text": "A text.", "date": "March 3"}, 422, "invalid_request"),
    ({"date": "2024-01-01"}, 422, "invalid_request"),
    ({"text": "A text.", "colour": "red"}, 422, "invalid_request"),
])
def test_api_error_shape_analyze(api_client, body, status, code):
    assert_error(api_client.post("/api/analyze", json=body), status, code)


def test_api_error_shape_bad_query_and_method(api_client):
    for q in ('"unclosed', "AND OR", "bridge)"):
        assert_error(api_client.get("/api/search", params={"q": q}), 400, "bad_query")
    assert_error(api_client.get("/api/articles", params={"q": '"unclosed'}), 400, "bad_query")
    assert_error(api_client.get("/api/analyze"), 405, "method_not_allowed")
    assert_error(api_client.post("/api/analyze", content=b"not json",
                             headers={"content-type": "application/json"}), 422, "invalid_request")


def test_api_error_shape_500_hides_the_cause(api_store, settings, monkeypatch, app_client):
    from presstrace.store import queries

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")
    monkeypatch.setattr(queries, "quotes", broken)
    with app_client(api_store[0], settings) as c:
        error = assert_error(c.get("/api/quotes"), 500, "internal_error")
    assert "secret" not in error["message"]


def test_api_analyze_offsets_are_valid(api_client, spans_of):
    text = ARTICLES[0][4] + "\n\n" + SCRIPT + " " + ARTICLES[2][4]
    res = api_client.post("/api/analyze", json={"text": text, "date": "2024-06-03", "id": 7})
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["schema"] == "presstrace/1" and body["id"] == 7 and body["text"] == text
    art = AnalyzedArticle.from_dict(body)
    spans = list(spans_of(art))
    assert spans and art.quotes
    for where, rec in spans:
        assert text[rec.start:rec.end] == rec.text, where
    assert any(t.value == "2024-06-03" for t in art.times)  # "Monday" resolved against the date


def test_api_analyze_stores_nothing(api_client):
    before = get(api_client, "/api/articles")["total"]
    assert api_client.post("/api/analyze", json={"text": "Nothing here is stored."}).status_code == 200
    assert get(api_client, "/api/articles")["total"] == before


def test_api_store_connection_is_read_only(api_client):
    conn = read_only(api_client.app.state.db_uri)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
            conn.execute("DELETE FROM articles")
    finally:
        conn.close()


def test_api_readers_are_not_blocked_by_a_writer(api_client, api_store, ids):
    writer = db.open_store(api_store[0], create=False)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE articles SET title = 'changed' WHERE id = ?", (ids["br-1"],))
        assert get(api_client, f"/api/articles/{ids['br-1']}")["title"] == ARTICLES[0][3]
        writer.execute("ROLLBACK")
    finally:
        writer.close()


def test_api_openapi_lists_every_endpoint(api_client):
    paths = get(api_client, "/openapi.json")["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/claims", "/api/events",
            "/api/entities", "/api/stories", "/api/search", "/api/analyze"} <= set(paths)
    assert api_client.get("/docs").status_code == 200
    for status in ("400", "404", "422", "500"):  # the documented error shape is the real one
        schema = paths["/api/quotes"]["get"]["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorBody"}


def test_api_missing_store_is_an_error(tmp_path, settings):
    from presstrace.store.errors import StoreNotFoundError

    with pytest.raises(StoreNotFoundError):
        create_app(tmp_path / "none.db", settings)
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "no presstrace store" in res.output


@pytest.mark.parametrize("args", [["serve", "--help"]])
def test_api_serve_help(args):
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0
    assert "--db FILE" in res.output and "127.0.0.1" in res.output and "8000" in res.output


def test_api_analyze_a_lone_surrogate_is_a_bad_record(api_client):
    res = api_client.post("/api/analyze", content=b'{"text": "Odesa \\ud800 was shelled, officials said."}',
                          headers={"content-type": "application/json"})
    assert res.status_code == 400 and res.json()["error"]["code"] == "bad_record"
    assert "content-security-policy" in {k.lower() for k in res.headers}


def test_api_events_min_confidence(api_client):
    rows = get(api_client, "/api/events", limit=200)["items"]
    assert rows and all(r["confidence"] is not None and 0 <= r["confidence"] <= 1 for r in rows)
    top = max(r["confidence"] for r in rows)
    confident = get(api_client, "/api/events", limit=200, min_confidence=top)["items"]
    assert confident and all(r["confidence"] >= top for r in confident)
    assert len(confident) <= len(rows)
    assert api_client.get("/api/events", params={"min_confidence": 2}).status_code == 422
