"""`presstrace entities` and `presstrace events --merged`: the store's corpus-wide views."""
from __future__ import annotations

import json
from typing import Optional

import click

from ..corpus.entities import list_corpus_entities, update_corpus_entities
from ..corpus.events import DEFAULT_WINDOW_DAYS, iter_merged_events, update_merged_events
from ..settings import Settings
from ..store import db
from .store import _db_path, db_option, domain_errors, render_table

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                      show_default=True, help="How rows are written.")


@click.command("entities")
@db_option
@click.option("--update", is_flag=True, help="Link the entities of articles not linked yet first.")
@click.option("--rebuild", is_flag=True, help="Drop every link and link all articles again first.")
@click.option("--top", type=click.IntRange(min=1), help="Only the N entities in most articles.")
@click.option("--family", type=click.Choice(["person", "org", "place"]), help="Only this kind.")
@FORMAT
@click.pass_obj
@domain_errors
def entities_command(settings: Settings, db_path: Optional[str], update: bool, rebuild: bool,
                     top: Optional[int], family: Optional[str], fmt: str) -> None:
    """People, organisations and places across articles, each with its aliases.

    Per-article entities are merged by name (folded spelling: Zelenskyy, Zelensky,
    Zelenskiy), a lone surname when one full name has it, an acronym when one organisation
    has it, and a place by its GeoNames id (Kyiv, Kiev).

    Example:

        presstrace entities --db corpus.db --update --top 20
    """
    conn = db.open_store(_db_path(settings, db_path), create=False)
    try:
        if update or rebuild:
            summary = update_corpus_entities(conn, rebuild=rebuild)
            click.echo(f"{summary['entities']} entities; {summary['linked']} article entities linked, "
                       f"{summary['new']} new, {summary['absorbed']} absorbed"
                       f"{' (rebuilt)' if summary['rebuilt'] else ''}", err=True)
        rows = list_corpus_entities(conn, top=top, family=family)
        if fmt == "json":
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            click.echo(render_table([{**r, "aliases": "; ".join(r["aliases"])} for r in rows]))
    finally:
        conn.close()


@click.command("events")
@db_option
@click.option("--merged", is_flag=True,
              help="Reports of the same event merged (the only mode; per-article events: "
                   "`presstrace query events`).")
@click.option("--type", "event_type", help="Only events of this type (e.g. ASSAULT).")
@click.option("--window", "window_days", type=click.IntRange(min=0), default=DEFAULT_WINDOW_DAYS,
              show_default=True, help="Most days between the first and a later report.")
@click.option("--min-articles", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only events reported by at least this many articles.")
@FORMAT
@click.pass_obj
@domain_errors
def events_command(settings: Settings, db_path: Optional[str], merged: bool,
                   event_type: Optional[str], window_days: int, min_articles: int, fmt: str) -> None:
    """Events across articles: one row per real event, with every article reporting it.

    Links new entities first (as `presstrace entities --update`), then merges events of
    the same type, actors and place whose dates lie within --window days.

    Example:

        presstrace events --db corpus.db --merged --type ASSAULT --min-articles 2
    """
    if not merged:
        raise click.UsageError("only --merged is supported; per-article events: presstrace query events")
    conn = db.open_store(_db_path(settings, db_path), create=False)
    try:
        update_corpus_entities(conn)
        summary = update_merged_events(conn, window_days)
        rows = list(iter_merged_events(conn, event_type, min_articles))
        if fmt == "json":
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            click.echo(render_table([
                {**{k: v for k, v in r.items() if k != "articles"}, "articles": len(r["articles"]),
                 "sources": "; ".join(sorted({a["source"] or "?" for a in r["articles"]}))}
                for r in rows]))
        click.echo(f"{summary['merged']} merged events from {summary['events']} reports", err=True)
    finally:
        conn.close()
