"""Server security (`presstrace/api/security.py`): headers on every response, the request
body limit (declared, chunked and lying Content-Length, over a real socket too), the write
token, hostile values in every query filter of every GET endpoint, and a schemathesis run
against the app's own OpenAPI description. A small invented store; the real pipeline."""
from __future__ import annotations

import asyncio
import json
import select
import socket
from urllib.parse import quote

import pytest
from click.testing import CliRunner

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from presstrace.api import create_app  # noqa: E402
from presstrace.api.security import BodyLimit, is_loopback, max_body_bytes  # noqa: E402
from presstrace.cli import cli  # noqa: E402
from presstrace.errors import SettingsError  # noqa: E402
from presstrace.store import db  # noqa: E402

ARTICLES = [
    {"id": "k-1", "date": "2024-05-02", "source": "Harbor Times", "title": "Ferry line reopens",
     "text": "The ferry line between Odesa and Varna reopened on Thursday, port director Lina Hart "
             "said. \"Ships are moving again,\" Hart told reporters. Russian forces struck Odesa "
             "on Wednesday, regional officials said."},
    {"id": "k-2", "date": "2024-05-03", "source": "Inland Post", "title": "Grain convoy arrives",
     "text": "A grain convoy reached Lviv on Friday, said Marek Dole, a logistics manager. "
             "\"We lost two days at the border,\" Dole said. Officials said more trucks would "
             "follow next week."},
]
HEADERS = {"x-content-type-options": "nosniff", "x-frame-options": "DENY",
           "referrer-policy": "no-referrer"}
LIMIT = 4000
TOKEN = "s3cret-token-for-tests"


def assert_error(res, status: int, code: str) -> dict:
    assert res.status_code == status, res.text
    body = res.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


def assert_security_headers(res) -> None:
    csp = res.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "img-src 'self' data:" in csp and "unsafe-inline" not in csp
    for name, value in HEADERS.items():
        assert res.headers[name] == value, name


# -- headers ---------------------------------------------------------------------------

def test_security_headers_on_answers_and_errors(security_client):
    answers = [security_client.get("/api/articles"), security_client.get("/openapi.json"),
               security_client.get("/api/articles/999999"), security_client.get("/no/such/page"),
               security_client.post("/api/analyze", json={"text": ""}), security_client.delete("/api/quotes"),
               security_client.post("/api/analyze", content=b"x" * (LIMIT + 1))]
    assert [r.status_code for r in answers] == [200, 200, 404, 404, 400, 405, 413]
    for res in answers:
        assert_security_headers(res)


def test_security_csp_has_no_inline_script_on_api_pages(security_client):
    csp = security_client.get("/api/quotes").headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"


def test_security_docs_page_is_served_offline_under_the_strict_policy(security_client):
    res = security_client.get("/docs")
    assert res.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in res.text
    assert "http" not in res.text.split("<body>")[0]  # no script or style from elsewhere
    csp = res.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert res.headers["x-frame-options"] == "DENY"


# -- body limit ------------------------------------------------------------------------

