"""Runs that analyse inputs into the store: local worker processes, or Dask tasks over shards.

Both plan every input with one planner (`plan`) and write it through one write policy
(`write`): `local` into the SQLite store; `dask` into Parquet shards (`shards`, `task`,
`tables`) that `load` brings into the store. `ingest` chooses the engine.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Union

from ..settings import Settings, load_settings

if TYPE_CHECKING:
    from .dask import RunStats
    from .progress import IngestStats, Progress

ENGINES = ("local", "dask")

__all__ = ["ENGINES", "ingest"]


def ingest(paths: Iterable[str], db_path: Optional[str | os.PathLike] = None,
           settings: Optional[Settings] = None, engine: str = "local", *,
           n_process: Optional[int] = None, force: bool = False, input_format: Optional[str] = None,
           date: Optional[str] = None, progress: Optional["Progress"] = None, parquet: Optional[str | os.PathLike] = None,
           workers: Optional[int] = None, scheduler: Optional[str] = None, shard_size: int = 1000,
           on_shard: Optional[Callable[[dict], None]] = None) -> Union["IngestStats", "RunStats"]:
    """Analyse the inputs the store does not hold yet, on this machine or on a Dask cluster.

    Args:
        paths: files, folders, glob patterns, WARC archives, or `-` (local engine only).
        db_path: the store (local engine; created when missing); default: the store.path
            setting.
        settings: presstrace settings; the defaults when None.
        engine: `local` (worker processes into the store) or `dask` (Dask tasks into
            Parquet shards under `parquet`; load them with `runners.load.load_shards`).
        n_process: worker processes (local); the local Dask cluster's workers when
            `workers` is None.
        force: analyse again what is stored (local) or finished shards (dask).
        input_format: force a reader (record, jsonl, text, html) for non-WARC inputs.
        date: YYYY-MM-DD for articles that have none.
        progress: a `progress.Progress` shown as inputs are written (local).
        parquet, workers, scheduler, shard_size, on_shard: the dask engine's shards
            folder, cluster and shard size (see `dask.ingest_dask`).
    Returns:
        The local run's `IngestStats`, or the Dask run's `RunStats`.
    Raises:
        ValueError: an unknown engine, or an option the engine does not take.
    """
    settings = settings or load_settings()
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; valid engines: {', '.join(ENGINES)}")
    if engine == "local":
        if parquet or workers or scheduler:
            raise ValueError("parquet, workers and scheduler are options of the dask engine")
        from .local import ingest_local

        return ingest_local(paths, db_path or settings.get("store", "path"), settings, n_process, force, input_format, date, progress)
    if not parquet:
        raise ValueError("the dask engine writes Parquet shards: give parquet=DIR")
    from .dask import ingest_dask

    return ingest_dask(paths, parquet, settings, workers=workers or n_process, scheduler=scheduler,
                       shard_size=shard_size, input_format=input_format, date=date, force=force,
                       on_shard=on_shard)
