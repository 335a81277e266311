"""`presstrace ingest`, `load` and `export`: the summary and the corpus update after an
ingest, the Dask engine's options, loading shards, exporting a store."""
from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from presstrace.cli import cli
from presstrace.store import db


def test_ingest_cli_summary_then_queries(tmp_path, write_corpus):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 4)
    store = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", store, "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "4 analysed, 1 near-duplicates linked, 1 already stored" in result.output
    assert "stories" in result.output and "merged events" in result.output
    conn = sqlite3.connect(store)  # stories and corpus entities follow the ingest
    assert conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] >= 4
    assert conn.execute("SELECT count(*) FROM corpus_entities").fetchone()[0] > 0
    conn.close()
    result = runner.invoke(cli, ["query", "quotes", "--db", store, "--format", "json"])
    rows = json.loads(result.stdout)
    assert rows and all(r["quote"] and r["date"] for r in rows)
    result = runner.invoke(cli, ["query", "search", "Kyiv", "--db", store, "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("article_id,date,source,title,snippet")
    result = runner.invoke(cli, ["query", "sourcing", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no presstrace store" in result.output


def test_ingest_cli_checks_the_engine_options_and_loads_shards(dask_corpus, local_shards, tmp_path):
    runner = CliRunner()
    no_parquet = runner.invoke(cli, ["ingest", str(dask_corpus), "--engine", "dask"])
    assert no_parquet.exit_code == 2 and "--parquet DIR" in no_parquet.output
    stray = runner.invoke(cli, ["ingest", str(dask_corpus), "--parquet", str(tmp_path / "p")])
    assert stray.exit_code == 2 and "need --engine dask" in stray.output
    store = tmp_path / "cli.db"
    loaded = runner.invoke(cli, ["load", str(local_shards[0]), "--db", str(store), "--no-corpus"])
    assert loaded.exit_code == 0, loaded.output
    assert "4 analysed" in loaded.output and "2 errors" in loaded.output
    conn = sqlite3.connect(store)
    assert db.count_rows(conn, "articles") == 4
    conn.close()
    missing = runner.invoke(cli, ["load", str(tmp_path), "--db", str(store)])
    assert missing.exit_code == 1 and "no finished shards" in missing.output


def test_export_cli_writes_gkg_and_jsonl(two_article_store, tmp_path):
    path = str(two_article_store)
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--db", path, "--format", "gkg"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(len(line.split("\t")) == 27 for line in lines)
    out = tmp_path / "x.jsonl"
    result = runner.invoke(cli, ["export", "--db", path, "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0 and len(out.read_text().splitlines()) == 2
    result = runner.invoke(cli, ["export", "--db", path, "--format", "parquet"])
    assert result.exit_code == 2 and "--out FOLDER" in result.output


CORPUS_TABLES = ("story_articles", "corpus_entities", "merged_events")


def corpus_counts(store: str) -> dict[str, int]:
    conn = sqlite3.connect(store)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CORPUS_TABLES}
    finally:
        conn.close()


def test_ingest_cli_rerun_finishes_a_corpus_step_cut_short(tmp_path, write_corpus, monkeypatch):
    """Killed during the corpus step after its articles were committed (issue #20): the
    re-run stores nothing new but finishes the step, as an uninterrupted run would have."""
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 4)
    runner = CliRunner()
    whole = str(tmp_path / "whole.db")
    assert runner.invoke(cli, ["ingest", str(corpus), "--db", whole, "-j", "1", "--quiet"]).exit_code == 0
    cut = str(tmp_path / "cut.db")

    def killed(conn):
        raise KeyboardInterrupt  # as a kill would, before anything of the step is committed

    monkeypatch.setattr("presstrace.corpus.update.update_stories", killed)
    first = runner.invoke(cli, ["ingest", str(corpus), "--db", cut, "-j", "1", "--quiet"])
    assert first.exit_code != 0 and corpus_counts(cut)["corpus_entities"] == 0
    monkeypatch.undo()
    again = runner.invoke(cli, ["ingest", str(corpus), "--db", cut, "-j", "1"], catch_exceptions=False)
    assert again.exit_code == 0 and "0 analysed" in again.output and "merged events" in again.output
    assert corpus_counts(cut) == corpus_counts(whole) and corpus_counts(cut)["corpus_entities"] > 0
    conn = db.open_store(cut, create=False)
    assert not db.corpus_pending(conn)
    conn.close()
    quiet = runner.invoke(cli, ["ingest", str(corpus), "--db", cut, "-j", "1"])
    assert "merged events" not in quiet.output  # up to date: no corpus step at all
