"""One shard's work: read it, analyse it with the ordinary pipeline, write its Parquet files.

This is what a Dask task runs, and what the local engine runs in-process. The analysis is
`analyze_many` itself; its pipeline is cached per process, so each worker process loads the
model once, on its first shard. A shard is finished when its marker
`_shards/<key>.json` exists: it is written last, after every table file is in place, so a
killed or retried task leaves no marker and its shard is simply done again.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Iterator, Optional

from ..errors import InputError
from ..pipeline import analyze_many, check_article
from ..readers.sources import ReadOptions
from ..records import Article, ArticleError
from ..settings import Settings
from ..store.db import article_hash
from .shards import Shard, read_shard
from .tables import ShardRows, write_tables

MARKERS = "_shards"


def marker_path(out: Path, shard: Shard) -> Path:
    return out / MARKERS / f"{shard.key}.json"


def is_done(out: Path, shard: Shard) -> bool:
    return marker_path(out, shard).is_file()


def run_shard(shard: Shard, out: str, settings: Settings, input_format: Optional[str] = None,
              date: Optional[str] = None) -> dict[str, Any]:
    """Analyse one shard into `out`; a finished shard is not done again.

    Returns:
        The shard's marker: key, order, inputs, row counts, seconds, worker pid.
    """
    folder = Path(out)
    if is_done(folder, shard):
        return {**json.loads(marker_path(folder, shard).read_text()), "skipped": True}
    started = time.monotonic()
    options = ReadOptions.from_settings(settings, date)
    rows = ShardRows(shard.key)
    todo = list(_plan(read_shard(shard, options, input_format, date, settings), rows, settings))
    results = analyze_many((a for a, _, _ in todo), n_process=1, settings=settings)
    for (article, article_id, digest), result in zip(todo, results):
        rows.result(article, article_id, digest, result)
    counts = write_tables(folder, shard.key, rows.rows)
    marker = {"key": shard.key, "order": shard.order, "kind": shard.kind, "paths": list(shard.paths),
              "first_line": shard.first_line, "lines": shard.lines, "rows": counts,
              "seconds": round(time.monotonic() - started, 3), "pid": os.getpid()}
    _write_marker(marker_path(folder, shard), marker)
    return {**marker, "skipped": False}


def _plan(items, rows: ShardRows, settings: Settings) -> Iterator[tuple[Article, int, str]]:
    """Articles to analyse; errors and texts seen earlier in the shard are recorded here,
    as ingest's planner records them, so only new texts reach the pipeline."""
    for item in items:
        if isinstance(item, ArticleError):
            rows.error(item)
            continue
        try:
            check_article(item, settings)
        except InputError as exc:
            rows.error(ArticleError(exc.code, exc.message, id=item.id))
            continue
        digest = article_hash(item.text)
        article_id = rows.plan(item, digest)
        if article_id is not None:
            yield item, article_id, digest


def _write_marker(path: Path, marker: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps(marker, indent=1))
    os.replace(temp, path)
