"""Ingest: read inputs, skip what is stored, analyse the rest in worker processes, write.

Every input is planned before any analysis (cheap): an error is recorded, a text already
stored (same hash) only adds its input id, a near-duplicate is stored linked to its
original, and only the rest goes to `analyze_many`. The main process is the one writer: it
writes every input's outcome in input order, in transactions of `store.commit_every`
inputs (or `store.commit_seconds`). Article ids are given in input order, so a run killed
at any moment and started again ends with the same store as one that was never stopped.
"""
from __future__ import annotations

import itertools
import logging
import os
import sqlite3
import time
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Union

import numpy as np

from ..corpus.dedupe import DedupeConfig, Match, NearDuplicateIndex, to_blob
from ..errors import InputError
from ..pipeline import analyze_many, check_article
from ..readers import read_inputs
from ..records import AnalyzedArticle, Article, ArticleError
from ..settings import Settings, load_settings
from ..store import db
from .progress import IngestStats, Progress

LOGGER = logging.getLogger(__name__)


@dataclass
class Step:
    """One input's planned outcome; `result` is filled in for analysed articles."""
    kind: str  # error | mapping | analyse | duplicate
    article: Optional[Article] = None
    error: Optional[ArticleError] = None
    article_id: Optional[int] = None
    digest: Optional[str] = None
    signature: Optional[np.ndarray] = None
    match: Optional[Match] = None
    result: Union[AnalyzedArticle, ArticleError, None] = None


def ingest(paths: Iterable[str], db_path: str | os.PathLike, settings: Optional[Settings] = None,
           n_process: Optional[int] = None, force: bool = False, input_format: Optional[str] = None,
           date: Optional[str] = None, progress: Optional[Progress] = None) -> IngestStats:
    """Analyse and store every article of the inputs that the store does not hold yet.

    Args:
        paths: files, folders, glob patterns, or `-` for standard input.
        db_path: the store (created when missing).
        settings: presstrace settings; the defaults when None.
        n_process: worker processes for the pipeline; all cores when None.
        force: analyse again articles that are already stored.
        input_format: force a reader (record, jsonl, text, html) for non-WARC inputs.
        date: YYYY-MM-DD for articles that have none.
        progress: shows progress as inputs are written; none when None.
    Returns:
        Counts of what happened to the inputs.
    """
    settings = settings or load_settings()
    conn = db.open_store(db_path)
    stats = IngestStats()
    try:
        planner = Planner(conn, settings, force)
        writer = Writer(conn, settings, planner, stats, progress)
        items = read_inputs(list(paths), input_format=input_format, date=date, settings=settings)
        _run(items, planner, writer, n_process or os.cpu_count() or 1, settings)
        writer.finish()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
        if progress is not None:
            progress.close()
    stats.seconds = time.monotonic() - stats.started
    return stats


def _run(items: Iterator, planner: "Planner", writer: "Writer", n_process: int,
         settings: Settings) -> None:
    """Plan every input, analyse the new ones, and write all outcomes in input order."""
    queue: deque[Step] = deque()

    def to_analyse() -> Iterator[Article]:
        for item in items:
            step = planner.plan(item)
            if step.kind == "error" or (step.kind == "mapping" and not planner.is_pending(step)):
                writer.write(step)  # nothing to wait for: write it now
                continue
            queue.append(step)
            if step.kind == "analyse":
                yield step.article

    feed = to_analyse()
    first = next(feed, None)  # start worker processes only when something needs analysing
    results = (analyze_many(itertools.chain([first], feed), n_process=n_process, settings=settings)
               if first is not None else ())
    for result in results:
        while queue[0].kind != "analyse":
            writer.write(queue.popleft())
        step = queue.popleft()
        if result.id != step.article.id:
            raise RuntimeError(f"pipeline results out of order: got {result.id!r}, "
                               f"expected {step.article.id!r}")
        step.result = result
        writer.write(step)
    while queue:
        writer.write(queue.popleft())


