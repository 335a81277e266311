"""The Dask engine's local workers start from the loaded pipeline (issue #21)."""
from __future__ import annotations

import gc

import pytest

from presstrace import pipeline
from presstrace.runners import dask as dask_engine


def _worker_state() -> dict:
    import dask

    from presstrace import pipeline as worker_pipeline

    return {"pipelines": len(worker_pipeline._PIPELINES),
            "profile": dask.config.get("distributed.worker.profile.enabled")}


@pytest.mark.parametrize("method, forked", [("fork", True), ("spawn", False)])
def test_speed_dask_worker_start_forks_from_the_warm_pipeline(monkeypatch, method, forked):
    import dask
    import distributed  # noqa: F401  (its config keys)

    warmed = []
    monkeypatch.setattr(pipeline, "start_method", lambda: method)
    monkeypatch.setattr(pipeline, "warm_pipeline", warmed.append)
    with dask_engine.worker_start("SETTINGS"):
        inside = (dask.config.get("distributed.worker.multiprocessing-method"), gc.get_freeze_count() > 0,
                  dask.config.get("distributed.worker.profile.enabled"))
    assert warmed == (["SETTINGS"] if forked else [])
    assert inside[0] == "fork" if forked else inside[0] != "fork"
    assert inside[1] is forked  # frozen only for a fork, and only inside the block
    assert inside[2] is False
    assert gc.get_freeze_count() == 0


def test_speed_dask_local_workers_hold_the_pipeline_before_their_first_shard(settings):
    """Forked where this process runs one thread (alone), spawned after tests left threads."""
    forked = pipeline.start_method() == "fork"
    client, cluster = dask_engine.open_client(1, None, settings)
    try:
        state = list(client.run(_worker_state).values())
    finally:
        client.close()
        cluster.close()
    assert state == [{"pipelines": 1 if forked else 0, "profile": False}]
