"""Each source fetched once (conditionally) and turned into page jobs: a feed's or
sitemap's article links, or the page itself. A failed source is recorded in its row and
the run goes on."""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from typing import Optional

from . import state
from .client import Client, FetchError, Response
from .config import LISTING_TYPES, PAGE_TYPES, FetchConfig
from .listings import gunzipped, is_xml_listing, normal_url, read_listing
from .sourcelist import SourceSpec

LOGGER = logging.getLogger(__name__)


@dataclass
class PageJob:
    """A page to fetch (or, for a page source, already fetched: `response`)."""
    url: str
    feed: str
    outlet: Optional[str] = None
    date: Optional[str] = None
    response: Optional[Response] = None


@dataclass
class Discovery:
    jobs: list[PageJob] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)   # "url: message" per failed source
    known: int = 0                                    # links already stored, not fetched
    # Each changed source's new ETag and Last-Modified, saved by the run only once the
    # pages it lists are stored: saved sooner, a run killed before then would be answered
    # 304 next time and never fetch them.
    validators: dict[str, dict] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)    # every source requested, child sitemaps too


def discover(conn: sqlite3.Connection, client: Client, specs: list[SourceSpec],
             config: FetchConfig) -> Discovery:
    """The pages the sources list that the store does not hold yet, in source order."""
    found, seen = Discovery(), set()
    for spec in specs:
        _source(conn, client, spec, spec.url, config, found, seen, depth=0)
    return found


def _source(conn, client: Client, spec: SourceSpec, url: str, config: FetchConfig,
            found: Discovery, seen: set, depth: int) -> None:
    found.asked.append(url)
    row = state.source_state(conn, url)
    # An index is asked in full each time: unchanged, it may still list changed sitemaps.
    conditional = row is not None and row["kind"] != "sitemap_index"
    try:
        response = client.get(url, PAGE_TYPES + LISTING_TYPES, row["etag"] if conditional else None,
                              row["last_modified"] if conditional else None)
        response.body = gunzipped(response.body, config.max_bytes, url)
    except FetchError as exc:
        LOGGER.warning("source %s", exc.message)
        found.failed.append(exc.message)
        state.save_source(conn, url, outlet=spec.outlet, last_fetch=_now(), last_status=exc.status,
                          last_error=f"{exc.code}: {exc.message}")
        return
    values = dict(outlet=spec.outlet, last_fetch=response.fetched_at, last_status=response.status,
                  last_error=None)
    if response.status == 304:
        found.unchanged += 1
        state.save_source(conn, url, **values)
        return
    found.validators[url] = dict(etag=response.header("ETag"),
                                 last_modified=response.header("Last-Modified"))
    if response.content_type in PAGE_TYPES and not is_xml_listing(response.body):
        _add(conn, PageJob(normal_url(response.url) or response.url, url, spec.outlet,
                           response=response), found, seen)
        state.save_source(conn, url, kind="page", links=1, **values)
        return
    listing = read_listing(response.body, config.max_links)
    state.save_source(conn, url, kind=listing.kind, links=len(listing.links) + len(listing.sitemaps),
                      **values)
    for link in listing.links:
        _add(conn, PageJob(link.url, url, spec.outlet, link.date), found, seen)
    if depth == 0:  # an index's sitemaps are followed; an index inside one is not
        for child in listing.sitemaps[:config.max_sitemaps]:
            _source(conn, client, spec, child, config, found, seen, depth=1)


def _add(conn, job: PageJob, found: Discovery, seen: set) -> None:
    if job.url in seen:
        return
    seen.add(job.url)
    if state.is_fetched(conn, job.url):
        found.known += 1
        return
    found.jobs.append(job)


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")
