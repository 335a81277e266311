"""`presstrace load`: Parquet shards into the SQLite store, through the store's own writers.

Each shard's rows are rebuilt into AnalyzedArticle records (`layers.build_article`) and
written by `db.save_article`, so a loaded store holds exactly what `presstrace ingest`
would have written: new ids (given in the manifest's input order, as ingest gives them in
input order), near-duplicates linked by the same MinHash index, texts already stored only
adding their input ids. Loading the same shards again therefore adds nothing. One
transaction per shard: a killed load is simply run again.
"""
from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Optional

from ..errors import PresstraceError
from ..records import Article, ArticleError
from ..settings import Settings, load_settings
from ..corpus.dedupe import DedupeConfig, NearDuplicateIndex, to_blob
from ..runners.progress import IngestStats
from ..store import db
from ..store.layers import LAYER_TABLES, build_article
from .engine import MANIFEST
from .tables import ERRORS, read_table
from .task import MARKERS


def finished_shards(folder: Path) -> list[str]:
    """Keys of the finished shards, in input order (the manifest's, then any others)."""
    if not (folder / MARKERS).is_dir():
        raise PresstraceError(f"{folder} holds no finished shards (no {MARKERS}/ folder)")
    done = {p.stem for p in (folder / MARKERS).glob("*.json")}
    ordered = []
    if (folder / MANIFEST).is_file():
        ordered = [s["key"] for s in json.loads((folder / MANIFEST).read_text())["shards"]
                   if s["key"] in done]
    return ordered + sorted(done - set(ordered))


def load_shards(folder: str | os.PathLike, db_path: str | os.PathLike,
                settings: Optional[Settings] = None) -> IngestStats:
    """Load every finished shard under `folder` into the store at `db_path`."""
    settings = settings or load_settings()
    folder = Path(folder)
    keys = finished_shards(folder)
    conn = db.open_store(db_path)
    stats = IngestStats()
    try:
        loader = _Loader(conn, settings, stats)
        for key in keys:
            with db.transaction(conn):
                loader.shard(folder, key)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    stats.seconds = time.monotonic() - stats.started
    return stats


class _Loader:
    def __init__(self, conn, settings: Settings, stats: IngestStats):
        self.conn = conn
        self.stats = stats
        self.index = (NearDuplicateIndex.from_store(conn, DedupeConfig.from_settings(settings))
                      if settings.get("store", "dedupe") else None)

    def shard(self, folder: Path, key: str) -> None:
        grouped = {t: _by_article(read_table(folder, t, key))
                   for t in (*LAYER_TABLES, "article_ids", ERRORS)}
        for error in grouped[ERRORS].pop(None, []):
            self.stats.errors += 1
            self.stats.inputs += 1
            db.save_error(self.conn, _error(error))
        for row in read_table(folder, "articles", key):
            self.article(row, {t: rows.get(row["id"], []) for t, rows in grouped.items()})

    def article(self, row: dict[str, Any], rows: dict[str, list[dict]]) -> None:
        inputs = rows["article_ids"]
        found = db.find_article(self.conn, row["hash"])
        if found is not None:
            self.stats.skipped += len(inputs)
            self._input_ids(found["id"], inputs)
            return
        article_id = db.next_article_id(self.conn)
        article = Article(row["text"], row["input_id"], row["date"], row["source"], row["title"],
                          row["url"])
        signature = self.index.signature(article.text) if self.index else None
        match = self.index.find(self.conn, signature) if signature is not None else None
        if match is not None:
            db.save_duplicate(self.conn, article, article_id, row["hash"], match.original_id,
                              match.similarity)
            self.stats.duplicates += 1
        elif row["status"] == "failed":
            db.save_failed(self.conn, article, article_id, row["hash"], _error(rows[ERRORS][0]))
            self.stats.failed += 1
        else:
            db.save_article(self.conn, build_article(row, rows), article_id, row["hash"])
            self.stats.analysed += 1
        if signature is not None:
            if match is None:
                self.index.add(article_id, signature)
            db.save_signature(self.conn, article_id, to_blob(signature))
            self.index.written(article_id)
        self.stats.skipped += len(inputs) - 1  # later copies of the text in the same shard
        self._input_ids(article_id, inputs)

    def _input_ids(self, article_id: int, inputs: list[dict]) -> None:
        for r in inputs:
            db.add_input_id(self.conn, article_id, Article("", r["input_id"], r["date"], r["source"],
                                                          r["title"], r["url"]))
        self.stats.inputs += len(inputs)


def _by_article(rows) -> dict[Any, list[dict]]:
    """Rows grouped by article id; shards hold them in the store's write order already."""
    grouped: dict[Any, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row.get("article_id")].append(row)
    return grouped


def _error(row: dict) -> ArticleError:
    return ArticleError(row["code"], row["message"], id=row["input_id"], origin=row["origin"])
