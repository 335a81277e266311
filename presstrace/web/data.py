"""The few store reads only the pages need (corpus figures, the home page's lists, an
article's entity links); everything else comes from `presstrace.store` and
`presstrace.corpus`. Parameterised SQL only: values never enter a statement's text."""
from __future__ import annotations

import sqlite3
from typing import Any, Optional

from ..store.attribution_view import confident_speaker
from ..store.queries import Filters

Rows = list[dict[str, Any]]

FIGURES = {
    "articles": "SELECT count(*) FROM articles WHERE status = 'analysed'",
    "outlets": "SELECT count(DISTINCT source) FROM articles WHERE status = 'analysed'",
    "quotes": "SELECT count(*) FROM quotes",
    "claims": "SELECT count(*) FROM claims",
    "events": "SELECT count(*) FROM events",
    "places": "SELECT count(DISTINCT geonameid) FROM places",
    "stories": "SELECT count(*) FROM stories",
    "people": "SELECT count(*) FROM corpus_entities WHERE family = 'person'",
}


def rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> Rows:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def figures(conn: sqlite3.Connection) -> dict[str, int]:
    return {name: conn.execute(sql).fetchone()[0] for name, sql in FIGURES.items()}


def recent_stories(conn: sqlite3.Connection, limit: int = 10) -> Rows:
    """The latest stories with more than one article, then the rest, newest first."""
    return rows(conn, """
        SELECT s.id, s.title, s.first, s.last, count(*) AS articles,
               count(DISTINCT a.source) AS outlets
        FROM stories s JOIN story_articles sa ON sa.story_id = s.id
        JOIN articles a ON a.id = sa.article_id
        GROUP BY s.id ORDER BY count(*) > 1 DESC, s.last DESC, s.id DESC LIMIT ?""", (limit,))


def most_quoted(conn: sqlite3.Connection, limit: int = 10) -> Rows:
    """People (corpus entities) with the most quotes attributed to them."""
    return rows(conn, """
        SELECT ce.id, ce.name, count(*) AS quotes, count(DISTINCT q.article_id) AS articles
        FROM quotes q
        JOIN entities e ON e.article_id = q.article_id AND e.local_id = q.speaker_entity
        JOIN corpus_entity_links l ON l.entity_id = e.id
        JOIN corpus_entities ce ON ce.id = l.corpus_entity_id
        WHERE ce.family = 'person' AND """ + confident_speaker() + """
        GROUP BY ce.id ORDER BY quotes DESC, ce.name LIMIT ?""", (limit,))


def entity_pages(conn: sqlite3.Connection, article_id: int) -> dict[str, int]:
    """The article's entity ids (E1 …) -> their corpus entity ids."""
    return {r["local_id"]: r["corpus_entity_id"] for r in rows(conn, """
        SELECT e.local_id, l.corpus_entity_id FROM entities e
        JOIN corpus_entity_links l ON l.entity_id = e.id WHERE e.article_id = ?""", (article_id,))}


def story_of(conn: sqlite3.Connection, article_id: int) -> Rows:
    return rows(conn, "SELECT s.id, s.title FROM story_articles sa JOIN stories s "
                      "ON s.id = sa.story_id WHERE sa.article_id = ?", (article_id,))


def articles_page(conn: sqlite3.Connection, limit: int, offset: int, outlet: Optional[str] = None,
                  since: Optional[str] = None, until: Optional[str] = None,
                  quoted: bool = False) -> Rows:
    """Analysed articles, newest first: of one outlet (its exact name, as the page's menu
    offers them), between two dates (inclusive, as in the API), only those with quotes."""
    where = Filters().add("a.status = 'analysed'").dates("a.date", since, until)
    if outlet:
        where.add("a.source = ?", outlet)
    if quoted:
        where.add("EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)")
    return rows(conn, "SELECT a.id, a.date, a.source, a.title, a.chars FROM articles a"
                      + where.sql() + " ORDER BY a.date DESC, a.id DESC LIMIT ? OFFSET ?",
                (*where.params, limit, offset))


def outlets(conn: sqlite3.Connection) -> list[str]:
    """The outlets of the analysed articles, by name (the article list's menu)."""
    return [r[0] for r in conn.execute("SELECT DISTINCT source FROM articles WHERE status = 'analysed' "
                                       "AND source IS NOT NULL ORDER BY source")]


def stories_page(conn: sqlite3.Connection, limit: int, offset: int) -> Rows:
    """Stories, the largest first, with their size and outlets."""
    return rows(conn, """
        SELECT s.id, s.title, s.first, s.last, count(*) AS articles,
               count(DISTINCT a.source) AS outlets, group_concat(DISTINCT a.source) AS sources
        FROM stories s JOIN story_articles sa ON sa.story_id = s.id
        JOIN articles a ON a.id = sa.article_id
        GROUP BY s.id ORDER BY count(*) DESC, s.last DESC, s.id LIMIT ? OFFSET ?""",
                (limit, offset))
