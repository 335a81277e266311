"""`presstrace stories`, `entities` and `events --merged`: the corpus views, brought up to
date and written out (thin wrappers over `presstrace.corpus`)."""
from __future__ import annotations

import json
import sys
from typing import Optional

import click

from ..corpus.entities import list_corpus_entities, update_corpus_entities
from ..corpus.events import DEFAULT_WINDOW_DAYS, iter_merged_events, update_merged_events
from ..corpus.stories import EMBEDDING_PARAMS, StoryParams, iter_stories, update_stories
from ..settings import Settings
from .options import db_option, domain_errors, echo_json, existing_store, render_table

DEFAULTS = StoryParams()
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
    with existing_store(settings, db_path) as conn:
        if update or rebuild:
            summary = update_corpus_entities(conn, rebuild=rebuild)
            click.echo(f"{summary['entities']} entities; {summary['linked']} article entities linked, "
                       f"{summary['new']} new, {summary['absorbed']} absorbed"
                       f"{' (rebuilt)' if summary['rebuilt'] else ''}", err=True)
        rows = list_corpus_entities(conn, top=top, family=family)
    if fmt == "json":
        echo_json(rows)
    else:
        click.echo(render_table([{**r, "aliases": "; ".join(r["aliases"])} for r in rows]))


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
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Merge only events given at least this confidence.")
@click.option("--unreal", is_flag=True, help="Merge negated and hypothetical events too (left out by default).")
@FORMAT
@click.pass_obj
@domain_errors
def events_command(settings: Settings, db_path: Optional[str], merged: bool, event_type: Optional[str],
                   window_days: int, min_articles: int, min_confidence: float, unreal: bool, fmt: str) -> None:
    """Events across articles: one row per real event, with every article reporting it.

    Links new entities first (as `presstrace entities --update`), then merges events of
    the same type, actors and place whose dates lie within --window days.

    Example:

        presstrace events --db corpus.db --merged --type ASSAULT --min-articles 2

        presstrace events --db corpus.db --merged --min-confidence 0.8
    """
    if not merged:
        raise click.UsageError("only --merged is supported; per-article events: presstrace query events")
    with existing_store(settings, db_path) as conn:
        update_corpus_entities(conn)
        summary = update_merged_events(conn, window_days, min_confidence, unreal)
        rows = list(iter_merged_events(conn, event_type, min_articles))
    if fmt == "json":
        echo_json(rows)
    else:
        click.echo(render_table([
            {**{k: v for k, v in r.items() if k != "articles"}, "articles": len(r["articles"]),
             "sources": "; ".join(sorted({a["source"] or "?" for a in r["articles"]}))}
            for r in rows]))
    click.echo(f"{summary['merged']} merged events from {summary['events']} reports", err=True)


@click.command("stories")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True, help="jsonl: one story object a line; table: a short listing.")
@click.option("--rebuild", is_flag=True, help="Drop the stored stories and cluster every article again.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULTS.threshold, show_default=True,
              help="Least similarity for an article to join a story.")
@click.option("--undated-threshold", type=click.FloatRange(0, 1), default=DEFAULTS.undated_threshold,
              show_default=True, help="The same when the article or the story has no date.")
@click.option("--window", "window_days", type=click.IntRange(min=0), default=DEFAULTS.window_days,
              show_default=True, help="Days without a new article after which a story is closed.")
@click.option("--embeddings", is_flag=True,
              help="Add sentence embeddings (needs pip install 'presstrace[embeddings]'); "
                   "uses its own tuned thresholds unless --threshold/--undated-threshold are given.")
@click.option("--out", type=click.Path(dir_okay=False), help="Output file (default: standard output).")
@click.pass_context
@domain_errors
def stories_command(ctx: click.Context, db_path: Optional[str], fmt: str, rebuild: bool,
                    threshold: float, undated_threshold: float, window_days: int, embeddings: bool,
                    out: Optional[str]) -> None:
    """Group the store's articles into event-level stories (one happening each) and write them.

    Articles without a story join the most similar open story or start a new one; the
    assignments are stored, so after a later ingest only the new articles are placed.
    Changing --threshold or --window re-clusters everything.

    Example:

        presstrace stories --db corpus.db --format jsonl > stories.jsonl
    """
    chosen = dict(threshold=threshold, undated_threshold=undated_threshold, window_days=window_days)
    if embeddings:
        given = {k for k in ("threshold", "undated_threshold")
                 if ctx.get_parameter_source(k) == click.core.ParameterSource.COMMANDLINE}
        chosen.update({k: v for k, v in EMBEDDING_PARAMS.items() if k not in given})
    params = StoryParams(**chosen)
    with existing_store(ctx.obj, db_path) as conn:
        summary = update_stories(conn, params, rebuild=rebuild)
        fh = open(out, "w", encoding="utf-8", newline="\n") if out else sys.stdout
        try:
            if fmt == "jsonl":
                for story in iter_stories(conn):
                    fh.write(json.dumps(story, ensure_ascii=False) + "\n")
            else:
                fh.write(render_table([_story_row(s) for s in iter_stories(conn)]) + "\n")
        finally:
            if out:
                fh.close()
        click.echo(f"{summary['stories']} stories; {summary['articles']} articles placed, "
                   f"{summary['new_stories']} new stories"
                   f"{' (rebuilt)' if summary['rebuilt'] else ''}", err=True)


def _story_row(story: dict) -> dict:
    """A story as one row of `--format table`, under a header: id, articles, outlets,
    dates, title."""
    dates = (story["first"] or "?") if story["first"] == story["last"] else \
        f"{story['first'] or '?'}..{story['last'] or '?'}"
    return {"story": story["story"], "articles": len(story["articles"]),
            "outlets": len(story["sources"]), "dates": dates, "title": story["title"]}
