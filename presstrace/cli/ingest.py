"""`presstrace ingest`, `load` and `export`: articles into the store, and the store out.

Thin wrappers over `runners.ingest` (the local or the Dask engine), `runners.load` and
`store.export`; after new articles arrive the corpus views are brought up to date.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Optional

import click

from ..errors import PresstraceError
from ..readers import FORMATS as INPUT_FORMATS
from ..readers import estimate_inputs, expand_globs
from ..runners.progress import Progress
from ..settings import Settings
from ..store.export import FORMATS as EXPORT_FORMATS
from ..store.placeview import CONFIDENT_PLACE
from .options import RAW_CSV_HELP, db_option, domain_errors, existing_store, store_path, with_store


ENGINES = {"sqlite": "local", "dask": "dask"}  # --engine choice -> runners.ingest engine


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--force", is_flag=True, help="Analyse again articles that are already stored.")
@click.option("--input", "input_format", type=click.Choice(INPUT_FORMATS),
              help="Read every non-WARC input as this format instead of detecting it.")
@click.option("--date", help="YYYY-MM-DD date for articles that have none.")
@click.option("--quiet", is_flag=True, help="No progress line and no summary.")
@click.option("--no-corpus", is_flag=True,
              help="Leave stories, corpus entities and merged events for a later update.")
@click.option("--engine", type=click.Choice(list(ENGINES)), default="sqlite", show_default=True,
              help="sqlite: analyse into the store; dask: Dask tasks over input shards, "
                   "into Parquet (load them with `presstrace load`).")
@click.option("--parquet", metavar="DIR", help="Folder of Parquet shards (--engine dask).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Worker processes of the local Dask cluster (default: all cores).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Use this running Dask cluster instead of a local one.")
@click.option("--shard-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="JSON Lines lines (or files) per shard (--engine dask).")
@click.pass_obj
@domain_errors
def ingest_command(settings: Settings, paths: tuple[str, ...], db_path: Optional[str],
                   jobs: Optional[int], force: bool, input_format: Optional[str],
                   date: Optional[str], quiet: bool, no_corpus: bool, engine: str,
                   parquet: Optional[str], workers: Optional[int], scheduler: Optional[str],
                   shard_size: int) -> None:
    """Analyse articles into the store; what is stored already is skipped.

    PATHS are files, folders, glob patterns, WARC archives or - for standard input.
    Safe to stop at any moment: run it again and it carries on where it stopped.

    Example:

        presstrace ingest articles/ --db corpus.db -j 4

        presstrace ingest 'feeds/*.jsonl' crawl.warc.gz --db corpus.db
    """
    from ..runners import ingest

    common = dict(force=force, input_format=input_format, date=date)
    if engine == "dask":
        _check_dask_options(paths, parquet)
        stats = ingest(paths, None, settings, "dask", n_process=jobs, parquet=parquet, workers=workers,
                       scheduler=scheduler, shard_size=shard_size,
                       on_shard=None if quiet else _shard_line, **common)
        _dask_summary(stats, parquet, quiet)
        return
    if parquet or workers or scheduler:
        raise click.UsageError("--parquet, --workers and --scheduler need --engine dask")
    path = store_path(settings, db_path)
    stats = ingest(paths, path, settings, "local", n_process=jobs, progress=_progress(paths, quiet),
                   **common)
    if not quiet:
        click.echo(stats.summary(path), err=True)
    if (stats.analysed + stats.duplicates or _corpus_pending(path)) and not no_corpus:
        _update_corpus(settings, path, quiet)
    if stats.errors + stats.failed and not (stats.analysed + stats.skipped + stats.duplicates):
        sys.exit(1)


def _progress(paths: tuple[str, ...], quiet: bool) -> Optional[Progress]:
    """The progress line of a local ingest (None with --quiet); its total is estimated."""
    if quiet:
        return None
    return Progress(None if "-" in paths else estimate_inputs(expand_globs(paths)))


def _check_dask_options(paths: tuple[str, ...], parquet: Optional[str]) -> None:
    """Usage errors of --engine dask, caught before a cluster is started for nothing."""
    if not parquet:
        raise click.UsageError("--engine dask writes Parquet shards: give --parquet DIR")
    if "-" in paths:
        raise click.UsageError("--engine dask reads files, not standard input")


def _dask_summary(stats, parquet: str, quiet: bool) -> None:
    """The Dask run's summary; exit status 1 when nothing but errors came of it."""
    if not quiet:
        click.echo(stats.summary(parquet), err=True)
    if stats.rows.get("errors") and not stats.rows.get("articles"):
        sys.exit(1)


