"""What a source lists: the article links of an RSS/Atom feed (feedparser) or a sitemap
(news or plain; an index's child sitemaps are returned to be fetched in turn), filtered
and normalised with courlan. Feeds and sitemaps are untrusted: XML is parsed without
entities or network access, and only http(s) links are kept."""
from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urldefrag, urlsplit

import courlan
import feedparser
from courlan.filters import extension_filter, type_filter
from lxml import etree

from ..readers.dates import parse_date
from ..errors import InputError
from .client import FetchError


@dataclass
class Link:
    """An article link found in a source, with the date the source gives it."""
    url: str
    date: Optional[str] = None
    title: Optional[str] = None


@dataclass
class Listing:
    """What one fetched source holds: article links, and child sitemaps to follow."""
    kind: str                    # feed, sitemap, sitemap_index
    links: list[Link]
    sitemaps: list[str]


def normal_url(url: str) -> Optional[str]:
    """The URL normalised (courlan: lower-case host, no default port, no tracking
    parameters) without its fragment; None for what is not an http(s) article link."""
    url = (url or "").strip()
    if not url or urlsplit(url).scheme.lower() not in ("http", "https") or len(url) > 2000:
        return None
    try:
        url = urldefrag(courlan.normalize_url(url))[0]
    except (ValueError, AttributeError):
        return None
    if not type_filter(url) or not extension_filter(urlsplit(url).path):
        return None
    return url


def gunzipped(body: bytes, max_bytes: int, url: str) -> bytes:
    """A gzipped listing (sitemap.xml.gz) unpacked, at most `max_bytes` of it: a small
    file can unpack to gigabytes. Any other body as it is.

    Raises:
        FetchError: too_large past `max_bytes`, bad_gzip when it does not unpack.
    """
    if not body.startswith(b"\x1f\x8b"):
        return body
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = unpacker.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FetchError("bad_gzip", f"{url}: does not unpack ({exc})") from exc
    if len(data) > max_bytes or unpacker.unconsumed_tail:
        raise FetchError("too_large", f"{url}: unpacks to over {max_bytes} bytes")
    return data


def is_xml_listing(body: bytes) -> bool:
    """Whether a body looks like a feed or sitemap rather than a page."""
    head = body[:2000].lstrip().lower()
    return head.startswith(b"<?xml") or any(tag in head for tag in (b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf:rdf"))


def read_listing(body: bytes, max_links: int) -> Listing:
    """The links of a feed or sitemap body, newest first where dates say so."""
    root = _sitemap_root(body)
    if root is not None:
        return _read_sitemap(root, max_links)
    return _read_feed(body, max_links)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          load_dtd=False, recover=True)


def _sitemap_root(body: bytes):
    try:
        root = etree.fromstring(body, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None or etree.QName(root).localname not in ("urlset", "sitemapindex"):
        return None
    return root


def _read_sitemap(root, max_links: int) -> Listing:
    if etree.QName(root).localname == "sitemapindex":
        sitemaps = [u for u in (_child_text(s, "loc") for s in _children(root, "sitemap")) if u]
        return Listing("sitemap_index", [], [u for u in map(normal_sitemap, sitemaps) if u])
    links = []
    for entry in _children(root, "url"):
        url = normal_url(_child_text(entry, "loc") or "")
        if url:
            news_date = _deep_text(entry, "publication_date")
            links.append(Link(url, _date(news_date or _child_text(entry, "lastmod")),
                              _deep_text(entry, "title")))
    return Listing("sitemap", _newest(links, max_links), [])


def normal_sitemap(url: str) -> Optional[str]:
    """A child sitemap's URL, kept when http(s)."""
    url = (url or "").strip()
    return url if urlsplit(url).scheme.lower() in ("http", "https") and len(url) <= 2000 else None


def _children(node, name: str):
    return [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == name]


def _child_text(node, name: str) -> Optional[str]:
    found = _children(node, name)
    return (found[0].text or "").strip() or None if found else None


def _deep_text(node, name: str) -> Optional[str]:
    for element in node.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == name:
            return (element.text or "").strip() or None
    return None


def _read_feed(body: bytes, max_links: int) -> Listing:
    parsed = feedparser.parse(body)  # feedparser never fetches when given bytes
    links = []
    for entry in parsed.entries:
        url = normal_url(entry.get("link") or "")
        if url:
            when = entry.get("published_parsed") or entry.get("updated_parsed")
            links.append(Link(url, time.strftime("%Y-%m-%d", when) if when else None,
                              entry.get("title")))
    return Listing("feed", _newest(links, max_links), [])


def _date(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    try:
        return parse_date(value.strip()[:40], "sitemap")
    except InputError:
        return None


def _newest(links: list[Link], limit: int) -> list[Link]:
    """The first `limit` distinct links, newest first (undated ones after, in order)."""
    unique = list({link.url: link for link in reversed(links)}.values())[::-1]
    ranked = sorted(unique, key=lambda link: link.date or "", reverse=True)
    return ranked[:limit]
