"""`presstrace ingest --engine dask --parquet DIR` and `presstrace load`: click wrappers.

`scale_options` wraps the store's ingest command: with `--engine dask` the run goes to
Parquet shards here; otherwise the store's ingest runs untouched.
"""
from __future__ import annotations

import functools
import sys
from typing import Callable, Optional

import click

from ..errors import PresstraceError
from ..settings import Settings

ENGINES = ("sqlite", "dask")


def scale_options(command: Callable) -> Callable:
    """Add --engine, --parquet, --workers, --scheduler and --shard-size to ingest."""
    @functools.wraps(command)
    def wrapper(settings: Settings, *, engine: str, parquet: Optional[str], workers: Optional[int],
                scheduler: Optional[str], shard_size: int, **kwargs):
        if engine == "sqlite":
            if parquet or workers or scheduler:
                raise click.UsageError("--parquet, --workers and --scheduler need --engine dask")
            return command(settings, **kwargs)
        if not parquet:
            raise click.UsageError("--engine dask writes Parquet shards: give --parquet DIR")
        try:
            return _ingest_dask(settings, kwargs, parquet, workers, scheduler, shard_size)
        except (PresstraceError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc

    for option in reversed([
            click.option("--engine", type=click.Choice(ENGINES), default="sqlite", show_default=True,
                         help="sqlite: analyse into the store; dask: Dask tasks over input shards, "
                              "into Parquet (load them with `presstrace load`)."),
            click.option("--parquet", metavar="DIR", help="Folder of Parquet shards (--engine dask)."),
            click.option("--workers", type=click.IntRange(min=1),
                         help="Worker processes of the local Dask cluster (default: all cores)."),
            click.option("--scheduler", metavar="tcp://HOST:PORT",
                         help="Use this running Dask cluster instead of a local one."),
            click.option("--shard-size", type=click.IntRange(min=1), default=1000, show_default=True,
                         help="JSON Lines lines (or files) per shard (--engine dask).")]):
        wrapper = option(wrapper)
    return wrapper


def _ingest_dask(settings: Settings, kwargs: dict, parquet: str, workers: Optional[int],
                 scheduler: Optional[str], shard_size: int) -> None:
    from ..readers import expand_globs
    from .engine import open_client, run_shards

    quiet = kwargs["quiet"]
    if "-" in kwargs["paths"]:  # before a cluster is started for nothing
        raise click.UsageError("--engine dask reads files, not standard input")
    client, cluster = open_client(workers or kwargs.get("jobs"), scheduler)
    try:
        stats = run_shards(expand_globs(kwargs["paths"]), parquet, settings, shard_size, client,
                           kwargs["input_format"], kwargs["date"], kwargs["force"],
                           on_shard=None if quiet else _shard_line)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if not quiet:
        click.echo(stats.summary(parquet), err=True)
    if stats.rows.get("errors") and not stats.rows.get("articles"):
        sys.exit(1)


def _shard_line(marker: dict) -> None:
    click.echo(f"shard {marker['key']} ({', '.join(marker['paths'])[:60]}): "
               f"{marker['rows']['articles']} articles in {marker['seconds']:.1f} s", err=True)


@click.command("load")
@click.argument("shards_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--db", "db_path", metavar="FILE",
              help="The store (SQLite file); default: the store.path setting.")
@click.option("--quiet", is_flag=True, help="No summary.")
@click.option("--no-corpus", is_flag=True,
              help="Leave stories, corpus entities and merged events for a later update.")
@click.pass_obj
def load_command(settings: Settings, shards_dir: str, db_path: Optional[str], quiet: bool,
                 no_corpus: bool) -> None:
    """Load Parquet shards (from `ingest --engine dask`) into the store; safe to repeat.

    Example:

        presstrace load shards/ --db corpus.db
    """
    from ..cli.store import _update_corpus
    from .load import load_shards

    path = db_path or settings.get("store", "path")
    try:
        stats = load_shards(shards_dir, path, settings)
    except PresstraceError as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        click.echo(stats.summary(path), err=True)
    if stats.analysed + stats.duplicates and not no_corpus:
        _update_corpus(path, quiet)