def analyze_body(chars: int) -> bytes:
    return json.dumps({"text": "Kyiv said the talks went on. " * (chars // 29 + 1)}).encode()[:chars - 2] + b'"}'


def test_security_body_over_the_limit_with_content_length_is_413(security_client):
    res = security_client.post("/api/analyze", content=analyze_body(LIMIT + 500),
                      headers={"content-type": "application/json"})
    assert res.request.headers["content-length"] == str(LIMIT + 500)
    error = assert_error(res, 413, "too_large")
    assert str(LIMIT) in error["message"]


def test_security_body_over_the_limit_without_content_length_is_413(security_client):
    body = analyze_body(LIMIT + 500)
    chunks = (body[i:i + 700] for i in range(0, len(body), 700))  # a generator: sent chunked
    res = security_client.post("/api/analyze", content=chunks, headers={"content-type": "application/json"})
    assert "content-length" not in res.request.headers
    assert res.request.headers["transfer-encoding"] == "chunked"
    assert_error(res, 413, "too_large")


def test_security_body_under_the_limit_is_analysed(security_client):
    body = analyze_body(LIMIT - 100)
    res = security_client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert res.status_code == 200, res.text
    assert res.json()["text"] == json.loads(body)["text"]


def run_asgi(app, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> list[dict]:
    """Drive an ASGI app with one POST whose body arrives in these chunks; its messages."""
    sent: list[dict] = []
    pending = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
               for i, c in enumerate(chunks)]

    async def receive():
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)
    scope = {"type": "http", "method": "POST", "path": "/x", "headers": headers}
    asyncio.run(app(scope, receive, send))
    return sent


async def read_all(scope, receive, send):
    """A stand-in app that reads the whole body, then answers 200."""
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def test_security_body_limit_counts_bytes_when_content_length_lies():
    limited = BodyLimit(read_all, limit=1000)
    lying = [(b"content-length", b"10")]
    sent = run_asgi(limited, lying, [b"a" * 600, b"b" * 600])
    assert sent[0]["status"] == 413 and json.loads(sent[1]["body"])["error"]["code"] == "too_large"
    sent = run_asgi(limited, lying, [b"a" * 600, b"b" * 400])  # exactly at the limit: fine
    assert sent[0]["status"] == 200 and sent[1]["body"] == b"ok"


def test_security_body_limit_refuses_a_large_declared_body_before_reading_it():
    reads = []

    async def app(scope, receive, send):  # pragma: no cover - must never run
        reads.append(await receive())
    sent = run_asgi(BodyLimit(app, limit=1000), [(b"content-length", b"5000")], [b"a" * 5000])
    assert sent[0]["status"] == 413 and reads == []


@pytest.mark.parametrize("declared", [b"\xb9\xb2", b"12abc", b"", b" "])
def test_security_body_limit_counts_when_content_length_is_no_number(declared):
    limited = BodyLimit(read_all, limit=1000)
    assert run_asgi(limited, [(b"content-length", declared)], [b"a" * 1200])[0]["status"] == 413
    assert run_asgi(limited, [(b"content-length", declared)], [b"a" * 800])[0]["status"] == 200


@pytest.mark.parametrize("value", [0, -5, "2MB", 1.5, True])
def test_security_max_body_bytes_must_be_a_positive_integer(settings, value):
    with pytest.raises(SettingsError, match="max_body_bytes"):
        max_body_bytes(settings.with_overrides({"server": {"max_body_bytes": value}}))


def test_security_max_body_bytes_default_is_two_megabytes(settings):
    assert max_body_bytes(settings) == 2_000_000


# -- over a real socket ----------------------------------------------------------------

def raw_request(address, head: bytes, body_parts: list[bytes]) -> bytes:
    """Send the head, then the body part by part, stopping as soon as the server answers:
    bytes it never reads when it closes make its kernel reset the connection, and a reset
    can drop the answer before it is read."""
    with socket.create_connection(address, timeout=20) as sock:
        sock.sendall(head)
        for part in body_parts:
            if select.select([sock], [], [], 0.2)[0]:
                break  # the answer is here: send no more
            try:
                sock.sendall(part)
            except OSError:  # the server may answer and close before the body is all sent
                break
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_security_real_server_refuses_a_chunked_body_over_the_limit(live_server):
    part = b"a" * 1000
    chunked = [b"%x\r\n%s\r\n" % (len(part), part)] * 6 + [b"0\r\n\r\n"]
    head = (b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    answer = raw_request(live_server, head, chunked)
    status_line, _, rest = answer.partition(b"\r\n")
    assert b" 413 " in status_line, answer[:300]
    assert b"content-security-policy" in rest.lower()
    assert json.loads(rest.split(b"\r\n\r\n", 1)[1])["error"]["code"] == "too_large"


def test_security_real_server_refuses_a_declared_body_over_the_limit(live_server):
    head = (b"POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (LIMIT * 10))
    answer = raw_request(live_server, head, [b"a" * 1000])  # sends far less than declared
    assert b" 413 " in answer.partition(b"\r\n")[0], answer[:300]


# -- write token -----------------------------------------------------------------------

TEXT = {"text": "Kyiv said the talks would resume on Monday."}


@pytest.mark.parametrize("host,loopback", [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True),
                                           ("[::1]", True), ("localhost", True), ("0.0.0.0", False),
                                           ("::", False), ("192.168.1.5", False),
                                           ("example.org", False)])
def test_security_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_security_loopback_without_token_allows_writes(security_client):
    assert security_client.post("/api/analyze", json=TEXT).status_code == 200


def test_security_beyond_loopback_without_token_refuses_writes_only(security_store, small, app_client):
    with app_client(security_store, small, host="0.0.0.0") as c:
        error = assert_error(c.post("/api/analyze", json=TEXT), 403, "forbidden")
        assert "--token" in error["message"]
        assert_error(c.post("/api/analyze", json=TEXT, headers={"Authorization": "Bearer x"}),
                     403, "forbidden")
        assert c.get("/api/articles").json()["total"] == len(ARTICLES)


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_security_token_is_required_when_set(security_store, small, host, app_client):
    with app_client(security_store, small, host=host, token=TOKEN) as c:
        for auth in (None, "Bearer", "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x",
                     f"Bearer {TOKEN[:-1]}", TOKEN):
            headers = {"Authorization": auth} if auth is not None else {}
            res = c.post("/api/analyze", json=TEXT, headers=headers)
            assert_error(res, 401, "unauthorized")
            assert res.headers["www-authenticate"] == "Bearer"
            assert TOKEN not in res.text
        for auth in (f"Bearer {TOKEN}", f"bearer {TOKEN}"):
            res = c.post("/api/analyze", json=TEXT, headers={"Authorization": auth})
            assert res.status_code == 200 and res.json()["text"] == TEXT["text"]
        assert c.get("/api/quotes").status_code == 200  # reads never need it


def test_security_refused_write_body_is_never_read(security_store, small, app_client):
    with app_client(security_store, small, host="0.0.0.0") as c:  # the guard answers before the limit
        assert_error(c.post("/api/analyze", content=b"x" * (LIMIT * 3)), 403, "forbidden")


def test_security_serve_passes_host_and_token_from_the_environment(security_store, monkeypatch):
    import uvicorn

    served = {}
    monkeypatch.setattr(uvicorn.Server, "run", lambda server, sockets=None: served.update(
        app=server.config.app, host=server.config.host, port=server.config.port))
    monkeypatch.setenv("PRESSTRACE_TOKEN", TOKEN)
    res = CliRunner().invoke(cli, ["serve", "--db", str(security_store), "--host", "0.0.0.0"])
    assert res.exit_code == 0, res.output
    assert served["host"] == "0.0.0.0" and "writes are refused" not in res.output
    with TestClient(served["app"], base_url="http://127.0.0.1:8000") as c:
        assert_error(c.post("/api/analyze", json=TEXT), 401, "unauthorized")
        ok = c.post("/api/analyze", json=TEXT, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200


def test_security_serve_warns_when_open_without_token(security_store, monkeypatch):
    import uvicorn

    served = {}
    monkeypatch.setattr(uvicorn.Server, "run", lambda server, sockets=None: served.update(
        app=server.config.app, host=server.config.host, port=server.config.port))
    monkeypatch.delenv("PRESSTRACE_TOKEN", raising=False)
    res = CliRunner().invoke(cli, ["serve", "--db", str(security_store), "--host", "0.0.0.0"])
    assert res.exit_code == 0 and "writes are refused" in res.output
    with TestClient(served["app"], base_url="http://127.0.0.1:8000") as c:
        assert_error(c.post("/api/analyze", json=TEXT), 403, "forbidden")


# -- hostile values in every query filter ----------------------------------------------

HOSTILE = [
    # SQL
    "' OR 1=1 --", "'; DROP TABLE articles; --", '" OR ""="', "') UNION SELECT name FROM sqlite_master --",
    "1; SELECT * FROM quotes", "%", "_", "\\", "%' OR '%'='",
    # FTS5 syntax
    '"unclosed', "AND OR NOT", "NEAR(ferry line, 2)", "ferry*", "text:ferry", "{title text}: ferry",
    "^ferry", "ferry)", "(" * 500, "*", "-ferry", "ferry + line", "NOT", '""',
    # dates that match the pattern but are no dates
    "2024-13-45", "2024-02-30", "0000-00-00",
    # unicode
    "Одеса", "\u202eevil\u202c", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "e\u0301\u0308",
    "\ufffd\ufeff", "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd", "a\x00b", "\r\nX-Injected: 1",
    # very long, and numbers past SQLite's 64 bits
    "x" * 20_000, "ferry " * 3000, "9" * 40, "-9223372036854775809", "1e999",
]
# Words that would mean an answer leaked our insides (unless the request itself held them).
LEAKS = ["Traceback", 'File "', "sqlite3", "OperationalError", "OverflowError", "FROM articles a",
         "site-packages"]
MATCH_NOTHING = {"' OR 1=1 --", "%", "%' OR '%'='", '" OR ""="'}


def get_routes(app) -> list[tuple[str, list[str], list[str]]]:
    """(path, query parameter names, path parameter names) of every GET in the OpenAPI."""
    routes = []
    for path, item in app.openapi()["paths"].items():
        if "get" in item:
            params = item["get"].get("parameters", [])
            routes.append((path, [p["name"] for p in params if p["in"] == "query"],
                           [p["name"] for p in params if p["in"] == "path"]))
    return routes


def hostile_requests(app):
    """(url, params, value) for each hostile value in each parameter of each GET endpoint."""
    for path, query, in_path in get_routes(app):
        extras = [{}, {"merged": "true"}] if "merged" in query else [{}]
        for value in HOSTILE:
            for name in in_path:
                yield path.replace("{" + name + "}", quote(value, safe="")), {}, value
            filled = path.replace("{article_id}", "1")
            for name in query:
                for extra in extras:
                    yield filled, {**extra, name: value}, value


def assert_no_leak(res, value: str, store) -> None:
    for word in LEAKS + [str(store)]:
        if word not in value:
            assert word not in res.text, (res.request.url, word)


def test_security_hostile_query_values_never_500_never_leak(security_client, security_store):
    statuses: dict[int, int] = {}
    requests = list(hostile_requests(security_client.app))
    assert len({url for url, _, _ in requests}) >= 9  # every GET endpoint is in the run
    for url, params, value in requests:
        res = security_client.get(url, params=params)
        statuses[res.status_code] = statuses.get(res.status_code, 0) + 1
        assert res.status_code in (200, 400, 404, 422), (url, params, res.status_code, res.text[:300])
        assert_no_leak(res, value, security_store)
        body = res.json() if res.headers["content-type"].startswith("application/json") else None
        if res.status_code >= 400:
            assert set(body) == {"error"} and body["error"]["status"] == res.status_code
        elif value in MATCH_NOTHING and isinstance(body, dict) and "items" in body:
            assert body["items"] == [], (url, params)  # a value, never SQL: it matches nothing
    assert statuses.get(200) and statuses.get(422) and statuses.get(400), statuses


def schema_names(store) -> list[str]:
    conn = db.open_store(store, create=False)
    try:
        return sorted(row[0] for row in conn.execute("SELECT name FROM sqlite_master"))
    finally:
        conn.close()


def test_security_hostile_values_change_nothing(security_client, security_store):
    before = schema_names(security_store)
    for value in HOSTILE[:10]:
        security_client.get("/api/quotes", params={"speaker": value})
        security_client.get("/api/search", params={"q": value})
    assert security_client.get("/api/articles").json()["total"] == len(ARTICLES)
    assert "articles" in before and schema_names(security_store) == before


def test_security_a_filter_value_is_matched_literally(security_client):
    """The LIKE wildcards and quote marks in a name are plain characters."""
    everyone = security_client.get("/api/quotes").json()["items"]
    assert everyone
    assert security_client.get("/api/quotes", params={"speaker": "Hart"}).json()["items"]
    for value in ("%", "_", "Hart' --", "Ha%t"):
        assert security_client.get("/api/quotes", params={"speaker": value}).json()["items"] == []


@pytest.mark.parametrize("url", ["/api/articles/9223372036854775808", "/api/quotes?offset=9223372036854775807",
                                 "/api/events?merged=true&min_articles=9223372036854775808",
                                 "/api/search?q=ferry&offset=99999999999999999999"])
def test_security_numbers_past_64_bits_are_refused_not_crashed(security_client, url):
    assert_error(security_client.get(url), 422, "invalid_request")


# -- schemathesis: the OpenAPI description against the app -----------------------------

def test_security_schemathesis_finds_no_server_error(security_store, settings):
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings as hsettings

    # schemathesis calls the app as http://testserver: a name it must be told to serve.
    app = create_app(security_store, settings.with_overrides({"server": {"allowed_hosts": ["testserver"]}}))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures, seen = [], set()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            # Bounded: about 40 cases per operation and mode keeps the run to seconds.
            @hsettings(max_examples=40, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                res = case.call()
                seen.add((operation.label, res.status_code))
                assert res.status_code < 500, (case.as_curl_command(), res.text[:300])
            try:
                check()
            except AssertionError as exc:
                failures.append(f"{operation.label} {mode.value}: {exc}")
    assert failures == []
    labels = {label for label, _ in seen}
    assert {"GET /api/quotes", "GET /api/search", "POST /api/analyze"} <= labels
    assert any(label == "POST /api/analyze" and status == 200 for label, status in seen)
