"""Map data: the places the store's articles mention, with coordinates and counts.

Only places with coordinates are listed. A place with a GeoNames id is one row per id
(and kind), named by the gazetteer name its mentions carry most; a place without one (an
entry of presstrace's own gazetteer) is one row per name, country and position rounded
to 0.01° (about a kilometre), so it is listed and mapped too. `mentions` counts place
mentions, `articles` the articles with at least one.

By default only confident toponyms are listed (`placeview.CONFIDENT_PLACE`); demonyms
("Russian troops" resolved to Russia) are rows of their own when asked for. A row's
`geonameid` is a real GeoNames id or None, never presstrace's internal one, and its `ref`
is what the timeline's place filter takes: that id, else the place's name.
"""
from __future__ import annotations

import sqlite3
from typing import Any, Optional

from ..store.placeview import CONFIDENT_PLACE, place_filters, public_geonameid
from ..store.queries import Filters, fetch_rows
from .lookup import Ref, check_limit, story_id

__all__ = ["CONFIDENT_PLACE", "place_counts"]

# One grouped pass per (place, article); names and totals are folded in Python, which is
# much faster than SQLite re-reading a CTE for a window function and a join.
SQL = ("SELECT p.geonameid, coalesce(p.name, p.text) AS name, coalesce(p.kind, 'toponym') AS kind, "
       "p.country, round(p.lat, 2) AS rlat, round(p.lon, 2) AS rlon, p.article_id, count(*) AS n, "
       "max(p.lat) AS lat, max(p.lon) AS lon, max(p.admin1) AS admin1, max(p.feature) AS feature "
       "FROM places p JOIN articles a ON a.id = p.article_id{where} "
       "GROUP BY p.geonameid, coalesce(p.name, p.text), coalesce(p.kind, 'toponym'), p.country, "
       "rlat, rlon, p.article_id")


def place_counts(conn: sqlite3.Connection, story: Optional[Ref] = None, since: Optional[str] = None,
                 until: Optional[str] = None, limit: int = 500, min_confidence: Optional[float] = None,
                 demonyms: bool = False) -> list[dict[str, Any]]:
    """Places with coordinates, most mentioned first (limit 0: all).

    Args:
        story, since, until: only these articles.
        min_confidence: the least confidence a place needs (None: CONFIDENT_PLACE); places
            stored without one always pass.
        demonyms: list demonym places too, as rows of their own.

    Raises:
        QueryError: an unknown story, a bad date, limit or confidence.
    """
    where = Filters().add("p.lat IS NOT NULL AND p.lon IS NOT NULL").add("a.status = 'analysed'")
    place_filters(where, "p", min_confidence, demonyms)
    where.dates("a.date", since, until)
    if story is not None:
        where.add("a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
                  story_id(conn, story))
    lim = check_limit(limit)
    places: dict[tuple, dict[str, Any]] = {}
    for row in fetch_rows(conn, SQL.format(where=where.sql()), where.params):
        place = places.setdefault(_key(row), {**row, "names": {}, "mentions": 0, "article_ids": set()})
        place["names"][row["name"]] = place["names"].get(row["name"], 0) + row["n"]
        place["mentions"] += row["n"]
        place["article_ids"].add(row["article_id"])
    out = [_finish(p) for p in places.values()]
    out.sort(key=lambda p: (-p["mentions"], -p["articles"], p["name"] or "", p["kind"]))
    return out[:lim] if lim else out


def _key(row: dict[str, Any]) -> tuple:
    """The place a row counts for: its GeoNames id (even an internal one: it is stable),
    else its name, country and rounded position; demonyms apart from toponyms."""
    if row["geonameid"] is not None:
        return row["kind"], row["geonameid"]
    return row["kind"], None, (row["name"] or "").casefold(), row["country"], row["rlat"], row["rlon"]


def _finish(place: dict[str, Any]) -> dict[str, Any]:
    """The row as listed: the most used name (ties: A-Z), the count of articles, no internal id."""
    names = place["names"]
    name = min(names, key=lambda n: (-names[n], n or ""))
    gid = public_geonameid(place["geonameid"])
    return {"geonameid": gid, "name": name, "kind": place["kind"], "lat": place["lat"],
            "lon": place["lon"], "country": place["country"], "admin1": place["admin1"],
            "feature": place["feature"], "mentions": place["mentions"],
            "articles": len(place["article_ids"]), "ref": str(gid) if gid else name}
