"""The rows of one shard, table by table, as the store would hold them, and their Parquet files.

Columns and types come from the store's own schema (migrated into an in-memory SQLite
database), so a shard's `quotes.parquet` has exactly the columns of the store's `quotes`
table, typed as `presstrace export --format parquet` types them. Row ids are made unique
across shards — the shard key's first 40 bits, then a 23-bit counter — so DuckDB can join
tables over all shards as they lie; `presstrace load` gives rows new ids in the store.
"""
from __future__ import annotations

import functools
import itertools
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterator, Optional

from ..records import AnalyzedArticle, Article, ArticleError
from ..store import db
from ..store.export import parquet_schema, table_columns
from ..store.layers import article_rows, table_rows
from ..store.migrations import migrate

TABLES = db.DATA_TABLES  # articles, article_ids, errors and every layer table
ERRORS = "errors"
ROW_BITS = 23  # rows per table per shard: up to 8 million


@functools.lru_cache(maxsize=1)
def schemas() -> dict[str, Any]:
    """table -> pyarrow schema of the store's table."""
    conn = sqlite3.connect(":memory:")
    try:
        migrate(conn)
        return {table: parquet_schema(table_columns(conn, table)) for table in TABLES}
    finally:
        conn.close()


class ShardRows:
    """One shard's rows: the write policy's sink for a shard, and its planner's lookup.

    Articles get ids in input order, as the store gives them; a shard has no near-duplicate
    index (`load` looks for near-duplicates in the store), so no signatures.
    """

    def __init__(self, shard_key: str):
        """Args:
            shard_key: the shard's key; its first 40 bits start every id counter.
        """
        base = int(shard_key[:10], 16) << ROW_BITS
        self._ids = {t: itertools.count(base + 1) for t in ("articles", "entities", ERRORS)}
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.by_hash: dict[str, tuple[int, str]] = {}  # written articles: hash -> (id, status)

    def find(self, digest: str) -> Optional[tuple[int, str]]:
        """The (id, status) of an article of this shard with this text hash, or None."""
        return self.by_hash.get(digest)

    def new_id(self) -> int:
        """The next article id of this shard."""
        return next(self._ids["articles"])

    def save_error(self, error: ArticleError, article_id: Optional[int] = None) -> None:
        """An `errors` row with the next error id."""
        self.rows[ERRORS].append({"id": next(self._ids[ERRORS]), "input_id": error.id,
                                  "origin": error.origin, "code": error.code,
                                  "message": error.message, "article_id": article_id})

    def save_duplicate(self, article: Article, article_id: int, digest: str, original_id: int,
                       similarity: float) -> None:
        """A near-duplicate's `articles` row."""
        self.rows["articles"].append(db.article_row(article, article_id, digest, "duplicate",
                                                    duplicate_of=original_id, similarity=similarity))
        self.by_hash[digest] = (article_id, "duplicate")

    def save_failed(self, article: Article, article_id: int, digest: str,
                    error: ArticleError) -> None:
        """A failed article's `articles` row and its error."""
        self.rows["articles"].append(db.article_row(article, article_id, digest, "failed"))
        self.save_error(error, article_id)
        self.by_hash[digest] = (article_id, "failed")

    def save_article(self, result: AnalyzedArticle, article_id: int, digest: str) -> None:
        """An analysed article's `articles` row and its layer rows (entity ids from the
        shard's counter)."""
        rows = article_rows(result)
        self.rows["articles"].append(db.article_row(result, article_id, digest, "analysed",
                                                    extra=rows.article["extra"]))
        for table, found in table_rows(rows, article_id, self._ids["entities"]).items():
            self.rows[table] += found
        self.by_hash[digest] = (article_id, "analysed")

    def save_signature(self, article_id: int, signature: bytes) -> None:
        raise TypeError("a shard holds no signatures: near-duplicates are found when it is loaded")

    def add_input_id(self, article_id: int, article: Article) -> None:
        """An `article_ids` row for the input."""
        self.rows["article_ids"].append({"article_id": article_id, "input_id": article.id,
                                         "date": article.date, "source": article.source,
                                         "title": article.title, "url": article.url})


def to_table(table: str, rows: list[dict[str, Any]]):
    """A pyarrow table with the store table's columns (missing ones null)."""
    import pyarrow as pa

    schema = schemas()[table]
    return pa.table({f.name: _column(rows, f.name, f.type) for f in schema}, schema=schema)


def _column(rows: list[dict[str, Any]], name: str, arrow_type) -> list[Any]:
    """One column's values, coerced to its type (the type is tested once per column, not per cell)."""
    import pyarrow as pa

    values = [r.get(name) for r in rows]
    if arrow_type == pa.string():  # input ids may be JSON numbers; the store column is untyped
        return [v if v is None or isinstance(v, str) else str(v) for v in values]
    if arrow_type == pa.float64():
        return [None if v is None else float(v) for v in values]
    return values


def write_tables(folder: Path, shard_key: str, rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Write `<table>/<shard_key>.parquet` for every table (temp name, then rename)."""
    import pyarrow.parquet as pq

    counts = {}
    for table in TABLES:
        target = folder / table / f"{shard_key}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{shard_key}.{os.getpid()}.tmp")
        pq.write_table(to_table(table, rows.get(table, [])), temp)
        os.replace(temp, target)  # atomic: a reader never sees half a file
        counts[table] = len(rows.get(table, []))
    return counts


def read_table(folder: Path, table: str, shard_key: str) -> Iterator[dict[str, Any]]:
    """The rows of one table of one shard, as dicts."""
    import pyarrow.parquet as pq

    yield from pq.read_table(folder / table / f"{shard_key}.parquet").to_pylist()
