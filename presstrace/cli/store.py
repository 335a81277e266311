"""`presstrace ingest`, `presstrace query …` and `presstrace export`: thin click wrappers.

Registered on the main command group by `register_store_commands`.
"""
from __future__ import annotations

import csv
import functools
import json
import sys
from typing import Any, Callable, Optional

import click

from ..errors import PresstraceError
from ..readers import FORMATS as INPUT_FORMATS
from ..settings import Settings
from ..store import db, queries
from ..store.export import FORMATS as EXPORT_FORMATS

CELL_WIDTH = 70


def register_store_commands(group: click.Group) -> None:
    """Add the store commands to presstrace's command group."""
    group.add_command(ingest_command)
    group.add_command(query)
    group.add_command(export_command)
    group.add_command(load_command)
    from .stories import stories_command; group.add_command(stories_command)  # noqa: E702
    from .corpus import entities_command, events_command; group.add_command(entities_command); group.add_command(events_command)  # noqa: E702,E501
    from .views import register_view_commands; register_view_commands(group)  # noqa: E702


def db_option(command: Callable) -> Callable:
    return click.option("--db", "db_path", metavar="FILE",
                        help="The store (SQLite file); default: the store.path setting "
                             "(presstrace.db).")(command)


def _db_path(settings: Settings, db_path: Optional[str]) -> str:
    return db_path or settings.get("store", "path")


def domain_errors(command: Callable) -> Callable:
    """Turn presstrace's own errors into click errors (a message, exit status 1)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (PresstraceError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
    return wrapper


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
    path = _db_path(settings, db_path)
    stats = ingest(paths, path, settings, "local", n_process=jobs, progress=_progress(paths, quiet),
                   **common)
    if not quiet:
        click.echo(stats.summary(path), err=True)
    if stats.analysed + stats.duplicates and not no_corpus:
        _update_corpus(path, quiet)
    if stats.errors + stats.failed and not (stats.analysed + stats.skipped + stats.duplicates):
        sys.exit(1)


def _progress(paths: tuple[str, ...], quiet: bool):
    """The progress line of a local ingest (None with --quiet); its total is estimated."""
    from ..readers import estimate_inputs, expand_globs
    from ..runners.progress import Progress

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
    if stats.analysed + stats.duplicates and not no_corpus:
        _update_corpus(path, quiet)


def _update_corpus(path, quiet: bool) -> None:
    """Bring stories, corpus entities and merged events up to date with new articles."""
    from ..corpus.update import update_corpus

    conn = db.open_store(path, create=False)
    try:
        done = update_corpus(conn)
    finally:
        conn.close()
    if not quiet:
        stories, entities, events = done["stories"], done["entities"], done["events"]
        click.echo(f"corpus: {stories['stories']} stories ({stories['new_stories']} new), "
                   f"{entities['entities']} entities, {events['merged']} merged events", err=True)


def output_options(command: Callable) -> Callable:
    """What every query shares: --db and --format, the settings object passed in, and
    presstrace's own errors turned into click errors."""
    command = click.pass_obj(domain_errors(command))
    command = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                           default="table", show_default=True, help="How rows are written.")(command)
    return db_option(command)


def _emit(rows: list[dict[str, Any]], fmt: str) -> None:
    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        out.write(render_table(rows) + "\n")


def render_table(rows: list[dict[str, Any]]) -> str:
    """Rows as aligned text columns; long cells are cut with an ellipsis."""
    if not rows:
        return "(no rows)"
    names = list(rows[0])
    cells = [[_cell(row[n]) for n in names] for row in rows]
    widths = [max(len(n), *(len(c[k]) for c in cells)) for k, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 1] + "…"


def _run_query(settings: Settings, db_path: Optional[str], fmt: str, function: Callable,
               **kwargs: Any) -> None:
    conn = db.open_store(_db_path(settings, db_path), create=False)
    try:
        _emit(function(conn, **kwargs), fmt)
    finally:
        conn.close()


@click.group()
def query() -> None:
    """Questions across the store: search, quotes, claims, events, entities, sourcing."""


def _dates(command: Callable) -> Callable:
    command = click.option("--until", metavar="DATE", help="Up to this date (YYYY[-MM[-DD]]).")(command)
    return click.option("--since", metavar="DATE", help="From this date (YYYY[-MM[-DD]]).")(command)


@query.command("search")
@click.argument("text")
@click.option("--in", "target", type=click.Choice(queries.SEARCH_TARGETS), default="articles",
              show_default=True, help="Search article titles and text, or quotes.")
@click.option("--limit", type=int, default=20, show_default=True, help="Most rows (0: all).")
@click.option("--duplicates", is_flag=True, help="Also list near-duplicate articles.")
@output_options
def query_search(settings, text, target, limit, duplicates, db_path, fmt):
    """Full-text search, best matches first (FTS5 syntax: "a phrase", OR, NOT, pref*).

    Example:

        presstrace query search '"prisoner exchange" OR "prisoner swap"' --db corpus.db
    """
    _run_query(settings, db_path, fmt, queries.search, text=text, target=target, limit=limit,
               include_duplicates=duplicates)


