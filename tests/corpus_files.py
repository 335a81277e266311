"""Writing invented articles as a JSON Lines file, and a store of them with its corpus
views up to date, and a test client of the app over a store: shared by the store, API,
web, security, stories and corpus tests."""
from __future__ import annotations

import json

from presstrace.store import db
from presstrace.corpus.update import update_corpus
from presstrace.runners import ingest

FIELDS = ("id", "date", "source", "title", "text")


def write_jsonl(path, rows, fields=FIELDS):
    """Rows (tuples in `fields` order, or dicts) as one JSON object a line; the path back."""
    path.write_text("".join(json.dumps(row if isinstance(row, dict) else dict(zip(fields, row))) + "\n"
                            for row in rows), encoding="utf-8")
    return path


def corpus_store(path, inputs, settings) -> dict[str, int]:
    """Ingest `inputs` into a new store at `path` with stories, corpus entities and merged
    events up to date; input id -> article id."""
    ingest([str(p) for p in inputs], path, settings, n_process=1)
    conn = db.open_store(path, create=False)
    try:
        update_corpus(conn)
        return {str(r["input_id"]): r["id"] for r in conn.execute("SELECT id, input_id FROM articles")}
    finally:
        conn.close()


def app_client(path, settings, **kwargs):
    """A test client of the app over the store at `path`; server errors come back as 500s
    (use it as a context manager to run the app's start-up and shut-down)."""
    from fastapi.testclient import TestClient

    from presstrace.api import create_app

    return TestClient(create_app(path, settings, **kwargs), raise_server_exceptions=False)
