"""The Dask engine: every shard a Dask task (or run in this process), then the run's manifest.

By default a `distributed.LocalCluster` of worker processes, one thread each (spaCy's
pipeline holds the GIL for much of its work, so threads would not run it in parallel),
forked from this process once it has loaded the pipeline (`worker_start`); `scheduler`
names an existing cluster instead, whose workers load the pipeline on their first shard. Tasks are retried (`retries`) when a worker
dies; a shard whose marker exists is skipped before it is submitted.
"""
from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..readers import expand_globs
from ..readers.sources import STDIN
from ..settings import Settings
from .shards import Shard, plan_shards
from .task import MARKERS, is_done, run_shard

MANIFEST = "manifest.json"
FORMAT = "presstrace-shards/1"


@dataclass
class RunStats:
    """What a run did, shard by shard."""
    shards: int = 0
    skipped: int = 0
    done: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, marker: dict) -> None:
        """Count one shard's marker (finished now, or skipped as done before)."""
        self.skipped += bool(marker.get("skipped"))
        self.done += not marker.get("skipped")
        for table, count in marker["rows"].items():
            self.rows[table] = self.rows.get(table, 0) + count

    def summary(self, out: str) -> str:
        """One line for the end of the run: shards, articles and errors, and where they went."""
        return (f"{self.shards} shards ({self.done} analysed, {self.skipped} already done): "
                f"{self.rows.get('articles', 0)} articles, {self.rows.get('errors', 0)} errors "
                f"-> {out}")


def ingest_dask(paths: Iterable[str], out: str | os.PathLike, settings: Settings, *,
                workers: Optional[int] = None, scheduler: Optional[str] = None,
                shard_size: int = 1000, input_format: Optional[str] = None,
                date: Optional[str] = None, force: bool = False,
                on_shard: Optional[Callable[[dict], None]] = None) -> RunStats:
    """Analyse the inputs on a Dask cluster into Parquet shards under `out`.

    Args:
        paths: files, folders and glob patterns (not standard input).
        out: the shards folder (created); `presstrace load` brings it into a store.
        settings: presstrace settings, sent to every task.
        workers: worker processes of a new local cluster; all cores when None.
        scheduler: the address of a running cluster to use instead (tcp://HOST:PORT).
        shard_size, input_format, date, force, on_shard: as for `run_shards`.
    Raises:
        ValueError: `-` (standard input) among the paths, checked before a cluster starts.
    """
    paths = list(paths)
    if STDIN in paths:
        raise ValueError("the dask engine reads files, not standard input")
    client, cluster = open_client(workers, scheduler, settings)
    try:
        return run_shards(expand_globs(paths), out, settings, shard_size, client, input_format, date,
                          force, on_shard=on_shard)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_shards(paths: list[str], out: str | os.PathLike, settings: Settings,
               shard_size: int = 1000, client=None, input_format: Optional[str] = None,
               date: Optional[str] = None, force: bool = False, retries: int = 2,
               on_shard: Optional[Callable[[dict], None]] = None) -> RunStats:
    """Analyse the inputs into Parquet shards under `out`.

    Args:
        paths: files and folders (globs expanded).
        out: the shards folder (created).
        settings: presstrace settings, sent to every task.
        shard_size: JSONL lines (or files) per shard.
        client: a `distributed.Client`; None runs the shards one by one in this process.
        input_format, date: as for `presstrace ingest`.
        force: analyse again shards that are finished.
        retries: times Dask runs a task again after its worker fails.
        on_shard: called with each shard's marker as it finishes.
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shards = plan_shards(paths, shard_size, input_format, int(settings.get("limits", "max_bytes")))
    if force:
        shutil.rmtree(folder / MARKERS, ignore_errors=True)
    stats = RunStats(shards=len(shards))
    markers = [_finished(folder, s) for s in shards if is_done(folder, s)]
    todo = [s for s in shards if not is_done(folder, s)]
    if client is None:
        markers += [run_shard(s, str(folder), settings, input_format, date) for s in todo]
    else:
        markers += _on_cluster(client, todo, folder, settings, input_format, date, retries, on_shard)
    for marker in markers:
        stats.add(marker)
    write_manifest(folder, shards, settings)
    return stats


def _finished(folder: Path, shard: Shard) -> dict:
    marker = json.loads((folder / MARKERS / f"{shard.key}.json").read_text())
    return {**marker, "skipped": True}


def _on_cluster(client, shards: list[Shard], folder: Path, settings: Settings,
                input_format: Optional[str], date: Optional[str], retries: int,
                on_shard: Optional[Callable[[dict], None]]) -> list[dict]:
    from distributed import as_completed

    # pure=False: a task's result depends on the files, not only on its arguments. Keys
    # carry a token of this run: a cluster that still remembers a task of an earlier run
    # with the same shard (another output folder, or the same one after --force) would
    # otherwise hand back that task's result without running it.
    run = uuid.uuid4().hex[:12]
    futures = client.map(run_shard, shards, out=str(folder), settings=settings,
                         input_format=input_format, date=date, retries=retries, pure=False,
                         key=[f"presstrace-shard-{run}-{s.key}" for s in shards])
    markers = []
    for future in as_completed(futures):
        marker = future.result()
        markers.append(marker)
        if on_shard is not None:
            on_shard(marker)
    return markers


def write_manifest(folder: Path, shards: list[Shard], settings: Settings) -> None:
    """The run's shards in input order; `presstrace load` reads them in this order."""
    from .. import __version__

    manifest = {"format": FORMAT, "presstrace": __version__, "model": settings.get("model", "name"),
                "shards": [{"key": s.key, "order": s.order, "kind": s.kind, "paths": list(s.paths),
                            "first_line": s.first_line, "lines": s.lines} for s in shards]}
    temp = folder / f".{MANIFEST}.{os.getpid()}.tmp"
    temp.write_text(json.dumps(manifest, indent=1))
    os.replace(temp, folder / MANIFEST)


