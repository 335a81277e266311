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
from typing import Any, Iterable, Optional

from ..pipeline import analyze_many
from ..readers.sources import ReadOptions
from ..records import Article, ArticleError
from ..settings import Settings
from .plan import Planner, Step
from .shards import Shard, read_shard
from .tables import ShardRows, write_tables
from .write import write_step

MARKERS = "_shards"


def marker_path(out: Path, shard: Shard) -> Path:
    """Where the shard's marker lies under the output folder `out`."""
    return out / MARKERS / f"{shard.key}.json"


def is_done(out: Path, shard: Shard) -> bool:
    """Whether the shard is finished in the output folder `out` (its marker exists)."""
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
    fill_rows(rows, read_shard(shard, options, input_format, date, settings), settings)
    counts = write_tables(folder, shard.key, rows.rows)
    marker = {"key": shard.key, "order": shard.order, "kind": shard.kind, "paths": list(shard.paths),
              "first_line": shard.first_line, "lines": shard.lines, "rows": counts,
              "seconds": round(time.monotonic() - started, 3), "pid": os.getpid()}
    _write_marker(marker_path(folder, shard), marker)
    return {**marker, "skipped": False}


def fill_rows(rows: ShardRows, items: Iterable[Article | ArticleError], settings: Settings) -> None:
    """Plan every item of the shard, then analyse the new texts and write their rows.

    A shard's rows have no foreign keys, so errors and copies of texts seen earlier in the
    shard are written as they are planned; analysed articles follow in input order.

    Args:
        rows: the shard's rows (its planner's lookup too).
        items: the shard's articles and reader errors, in input order.
        settings: presstrace settings.
    """
    planner = Planner(rows, settings)
    todo: list[Step] = []
    for item in items:
        step = planner.plan(item)
        if step.kind == "analyse":
            todo.append(step)
            continue
        write_step(rows, step)
        planner.written(step)
    results = analyze_many((s.article for s in todo), n_process=1, settings=settings, checked=True)
    for step, result in zip(todo, results):
        step.result = result
        write_step(rows, step)
        planner.written(step)


def _write_marker(path: Path, marker: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps(marker, indent=1))
    os.replace(temp, path)
