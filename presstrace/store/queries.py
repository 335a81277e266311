"""Questions across the stored corpus, answered as lists of plain dict rows.

Every function takes an open store and keyword filters, and returns rows whose keys are
the column names, in order. Near-duplicates are stored without layers, so counts over
quotes, claims, entities and sourcing count each story once. Dates are `YYYY-MM-DD`;
`since` and `until` are inclusive. `limit` 0 means no limit.
"""
from __future__ import annotations

import re
import sqlite3
from typing import Any, Optional

from .errors import QueryError

Rows = list[dict[str, Any]]
DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?$")
SOURCING_GROUPS = {"source": "a.source", "month": "substr(a.date, 1, 7)", "year": "substr(a.date, 1, 4)"}
SEARCH_TARGETS = ("articles", "quotes")


class Filters:
    """WHERE clauses and their parameters, built one filter at a time."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> "Filters":
        self.clauses.append(clause)
        self.params.extend(params)
        return self

    def dates(self, column: str, since: Optional[str], until: Optional[str]) -> "Filters":
        if since:
            self.add(f"{column} >= ?", _check_date(since, "since"))
        if until:  # a month or year given as --until covers all of it
            self.add(f"{column} <= ?", _check_date(until, "until") + "\uffff")
        return self

    def like(self, column: str, value: Optional[str]) -> "Filters":
        if value:
            self.add(f"{column} LIKE ? ESCAPE '\\'", like_pattern(value))
        return self

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _check_date(value: str, name: str) -> str:
    if not DATE_RE.match(value):
        raise QueryError(f"--{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def like_pattern(value: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching the rows that hold `value` anywhere."""
    return f"%{_escape_like(value)}%"


def _escape_like(value: str) -> str:
    # SQLite's LIKE stops reading a pattern at a NUL: '%\0%' would match every row.
    if "\0" in value:
        raise QueryError("a name filter cannot hold a NUL character")
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _limit(limit: int) -> tuple[str, tuple]:
    if limit < 0:
        raise QueryError(f"limit must be 0 (no limit) or more, got {limit}")
    return (" LIMIT ?", (limit,)) if limit else ("", ())


def fetch_rows(conn: sqlite3.Connection, sql: str, params: tuple | list) -> Rows:
    """The rows of a parameterised query as dicts; a bad full-text expression is a QueryError.

    Args:
        conn: the store.
        sql: the statement (values only as `?` parameters).
        params: its parameters.
    """
    try:
        cursor = conn.execute(sql, tuple(params))
    except sqlite3.OperationalError as exc:
        if "MATCH" in sql:  # a user's full-text expression SQLite cannot parse ("unclosed)
            raise QueryError(f"bad search expression: {exc}") from exc
        raise
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def search(conn: sqlite3.Connection, text: str, target: str = "articles", limit: int = 20,
           include_duplicates: bool = False) -> Rows:
    """Full-text search (SQLite FTS5 syntax: words, "phrases", OR, NOT, prefix*), best first.

    Args:
        conn: the store.
        text: the search expression.
        target: `articles` (title and text) or `quotes` (quote text and speaker).
        limit: most rows.
        include_duplicates: also list near-duplicate articles.
    """
    if target not in SEARCH_TARGETS:
        raise QueryError(f"unknown search target {target!r}; valid: {', '.join(SEARCH_TARGETS)}")
    lim, lim_params = _limit(limit)
    if target == "quotes":
        sql = ("SELECT q.article_id, a.date, a.source, q.speaker_name AS speaker, "
               "snippet(quotes_fts, 0, '[', ']', '…', 16) AS quote "
               "FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
               "JOIN articles a ON a.id = q.article_id "
               "WHERE quotes_fts MATCH ? ORDER BY quotes_fts.rank" + lim)
        return fetch_rows(conn, sql, (text, *lim_params))
    dup = "" if include_duplicates else " AND a.status != 'duplicate'"
    sql = ("SELECT a.id AS article_id, a.date, a.source, a.title, "
           "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet "
           "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
           f"WHERE articles_fts MATCH ?{dup} ORDER BY articles_fts.rank" + lim)
    return fetch_rows(conn, sql, (text, *lim_params))


def quotes(conn: sqlite3.Connection, speaker: Optional[str] = None, since: Optional[str] = None,
           until: Optional[str] = None, source: Optional[str] = None, kind: Optional[str] = None,
           limit: int = 100, min_confidence: Optional[float] = None) -> Rows:
    """Quotes with their speaker and article, newest first; names match as substrings;
    `min_confidence` keeps speakers given at least that confidence."""
    where = (Filters().like("q.speaker_name", speaker).like("a.source", source)
             .dates("a.date", since, until))
    if kind:
        where.add("q.kind = ?", kind)
    if min_confidence is not None:
        where.add("q.speaker_confidence >= ?", float(min_confidence))
    lim, lim_params = _limit(limit)
    sql = ("SELECT q.article_id, a.date, a.source, q.speaker_name AS speaker, q.text AS quote, "
           "q.cue_text AS cue, q.channel, q.kind, q.speaker_confidence AS confidence "
           "FROM quotes q JOIN articles a ON a.id = q.article_id"
           + where.sql() + " ORDER BY a.date DESC, q.article_id, q.seq" + lim)
    return fetch_rows(conn, sql, (*where.params, *lim_params))


