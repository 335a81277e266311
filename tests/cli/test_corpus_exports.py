"""`presstrace export` writes the corpus results — stories, corpus entities, merged events —
in Parquet, CSV and JSON Lines; `presstrace stories --format table` has headers. On the
views store (stories, corpus entities and merged events up to date)."""
from __future__ import annotations

import csv
import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from presstrace.cli import cli
from presstrace.store.export import CORPUS_TABLES


def export(*args) -> str:
    res = CliRunner().invoke(cli, ["export", *map(str, args)])
    assert res.exit_code == 0, res.output
    return res.stderr


def count(store, table: str) -> int:
    conn = sqlite3.connect(store)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_export_csv_holds_the_corpus_tables(views_store, tmp_path):
    export("--db", views_store, "--format", "csv", "--out", tmp_path)
    for table in CORPUS_TABLES:
        with open(tmp_path / f"{table}.csv", newline="", encoding="utf-8") as fh:
            assert len(list(csv.DictReader(fh))) == count(views_store, table), table
    with open(tmp_path / "corpus_entities.csv", newline="", encoding="utf-8") as fh:
        names = {row["name"] for row in csv.DictReader(fh)}
    assert "Oleh Synehubov" in names and count(views_store, "stories") > 0


def test_export_parquet_holds_the_corpus_tables(views_store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export("--db", views_store, "--format", "parquet", "--out", tmp_path)
    for table in CORPUS_TABLES:
        assert pq.read_table(tmp_path / f"{table}.parquet").num_rows == count(views_store, table), table
    merged = pq.read_table(tmp_path / "merged_events.parquet")
    assert str(merged.schema.field("articles").type) == "int64"


def test_export_jsonl_corpus_writes_each_result(views_store, tmp_path):
    said = export("--db", views_store, "--format", "jsonl", "--corpus", "--out", tmp_path)
    read = {name: [json.loads(x) for x in (tmp_path / f"{name}.jsonl").read_text().splitlines()]
            for name in ("articles", "stories", "corpus_entities", "merged_events")}
    assert len(read["stories"]) == count(views_store, "stories")
    assert len(read["merged_events"]) == count(views_store, "merged_events")
    assert len(read["corpus_entities"]) == count(views_store, "corpus_entities")
    assert len(read["articles"]) == 4 and read["articles"][0]["schema"] == "presstrace/1"
    kharkiv = next(s for s in read["stories"] if "kh-1" in s["articles"])
    assert {"Valley Herald", "North Courier"} <= set(kharkiv["sources"])
    assert f"{len(read['stories'])} stories" in said


def test_export_corpus_needs_a_folder_and_jsonl(views_store, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["export", "--db", str(views_store), "--format", "jsonl",
                               "--corpus"]).exit_code == 2
    assert runner.invoke(cli, ["export", "--db", str(views_store), "--format", "gkg",
                               "--corpus", "--out", str(tmp_path)]).exit_code == 2


def test_stories_table_has_headers(views_store, tmp_path):
    store = tmp_path / "copy.db"  # the command brings stories up to date: not on the shared store
    shutil.copy(views_store, store)
    res = CliRunner().invoke(cli, ["stories", "--db", str(store), "--format", "table"])
    assert res.exit_code == 0, res.output
    header, rule, *rows = res.stdout.splitlines()
    assert header.split() == ["story", "articles", "outlets", "dates", "title"]
    assert set(rule.replace(" ", "")) == {"-"} and len(rows) == count(views_store, "stories")
