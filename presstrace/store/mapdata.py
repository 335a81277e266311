"""Map data: the places the store's articles mention, with coordinates and counts.

Only places the gazetteer resolved (a GeoNames id) have coordinates, so only they are
listed; one row per GeoNames id, named by the gazetteer name its mentions carry most.
`mentions` counts place mentions, `articles` the articles with at least one.
"""
from __future__ import annotations

import sqlite3
from typing import Any, Optional

from .lookup import Ref, check_limit, story_id
from .queries import Filters, _rows


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
    # The name: the most used of the place's gazetteer names (ties: A-Z), one per id.
    sql = ("WITH hits AS (SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, "
           "p.article_id FROM places p JOIN articles a ON a.id = p.article_id" + where.sql() + "), "
           "names AS (SELECT geonameid, name, count(*) AS n FROM hits GROUP BY geonameid, name), "
           "best AS (SELECT geonameid, name FROM (SELECT geonameid, name, row_number() OVER "
           "(PARTITION BY geonameid ORDER BY n DESC, name) AS k FROM names) WHERE k = 1) "
           "SELECT h.geonameid, b.name, max(h.lat) AS lat, max(h.lon) AS lon, max(h.country) AS country, "
           "max(h.admin1) AS admin1, max(h.feature) AS feature, count(*) AS mentions, "
           "count(DISTINCT h.article_id) AS articles FROM hits h JOIN best b ON b.geonameid = h.geonameid "
           "GROUP BY h.geonameid ORDER BY mentions DESC, articles DESC, b.name"
           + (" LIMIT ?" if lim else ""))
    return _rows(conn, sql, [*where.params, *([lim] if lim else [])])