def claims(conn: sqlite3.Connection, kind: Optional[str] = None, name: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None, source: Optional[str] = None,
           limit: int = 100, min_confidence: Optional[float] = None) -> Rows:
    """Claims by source kind (named, vague, unattributed) and claimed-by name, newest first;
    `min_confidence` keeps sources given at least that confidence."""
    if kind and kind not in ("named", "vague", "unattributed"):
        raise QueryError(f"unknown claim source kind {kind!r}; valid: named, vague, unattributed")
    where = (Filters().like("c.source_name", name).like("a.source", source)
             .dates("a.date", since, until))
    if kind:
        where.add("c.source_kind = ?", kind)
    if min_confidence is not None:
        where.add("c.source_confidence >= ?", float(min_confidence))
    lim, lim_params = _limit(limit)
    sql = ("SELECT c.article_id, a.date, a.source, c.source_kind, "
           "coalesce(c.source_text, c.source_name) AS claimed_by, c.cue_text AS cue, c.text AS claim, "
           "c.source_confidence AS confidence "
           "FROM claims c JOIN articles a ON a.id = c.article_id"
           + where.sql() + " ORDER BY a.date DESC, c.article_id, c.seq" + lim)
    return fetch_rows(conn, sql, (*where.params, *lim_params))


def events(conn: sqlite3.Connection, type: Optional[str] = None, actor: Optional[str] = None,
           place: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
           limit: int = 100, min_confidence: Optional[float] = None) -> Rows:
    """Events by PLOVER type, actor (source or target name), place and event date;
    `min_confidence` keeps events given at least that confidence."""
    where = Filters().like("e.place", place).dates("e.date", since, until)
    if min_confidence is not None:
        where.add("e.confidence >= ?", float(min_confidence))
    if type:
        where.add("e.type = ?", type.upper())
    if actor:
        pattern = f"%{_escape_like(actor)}%"
        where.add("(e.source_name LIKE ? ESCAPE '\\' OR e.target_name LIKE ? ESCAPE '\\')",
                  pattern, pattern)
    lim, lim_params = _limit(limit)
    sql = ("SELECT e.article_id, e.date, e.type, e.mode, e.source_name AS source_actor, "
           "e.target_name AS target_actor, e.place, e.negated, e.confidence, a.source, e.text "
           "FROM events e JOIN articles a ON a.id = e.article_id"
           + where.sql() + " ORDER BY e.date DESC, e.article_id, e.seq" + lim)
    return fetch_rows(conn, sql, (*where.params, *lim_params))


def entities(conn: sqlite3.Connection, top: int = 20, label: Optional[str] = None,
             since: Optional[str] = None, until: Optional[str] = None,
             source: Optional[str] = None) -> Rows:
    """Entities (canonical name and label) by the number of times articles name them."""
    where = Filters().add("m.role = 'mention'").like("a.source", source).dates("a.date", since, until)
    if label:
        where.add("e.label = ?", label.upper())
    lim, lim_params = _limit(top)
    sql = ("SELECT e.name, e.label, count(*) AS mentions, count(DISTINCT e.article_id) AS articles "
           "FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = e.article_id"
           + where.sql() + " GROUP BY e.name, e.label ORDER BY mentions DESC, articles DESC, e.name"
           + lim)
    return fetch_rows(conn, sql, (*where.params, *lim_params))


def sourcing(conn: sqlite3.Connection, by: str = "source", since: Optional[str] = None,
             until: Optional[str] = None) -> Rows:
    """Mean sourcing profile (shares of named, vague and unattributed material) per group."""
    if by not in SOURCING_GROUPS:
        raise QueryError(f"cannot group sourcing by {by!r}; valid: {', '.join(SOURCING_GROUPS)}")
    where = Filters().dates("a.date", since, until)
    key = SOURCING_GROUPS[by]
    sql = (f"SELECT {key} AS {by}, count(*) AS articles, round(avg(s.named), 4) AS named, "
           "round(avg(s.vague), 4) AS vague, round(avg(s.unattributed), 4) AS unattributed, "
           "round(avg(s.quoted), 4) AS quoted, cast(total(qc.n) AS INTEGER) AS quotes "
           "FROM sourcing s JOIN articles a ON a.id = s.article_id LEFT JOIN "
           "(SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id) qc "
           "ON qc.article_id = a.id" + where.sql() + f" GROUP BY {key} ORDER BY articles DESC, {key}")
    return fetch_rows(conn, sql, where.params)


def duplicates(conn: sqlite3.Connection, limit: int = 50) -> Rows:
    """Near-duplicate groups: each original with the copies linked to it, largest first."""
    lim, lim_params = _limit(limit)
    sql = ("SELECT o.id AS original_id, o.source, o.date, o.title, count(d.id) AS copies, "
           "group_concat(d.id, ' ') AS copy_ids, round(min(d.similarity), 3) AS min_similarity "
           "FROM articles d JOIN articles o ON o.id = d.duplicate_of "
           "GROUP BY o.id ORDER BY copies DESC, o.id" + lim)
    return fetch_rows(conn, sql, lim_params)


def errors(conn: sqlite3.Connection, code: Optional[str] = None, limit: int = 100) -> Rows:
    """Inputs that could not be stored or analysed, with their error code and message."""
    where = Filters()
    if code:
        where.add("code = ?", code)
    lim, lim_params = _limit(limit)
    sql = ("SELECT input_id, origin, code, message, article_id FROM errors"
           + where.sql() + " ORDER BY id" + lim)
    return fetch_rows(conn, sql, (*where.params, *lim_params))


def stats(conn: sqlite3.Connection) -> Rows:
    """How many rows each table holds, and articles by status."""
    from .db import DATA_TABLES

    rows = [{"what": f"articles ({status})", "count": n} for status, n in
            conn.execute("SELECT status, count(*) FROM articles GROUP BY status ORDER BY status")]
    rows += [{"what": table, "count": conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]}
             for table in DATA_TABLES]
    return rows
