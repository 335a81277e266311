"""Fixtures of the runner tests."""
from __future__ import annotations

import pytest

from presstrace.runners import ingest


@pytest.fixture(scope="module")
def store_settings(settings):
    """Settings that commit every three inputs, so a run has many transactions."""
    return settings.with_overrides({"store": {"commit_every": 3}})


@pytest.fixture(scope="module")
def small_store(tmp_path_factory, store_settings, write_corpus):
    """(corpus file, store, stats) of an ingest of eight invented articles and their copies."""
    folder = tmp_path_factory.mktemp("ingest")
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, 8)
    stats = ingest([str(corpus)], folder / "store.db", store_settings, n_process=1)
    return corpus, folder / "store.db", stats
