"""A generated news site on 127.0.0.1 for benchmarks/fetch_scale.py (issue #19's "Done when"):
two outlets' feeds (RSS with Last-Modified, Atom with an ETag), one Google News sitemap and
40 article pages, some of them syndicated copies (the same text, or the same text with a
sentence changed) and some without a date in their feed, plus a robots.txt that disallows
/private/, where the sitemap lists one page.

Each page's expected date is decided here (its own metadata, else its feed's date, else the
date in its URL), so the benchmark can check what the fetch stored.
"""
from __future__ import annotations

import email.utils
import random
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

WORDS = """ministers officials talks border troops village council harvest grain port
shipping exports prices inflation bank budget election parliament coalition court judge
ruling appeal protest crowd police report inquiry witness energy pipeline gas supply winter
drone strike repair bridge railway station hospital school teacher farmers prices market
ceasefire envoy summit delegation agreement sanctions embargo convoy aid refugees shelter
volunteers engineers pilots mayor governor region district coast river forest factory
workers union strike wages pension reform deficit loan lenders bond currency reserves""".split()
OUTLETS = {"a": "Alpha Times", "b": "Beta Wire", "c": "Gamma News"}
LAST_MODIFIED = email.utils.format_datetime(datetime(2024, 3, 30, tzinfo=timezone.utc), usegmt=True)


def sentences(seed: int, n: int = 15) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 18))).capitalize() + "."
            for _ in range(n)]


@dataclass
class Page:
    path: str
    outlet: str                      # a, b or c: whose feed or sitemap lists it
    text_seed: int                   # pages with the same seed carry the same text
    changed: bool = False            # the same text with its last sentence changed
    page_date: Optional[str] = None  # in the page's metadata
    listed_date: Optional[str] = None  # in the feed or sitemap
    url_date: Optional[str] = None   # in the path

    @property
    def expected_date(self) -> Optional[str]:
        return self.page_date or self.listed_date or self.url_date

    def html(self) -> bytes:
        body = sentences(self.text_seed)
        if self.changed:
            body[-1] = sentences(10_000 + self.text_seed, 1)[0]
        title = f"{body[0].split()[0]} story {self.text_seed}"
        meta = (f'<meta property="article:published_time" content="{self.page_date}">'
                if self.page_date else "")
        paragraphs = "".join(f"<p>{' '.join(body[i:i + 3])}</p>" for i in range(0, len(body), 3))
        return (f"<!doctype html><html><head><title>{title}</title>{meta}</head><body>"
                f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>"
                f"{paragraphs}</article><footer>{OUTLETS[self.outlet]}</footer></body></html>").encode()


def day(n: int) -> str:
    return date(2024, 3, 1 + n % 28).isoformat()


def build_pages() -> list[Page]:
    """40 pages: 15 of Alpha (dated in the URL, half dated in the feed, a third on the
    page), 12 of Beta (4 exact and 2 changed copies of Alpha's texts; dated by the feed or,
    when the feed has none, on the page), 13 in the news sitemap (one under /private/)."""
    pages = []
    for n in range(15):
        pages.append(Page(f"/a/{day(n).replace('-', '/')}/story-{n}.html", "a", n,
                          page_date=day(n) if n % 3 == 0 else None,
                          listed_date=day(n + 1) if n % 2 == 0 else None, url_date=day(n)))
    for n in range(12):
        seed, changed = (n, False) if n < 4 else (n, True) if n < 6 else (100 + n, False)
        in_feed = n % 3 != 0
        pages.append(Page(f"/b/story-{n}.html", "b", seed, changed,
                          page_date=None if in_feed else day(n + 2),
                          listed_date=day(n + 3) if in_feed else None))
    for n in range(13):
        folder = "private" if n == 12 else "c"
        pages.append(Page(f"/{folder}/story-{n}.html", "c", 200 + n, listed_date=day(n + 5)))
    return pages


@dataclass
class Site:
    pages: list[Page] = field(default_factory=build_pages)
    hits: list[tuple[str, bool]] = field(default_factory=list)  # (path, asked conditionally)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def listing(self, path: str, base: str) -> Optional[tuple[bytes, str, dict]]:
        """A feed or the sitemap: (body, content type, validator headers)."""
        if path == "/a/feed.xml":
            items = "".join(
                f"<item><title>{p.path}</title><link>{base}{p.path}</link>"
                + (f"<pubDate>{_rfc822(p.listed_date)}</pubDate>" if p.listed_date else "") + "</item>"
                for p in self.pages if p.outlet == "a")
            return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Alpha</title>{items}'
                    f"</channel></rss>").encode(), "application/rss+xml", {"Last-Modified": LAST_MODIFIED}
        if path == "/b/feed.atom":
            entries = "".join(
                f'<entry><title>{p.path}</title><link href="{base}{p.path}"/><id>{base}{p.path}</id>'
                + (f"<updated>{p.listed_date}T08:00:00Z</updated>" if p.listed_date else "") + "</entry>"
                for p in self.pages if p.outlet == "b")
            return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Beta</title>'
                    f"{entries}</feed>").encode(), "application/atom+xml", {"ETag": '"beta-1"'}
        if path == "/news-sitemap.xml":
            listed = [p for p in self.pages if p.outlet == "c"] + [p for p in self.pages if p.outlet == "a"][:2]
            urls = "".join(
                f"<url><loc>{base}{p.path}</loc><news:news><news:publication><news:name>Gamma</news:name>"
                f"<news:language>en</news:language></news:publication><news:publication_date>"
                f"{p.listed_date or p.expected_date}</news:publication_date><news:title>{p.path}</news:title>"
                f"</news:news></url>" for p in listed)
            return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                    f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
                    ).encode(), "application/xml", {"ETag": '"gamma-1"'}
        return None

    def page(self, path: str) -> Optional[Page]:
        return next((p for p in self.pages if p.path == path), None)


def _rfc822(iso: str) -> str:
    return email.utils.format_datetime(datetime.fromisoformat(iso).replace(hour=9, tzinfo=timezone.utc),
                                       usegmt=True)


def handler_for(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
            with site.lock:
                site.hits.append((self.path, conditional))
            base = f"http://{self.headers['Host']}"
            if self.path == "/robots.txt":
                return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain", {})
            listing = site.listing(self.path, base)
            if listing is not None:
                body, kind, validators = listing
                asked = (self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"))
                if any(value and value in validators.values() for value in asked):
                    return self._send(304, b"", kind, validators)
                return self._send(200, body, kind, validators)
            page = site.page(self.path)
            if page is None:
                return self._send(404, b"not found", "text/plain", {})
            return self._send(200, page.html(), "text/html; charset=utf-8", {})

        def _send(self, status, body, content_type, headers):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    return Handler


def serve(site: Site) -> tuple[ThreadingHTTPServer, str]:
    """The site served on a free loopback port, in a thread: (server, base URL)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
