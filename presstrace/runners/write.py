"""The one write policy: what each planned step writes, in which order, to which sink.

A step writes, in this order: an error record (`error`); or the article — stored
near-duplicate (`duplicate`), failed (`analyse` whose result is an error) or analysed —
then its MinHash signature, then the ids of its inputs (a `mapping` writes only those).
Two sinks take these calls: `StoreSink`, the SQLite store, and a shard's rows
(`tables.ShardRows`), written to Parquet. Both are also the planner's `Stored` lookup.
"""
from __future__ import annotations

import sqlite3
from typing import Optional, Protocol

from ..corpus.dedupe import to_blob
from ..records import AnalyzedArticle, Article, ArticleError
from ..store import db
from .plan import Step
from .progress import IngestStats


class Sink(Protocol):
    """Where steps are written: the store's verb functions, or a shard's rows."""

    def save_error(self, error: ArticleError, article_id: Optional[int] = None) -> None:
        """An input that could not be stored, or (with `article_id`) the pipeline's failure."""

    def save_duplicate(self, article: Article, article_id: int, digest: str, original_id: int,
                       similarity: float) -> None:
        """A near-duplicate, linked to its original and not analysed."""

    def save_failed(self, article: Article, article_id: int, digest: str,
                    error: ArticleError) -> None:
        """An article the pipeline failed on (status `failed`) and its error."""

    def save_article(self, result: AnalyzedArticle, article_id: int, digest: str) -> None:
        """An analysed article and every layer of it, replacing what the id held."""

    def save_signature(self, article_id: int, signature: bytes) -> None:
        """The article's MinHash signature (little-endian 32-bit values)."""

    def add_input_id(self, article_id: int, article: Article) -> None:
        """That this input (its id and metadata) maps to the article."""


def write_step(sink: Sink, step: Step) -> None:
    """Write one planned step: error, or article, signature and input ids, in that order.

    Args:
        sink: the store or a shard's rows.
        step: a planned step (an `analyse` step with its result filled in).
    """
    if step.kind == "error":
        sink.save_error(step.error)
        return
    if step.kind == "duplicate":
        sink.save_duplicate(step.article, step.article_id, step.digest, step.match.original_id,
                            step.match.similarity)
    elif step.kind == "analyse" and isinstance(step.result, ArticleError):
        sink.save_failed(step.article, step.article_id, step.digest, step.result)
    elif step.kind == "analyse":
        sink.save_article(step.result, step.article_id, step.digest)
    if step.signature is not None:
        sink.save_signature(step.article_id, to_blob(step.signature))
    for article in step.inputs:
        sink.add_input_id(step.article_id, article)


def count_step(stats: IngestStats, step: Step) -> None:
    """Add a written step to the run's counts (each of its inputs counts once).

    Args:
        stats: the run's counts.
        step: the step just written.
    """
    if step.kind == "error":
        stats.inputs += 1
        stats.errors += 1
        return
    stats.inputs += len(step.inputs)
    if step.kind == "mapping":
        stats.skipped += len(step.inputs)
        return
    stats.skipped += len(step.inputs) - 1  # later copies of the text (loading a shard)
    if step.kind == "duplicate":
        stats.duplicates += 1
    elif isinstance(step.result, ArticleError):
        stats.failed += 1
    else:
        stats.analysed += 1


class StoreSink:
    """The SQLite store as a sink (each write is the `store.db` verb function of the same
    name), and as the planner's lookup of what is stored."""

    def __init__(self, conn: sqlite3.Connection):
        """Args:
            conn: an open store; new article ids follow the highest one in it.
        """
        self.conn = conn
        self._next_id = db.next_article_id(conn)

    def find(self, digest: str) -> Optional[tuple[int, str]]:
        """The (id, status) of the stored article with this text hash, or None."""
        row = db.find_article(self.conn, digest)
        return None if row is None else (row["id"], row["status"])

    def new_id(self) -> int:
        """The next article id (ids of a run are given in input order)."""
        article_id, self._next_id = self._next_id, self._next_id + 1
        return article_id

    def save_error(self, error: ArticleError, article_id: Optional[int] = None) -> None:
        db.save_error(self.conn, error, article_id)

    def save_duplicate(self, article: Article, article_id: int, digest: str, original_id: int,
                       similarity: float) -> None:
        db.save_duplicate(self.conn, article, article_id, digest, original_id, similarity)

    def save_failed(self, article: Article, article_id: int, digest: str,
                    error: ArticleError) -> None:
        db.save_failed(self.conn, article, article_id, digest, error)

    def save_article(self, result: AnalyzedArticle, article_id: int, digest: str) -> None:
        db.save_article(self.conn, result, article_id, digest)

    def save_signature(self, article_id: int, signature: bytes) -> None:
        db.save_signature(self.conn, article_id, signature)

    def add_input_id(self, article_id: int, article: Article) -> None:
        db.add_input_id(self.conn, article_id, article)
