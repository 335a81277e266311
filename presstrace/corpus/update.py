"""The corpus views brought up to date together: stories, corpus entities, merged events.

`presstrace ingest` and `presstrace load` call this after new articles arrive; each update
only places what is new, so a call on an up-to-date store changes nothing. The store's
`corpus_pending` mark, set with the articles, is cleared only after all three are done: a
run killed meanwhile leaves it set, and the next ingest or load finishes the step.
"""
from __future__ import annotations

import sqlite3

from ..store.db import CORPUS_PENDING, transaction
from .entities import update_corpus_entities
from .events import update_merged_events
from .stories import update_stories


def update_corpus(conn: sqlite3.Connection) -> dict[str, dict]:
    """Update stories, corpus entities and merged events; each one's summary by name."""
    done = {"stories": update_stories(conn), "entities": update_corpus_entities(conn),
            "events": update_merged_events(conn)}
    with transaction(conn):
        conn.execute("DELETE FROM meta WHERE key = ?", (CORPUS_PENDING,))
    return done
