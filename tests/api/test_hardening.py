"""Hardening (issue #20, items 3 to 6): one error path that keeps the security headers, 500
included; numbers bounded on pages as in the API; a fair analysis service (time limit,
bounded queue answering 503 with Retry-After, reads never waiting on analyses); the Host
header (DNS rebinding) and same-origin writes; the form with a token; HEAD; NUL in a name
filter; bidirectional controls isolated. A small invented store; the real pipeline where
an analysis runs."""
from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from presstrace.api import create_app  # noqa: E402
from presstrace.api.analysis import AnalysisService  # noqa: E402
from presstrace.errors import SettingsError  # noqa: E402
from presstrace.records import AnalyzedArticle  # noqa: E402

RLO = "\u202e"
ARTICLES = [
    {"id": "h-1", "date": "2024-05-02", "source": f"Outlet{RLO}gnp.exe", "title": f"Ferry{RLO}gnp.exe line",
     "text": "The ferry line between Odesa and Varna reopened on Thursday, port director Lina Hart "
             "said. \"Ships are moving again,\" Hart told reporters."},
    {"id": "h-2", "date": "2024-05-03", "source": "Inland Post", "title": "Grain convoy arrives",
     "text": "A grain convoy reached Lviv on Friday, said Marek Dole, a logistics manager. "
             "\"We lost two days at the border,\" Dole said."},
]
LIMIT = 4000
LOCAL = "http://127.0.0.1"
TEXT = {"text": "Kyiv said on Monday that the ferry line reopened, officials said."}


def assert_headers(res) -> None:
    assert "frame-ancestors 'none'" in res.headers["content-security-policy"]
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["x-frame-options"] == "DENY"


def assert_error(res, status: int, code: str) -> None:
    assert res.status_code == status, res.text
    assert res.json()["error"]["code"] == code
    assert_headers(res)


@pytest.fixture(scope="module")
def client(security_store, settings):
    with TestClient(create_app(security_store, settings), raise_server_exceptions=False,
                    base_url=LOCAL) as c:
        yield c


# -- item 3: one error path, bounded numbers -------------------------------------------

def test_hardening_a_500_keeps_the_security_headers_on_pages_and_api(security_store, settings):
    app = create_app(security_store, settings)

    def boom():
        raise RuntimeError("secret detail /etc/passwd")

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False, base_url=LOCAL) as c:
        api, page = c.get("/api/boom"), c.get("/boom")
    assert_error(api, 500, "internal_error")
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert_headers(page)
    assert "secret detail" not in api.text + page.text and "RuntimeError" not in api.text + page.text


@pytest.mark.parametrize("url", ["/articles/18446744073709551616", "/articles?offset=9223372036854775808",
                                 "/stories?offset=9223372036854775808", "/stories/18446744073709551616",
                                 "/entities/-9223372036854775809"])
def test_hardening_pages_refuse_numbers_past_64_bits(client, url):
    res = client.get(url)
    assert res.status_code == 400 and "<html" in res.text, res.text[:200]
    assert_headers(res)


def test_hardening_a_lone_surrogate_is_a_clear_400(client):
    res = client.post("/api/analyze", content=b'{"text": "Odesa \\ud800 was shelled."}',
                      headers={"content-type": "application/json"})
    assert_error(res, 400, "bad_record")


# -- item 4: a fair analysis service ----------------------------------------------------

def held_service(settings, release: threading.Event, workers: int = 1, queue: int = 1) -> AnalysisService:
    """A service whose analyses (in threads) wait for `release`: a busy server on demand."""
    def task(article):
        release.wait(10)
        return AnalyzedArticle(text=article.text)
    return AnalysisService(settings, workers, queue, task=task,
                           make_executor=lambda: ThreadPoolExecutor(workers))


def test_hardening_a_full_queue_is_503_with_retry_after_and_reads_do_not_wait(security_store, settings):
    release = threading.Event()
    app = create_app(security_store, settings)
    app.state.analysis = held_service(settings, release)
    with TestClient(app, raise_server_exceptions=False, base_url=LOCAL) as c:
        answers: list = []
        posts = [threading.Thread(target=lambda: answers.append(c.post("/api/analyze", json=TEXT)))
                 for _ in range(2)]  # one running, one waiting: the queue is full
        for t in posts:
            t.start()
        deadline = time.monotonic() + 5
        while app.state.analysis._pending < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        busy = c.post("/api/analyze", json=TEXT)
        started = time.monotonic()
        reads = [c.get("/api/articles"), c.get("/articles"), c.get("/")]
        read_seconds = time.monotonic() - started
        form = c.post("/analyze", data={"text": "Kyiv said so."})
        release.set()
        for t in posts:
            t.join(10)
    assert_error(busy, 503, "unavailable")
    assert busy.headers["retry-after"].isdigit()
    assert form.status_code == 503 and form.headers["retry-after"].isdigit()
    assert [r.status_code for r in reads] == [200, 200, 200] and read_seconds < 2
    assert sorted(r.status_code for r in answers) == [200, 200]


