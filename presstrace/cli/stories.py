"""`presstrace stories`: cluster the store's articles into stories and write them out."""
from __future__ import annotations

import json
import sys
from typing import Optional

import click

from ..corpus.stories import EMBEDDING_PARAMS, StoryParams, iter_stories, update_stories
from ..store import db
from .store import _db_path, db_option, domain_errors

DEFAULTS = StoryParams()


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
    """Group the store's articles into stories (online clustering) and write them.

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
    conn = db.open_store(_db_path(ctx.obj, db_path), create=False)
    try:
        summary = update_stories(conn, params, rebuild=rebuild)
        fh = open(out, "w", encoding="utf-8", newline="\n") if out else sys.stdout
        try:
            for story in iter_stories(conn):
                if fmt == "jsonl":
                    fh.write(json.dumps(story, ensure_ascii=False) + "\n")
                else:
                    dates = (story["first"] or "?") if story["first"] == story["last"] else \
                        f"{story['first'] or '?'}..{story['last'] or '?'}"
                    fh.write(f"{story['story']:>6}  {len(story['articles']):>3}  {dates:<22}  "
                             f"{story['title'][:70]}\n")
        finally:
            if out:
                fh.close()
        click.echo(f"{summary['stories']} stories; {summary['articles']} articles placed, "
                   f"{summary['new_stories']} new stories"
                   f"{' (rebuilt)' if summary['rebuilt'] else ''}", err=True)
    finally:
        conn.close()
