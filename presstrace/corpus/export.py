"""The corpus results as JSON Lines: stories, corpus entities and merged events, one
object a line, in the shapes `presstrace stories`, `entities --format json` and
`events --merged --format json` print (the articles themselves: `store.export`)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Callable, Iterable

from .entities import list_corpus_entities
from .events import iter_merged_events
from .stories import iter_stories

CORPUS_FILES: dict[str, Callable[[sqlite3.Connection], Iterable[dict]]] = {
    "stories": iter_stories,
    "corpus_entities": list_corpus_entities,
    "merged_events": iter_merged_events,
}


def export_corpus_jsonl(conn: sqlite3.Connection, folder: str | Path) -> dict[str, int]:
    """Write `stories.jsonl`, `corpus_entities.jsonl` and `merged_events.jsonl` into
    `folder` as the store holds them (not brought up to date first); return line counts."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, rows in CORPUS_FILES.items():
        with open(folder / f"{name}.jsonl", "w", encoding="utf-8", newline="\n") as fh:
            counts[name] = 0
            for row in rows(conn):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                counts[name] += 1
    return counts
