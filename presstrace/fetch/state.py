"""The store's fetch tables: sources and fetched URLs (migration 0012_fetch), and each
host's robots.txt as last received (0014_fetch_robots)."""
from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, timedelta
from typing import Iterable, Optional

from .robots import RobotsCopy


def source_state(conn: sqlite3.Connection, url: str) -> Optional[sqlite3.Row]:
    return conn.execute("SELECT * FROM sources WHERE url = ?", (url,)).fetchone()


def save_source(conn: sqlite3.Connection, url: str, **values) -> None:
    """Insert or update one source's row with the given columns."""
    conn.execute("INSERT OR IGNORE INTO sources (url) VALUES (?)", (url,))
    if values:
        columns = ", ".join(f"{name} = ?" for name in values)
        conn.execute(f"UPDATE sources SET {columns} WHERE url = ?", (*values.values(), url))


def is_fetched(conn: sqlite3.Connection, url: str) -> bool:
    """Whether the URL, as found or as some page's canonical URL, is stored already."""
    return conn.execute("SELECT 1 FROM fetches WHERE url = ? OR canonical_url = ? LIMIT 1",
                        (url, url)).fetchone() is not None


def save_fetches(conn: sqlite3.Connection, rows: Iterable[dict]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO fetches (url, canonical_url, final_url, input_id, feed, fetched_at, warc) "
        "VALUES (:url, :canonical_url, :final_url, :input_id, :feed, :fetched_at, :warc)", list(rows))


def save_new_counts(conn: sqlite3.Connection, sources: Iterable[str], rows: Iterable[dict]) -> None:
    """Each source fetched this run: how many of its pages this run stored (0 for none)."""
    counts = Counter(row["feed"] for row in rows)
    conn.executemany("UPDATE sources SET new_articles = ? WHERE url = ?",
                     [(counts.get(url, 0), url) for url in sources])


def has_sources(conn: sqlite3.Connection) -> bool:
    """Whether the store has the fetch tables (a store older than migration 0012 has not)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sources'"
                        ).fetchone() is not None


def pages_by_day(conn: sqlite3.Connection, days: int = 7) -> tuple[list[str], dict[str, list[int]]]:
    """Pages stored per source and fetch day (UTC) over the `days` days ending on the store's
    last fetch day (not today: a store read later still shows its last week).

    Returns:
        The days, oldest first, and each source's counts on those days.
    """
    last = conn.execute("SELECT max(substr(fetched_at, 1, 10)) FROM fetches").fetchone()[0]
    if not last:
        return [], {}
    end = date.fromisoformat(last)
    span = [(end - timedelta(days=n)).isoformat() for n in range(days - 1, -1, -1)]
    counts: dict[str, list[int]] = {}
    for feed, day, n in conn.execute(
            "SELECT feed, substr(fetched_at, 1, 10) AS day, count(*) FROM fetches "
            "WHERE day >= ? GROUP BY feed, day", (span[0],)):
        counts.setdefault(feed, [0] * days)[span.index(day)] = n
    return span, counts


def list_sources(conn: sqlite3.Connection) -> list[dict]:
    """Every source with its state and how many of its pages are stored (`articles`)."""
    rows = conn.execute(
        "SELECT s.url, s.outlet, s.kind, s.last_fetch, s.last_status, s.last_error, s.links, "
        "s.new_articles, (SELECT count(*) FROM fetches f WHERE f.feed = s.url) AS articles "
        "FROM sources s ORDER BY s.url").fetchall()
    return [dict(row) for row in rows]


def robots_copies(conn: sqlite3.Connection) -> dict[str, RobotsCopy]:
    """The robots.txt copies of earlier runs, by root URL (scheme://host)."""
    return {row["root"]: RobotsCopy(row["status"], row["body"] or b"", row["etag"], row["last_modified"],
                                    row["fetched_at"])
            for row in conn.execute("SELECT * FROM robots")}


def save_robots(conn: sqlite3.Connection, copies: dict[str, RobotsCopy]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO robots (root, status, body, etag, last_modified, fetched_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(root, c.status, c.body, c.etag, c.last_modified, c.fetched_at) for root, c in copies.items()])
