"""The corpus views brought up to date together: stories, corpus entities, merged events.

`presstrace ingest` and `presstrace load` call this after new articles arrive; each update
only places what is new, so a call on an up-to-date store changes nothing.
"""
from __future__ import annotations

import sqlite3

from .entities import update_corpus_entities
from .events import update_merged_events
from .stories import update_stories


def update_corpus(conn: sqlite3.Connection) -> dict[str, dict]:
    """Update stories, corpus entities and merged events; each one's summary by name."""
    return {"stories": update_stories(conn), "entities": update_corpus_entities(conn),
            "events": update_merged_events(conn)}
