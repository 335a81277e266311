"""The one planner: what happens to each input, decided before anything is analysed.

Every run — the local ingest, a Dask shard, loading shards into the store — plans each input
here: an input that could not be read, or that the pipeline must not run on, is an
`error`; a text already stored (same hash), or planned earlier in the run, is a `mapping`
that only adds the input's id; a near-duplicate of a stored original is a `duplicate`,
linked and not analysed; the rest is `analyse`. The planner asks a `Stored` lookup —
the store, or a shard's rows in memory — what is stored, and an optional near-duplicate
index for copies. `check_article` runs here, once per article.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Optional, Protocol, Union

import numpy as np

from ..corpus.dedupe import DedupeConfig, Match, NearDuplicateIndex
from ..errors import InputError
from ..pipeline import check_article
from ..records import AnalyzedArticle, Article, ArticleError
from ..settings import Settings
from ..store import db

KINDS = ("error", "mapping", "duplicate", "analyse")


class Stored(Protocol):
    """What a planner asks of the place articles are written to."""

    def find(self, digest: str) -> Optional[tuple[int, str]]:
        """The (id, status) of the stored article with this text hash, or None."""

    def new_id(self) -> int:
        """An id for a new article: ids are given in input order."""


@dataclass
class Step:
    """One input's planned outcome; `result` is filled in for an article to analyse.

    `inputs` are the inputs the article's id is recorded for: the one input planned, or
    (loading a shard) every input the shard mapped to the article.
    """
    kind: str
    article: Optional[Article] = None
    error: Optional[ArticleError] = None
    article_id: Optional[int] = None
    digest: Optional[str] = None
    signature: Optional[np.ndarray] = None
    match: Optional[Match] = None
    result: Union[AnalyzedArticle, ArticleError, None] = None
    inputs: list[Article] = field(default_factory=list)


def near_duplicate_index(conn: sqlite3.Connection, settings: Settings) -> Optional[NearDuplicateIndex]:
    """The store's near-duplicate index, or None when `store.dedupe` is off.

    Args:
        conn: the store.
        settings: presstrace settings (`store.dedupe*`).
    Raises:
        StoreError: the store's signatures were made with other settings.
    """
    if not settings.get("store", "dedupe"):
        return None
    return NearDuplicateIndex.from_store(conn, DedupeConfig.from_settings(settings))


class Planner:
    """Decides each input's outcome from what is stored and what this run has planned."""

    def __init__(self, stored: Stored, settings: Settings, *, force: bool = False,
                 redo_failed: bool = True, check: bool = True,
                 index: Optional[NearDuplicateIndex] = None):
        """Args:
            stored: what is stored (the store, or a shard's rows).
            settings: presstrace settings (the limits `check_article` applies).
            force: analyse again texts that are stored.
            redo_failed: analyse again texts stored as failed (loading shards keeps them).
            check: run `check_article` (shards being loaded were checked when analysed).
            index: near-duplicates of stored originals; none are looked for when None.
        """
        self.stored = stored
        self.settings = settings
        self.force = force
        self.redo_failed = redo_failed
        self.check = check
        self.index = index
        self.pending: dict[str, int] = {}  # hash -> article id, planned but not yet written
        self.redone: set[str] = set()      # stored articles this run analyses again

    def plan(self, item: Article | ArticleError, digest: Optional[str] = None) -> Step:
        """The step for one input.

        Args:
            item: an article, or a reader's error.
            digest: the text's hash when known already; computed when None.
        """
        if isinstance(item, ArticleError):
            return Step("error", error=item)
        if self.check:
            try:
                check_article(item, self.settings)
            except InputError as exc:
                return Step("error", error=ArticleError(exc.code, exc.message, id=item.id))
        digest = digest or db.article_hash(item.text)
        if digest in self.pending:
            return Step("mapping", item, article_id=self.pending[digest], digest=digest, inputs=[item])
        found = self.stored.find(digest)
        if found is not None:
            return self._plan_stored(item, digest, *found)
        return self._plan_new(item, digest)

    def _plan_new(self, item: Article, digest: str) -> Step:
        """A text not stored: a near-duplicate of an original, or one to analyse."""
        article_id = self.stored.new_id()
        self.pending[digest] = article_id
        signature = self.index.signature(item.text) if self.index else None
        if signature is not None:
            match = self.index.match(signature)
            if match is not None:
                return Step("duplicate", item, None, article_id, digest, signature, match, inputs=[item])
            self.index.add(article_id, signature)
        return Step("analyse", item, None, article_id, digest, signature, inputs=[item])

    def _plan_stored(self, item: Article, digest: str, found_id: int, status: str) -> Step:
        """A stored text: only its input id, unless forced or failed (never a duplicate)."""
        again = (self.force or (self.redo_failed and status == "failed")) and status != "duplicate"
        if not again or digest in self.redone:
            return Step("mapping", item, article_id=found_id, digest=digest, inputs=[item])
        self.redone.add(digest)
        self.pending[digest] = found_id
        return Step("analyse", item, None, found_id, digest, inputs=[item])

    def is_pending(self, step: Step) -> bool:
        """Whether the step's article is planned but not written yet."""
        return step.digest in self.pending and self.pending[step.digest] == step.article_id

    def written(self, step: Step) -> None:
        """The step is in the sink: its text is stored now, and its signature with it."""
        if step.kind in ("analyse", "duplicate") and self.pending.get(step.digest) == step.article_id:
            del self.pending[step.digest]
        if self.index is not None and step.article_id is not None:
            self.index.written(step.article_id)
