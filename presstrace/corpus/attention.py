"""Attention over time: how many articles match a query per day or week, per outlet, as
counts and as a share of all that outlet's articles in the period.

A query is one of four kinds (`of`):

- **text**: a full-text expression over title and text (FTS5: words, "phrases", OR, NOT);
- **entity**: a corpus entity (id, canonical name or alias): articles it is linked from;
- **place**: a GeoNames id or a place name (as the timeline takes it): articles naming it;
- **event**: a PLOVER event type (any case): articles reporting such an event.

Only analysed articles with a calendar date count (near-duplicates have no layers, so an
entity, place or event could never match them; counting them for text alone would make
the kinds disagree). A week is named by its Monday (ISO weeks). Periods run without gaps
from the first to the last that has a match, so a chart's silences are zeros.
"""
from __future__ import annotations

import datetime
import sqlite3
from collections import defaultdict
from typing import Any, Optional

from ..store.errors import QueryError
from ..store.queries import Filters, fetch_rows
from .lookup import corpus_entity, place as find_place

KINDS = ("text", "entity", "place", "event")
PERIODS = ("day", "week")
GROUPS = ("outlet", "all")
ALL_OUTLETS = "all outlets"
UNKNOWN_OUTLET = "(no outlet)"
MAX_PERIODS = 3700  # ten years of days: past that a chart says nothing, weeks do
DAY_DATE = "a.date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'"


def attention(conn: sqlite3.Connection, query: str, of: str = "text", per: str = "day",
              by: str = "outlet", since: Optional[str] = None,
              until: Optional[str] = None) -> dict[str, Any]:
    """Matching articles per period and outlet, with each outlet's articles per period.

    Returns:
        {"query", "of", "per", "by", "periods": [labels], "series": [{"outlet", "counts",
        "totals", "shares"}]}: one series per outlet (or one for all), most matches first;
        `shares[i]` is counts[i] / totals[i], None where the outlet has no article.
    Raises:
        QueryError: an unknown kind, period or grouping; a bad full-text expression or
            date; an unknown entity or place (`UnknownError`).
    """
    _check_choice(of, KINDS, "kind")
    _check_choice(per, PERIODS, "period")
    _check_choice(by, GROUPS, "grouping")
    if not query or not query.strip():
        raise QueryError("an attention query needs something to look for")
    matching, params = matching_articles(conn, of, query)
    where = Filters().add("a.status = 'analysed'").add(DAY_DATE).dates("a.date", since, until)
    outlet = "coalesce(a.source, ?)" if by == "outlet" else "?"
    label = UNKNOWN_OUTLET if by == "outlet" else ALL_OUTLETS
    rows = fetch_rows(conn, f"SELECT substr(a.date, 1, 10) AS day, {outlet} AS outlet, count(*) AS total, "
                            f"sum(a.id IN ({matching})) AS hits FROM articles a{where.sql()} "
                            "GROUP BY day, outlet", (label, *params, *where.params))
    return {"query": query, "of": of, "per": per, "by": by, **_series(rows, per)}


def matching_articles(conn: sqlite3.Connection, of: str, query: str) -> tuple[str, list]:
    """(SQL selecting the ids of the articles that match, its parameters)."""
    if of == "text":
        return "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [query]
    if of == "entity":
        row = corpus_entity(conn, query)
        return "SELECT article_id FROM corpus_entity_links WHERE corpus_entity_id = ?", [row["id"]]
    if of == "event":
        return "SELECT article_id FROM events WHERE type = ?", [query.strip().upper()]
    gid, names = find_place(conn, query)
    if gid is not None:
        return "SELECT article_id FROM places WHERE geonameid = ?", [gid]
    marks = ", ".join("?" * len(names))
    return (f"SELECT article_id FROM places WHERE lower(coalesce(name, text)) IN ({marks})",
            sorted(names))


def _series(rows: list[dict], per: str) -> dict[str, Any]:
    """Rows of (day, outlet, total, hits) gathered into periods without gaps."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        period = period_of(row["day"], per)
        if period is None:
            continue
        counts[row["outlet"]][period] += row["hits"] or 0
        totals[row["outlet"]][period] += row["total"]
    hit_periods = [p for c in counts.values() for p, n in c.items() if n]
    if not hit_periods:
        return {"periods": [], "series": []}
    periods = period_range(min(hit_periods), max(hit_periods), per)
    series = [{"outlet": name,
               "counts": [counts[name][p] for p in periods],
               "totals": [totals[name][p] for p in periods],
               "shares": [round(counts[name][p] / totals[name][p], 4) if totals[name][p] else None
                          for p in periods]}
              for name in counts]
    series = [s for s in series if sum(s["counts"])]
    series.sort(key=lambda s: (-sum(s["counts"]), s["outlet"]))
    return {"periods": periods, "series": series}


def period_of(day: str, per: str) -> Optional[str]:
    """The period a YYYY-MM-DD day falls in (a week: its Monday); None for no real date."""
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:  # a stored "2024-02-30" dates nothing
        return None
    if per == "week":
        date -= datetime.timedelta(days=date.weekday())
    return date.isoformat()


def period_range(first: str, last: str, per: str) -> list[str]:
    """Every period from `first` to `last`, both included."""
    step = datetime.timedelta(days=7 if per == "week" else 1)
    start, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
    if (end - start) // step >= MAX_PERIODS:
        raise QueryError(f"the matches span more than {MAX_PERIODS} {per}s: narrow the dates "
                         "or count per week")
    return [(start + i * step).isoformat() for i in range((end - start) // step + 1)]


def attention_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per period and outlet that published in it (period, outlet, articles
    matching, all its articles, share) — the table and CSV form of `attention`."""
    return [{"period": period, "outlet": s["outlet"], "articles": s["counts"][i],
             "outlet_articles": s["totals"][i], "share": s["shares"][i]}
            for s in result["series"] for i, period in enumerate(result["periods"])
            if s["totals"][i]]


def _check_choice(value: str, valid: tuple[str, ...], what: str) -> None:
    if value not in valid:
        raise QueryError(f"unknown {what} {value!r}; valid: {', '.join(valid)}")