class Planner:
    """Decides each input's outcome from the store and from what this run has planned."""

    def __init__(self, conn: sqlite3.Connection, settings: Settings, force: bool):
        self.conn = conn
        self.settings = settings
        self.force = force
        self.index = (NearDuplicateIndex.from_store(conn, DedupeConfig.from_settings(settings))
                      if settings.get("store", "dedupe") else None)
        self.next_id = db.next_article_id(conn)
        self.pending: dict[str, int] = {}  # hash -> article id, planned but not yet written
        self.redone: set[str] = set()      # stored articles this run analyses again

    def plan(self, item: Article | ArticleError) -> Step:
        if isinstance(item, ArticleError):
            return Step("error", error=item)
        try:
            check_article(item, self.settings)
        except InputError as exc:
            return Step("error", error=ArticleError(exc.code, exc.message, id=item.id))
        digest = db.article_hash(item.text)
        if digest in self.pending:
            return Step("mapping", article=item, article_id=self.pending[digest], digest=digest)
        found = db.find_article(self.conn, digest)
        if found is not None:
            return self._plan_stored(item, digest, found)
        article_id, self.next_id = self.next_id, self.next_id + 1
        self.pending[digest] = article_id
        signature = self.index.signature(item.text) if self.index else None
        if signature is not None:
            match = self.index.find(self.conn, signature)
            if match is not None:
                return Step("duplicate", item, None, article_id, digest, signature, match)
            self.index.add(article_id, signature)
        return Step("analyse", item, None, article_id, digest, signature)

    def _plan_stored(self, item: Article, digest: str, found: sqlite3.Row) -> Step:
        again = (self.force or found["status"] == "failed") and found["status"] != "duplicate"
        if not again or digest in self.redone:
            return Step("mapping", article=item, article_id=found["id"], digest=digest)
        self.redone.add(digest)
        self.pending[digest] = found["id"]
        return Step("analyse", item, None, found["id"], digest)

    def is_pending(self, step: Step) -> bool:
        return step.digest in self.pending and self.pending[step.digest] == step.article_id

    def written(self, step: Step) -> None:
        if step.digest is not None and self.pending.get(step.digest) == step.article_id:
            del self.pending[step.digest]
        if self.index is not None and step.article_id is not None:
            self.index.written(step.article_id)


class Writer:
    """The one writer: each step's rows, grouped into transactions."""

    def __init__(self, conn: sqlite3.Connection, settings: Settings, planner: Planner,
                 stats: IngestStats, progress: Optional[Progress]):
        self.conn = conn
        self.planner = planner
        self.stats = stats
        self.progress = progress
        self.commit_every = max(1, int(settings.get("store", "commit_every")))
        self.commit_seconds = float(settings.get("store", "commit_seconds"))
        self._since = 0
        self._last = time.monotonic()

    def write(self, step: Step) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
        getattr(self, f"_write_{step.kind}")(step)
        self.planner.written(step)
        self.stats.inputs += 1
        self._since += 1
        if self._since >= self.commit_every or time.monotonic() - self._last >= self.commit_seconds:
            self.commit()
        if self.progress is not None:
            self.progress.update(self.stats)

    def _write_error(self, step: Step) -> None:
        LOGGER.info("%s: %s: %s", step.error.id or step.error.origin, step.error.code,
                    step.error.message)
        db.save_error(self.conn, step.error)
        self.stats.errors += 1

    def _write_mapping(self, step: Step) -> None:
        db.add_input_id(self.conn, step.article_id, step.article)
        self.stats.skipped += 1

    def _write_duplicate(self, step: Step) -> None:
        db.save_duplicate(self.conn, step.article, step.article_id, step.digest,
                          step.match.original_id, step.match.similarity)
        db.save_signature(self.conn, step.article_id, to_blob(step.signature))
        db.add_input_id(self.conn, step.article_id, step.article)
        self.stats.duplicates += 1

    def _write_analyse(self, step: Step) -> None:
        if isinstance(step.result, ArticleError):
            LOGGER.warning("%s: %s: %s", step.result.id, step.result.code, step.result.message)
            db.save_failed(self.conn, step.article, step.article_id, step.digest, step.result)
            self.stats.failed += 1
        else:
            db.save_article(self.conn, step.result, step.article_id, step.digest)
            self.stats.analysed += 1
        if step.signature is not None:
            db.save_signature(self.conn, step.article_id, to_blob(step.signature))
        db.add_input_id(self.conn, step.article_id, step.article)

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self._since = 0
        self._last = time.monotonic()

    def finish(self) -> None:
        self.commit()
        if self.progress is not None:
            self.progress.update(self.stats, force=True)
