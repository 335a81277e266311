"""A user's corrections to the stories: split a story in two, merge two into one.

An edit moves the articles at once and pins them (`story_pins`): the articles of one pin
stay in one story, and two pins never share a story, when the store is clustered again
(`update_stories(rebuild=True)`, a change of settings). Articles the user did not touch
are still placed by the clustering, and may join a pinned story. Near-duplicates follow
their original, as in clustering.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Iterable

from ..store.db import transaction
from ..store.errors import QueryError
from .stories import load_docs, refresh_story_rows, stored_params, StoryParams
from .story_evidence import store_evidence


def split_story(conn: sqlite3.Connection, story: int, moved: Iterable[int]) -> int:
    """Move some of a story's articles into a new story; return the new story's id.

    Args:
        conn: the store (writable).
        story: the story's id.
        moved: ids of the articles to move (originals; their copies go with them).
    Raises:
        QueryError: no such story, an article not in it, or none or all of it moved.
    """
    members = _originals(conn, story)
    moved = sorted(set(moved))
    if not moved or set(moved) - set(members) or set(moved) == set(members):
        raise QueryError(f"to split story s{story}, choose some but not all of its articles "
                         f"({', '.join(map(str, members))}), not {moved}")
    kept = [a for a in members if a not in moved]
    with transaction(conn):
        new = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM stories").fetchone()[0]
        conn.execute("INSERT INTO stories (id) VALUES (?)", (new,))
        _move(conn, moved, new)
        _pin(conn, kept)
        _pin(conn, moved)
        _finish(conn)
    return new


def merge_stories(conn: sqlite3.Connection, story: int, other: int) -> int:
    """Move every article of `other` into `story`; return `story`.

    Raises:
        QueryError: either story missing, or the two are one.
    """
    if story == other:
        raise QueryError(f"cannot merge story s{story} with itself")
    members, theirs = _originals(conn, story), _originals(conn, other)
    with transaction(conn):
        _move(conn, theirs, story)
        _pin(conn, members + theirs)
        _finish(conn)
    return story


def _originals(conn: sqlite3.Connection, story: int) -> list[int]:
    rows = conn.execute("SELECT sa.article_id FROM story_articles sa JOIN articles a "
                        "ON a.id = sa.article_id WHERE sa.story_id = ? AND a.status != "
                        "'duplicate' ORDER BY sa.article_id", (story,)).fetchall()
    if not rows:
        raise QueryError(f"no story s{story}")
    return [r[0] for r in rows]


def _move(conn: sqlite3.Connection, articles: list[int], story: int) -> None:
    marks = ", ".join("?" * len(articles))
    conn.execute(f"UPDATE story_articles SET story_id = ?, score = NULL WHERE article_id IN "
                 f"({marks}) OR article_id IN (SELECT id FROM articles WHERE duplicate_of IN "
                 f"({marks}))", (story, *articles, *articles))


def _pin(conn: sqlite3.Connection, articles: list[int]) -> None:
    """Give these articles a pin of their own (replacing any they had)."""
    pin = conn.execute("SELECT coalesce(max(pin), 0) + 1 FROM story_pins").fetchone()[0]
    when = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn.executemany("INSERT OR REPLACE INTO story_pins (article_id, pin, pinned_at) "
                     "VALUES (?, ?, ?)", [(a, pin, when) for a in articles])


def _finish(conn: sqlite3.Connection) -> None:
    """Drop emptied stories; refresh titles, dates and the shared specifics."""
    conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
    refresh_story_rows(conn)
    store_evidence(conn, load_docs(conn, stored_params(conn) or StoryParams()))
