"""The local ingest: read inputs, skip what is stored, analyse the rest in worker processes.

Every input is planned before any analysis (cheap, `plan.Planner`): an error is recorded,
a text already stored (same hash) only adds its input id, a near-duplicate is stored
linked to its original, and only the rest goes to `analyze_many`. The main process is the
one writer (`write.write_step` on the store): it writes every input's outcome in input
order, in transactions of `store.commit_every` inputs (or `store.commit_seconds`).
Article ids are given in input order, so a run killed at any moment and started again
ends with the same store as one that was never stopped.
"""
from __future__ import annotations

import itertools
import logging
import os
import time
from collections import deque
from typing import Iterable, Iterator, Optional

from ..pipeline import analyze_many
from ..readers import read_inputs
from ..records import Article, ArticleError
from ..settings import Settings, load_settings
from ..store import db
from .plan import Planner, Step, near_duplicate_index
from .progress import IngestStats, Progress
from .write import StoreSink, count_step, write_step

LOGGER = logging.getLogger(__name__)


def ingest_local(paths: Iterable[str], db_path: str | os.PathLike, settings: Optional[Settings] = None,
                 n_process: Optional[int] = None, force: bool = False,
                 input_format: Optional[str] = None, date: Optional[str] = None,
                 progress: Optional[Progress] = None) -> IngestStats:
    """Analyse and store every article of the inputs that the store does not hold yet.

    Args:
        paths: files, folders, glob patterns, WARC archives, or `-` for standard input.
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
    items = read_inputs(list(paths), input_format=input_format, date=date, settings=settings)
    return ingest_items(items, db_path, settings, n_process, force, progress)


def ingest_items(items: Iterable[Article | ArticleError], db_path: str | os.PathLike,
                 settings: Settings, n_process: Optional[int] = None, force: bool = False,
                 progress: Optional[Progress] = None) -> IngestStats:
    """Plan, analyse and store articles already read (by the readers, or by `fetch`).

    Args:
        items: articles and readers' errors, in input order (read lazily).
        db_path, settings, n_process, force, progress: as `ingest_local`.
    Returns:
        Counts of what happened to the inputs.
    """
    conn = db.open_store(db_path)
    stats = IngestStats()
    try:
        sink = StoreSink(conn)
        planner = Planner(sink, settings, force=force, index=near_duplicate_index(conn, settings))
        writer = Writer(sink, settings, planner, stats, progress)
        _run(iter(items), planner, writer, n_process or os.cpu_count() or 1, settings)
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


def _run(items: Iterator, planner: Planner, writer: "Writer", n_process: int,
         settings: Settings) -> None:
    """Plan every input, analyse the new ones, and write all outcomes in input order.

    A step with nothing to wait for is written as soon as it is planned; the others queue
    behind the analysis (an input mapped to an article being analysed waits for it: its
    id row needs the article row).
    """
    queue: deque[Step] = deque()

    def to_analyse() -> Iterator[Article]:
        """Plan each input; yield the articles to analyse, write or queue the rest."""
        for item in items:
            step = planner.plan(item)
            if step.kind == "error" or (step.kind == "mapping" and not planner.is_pending(step)):
                writer.write(step)
                continue
            queue.append(step)
            if step.kind == "analyse":
                yield step.article

    feed = to_analyse()
    first = next(feed, None)  # start worker processes only when something needs analysing
    results = (analyze_many(itertools.chain([first], feed), n_process=n_process, settings=settings,
                            checked=True)
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


class Writer:
    """The one writer of a local run: each step through the write policy, in transactions."""

    def __init__(self, sink: StoreSink, settings: Settings, planner: Planner, stats: IngestStats,
                 progress: Optional[Progress]):
        """Args:
            sink: the store.
            settings: `store.commit_every` and `store.commit_seconds`.
            planner: told when each step is written.
            stats: the run's counts.
            progress: shown as steps are written, or None.
        """
        self.sink = sink
        self.conn = sink.conn
        self.planner = planner
        self.stats = stats
        self.progress = progress
        self.commit_every = max(1, int(settings.get("store", "commit_every")))
        self.commit_seconds = float(settings.get("store", "commit_seconds"))
        self._since = 0
        self._last = time.monotonic()

    def write(self, step: Step) -> None:
        """Write one step, committing every `commit_every` steps or `commit_seconds`."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
        if step.kind not in ("error", "mapping"):  # an article stored: the corpus views are behind
            db.mark_corpus_pending(self.conn)  # committed with it, in its transaction
        _log(step)
        write_step(self.sink, step)
        self.planner.written(step)
        count_step(self.stats, step)
        self._since += 1
        if self._since >= self.commit_every or time.monotonic() - self._last >= self.commit_seconds:
            self.commit()
        if self.progress is not None:
            self.progress.update(self.stats)

    def commit(self) -> None:
        """End the open transaction, if any, and start counting afresh."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self._since = 0
        self._last = time.monotonic()

    def finish(self) -> None:
        """Commit what is left and show the final counts."""
        self.commit()
        if self.progress is not None:
            self.progress.update(self.stats, force=True)


def _log(step: Step) -> None:
    """An input that could not be read is routine (info); a pipeline failure is not."""
    if step.kind == "error":
        LOGGER.info("%s: %s: %s", step.error.id or step.error.origin, step.error.code,
                    step.error.message)
    elif step.kind == "analyse" and isinstance(step.result, ArticleError):
        LOGGER.warning("%s: %s: %s", step.result.id, step.result.code, step.result.message)