def _shard_line(marker: dict) -> None:
    """One line on standard error as each Dask shard finishes."""
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
    from ..runners.load import load_shards

    path = db_path or settings.get("store", "path")
    try:
        stats = load_shards(shards_dir, path, settings)
    except PresstraceError as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        click.echo(stats.summary(path), err=True)
    if (stats.analysed + stats.duplicates or _corpus_pending(path)) and not no_corpus:
        _update_corpus(settings, path, quiet)


def _corpus_pending(path: str) -> bool:
    """The corpus step of an earlier run was cut short (a kill): this run finishes it."""
    from ..store import db

    conn = db.open_store(path, create=False)
    try:
        return db.corpus_pending(conn)
    finally:
        conn.close()


def _update_corpus(settings: Settings, path: str, quiet: bool) -> None:
    """Bring stories, corpus entities and merged events up to date with new articles."""
    from ..corpus.update import update_corpus

    done = with_store(settings, path, update_corpus)
    if not quiet:
        stories, entities, events = done["stories"], done["entities"], done["events"]
        click.echo(f"corpus: {stories['stories']} stories ({stories['new_stories']} new), "
                   f"{entities['entities']} entities, {events['merged']} merged events", err=True)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="jsonl: presstrace/1 lines; csv, parquet: a file per table; gkg: GDELT GKG 2.1.")
@click.option("--out", type=click.Path(), help="Output file (jsonl, gkg; default standard output) "
                                               "or folder (csv, parquet; required).")
@click.option("--raw-csv", is_flag=True, help=RAW_CSV_HELP)
@click.option("--min-confidence", type=click.FloatRange(0, 1),
              help=f"gkg: the least confidence a place needs to be a location (default "
                   f"{CONFIDENT_PLACE}, as the map; places stored without one are kept).")
@click.option("--corpus", is_flag=True,
              help="jsonl: --out is a folder; write articles.jsonl and the corpus results "
                   "(stories, corpus_entities, merged_events .jsonl) into it. csv and parquet "
                   "always hold the corpus tables.")
@click.pass_obj
@domain_errors
def export_command(settings: Settings, db_path: Optional[str], fmt: str, out: Optional[str],
                   raw_csv: bool, min_confidence: Optional[float], corpus: bool) -> None:
    """Write the store out as JSON Lines, CSV, Parquet or GDELT GKG 2.1 rows.

    Example:

        presstrace export --db corpus.db --format parquet --out corpus-parquet/

        presstrace export --db corpus.db --format jsonl --corpus --out corpus-jsonl/

        presstrace export --db corpus.db --format gkg > corpus.gkg.csv
    """
    from ..store import export

    if corpus and fmt != "jsonl":
        raise click.UsageError("--corpus is for --format jsonl; csv and parquet hold the corpus tables")
    with existing_store(settings, db_path) as conn:
        if corpus:
            _export_corpus_jsonl(conn, out)
            return
        if fmt in ("csv", "parquet"):
            if not out:
                raise click.UsageError(f"--format {fmt} writes a file per table: give --out FOLDER")
            if fmt == "csv":
                counts = export.export_csv(conn, out, raw=raw_csv)
            else:
                counts = export.export_parquet(conn, out)
            click.echo(f"{len(counts)} tables, {sum(counts.values())} rows -> {out}", err=True)
            return
        write = export.export_jsonl if fmt == "jsonl" else functools.partial(
            export.export_gkg, settings=settings, min_confidence=min_confidence)
        if out:
            with open(out, "w", encoding="utf-8", newline="\n") as fh:
                write(conn, fh)
        else:
            write(conn, sys.stdout)


def _export_corpus_jsonl(conn, out: Optional[str]) -> None:
    """Articles and the corpus results as JSON Lines files in the folder `out`."""
    from ..corpus.export import export_corpus_jsonl
    from ..store.export import export_jsonl

    if not out:
        raise click.UsageError("--corpus writes a file per result: give --out FOLDER")
    counts = export_corpus_jsonl(conn, out)
    with open(Path(out) / "articles.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        counts["articles"] = export_jsonl(conn, fh)
    click.echo(", ".join(f"{n} {name}" for name, n in counts.items()) + f" -> {out}", err=True)
