"""Worker pools that start from the loaded pipeline (issue #21)."""
from __future__ import annotations

import pytest

from presstrace import Article
from presstrace import pipeline
from presstrace.pipeline import analyze_many, start_method


def test_speed_pool_forks_only_while_one_thread_runs(monkeypatch):
    monkeypatch.setattr(pipeline.multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn"])
    monkeypatch.setattr(pipeline.threading, "active_count", lambda: 1)
    assert start_method() == "fork"
    monkeypatch.setattr(pipeline.threading, "active_count", lambda: 2)
    assert start_method() == "spawn"  # forking a threaded process can deadlock
    monkeypatch.setattr(pipeline.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(pipeline.threading, "active_count", lambda: 1)
    assert start_method() == "spawn"


@pytest.mark.parametrize("batch_size, n_process, task", [(32, 2, 8), (32, 4, 4), (2, 2, 2), (64, 2, 16), (1, 2, 1)])
def test_speed_pool_task_size_is_a_fraction_of_a_batch(batch_size, n_process, task):
    assert pipeline._task_size(batch_size, n_process) == task


def test_speed_pool_workers_keep_order_and_results(settings):
    """Forked where this process runs one thread (alone), spawned after tests left threads."""
    texts = [f"President Biden met Chancellor Scholz in Berlin on day {k}. Russian troops withdrew." for k in range(11)]
    items = [Article(t, id=str(k), date="2025-03-14") for k, t in enumerate(texts)]
    one = [r.to_dict() for r in analyze_many(items, settings=settings)]
    two = [r.to_dict() for r in analyze_many(items, n_process=2, settings=settings)]
    assert [r["id"] for r in two] == [str(k) for k in range(11)]
    assert one == two