@query.command("quotes")
@click.option("--speaker", help="Speaker name contains this (any case).")
@click.option("--source", help="Outlet name contains this.")
@click.option("--kind", type=click.Choice(["direct", "partial", "block", "scare"]))
@_dates
@click.option("--limit", type=int, default=100, show_default=True, help="Most rows (0: all).")
@output_options
def query_quotes(settings, speaker, source, kind, since, until, limit, db_path, fmt):
    """Quotes by speaker, outlet and date, newest first.

    Example:

        presstrace query quotes --speaker Zelensky --since 2022-02-24 --format csv
    """
    _run_query(settings, db_path, fmt, queries.quotes, speaker=speaker, source=source, kind=kind,
               since=since, until=until, limit=limit)


@query.command("claims")
@click.option("--kind", type=click.Choice(["named", "vague", "unattributed"]),
              help="How the claim is sourced.")
@click.option("--by", "name", help="Claimed-by name contains this.")
@click.option("--source", help="Outlet name contains this.")
@_dates
@click.option("--limit", type=int, default=100, show_default=True, help="Most rows (0: all).")
@output_options
def query_claims(settings, kind, name, source, since, until, limit, db_path, fmt):
    """Claims and who they are attributed to, newest first.

    Example:

        presstrace query claims --kind vague --source CNN
    """
    _run_query(settings, db_path, fmt, queries.claims, kind=kind, name=name, source=source,
               since=since, until=until, limit=limit)


@query.command("events")
@click.option("--type", "event_type", help="PLOVER event type (CONSULT, ASSAULT, …).")
@click.option("--actor", help="Source or target actor name contains this.")
@click.option("--place", help="Place contains this.")
@_dates
@click.option("--limit", type=int, default=100, show_default=True, help="Most rows (0: all).")
@output_options
def query_events(settings, event_type, actor, place, since, until, limit, db_path, fmt):
    """Events by type, actor, place and date, newest first.

    Example:

        presstrace query events --type CONSULT --actor Putin
    """
    _run_query(settings, db_path, fmt, queries.events, type=event_type, actor=actor, place=place,
               since=since, until=until, limit=limit)


@query.command("entities")
@click.option("--top", type=int, default=20, show_default=True, help="How many (0: all).")
@click.option("--label", help="Only this label (PERSON, ORG, GPE, …).")
@click.option("--source", help="Outlet name contains this.")
@_dates
@output_options
def query_entities(settings, top, label, source, since, until, db_path, fmt):
    """The entities named most often, with the number of articles naming them.

    Example:

        presstrace query entities --top 10 --label PERSON
    """
    _run_query(settings, db_path, fmt, queries.entities, top=top, label=label, source=source,
               since=since, until=until)


@query.command("sourcing")
@click.option("--by", type=click.Choice(list(queries.SOURCING_GROUPS)), default="source",
              show_default=True, help="Group articles by outlet, month or year.")
@_dates
@output_options
def query_sourcing(settings, by, since, until, db_path, fmt):
    """Sourcing profile per outlet: mean shares of named, vague and unattributed material.

    Example:

        presstrace query sourcing --by source --format json
    """
    _run_query(settings, db_path, fmt, queries.sourcing, by=by, since=since, until=until)


@query.command("duplicates")
@click.option("--limit", type=int, default=50, show_default=True, help="Most groups (0: all).")
@output_options
def query_duplicates(settings, limit, db_path, fmt):
    """Near-duplicate groups: each original and the copies linked to it.

    Example:

        presstrace query duplicates --limit 10
    """
    _run_query(settings, db_path, fmt, queries.duplicates, limit=limit)


@query.command("errors")
@click.option("--code", help="Only this error code (empty, bad_record, …).")
@click.option("--limit", type=int, default=100, show_default=True, help="Most rows (0: all).")
@output_options
def query_errors(settings, code, limit, db_path, fmt):
    """Inputs that could not be stored or analysed, with the reason.

    Example:

        presstrace query errors --code bad_record
    """
    _run_query(settings, db_path, fmt, queries.errors, code=code, limit=limit)


@query.command("stats")
@output_options
def query_stats(settings, db_path, fmt):
    """How many articles, quotes, claims … the store holds.

    Example:

        presstrace query stats
    """
    _run_query(settings, db_path, fmt, queries.stats)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="jsonl: presstrace/1 lines; csv, parquet: a file per table; gkg: GDELT GKG 2.1.")
@click.option("--out", type=click.Path(), help="Output file (jsonl, gkg; default standard output) "
                                               "or folder (csv, parquet; required).")
@click.pass_obj
@domain_errors
def export_command(settings: Settings, db_path: Optional[str], fmt: str, out: Optional[str]) -> None:
    """Write the store out as JSON Lines, CSV, Parquet or GDELT GKG 2.1 rows.

    Example:

        presstrace export --db corpus.db --format parquet --out corpus-parquet/

        presstrace export --db corpus.db --format gkg > corpus.gkg.csv
    """
    from ..store import export

    conn = db.open_store(_db_path(settings, db_path), create=False)
    try:
        if fmt in ("csv", "parquet"):
            if not out:
                raise click.UsageError(f"--format {fmt} writes a file per table: give --out FOLDER")
            counts = (export.export_csv if fmt == "csv" else export.export_parquet)(conn, out)
            click.echo(f"{len(counts)} tables, {sum(counts.values())} rows -> {out}", err=True)
            return
        write = export.export_jsonl if fmt == "jsonl" else functools.partial(export.export_gkg,
                                                                             settings=settings)
        if out:
            with open(out, "w", encoding="utf-8", newline="\n") as fh:
                write(conn, fh)
        else:
            write(conn, sys.stdout)
    finally:
        conn.close()
