"""Ingest with the real pipeline on small invented articles: skips, errors, near-duplicates,
resume after a real SIGKILL, and the command line."""
from __future__ import annotations

import hashlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from presstrace.cli import cli
from presstrace.store import db, queries
from presstrace.runners import ingest

PEOPLE = ["Olena Kovalenko", "Marta Ivanova", "Pavel Sokolov", "Anna Berg", "Tomas Novak",
          "Irina Petrenko", "David Miller", "Sofia Rossi", "Jan Kowalski", "Lena Fischer"]
PLACES = ["Kyiv", "Kharkiv", "Odesa", "Lviv", "Warsaw", "Berlin", "Paris", "Vienna", "Riga", "Prague"]
THINGS = ["grain exports", "power repairs", "rail links", "water supplies", "school repairs",
          "bridge works", "port traffic", "fuel deliveries", "bus routes", "hospital wards"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SENTENCES = [
    "{p} said on {d} that {t} in {c} would resume within {n} weeks.",
    "\"We are working day and night on {t},\" {p} told reporters in {c}.",
    "Officials in {c} added that {n} trucks carrying supplies for {t} had arrived since {d}.",
    "According to local media, crews from {c} began inspecting {t} on {d} morning.",
    "{p}, who leads the {c} office, warned that {t} could face delays of {n} days.",
    "The ministry in {c} set aside {n} million euros for {t}, {p} said.",
    "Residents of {c} queued for hours on {d} as {t} slowed to a crawl.",
    "Analysts said {t} in {c} had fallen by {n} percent compared with last year.",
]


def make_text(rng: random.Random) -> str:
    parts = []
    for template in rng.sample(SENTENCES, 7):
        parts.append(template.format(p=rng.choice(PEOPLE), c=rng.choice(PLACES), t=rng.choice(THINGS),
                                     d=rng.choice(DAYS), n=rng.randint(2, 90)))
    return " ".join(parts)


def write_corpus(path: Path, n: int, seed: int = 7) -> list[dict]:
    """n distinct articles, plus an exact copy, a near-duplicate, a bad line and an empty text."""
    rng = random.Random(seed)
    rows = [{"id": f"a{k}", "date": f"2025-0{1 + k % 9}-1{k % 10}", "source": f"Outlet {k % 3}",
             "title": f"Story {k}", "text": make_text(rng)} for k in range(n)]
    near = dict(rows[1], id="near-copy", source="Wire",
                text=rows[1]["text"] + " The wire service contributed to this report.")
    lines = [json.dumps(r) for r in rows[:n // 2]]
    lines += ['{"id": "broken", "text": ', json.dumps(dict(rows[0], id="same-text", source="Mirror")),
              json.dumps({"id": "blank", "text": "   "}), json.dumps(near)]
    lines += [json.dumps(r) for r in rows[n // 2:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


@pytest.fixture(scope="module")
def store_settings(settings):
    return settings.with_overrides({"store": {"commit_every": 3}})


@pytest.fixture(scope="module")
def small_store(tmp_path_factory, store_settings):
    folder = tmp_path_factory.mktemp("ingest")
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, 8)
    stats = ingest([str(corpus)], folder / "store.db", store_settings, n_process=1)
    return corpus, folder / "store.db", stats


def test_ingest_stores_articles_errors_and_every_input_id(small_store):
    _, path, stats = small_store
    assert (stats.inputs, stats.analysed, stats.duplicates, stats.skipped, stats.errors) == (12, 8, 1, 1, 2)
    conn = db.open_store(path, create=False)
    codes = {r["input_id"]: r["code"] for r in queries.errors(conn)}
    assert codes == {"corpus:5": "bad_record", "blank": "empty"}
    ids = [tuple(r) for r in conn.execute("SELECT input_id, source FROM article_ids WHERE article_id = 1 "
                                          "ORDER BY rowid")]
    assert ids == [("a0", "Outlet 0"), ("same-text", "Mirror")]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_ingest_links_a_near_duplicate_without_analysing_it(small_store):
    _, path, _ = small_store
    conn = db.open_store(path, create=False)
    dup = conn.execute("SELECT id, duplicate_of, similarity, status FROM articles WHERE input_id = 'near-copy'").fetchone()
    original = conn.execute("SELECT id FROM articles WHERE input_id = 'a1'").fetchone()
    assert dup["status"] == "duplicate" and dup["duplicate_of"] == original["id"] and dup["similarity"] >= 0.8
    assert conn.execute("SELECT count(*) FROM entities WHERE article_id = ?", (dup["id"],)).fetchone()[0] == 0
    (group,) = queries.duplicates(conn)
    assert group["original_id"] == original["id"] and group["copies"] == 1


def test_ingest_rerun_skips_everything_before_analysis(small_store, store_settings, monkeypatch):
    corpus, path, _ = small_store
    before = content_digest(path)

    def no_analysis(*args, **kwargs):
        raise AssertionError("a re-run must not start the pipeline")
    monkeypatch.setattr("presstrace.runners.local.analyze_many", no_analysis)
    stats = ingest([str(corpus)], path, store_settings, n_process=2)
    assert (stats.analysed, stats.skipped, stats.errors) == (0, 10, 2)
    assert content_digest(path) == before


def test_ingest_force_analyses_again_in_place(small_store, store_settings, tmp_path):
    corpus, path, _ = small_store
    copy = tmp_path / "copy.db"
    source = sqlite3.connect(path)
    source.backup(sqlite3.connect(copy))
    stats = ingest([str(corpus)], copy, store_settings, n_process=1, force=True)
    assert stats.analysed == 8 and stats.duplicates == 0
    assert content_digest(copy, row_ids=False) == content_digest(path, row_ids=False)


def content_digest(path: Path, row_ids: bool = True) -> dict[str, tuple[int, str]]:
    """Row count and checksum of every data table (row order and error ids left out).

    Args:
        path: the store.
        row_ids: include the row ids of layer rows (entities.id, mentions.entity_id …).
    """
    conn = sqlite3.connect(path)
    out = {}
    for table in (*db.DATA_TABLES, "signatures"):
        cursor = conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        left_out = {"id", "entity_id"} if (table == "errors" or not row_ids) and table != "articles" else set()
        rows = sorted(repr([v for n, v in zip(names, row) if n not in left_out]) for row in cursor)
        out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    conn.close()
    return out


def _count_committed(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _ingest_until_killed(tmp_path: Path, corpus: Path, store: Path, config: Path, stop_at: int) -> int:
    """Run `presstrace ingest` in a child process and SIGKILL it once `stop_at` articles are
    committed; return how many were committed then."""
    with open(tmp_path / "child.log", "ab") as log:
        child = subprocess.Popen([sys.executable, "-m", "presstrace", "--config", str(config), "ingest",
                                  str(corpus), "--db", str(store), "-j", "1", "--quiet"],
                                 stdout=log, stderr=log)
        deadline = time.monotonic() + 120
        while _count_committed(store) < stop_at and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    return _count_committed(store)


def test_ingest_resumes_after_sigkill_to_the_same_store(tmp_path, store_settings):
    corpus = tmp_path / "corpus.jsonl"
    total = len(write_corpus(corpus, 120, seed=11)) + 1  # + the near-duplicate
    config = tmp_path / "store.toml"
    config.write_text("[store]\ncommit_every = 3\n")
    killed = tmp_path / "killed.db"
    # Killed three times, each run resuming the last: early, mid-way and late.
    for stop_at in (5, 30, 70):
        at_kill = _ingest_until_killed(tmp_path, corpus, killed, config, stop_at)
        assert stop_at <= at_kill < total, (at_kill, (tmp_path / "child.log").read_text())
    resumed = ingest([str(corpus)], killed, store_settings, n_process=1)
    assert resumed.analysed + resumed.duplicates == total - at_kill
    ingest([str(corpus)], tmp_path / "straight.db", store_settings, n_process=1)
    assert content_digest(killed) == content_digest(tmp_path / "straight.db")
    conn = db.open_store(killed, create=False)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_ingest_reads_glob_patterns(tmp_path, store_settings):
    rng = random.Random(3)
    for name in ("one", "two"):
        (tmp_path / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": make_text(rng)}) + "\n")
    (tmp_path / "skip.txt").write_text("Not matched by the pattern.")
    stats = ingest([str(tmp_path / "*.jsonl")], tmp_path / "g.db", store_settings, n_process=1)
    assert stats.analysed == 2 and stats.inputs == 2


def test_ingest_reads_warc_archives(tmp_path, store_settings):
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = ("<html><head><title>Repairs in Lviv</title></head><body><article><p>"
            + make_text(random.Random(5)) + "</p></article></body></html>").encode()
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/lviv", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/a.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=image))
    stats = ingest([str(path)], tmp_path / "w.db", store_settings, n_process=1)
    assert stats.analysed == 1 and stats.inputs == 1 and warcio
    (art,) = db.iter_articles(db.open_store(tmp_path / "w.db", create=False))
    assert art.url == "https://example.org/lviv" and art.id.startswith("urn:uuid:")


def test_ingest_cli_summary_then_queries(tmp_path):
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
