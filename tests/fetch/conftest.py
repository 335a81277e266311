"""A news site on 127.0.0.1 for the fetch tests: feeds, a sitemap, pages, robots.txt, a
slow page, a page that fails once, a redirect and a feed whose ETag changes."""
from __future__ import annotations

import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from presstrace.settings import load_settings

WORDS = ("ministers regional officials negotiators analysts farmers engineers residents "
         "volunteers economists").split()


def page(n: int, dated: bool = True) -> bytes:
    """An article page; its text differs per n (a deterministic word walk)."""
    body = " ".join(f"{WORDS[(n * 7 + i * 3) % 10]} said on day {i} of week {n} that the talks "
                    f"on topic {n}-{i} went on." for i in range(12))
    meta = f'<meta property="article:published_time" content="2024-03-{n % 28 + 1:02d}">' if dated else ""
    return (f"<html><head><title>Story {n}</title>{meta}</head><body><article><h1>Story {n}</h1>"
            f"<p>{body}</p><p>Officials in city {n} confirmed the report on the {n}th.</p>"
            f"</article></body></html>").encode()


class Site:
    """What the test server serves and what it saw. Tests change it between runs."""

    def __init__(self):
        self.hits: list[tuple[str, str]] = []   # (path, If-None-Match or "")
        self.begun: list[tuple[str, float]] = []  # (path, when it arrived), monotonic
        self.running = self.most_running = 0
        self.lock = threading.Lock()
        self.feed_items = [1, 2]
        self.robots: tuple[int, bytes] = (200, b"User-agent: *\nDisallow: /private/\n")
        # Answers given before the normal one, first to last: (status, headers).
        self.scripted: dict[str, list[tuple[int, dict]]] = {"/news/flaky.html": [(500, {})]}
        self.slow: dict[str, float] = {"/slow.html": 1.5}

    def feed(self) -> tuple[bytes, str]:
        items = "".join(f"<item><title>Story {n}</title><link>{{base}}/news/{n}.html</link>"
                        f"<pubDate>Mon, {n:02d} Apr 2024 10:00:00 GMT</pubDate></item>"
                        for n in self.feed_items)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
                f"</channel></rss>").encode(), f'"v{len(self.feed_items)}"'

    def started(self, path: str, conditional: str) -> None:
        with self.lock:  # before answering: a client that has its answer finds the hit
            self.hits.append((path, conditional))
            self.begun.append((path, time.monotonic()))
            self.running += 1
            self.most_running = max(self.most_running, self.running)

    def ended(self) -> None:
        with self.lock:
            self.running -= 1

    def starts(self, path: str) -> list[float]:
        """When each request for the path arrived, in order."""
        return sorted(start for p, start in self.begun if p == path)


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            site.started(self.path, self.headers.get("If-None-Match") or "")
            try:
                self._answer()
            finally:
                site.ended()

        def _answer(self):
            base = f"http://{self.headers['Host']}"
            if site.scripted.get(self.path):
                status, headers = site.scripted[self.path].pop(0)
                return self._send(status, b"try later", "text/plain", headers)
            if self.path in site.slow:
                time.sleep(site.slow[self.path])
            if self.path == "/robots.txt":
                etag = f'"r{zlib.crc32(site.robots[1])}"'
                if site.robots[0] == 200 and self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", "text/plain", {"ETag": etag})
                return self._send(site.robots[0], site.robots[1], "text/plain", {"ETag": etag})
            if self.path == "/feed.xml":
                body, etag = site.feed()
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", "application/rss+xml", {"ETag": etag})
                return self._send(200, body.replace(b"{base}", base.encode()), "application/rss+xml",
                                  {"ETag": etag})
            if self.path == "/sitemap-index.xml":
                return self._send(200, f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                                       f'schemas/sitemap/0.9"><sitemap><loc>{base}/sitemap.xml</loc>'
                                       f'</sitemap></sitemapindex>'.encode(), "application/xml")
            if self.path == "/sitemap.xml" and self.headers.get("If-None-Match") == '"s1"':
                return self._send(304, b"", "application/xml", {"ETag": '"s1"'})
            if self.path in ("/sitemap.xml", "/sitemap.xml.gz"):
                urls = "".join(f"<url><loc>{base}/news/{n}.html</loc></url>" for n in (2, 3))
                urls += f"<url><loc>{base}/private/secret.html</loc></url>"
                body = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                        f"{urls}</urlset>").encode()
                if self.path.endswith(".gz"):
                    return self._send(200, gzip.compress(body), "application/x-gzip")
                return self._send(200, body, "application/xml", {"ETag": '"s1"'})
            if self.path == "/bomb.xml.gz":  # 20 MB of spaces in 20 kB
                return self._send(200, gzip.compress(b"<urlset>" + b" " * 20_000_000), "application/gzip")
            if self.path == "/slow.html":
                return self._send(200, page(90), "text/html")
            if self.path == "/news/flaky.html":
                return self._send(200, page(80), "text/html")
            if self.path == "/old.html":
                return self._send(301, b"", "text/html", {"Location": "/news/7.html"})
            if self.path == "/into-private.html":
                return self._send(302, b"", "text/html", {"Location": "/private/9.html"})
            if self.path == "/loop.html":
                return self._send(302, b"", "text/html", {"Location": "/loop.html"})
            if self.path.startswith(("/news/", "/private/")) and self.path.endswith(".html"):
                stem = self.path.rsplit("/", 1)[1][:-5]
                if stem.isdigit():
                    return self._send(200, page(int(stem), dated=int(stem) != 2), "text/html; charset=utf-8")
            return self._send(404, b"not found", "text/plain")

        def _send(self, status, body, content_type, headers=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    return Handler


@pytest.fixture()
def site(monkeypatch):
    """The site served on a free loopback port: (base URL, Site)."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.delenv("http_proxy", raising=False)
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()
    server.server_close()


@pytest.fixture()
def fast_settings():
    """Settings for a quick test: no host delay, short timeouts and backoff, no dedupe."""
    return load_settings().with_overrides({
        "fetch": {"host_delay_seconds": 0.0, "timeout_seconds": 0.5, "backoff_seconds": 0.01,
                  "retries": 2},
        "store": {"dedupe": False}})
