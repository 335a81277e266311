"""Map data: the places the store's articles mention, with coordinates and counts.

Only places the gazetteer resolved (a GeoNames id) have coordinates, so only they are
listed; one row per GeoNames id, named by the gazetteer name its mentions carry most.
`mentions` counts place mentions, `articles` the articles with at least one.
"""
from __future__ import annotations

import sqlite3
from typing import Any, Optional

from ..store.queries import Filters, fetch_rows
from .lookup import Ref, check_limit, story_id


def place_counts(conn: sqlite3.Connection, story: Optional[Ref] = None, since: Optional[str] = None,
                 until: Optional[str] = None, limit: int = 500) -> list[dict[str, Any]]:
    """Resolved places, most mentioned first (0: all); `story`, `since`, `until` filter articles.

    Raises:
        QueryError: an unknown story, a bad date or limit.
    """
    where = Filters().add("p.geonameid IS NOT NULL").add("a.status = 'analysed'")
    where.dates("a.date", since, until)
    if story is not None:
        where.add("a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
                  story_id(conn, story))
    lim = check_limit(limit)
    # One grouped pass (id, name, article); names and totals are folded in Python, which
    # is much faster than SQLite re-reading a CTE for a window function and a join.
    sql = ("SELECT p.geonameid, p.name, p.article_id, count(*) AS n, max(p.lat) AS lat, "
           "max(p.lon) AS lon, max(p.country) AS country, max(p.admin1) AS admin1, "
           "max(p.feature) AS feature FROM places p JOIN articles a ON a.id = p.article_id"
           + where.sql() + " GROUP BY p.geonameid, p.name, p.article_id")
    places: dict[int, dict[str, Any]] = {}
    for row in fetch_rows(conn, sql, where.params):
        place = places.setdefault(row["geonameid"], {
            "geonameid": row["geonameid"], "names": {}, "lat": row["lat"], "lon": row["lon"],
            "country": row["country"], "admin1": row["admin1"], "feature": row["feature"],
            "mentions": 0, "article_ids": set()})
        place["names"][row["name"]] = place["names"].get(row["name"], 0) + row["n"]
        place["mentions"] += row["n"]
        place["article_ids"].add(row["article_id"])
    out = [_finish(p) for p in places.values()]
    out.sort(key=lambda p: (-p["mentions"], -p["articles"], p["name"] or ""))
    return out[:lim] if lim else out


def _finish(place: dict[str, Any]) -> dict[str, Any]:
    """The row as listed: the most used name (ties: A-Z), the count of articles."""
    names = place.pop("names")
    name = min(names, key=lambda n: (-names[n], n or ""))
    return {"geonameid": place["geonameid"], "name": name, "lat": place["lat"], "lon": place["lon"],
            "country": place["country"], "admin1": place["admin1"], "feature": place["feature"],
            "mentions": place["mentions"], "articles": len(place.pop("article_ids"))}