def open_client(workers: Optional[int] = None, scheduler: Optional[str] = None,
                settings: Optional[Settings] = None):
    """A client of the cluster at `scheduler`, or of a new LocalCluster of worker processes.

    Args:
        workers: worker processes of a new cluster; all cores when None.
        scheduler: the address of a running cluster to use instead.
        settings: the pipeline a new cluster's workers start with loaded (`worker_start`);
            None: each worker loads it on its first shard.
    Returns:
        (client, cluster): close both when done (cluster is None for an existing one).
    """
    import logging

    from distributed import Client, LocalCluster

    # The cluster's own INFO lines (nannies, comms) would drown the run's progress.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        return Client(scheduler), None
    with worker_start(settings):
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
    return Client(cluster), cluster


@contextlib.contextmanager
def worker_start(settings: Optional[Settings]):
    """Dask settings for the worker processes of a LocalCluster started inside this block.

    Where this process may fork (see `pipeline.start_method`) the pipeline is built and
    warmed here and the workers are forked from it, as `analyze_many`'s pool is: they share
    its pages and pay no imports, model or lexicons of their own. Spawned workers (Dask's
    default) also start with glibc told to give memory back eagerly
    (MALLOC_TRIM_THRESHOLD_), which cost them about a tenth more CPU on news articles.
    The workers' statistical profiler is off: it samples every task's stack every 10 ms
    for a dashboard this cluster does not serve (`dashboard_address=None`).
    """
    import dask

    from ..pipeline import start_method, warm_pipeline

    config = {"distributed.worker.profile.enabled": False}
    if settings is None or start_method() != "fork":
        with dask.config.set(config):
            yield
        return
    warm_pipeline(settings)
    gc.freeze()  # the loaded objects stay out of the workers' collections (and unshared pages)
    try:
        with dask.config.set({**config, "distributed.worker.multiprocessing-method": "fork"}):
            yield
    finally:
        gc.unfreeze()
