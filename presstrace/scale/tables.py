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
    """Collects one shard's rows; articles get ids in input order, as ingest gives them."""

    def __init__(self, shard_key: str):
        base = int(shard_key[:10], 16) << ROW_BITS
        self._ids = {t: itertools.count(base + 1) for t in ("articles", "entities", ERRORS)}
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.by_hash: dict[str, int] = {}

    def error(self, error: ArticleError, article_id: Optional[int] = None) -> None:
        self.rows[ERRORS].append({"id": next(self._ids[ERRORS]), "input_id": error.id,
                                  "origin": error.origin, "code": error.code,
                                  "message": error.message, "article_id": article_id})

    def plan(self, article: Article, digest: str) -> Optional[int]:
        """The id for a new text; None (and the input id recorded) for one seen before."""
        found = self.by_hash.get(digest)
        if found is not None:
            self._input_id(found, article)
            return None
        self.by_hash[digest] = next(self._ids["articles"])
        return self.by_hash[digest]

    def result(self, article: Article, article_id: int, digest: str,
               result: AnalyzedArticle | ArticleError) -> None:
        """An analysed (or failed) article: its articles row, layer rows and input id."""
        if isinstance(result, ArticleError):
            self.rows["articles"].append(db.article_row(article, article_id, digest, "failed"))
            self.error(result, article_id)
        else:
            rows = article_rows(result)
            self.rows["articles"].append(db.article_row(result, article_id, digest, "analysed",
                                                        extra=rows.article["extra"]))
            for table, found in table_rows(rows, article_id, self._ids["entities"]).items():
                self.rows[table] += found
        self._input_id(article_id, article)

    def _input_id(self, article_id: int, article: Article) -> None:
        self.rows["article_ids"].append({"article_id": article_id, "input_id": article.id,
                                         "date": article.date, "source": article.source,
                                         "title": article.title, "url": article.url})


def to_table(table: str, rows: list[dict[str, Any]]):
    """A pyarrow table with the store table's columns (missing ones null)."""
    import pyarrow as pa

    schema = schemas()[table]
    columns = {f.name: [_coerce(r.get(f.name), f.type) for r in rows] for f in schema}
    return pa.table(columns, schema=schema)


def _coerce(value: Any, arrow_type) -> Any:
    import pyarrow as pa

    if value is None:
        return None
    if arrow_type == pa.string() and not isinstance(value, str):
        return str(value)  # input ids may be JSON numbers; the store column is untyped
    if arrow_type == pa.float64():
        return float(value)
    return value


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
