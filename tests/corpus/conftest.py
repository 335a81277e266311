"""Fixtures of the corpus tests."""
from __future__ import annotations

import shutil

import pytest

from presstrace.store import db


@pytest.fixture
def entity_conn(entity_stores, tmp_path):
    """A connection to a copy of the four-article entity store: a test may change it."""
    path = tmp_path / "c.db"
    shutil.copy(entity_stores[0], path)
    conn = db.open_store(path, create=False)
    yield conn
    conn.close()
