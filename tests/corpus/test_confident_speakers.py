"""Corpus views credit a quote to its speaker only with a confident attribution."""
from __future__ import annotations

import shutil

import pytest

from presstrace.corpus.network import quoted_alongside
from presstrace.corpus.profile import entity_profile
from presstrace.store import db
from presstrace.store.attribution_view import CONFIDENT_SPEAKER
from presstrace.web.data import most_quoted


@pytest.fixture
def doubtful_conn(views_store, tmp_path):
    """The views store with two of Synehubov's three quotes given a confidence under the
    bar: those in the articles that quote nobody else; the one beside Peskov stays at it."""
    path = tmp_path / "doubtful.db"
    shutil.copy(views_store, path)
    conn = db.open_store(path, create=False)
    with conn:
        conn.execute("UPDATE quotes SET speaker_confidence = ? WHERE speaker_name LIKE '%Synehubov%'",
                     (CONFIDENT_SPEAKER,))
        conn.execute("UPDATE quotes SET speaker_confidence = ? WHERE speaker_name LIKE '%Synehubov%' AND "
                     "article_id NOT IN (SELECT article_id FROM quotes WHERE speaker_name LIKE '%Peskov%')",
                     (CONFIDENT_SPEAKER - 0.2,))
    yield conn
    conn.close()


def test_entity_page_lists_only_confidently_attributed_quotes(views_conn, doubtful_conn):
    assert entity_profile(views_conn, "Synehubov")["quote_count"] == 3
    assert entity_profile(doubtful_conn, "Synehubov")["quote_count"] == 1


def test_quotation_network_counts_only_confident_speakers(views_conn, doubtful_conn):
    def synehubov(conn):
        return next(n["quotes"] for n in quoted_alongside(conn)["nodes"] if n["label"] == "Oleh Synehubov")
    assert (synehubov(views_conn), synehubov(doubtful_conn)) == (3, 1)


def test_most_quoted_counts_only_confident_speakers(views_conn, doubtful_conn):
    before = {r["name"]: r["quotes"] for r in most_quoted(views_conn)}
    after = {r["name"]: r["quotes"] for r in most_quoted(doubtful_conn)}
    assert (before["Oleh Synehubov"], after["Oleh Synehubov"]) == (3, 1)
