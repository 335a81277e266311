"""What every route and page asks FastAPI for: the request's read-only store connection.

`create_app` puts the store's `file:` URI in `app.state.db_uri`; `get_conn` opens a
read-only connection to it for one request. Routes and pages import this module, never
the app, so the app can import them.
"""
from __future__ import annotations

import sqlite3
from typing import Iterator

from fastapi import Request


def read_only(uri: str) -> sqlite3.Connection:
    """A read-only connection to the store at this `file:` URI.

    Args:
        uri: `file:/path/to/store.db?mode=ro`.
    """
    conn = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    return conn


def get_conn(request: Request) -> Iterator[sqlite3.Connection]:
    """FastAPI dependency: this request's read-only connection, closed after it."""
    conn = read_only(request.app.state.db_uri)
    try:
        yield conn
    finally:
        conn.close()
