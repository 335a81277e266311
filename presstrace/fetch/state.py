"""The store's fetch tables (migration 0012_fetch): sources and fetched URLs."""
from __future__ import annotations

import sqlite3
from typing import Iterable, Optional


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


def list_sources(conn: sqlite3.Connection) -> list[dict]:
    """Every source with its state and how many stored articles came from it."""
    rows = conn.execute(
        "SELECT s.url, s.outlet, s.kind, s.last_fetch, s.last_status, s.last_error, s.links, "
        "s.new_articles, (SELECT count(*) FROM fetches f WHERE f.feed = s.url) AS articles "
        "FROM sources s ORDER BY s.url").fetchall()
    return [dict(row) for row in rows]