def test_hardening_an_analysis_past_max_seconds_is_stopped(security_store, settings):
    quick = settings.with_overrides({"limits": {"max_seconds": 0.001}})
    with TestClient(create_app(security_store, quick), raise_server_exceptions=False, base_url=LOCAL) as c:
        res = c.post("/api/analyze", json={"text": "Kyiv said on Monday. " * 400})
    assert_error(res, 422, "timeout")
    assert "limits.max_seconds" in res.json()["error"]["message"]


@pytest.mark.parametrize("key,value", [("analysis_workers", 0), ("analysis_queue", -1),
                                       ("analysis_workers", "2"), ("allowed_hosts", "x")])
def test_hardening_server_settings_are_checked(security_store, settings, key, value):
    with pytest.raises(SettingsError, match=key):
        create_app(security_store, settings.with_overrides({"server": {key: value}}))


# -- item 5: Host header, same-origin writes, the form with a token ----------------------

@pytest.mark.parametrize("host,status", [("evil.example", 400), ("evil.example:8000", 400),
                                         ("127.0.0.1:8000", 200), ("localhost:8000", 200),
                                         ("[::1]:8000", 200), ("localhost:9999", 400),
                                         ("127.0.0.1:8000:1", 400), ("news.example:8000", 200)])
def test_hardening_the_host_header_is_checked(security_store, settings, host, status):
    named = settings.with_overrides({"server": {"allowed_hosts": ["news.example"]}})
    with TestClient(create_app(security_store, named, port=8000), raise_server_exceptions=False) as c:
        for url in ("/", "/api/articles"):
            res = c.get(url, headers={"host": host})
            assert res.status_code == status, (url, host, res.text[:200])
            assert_headers(res)
            if status == 400:
                assert res.json()["error"]["code"] == "bad_host"


@pytest.mark.parametrize("headers", [{"origin": "http://evil.example"}, {"origin": "null"},
                                     {"referer": "http://evil.example/page"},
                                     {"origin": "http://127.0.0.1:9999"}])
def test_hardening_cross_origin_writes_are_refused(client, headers):
    assert_error(client.post("/api/analyze", json={"text": ""}, headers=headers), 403, "cross_origin")
    page = client.post("/analyze", data={"text": "Kyiv said so."}, headers=headers)
    assert page.status_code == 403
    assert_headers(page)


@pytest.mark.parametrize("headers", [{"origin": LOCAL}, {"referer": f"{LOCAL}/analyze"}, {}])
def test_hardening_same_origin_and_non_browser_writes_pass(client, headers):
    # An empty text: refused by the analysis (400 empty), so it got past the origin check.
    assert_error(client.post("/api/analyze", json={"text": ""}, headers=headers), 400, "empty")


def test_hardening_the_form_works_with_a_token(security_store, settings):
    token = "form-token-for-tests"
    with TestClient(create_app(security_store, settings, token=token), raise_server_exceptions=False,
                    base_url=LOCAL) as c:
        form = c.get("/analyze")
        assert 'name="token"' in form.text and form.headers["referrer-policy"] == "same-origin"
        origin = {"origin": LOCAL}
        done = c.post("/analyze", data={"text": "Kyiv said so, officials said.", "token": token}, headers=origin)
        wrong = c.post("/analyze", data={"text": "Kyiv said so.", "token": "nope"}, headers=origin)
        api = c.post("/api/analyze", json=TEXT, headers={"authorization": "Bearer form-token-for-tests",
                                                         **origin})
        api_without = c.post("/api/analyze", json=TEXT, headers={**origin})
    assert done.status_code == 200 and "Article text" in done.text
    assert wrong.status_code == 401
    assert api.status_code == 200 and api_without.status_code == 401


def test_hardening_redirects_do_not_echo_the_host_header(client):
    for host in ("localhost", "127.0.0.1"):
        res = client.get("/static", headers={"host": host}, follow_redirects=False)
        assert res.status_code in (301, 307, 308) and res.headers["location"] == "/static/"


# -- item 6: HEAD, NUL in name filters, bidirectional controls ---------------------------

@pytest.mark.parametrize("url", ["/", "/articles", "/api/articles", "/api/quotes", "/openapi.json",
                                 "/static/app.css", "/stories"])
def test_hardening_head_is_answered_where_get_is(client, url):
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert_headers(head)


@pytest.mark.parametrize("url", ["/api/articles?source=%00", "/api/quotes?speaker=%00",
                                 "/api/claims?by=%00", "/api/events?actor=%00", "/api/entities?source=a%00"])
def test_hardening_nul_in_a_name_filter_is_a_400(client, url):
    assert_error(client.get(url), 400, "bad_query")


def test_hardening_bidirectional_controls_are_isolated(client):
    ids = [a["id"] for a in client.get("/api/articles").json()["items"] if RLO in (a["title"] or "")]
    pages = [client.get(f"/articles/{ids[0]}").text, client.get("/articles").text,
             client.get("/stories").text, client.get("/search?q=ferry").text, client.get("/").text]
    for page in pages:
        outside = re.sub(r"<bdi>[^<]*</bdi>", "", page)
        outside = re.sub(r'<article class="text".*?</article>', "", outside, flags=re.S)  # the text itself
        assert RLO not in outside
    assert re.search(f"<bdi>Ferry{RLO}gnp.exe line</bdi>", pages[0])
    assert re.search(f"<bdi>Outlet{RLO}gnp.exe</bdi>", pages[1])
