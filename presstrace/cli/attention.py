"""`presstrace attention`: attention over time, the CLI face of
`presstrace.corpus.attention`."""
from __future__ import annotations

from typing import Optional

import click

from ..corpus.attention import GROUPS, KINDS, PERIODS, attention, attention_rows
from ..settings import Settings
from .options import dates, emit, output_options, with_store


COUNTED = ("period", "outlet", "articles")
# The share with what it is the share of, so a 100% of one article reads as such.
NORMALISED = ("period", "outlet", "share", "articles", "outlet_articles")


@click.command("attention")
@click.argument("query")
@click.option("--of", "of", type=click.Choice(KINDS), default="text", show_default=True,
              help="What QUERY names: a full-text expression, a corpus entity, a place or a "
                   "PLOVER event type.")
@click.option("--by", type=click.Choice(GROUPS), default="outlet", show_default=True,
              help="One series per outlet, or one for all outlets.")
@click.option("--per", type=click.Choice(PERIODS), default="day", show_default=True,
              help="Count per day or per ISO week (named by its Monday).")
@click.option("--normalise", is_flag=True,
              help="The share of the outlet's articles in the period that match (with both counts).")
@dates
@output_options
def attention_command(settings: Settings, query: str, of: str, by: str, per: str,
                      normalise: bool, since: Optional[str], until: Optional[str],
                      db_path: Optional[str], fmt: str) -> None:
    """How many articles match QUERY per day or week and outlet, and what share of the
    outlet's articles that is (rows where the outlet published nothing are left out).

    Example:

        presstrace attention '"prisoner exchange"' --by outlet --per week --db corpus.db

        presstrace attention Zelensky --of entity --normalise --format csv --db corpus.db
    """
    result = with_store(settings, db_path, attention, query=query, of=of, per=per, by=by,
                        since=since, until=until)
    rows = attention_rows(result)
    columns = NORMALISED if normalise else COUNTED
    emit([{k: row[k] for k in columns} for row in rows], fmt)
