"""The Dask engine (`runners/dask.py`, `task.py`, `tables.py`, `load.py`): Parquet shards
from a real two-process cluster, loading, re-runs, errors, on the Dask corpus of
tests/conftest.py."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from presstrace.runners import dask, ingest, task
from presstrace.runners.dask import run_shards
from presstrace.runners.load import load_shards
from presstrace.runners.tables import TABLES
from presstrace.store import db

SAMPLE = Path(__file__).resolve().parents[2] / "presstrace" / "samples" / "ua_ru_press_sample.jsonl"


def table_rows(folder: Path, table: str) -> list[dict]:
    rows = [r for f in sorted((folder / table).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    return sorted(rows, key=repr)


def test_dask_cluster_output_equals_local_run(dask_corpus, settings, local_shards, shard_size):
    from distributed import Client, LocalCluster

    out = dask_corpus.parent / "dask"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.wait_for_workers(2)
        workers = set(client.run(os.getpid).values())
        stats = run_shards([str(dask_corpus)], out, settings, shard_size=shard_size, client=client)
    assert len(workers) == 2 and os.getpid() not in workers
    markers = [json.loads(p.read_text()) for p in (out / task.MARKERS).glob("*.json")]
    assert len(markers) == stats.shards == 4 and {m["pid"] for m in markers} <= workers
    for table in TABLES:
        assert table_rows(out, table) == table_rows(local_shards[0], table), table
    assert stats.rows == local_shards[1].rows and stats.rows["articles"] == 5


def test_tables_shards_hold_the_store_columns_and_the_errors(dask_corpus, local_shards):
    out, _ = local_shards
    conn = db.open_store(dask_corpus.parent / "columns.db")
    for table in TABLES:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        for path in (out / table).glob("*.parquet"):
            assert pq.read_schema(path).names == columns
    conn.close()
    errors = {r["input_id"]: r for r in table_rows(out, "errors")}
    assert errors["blank"]["code"] == "empty" and errors["blank"]["article_id"] is None
    assert errors[f"{dask_corpus.stem}:3"]["origin"] == f"{dask_corpus}:3"
    assert errors[f"{dask_corpus.stem}:3"]["code"] == "bad_record"
    # A copy in the same shard only adds an input id; one in another shard is analysed there
    # too (shards know nothing of each other), and `load` keeps the first.
    ids = {r["input_id"]: r["article_id"] for r in table_rows(out, "article_ids")}
    articles = {r["id"]: r for r in table_rows(out, "articles")}
    assert len(ids) == 6 and len(articles) == 5 and ids["copy2"] == ids[first_id(2)]
    assert ids["copy0"] != ids[first_id(0)]
    assert articles[ids["copy0"]]["hash"] == articles[ids[first_id(0)]]["hash"]
    assert {a["status"] for a in articles.values()} == {"analysed"}


def first_id(k: int) -> str:
    return json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[k])["id"]


def content_digest(path: Path) -> dict[str, tuple[int, str]]:
    """Row count and checksum of every data table; error row ids left out."""
    conn = sqlite3.connect(path)
    out = {}
    for table in (*db.DATA_TABLES, "signatures"):
        cursor = conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        rows = sorted(repr([v for n, v in zip(names, row) if not (table == "errors" and n == "id")])
                      for row in cursor)
        out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    conn.close()
    return out


def test_load_equals_ingest_and_is_idempotent(dask_corpus, settings, local_shards, tmp_path):
    out, _ = local_shards
    stats = load_shards(out, tmp_path / "loaded.db", settings)
    assert (stats.analysed, stats.errors, stats.skipped) == (4, 2, 2)
    ingest([str(dask_corpus)], tmp_path / "ingested.db", settings, n_process=1)
    loaded = content_digest(tmp_path / "loaded.db")
    assert loaded == content_digest(tmp_path / "ingested.db")
    assert loaded["articles"][0] == 4 and loaded["quotes"][0] > 0
    again = load_shards(out, tmp_path / "loaded.db", settings)
    assert again.analysed == 0 and again.skipped == 6
    assert content_digest(tmp_path / "loaded.db") == loaded


def test_dask_rerun_skips_finished_shards(dask_corpus, settings, tmp_path, monkeypatch, shard_size):
    out = tmp_path / "shards"
    first = run_shards([str(dask_corpus)], out, settings, shard_size=shard_size)
    assert first.done == 4
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    ran = []
    monkeypatch.setattr(task, "analyze_many", lambda items, **kw: ran.append(1) or iter(()))
    again = run_shards([str(dask_corpus)], out, settings, shard_size=shard_size)
    assert (again.done, again.skipped, ran) == (0, 4, [])
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before
    monkeypatch.undo()
    victim = sorted((out / task.MARKERS).glob("*.json"))[0]
    victim.unlink()  # as if the task died after writing its tables, before its marker
    third = run_shards([str(dask_corpus)], out, settings, shard_size=shard_size)
    assert (third.done, third.skipped) == (1, 3) and victim.is_file()
    assert json.loads((out / dask.MANIFEST).read_text())["shards"][0]["order"] == 0


def test_tables_duckdb_queries_the_shards_where_they_lie(local_shards):
    duckdb = pytest.importorskip("duckdb")
    out, _ = local_shards
    rows = duckdb.sql(
        f"SELECT a.input_id, count(*) AS quotes "
        f"FROM read_parquet('{out}/quotes/*.parquet') q "
        f"JOIN read_parquet('{out}/articles/*.parquet') a ON a.id = q.article_id "
        f"GROUP BY a.input_id ORDER BY a.input_id").fetchall()
    expected = {}
    for quote in table_rows(out, "quotes"):
        article = [a for a in table_rows(out, "articles") if a["id"] == quote["article_id"]][0]
        expected[article["input_id"]] = expected.get(article["input_id"], 0) + 1
    assert rows == sorted(expected.items()) and sum(expected.values()) > 0


def test_dask_a_second_run_on_the_same_cluster_really_runs(tmp_path, settings):
    """Two runs of the same shards on one cluster into two folders: the second must do the
    work and write its own shards, not get the first run's results back by task key."""
    from distributed import Client, LocalCluster

    from presstrace.runners.dask import run_shards

    corpus = tmp_path / "a.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": f"Officials in Kyiv said on Monday the talks had ended, number {i}."}) + "\n"
                              for i in range(4)), encoding="utf-8")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        first = run_shards([str(corpus)], tmp_path / "one", settings, shard_size=2, client=client)
        second = run_shards([str(corpus)], tmp_path / "two", settings, shard_size=2, client=client)
    assert first.rows.get("articles") == second.rows.get("articles") == 4
    assert sorted(p.name for p in (tmp_path / "two").rglob("*.parquet")) == \
        sorted(p.name for p in (tmp_path / "one").rglob("*.parquet"))
