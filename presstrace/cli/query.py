"""`presstrace query …`: questions across the store, thin wrappers over `store.queries`."""
from __future__ import annotations

from typing import Any, Callable, Optional

import click

from ..settings import Settings
from ..store import queries
from .options import dates, emit, output_options, with_store


def _run(settings: Settings, db_path: Optional[str], fmt: str, function: Callable,
         **kwargs: Any) -> None:
    """Write the rows `function(conn, **kwargs)` returns on the command's store."""
    emit(with_store(settings, db_path, function, **kwargs), fmt)


@click.group()
def query() -> None:
    """Questions across the store: search, quotes, claims, events, entities, sourcing."""


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
    _run(settings, db_path, fmt, queries.search, text=text, target=target, limit=limit,
         include_duplicates=duplicates)


@query.command("quotes")
@click.option("--speaker", help="Speaker name contains this (any case).")
@click.option("--source", help="Outlet name contains this.")
@click.option("--kind", type=click.Choice(["direct", "partial", "block", "scare"]))
@dates
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only speakers given at least this confidence.")
@click.option("--limit", type=int, default=100, show_default=True, help="Most rows (0: all).")
@output_options
def query_quotes(settings, speaker, source, kind, since, until, min_confidence, limit, db_path, fmt):
    """Quotes by speaker, outlet and date, newest first.

    Example:

        presstrace query quotes --speaker Zelensky --since 2022-02-24 --format csv

        presstrace query quotes --speaker Putin --min-confidence 0.9
    """
    _run(settings, db_path, fmt, queries.quotes, speaker=speaker, source=source, kind=kind,
         since=since, until=until, limit=limit, min_confidence=min_confidence)


@query.command("claims")
@click.option("--kind", type=click.Choice(["named", "vague", "unattributed"]),
              help="How the claim is sourced.")
@click.option("--by", "name", help="Claimed-by name contains this.")
@click.option("--source", help="Outlet name contains this.")
@dates
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only sources given at least this confidence.")
@click.option("--limit", type=int, default=100, show_default=True, help="Most rows (0: all).")
@output_options
def query_claims(settings, kind, name, source, since, until, min_confidence, limit, db_path, fmt):
    """Claims and who they are attributed to, newest first.

    Example:

        presstrace query claims --kind vague --source CNN

        presstrace query claims --kind named --min-confidence 0.9
    """
    _run(settings, db_path, fmt, queries.claims, kind=kind, name=name, source=source,
         since=since, until=until, limit=limit, min_confidence=min_confidence)


@query.command("events")
@click.option("--type", "event_type", help="PLOVER event type (CONSULT, ASSAULT, …).")
@click.option("--actor", help="Source or target actor name contains this.")
@click.option("--place", help="Place contains this.")
@dates
@click.option("--limit", type=int, default=100, show_default=True, help="Most rows (0: all).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only events given at least this confidence.")
@output_options
def query_events(settings, event_type, actor, place, since, until, limit, min_confidence, db_path, fmt):
    """Events by type, actor, place and date, newest first.

    Example:

        presstrace query events --type CONSULT --actor Putin --min-confidence 0.8
    """
    _run(settings, db_path, fmt, queries.events, type=event_type, actor=actor, place=place,
         since=since, until=until, limit=limit, min_confidence=min_confidence)


@query.command("entities")
@click.option("--top", type=int, default=20, show_default=True, help="How many (0: all).")
@click.option("--label", help="Only this label (PERSON, ORG, GPE, …).")
@click.option("--source", help="Outlet name contains this.")
@dates
@output_options
def query_entities(settings, top, label, source, since, until, db_path, fmt):
    """The entities named most often, with the number of articles naming them.

    Example:

        presstrace query entities --top 10 --label PERSON
    """
    _run(settings, db_path, fmt, queries.entities, top=top, label=label, source=source,
         since=since, until=until)


@query.command("sourcing")
@click.option("--by", type=click.Choice(list(queries.SOURCING_GROUPS)), default="source",
              show_default=True, help="Group articles by outlet, month or year.")
@dates
@output_options
def query_sourcing(settings, by, since, until, db_path, fmt):
    """Sourcing profile per outlet: mean shares of named, vague and unattributed material.

    Example:

        presstrace query sourcing --by source --format json
    """
    _run(settings, db_path, fmt, queries.sourcing, by=by, since=since, until=until)


@query.command("duplicates")
@click.option("--limit", type=int, default=50, show_default=True, help="Most groups (0: all).")
@output_options
def query_duplicates(settings, limit, db_path, fmt):
    """Near-duplicate groups: each original and the copies linked to it.

    Example:

        presstrace query duplicates --limit 10
    """
    _run(settings, db_path, fmt, queries.duplicates, limit=limit)


@query.command("errors")
@click.option("--code", help="Only this error code (empty, bad_record, …).")
@click.option("--limit", type=int, default=100, show_default=True, help="Most rows (0: all).")
@output_options
def query_errors(settings, code, limit, db_path, fmt):
    """Inputs that could not be stored or analysed, with the reason.

    Example:

        presstrace query errors --code bad_record
    """
    _run(settings, db_path, fmt, queries.errors, code=code, limit=limit)


@query.command("stats")
@output_options
def query_stats(settings, db_path, fmt):
    """How many articles, quotes, claims … the store holds.

    Example:

        presstrace query stats
    """
    _run(settings, db_path, fmt, queries.stats)
