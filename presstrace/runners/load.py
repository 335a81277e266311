"""`presstrace load`: Parquet shards into the SQLite store, planned and written as ingest does.

Each shard article is planned by the same store-backed planner as `presstrace ingest` (no
second check: the shard's task checked it) and written through the same write policy, its
analysis rebuilt from the shard's rows (`layers.build_article`). So a loaded store holds
exactly what `presstrace ingest` would have written: new ids (given in the manifest's
input order, as ingest gives them in input order), near-duplicates linked by the same
MinHash index, texts already stored only adding their input ids. Loading the same shards
again therefore adds nothing. One transaction per shard: a killed load is simply run again.
"""
from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator, Optional

from ..errors import PresstraceError
from ..records import Article, ArticleError
from ..settings import Settings, load_settings
from ..store import db
from ..store.layers import LAYER_TABLES, build_article
from .dask import MANIFEST
from .plan import Planner, Step, near_duplicate_index
from .progress import IngestStats
from .tables import ERRORS, read_table
from .task import MARKERS
from .write import StoreSink, count_step, write_step


def finished_shards(folder: Path) -> list[str]:
    """Keys of the finished shards, in input order (the manifest's, then any others).

    Args:
        folder: the shards folder.
    Raises:
        PresstraceError: the folder holds no finished shard.
    """
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
    """Load every finished shard under `folder` into the store at `db_path`.

    Args:
        folder: the shards folder (from `ingest --engine dask`).
        db_path: the store (created when missing).
        settings: presstrace settings; the defaults when None.
    Returns:
        Counts of what happened to the shards' inputs.
    """
    settings = settings or load_settings()
    folder = Path(folder)
    keys = finished_shards(folder)
    conn = db.open_store(db_path)
    stats = IngestStats()
    try:
        sink = StoreSink(conn)
        # A text stored as failed stays as it is: a shard brings no better analysis of it.
        planner = Planner(sink, settings, redo_failed=False, check=False,
                          index=near_duplicate_index(conn, settings))
        for key in keys:
            with db.transaction(conn):
                for step in _shard_steps(planner, folder, key):
                    if step.kind not in ("error", "mapping"):  # an article stored
                        db.mark_corpus_pending(conn)
                    write_step(sink, step)
                    planner.written(step)
                    count_step(stats, step)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    stats.seconds = time.monotonic() - stats.started
    return stats


def _shard_steps(planner: Planner, folder: Path, key: str) -> Iterator[Step]:
    """The planned steps of one shard: its input errors, then its articles in id order.

    Each step is planned only after the one before it is written (the planner sees it).
    """
    grouped = {t: _by_article(read_table(folder, t, key))
               for t in (*LAYER_TABLES, "article_ids", ERRORS)}
    for error in grouped[ERRORS].pop(None, []):
        yield planner.plan(_error(error))
    for row in read_table(folder, "articles", key):
        rows = {t: found.get(row["id"], []) for t, found in grouped.items()}
        article = Article(row["text"], row["input_id"], row["date"], row["source"], row["title"],
                          row["url"])
        step = planner.plan(article, digest=row["hash"])
        step.inputs = [Article("", r["input_id"], r["date"], r["source"], r["title"], r["url"])
                       for r in rows["article_ids"]]
        if step.kind == "analyse":
            step.result = (_error(rows[ERRORS][0]) if row["status"] == "failed"
                           else build_article(row, rows))
        yield step


def _by_article(rows) -> dict[Any, list[dict]]:
    """Rows grouped by article id; shards hold them in the store's write order already."""
    grouped: dict[Any, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row.get("article_id")].append(row)
    return grouped


def _error(row: dict) -> ArticleError:
    """The error of an `errors` row."""
    return ArticleError(row["code"], row["message"], id=row["input_id"], origin=row["origin"])
