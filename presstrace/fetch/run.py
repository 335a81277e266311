"""One fetch run: discover the sources' new pages, fetch them politely in parallel, write
each response to the run's WARC file and hand the articles, in discovery order, to the
ingest path (`runners.local.ingest_items`: the same plan, dedupe and transactions).

The fetched URLs are recorded once the ingest has committed its articles: a run killed
before that fetches the same pages again next time, and their input ids (the URLs) map
them onto the articles already stored, so the store ends as after one uninterrupted run.
"""
from __future__ import annotations

import dataclasses
import itertools
import logging
import os
from collections import deque
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional, TypeVar

import htmldate

from ..readers import ReadOptions
from ..readers.warc import page_article
from ..records import Article, ArticleError
from ..runners.local import ingest_items
from ..runners.progress import IngestStats, Progress
from ..settings import Settings
from ..store import db
from . import state
from .archive import Archive
from .client import Client, FetchError, Response
from .config import PAGE_TYPES, FetchConfig
from .discover import Discovery, PageJob, discover
from .listings import normal_url
from .sourcelist import read_sources

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class FetchStats:
    sources: int = 0
    unchanged: int = 0
    failed_sources: list[str] = field(default_factory=list)
    known: int = 0
    pages: int = 0
    failed_pages: int = 0
    retry: set[str] = field(default_factory=set)  # sources with a page to try again next run
    warc: Optional[str] = None
    ingest: IngestStats = field(default_factory=IngestStats)

    def summary(self) -> str:
        return (f"{self.sources} sources ({self.unchanged} unchanged, {len(self.failed_sources)} "
                f"failed); {self.pages} pages fetched ({self.failed_pages} failed), "
                f"{self.known} links stored before; {self.ingest.analysed} articles analysed, "
                f"{self.ingest.duplicates} near-duplicates, {self.ingest.skipped} texts stored before"
                + (f"; archive {self.warc}" if self.warc else ""))


def fetch(sources: list[str], db_path: str | os.PathLike, settings: Settings,
          n_process: Optional[int] = None, progress: Optional[Progress] = None) -> FetchStats:
    """Fetch the sources' new articles into the store; see the module's docstring.

    Args:
        sources: feed, sitemap or page URLs, or files listing them.
        db_path: the store (created when missing); the WARC goes beside it.
        settings: presstrace settings (`[fetch]`, `[store]`, `[limits]`).
        n_process: analysis worker processes (all cores when None).
        progress: the ingest's progress line, or None.
    """
    specs = read_sources(sources)
    config = FetchConfig.from_settings(settings)
    conn = db.open_store(db_path)
    client = Client(config, state.robots_copies(conn))
    stats = FetchStats(sources=len(specs))
    archive = Archive(db_path)
    try:
        found = discover(conn, client, specs, config)
        stats.unchanged, stats.failed_sources, stats.known = found.unchanged, found.failed, found.known
        rows: list[dict] = []
        items = _articles(found, client, archive, settings, rows, stats)
        stats.ingest = ingest_items(items, db_path, settings, n_process, progress=progress)
        state.save_fetches(conn, rows)
        state.save_new_counts(conn, found.asked, rows)
        _save_validators(conn, found, stats.retry)
        state.save_robots(conn, {root: client.robots.copies[root] for root in client.robots.renewed})
    finally:
        archive.close()
        conn.close()
    stats.warc = str(archive.path) if archive.path.exists() else None
    return stats


def _articles(found: Discovery, client: Client, archive: Archive, settings: Settings,
              rows: list[dict], stats: FetchStats) -> Iterator[Article | ArticleError]:
    """Each job's article (or error), in job order, pages fetched `concurrency` at a time."""
    options = dataclasses.replace(ReadOptions.from_settings(settings), date=None)
    with ThreadPoolExecutor(client.config.concurrency) as pool:
        fetched = fetch_ahead(pool, lambda j: _get(client, j), found.jobs, AHEAD * client.config.concurrency)
        for job, result in fetched:
            if isinstance(result, FetchError):
                stats.failed_pages += 1
                if result.transient:
                    stats.retry.add(job.feed)
                yield ArticleError(result.code, result.message, id=job.url, origin=job.feed)
                continue
            stats.pages += 1
            yield _article(job, result, archive, options, rows)


# Pages fetched ahead of the analysis, per request allowed at once: enough to keep the
# analysis fed, few enough that bodies do not pile up in memory when it is the slower.
AHEAD = 4


def fetch_ahead(pool: Executor, get: Callable[[T], R], items: list[T], ahead: int) -> Iterator[tuple[T, R]]:
    """(item, get(item)) in item order, with at most `ahead` items fetched or being fetched
    beyond the one handed out (Executor.map would start them all at once). Left early, the
    items not started are cancelled."""
    pending: deque = deque()
    rest = iter(items)
    try:
        for item in itertools.islice(rest, ahead):
            pending.append((item, pool.submit(get, item)))
        while pending:
            item, future = pending.popleft()
            following = next(rest, _END)
            if following is not _END:
                pending.append((following, pool.submit(get, following)))
            yield item, future.result()
    finally:
        for _, future in pending:
            future.cancel()


_END = object()


def _save_validators(conn, found: Discovery, retry: set[str]) -> None:
    """Each changed source's validators, unless one of its pages failed for a reason that
    may pass (an unchanged source is not listed again, so its page would not be retried)."""
    for url, validators in found.validators.items():
        if url not in retry:
            state.save_source(conn, url, **validators)


def _get(client: Client, job: PageJob) -> Response | FetchError:
    if job.response is not None:
        return job.response
    try:
        return client.get(job.url, PAGE_TYPES)
    except FetchError as exc:
        return exc


def _article(job: PageJob, response: Response, archive: Archive, options: ReadOptions,
             rows: list[dict]) -> Article | ArticleError:
    """The page's article, its date from the page, else the feed, else the URL (htmldate);
    the response and what was decided archived together."""
    article = page_article(response.body, response.url, job.url, response.url, options)
    metadata = {"id": job.url, "feed": job.feed, "url": job.url}
    if job.outlet:
        metadata["source"] = job.outlet
    if isinstance(article, Article):
        if article.date is None:
            article.date = job.date or _url_date(response)
            metadata["date"] = article.date
        article.source = job.outlet or article.source
    record_id = archive.write(response, {k: v for k, v in metadata.items() if v is not None})
    canonical = normal_url(article.url) if isinstance(article, Article) and article.url else None
    rows.append({"url": job.url, "canonical_url": canonical or normal_url(response.url),
                 "final_url": response.url, "input_id": job.url, "feed": job.feed,
                 "fetched_at": response.fetched_at, "warc": f"{archive.path.name}#{record_id}"})
    return article


def _url_date(response: Response) -> Optional[str]:
    """The date htmldate reads from the page's URL and markup (never from its body text)."""
    try:
        return htmldate.find_date(response.body, url=response.url, original_date=True,
                                  extensive_search=False)
    except Exception:  # a third-party failure on one page costs its date, not the page
        LOGGER.debug("%s: htmldate failed", response.url, exc_info=True)
        return None
