"""The local ingest (`runners/local.py`) with the real pipeline on small invented articles:
skips, errors, near-duplicates, resume after a real SIGKILL, glob patterns, WARC archives."""
from __future__ import annotations

import hashlib
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

from presstrace.runners import ingest
from presstrace.store import db, queries

GOOD = "Angela Merkel spoke in Berlin on Monday. \"We will help,\" she said."


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


def test_ingest_resumes_after_sigkill_to_the_same_store(tmp_path, store_settings, write_corpus):
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


def test_ingest_reads_glob_patterns(tmp_path, store_settings, make_text):
    rng = random.Random(3)
    for name in ("one", "two"):
        (tmp_path / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": make_text(rng)}) + "\n")
    (tmp_path / "skip.txt").write_text("Not matched by the pattern.")
    stats = ingest([str(tmp_path / "*.jsonl")], tmp_path / "g.db", store_settings, n_process=1)
    assert stats.analysed == 2 and stats.inputs == 2


def test_ingest_reads_warc_archives(tmp_path, store_settings, make_text, write_warc):
    body = ("<html><head><title>Repairs in Lviv</title></head><body><article><p>"
            + make_text(random.Random(5)) + "</p></article></body></html>").encode()
    path = write_warc(tmp_path / "crawl.warc.gz",
                      [("https://example.org/lviv", "text/html; charset=utf-8", body),
                       ("https://example.org/a.png", "image/png", b"\x89PNG")])
    stats = ingest([str(path)], tmp_path / "w.db", store_settings, n_process=1)
    assert stats.analysed == 1 and stats.inputs == 1
    (art,) = db.iter_articles(db.open_store(tmp_path / "w.db", create=False))
    assert art.url == "https://example.org/lviv" and art.id.startswith("urn:uuid:")


def test_ingest_skips_warc_records_that_are_not_html(tmp_path, settings, write_warc):
    """A crawl holds warcinfo, images, JSON and PDFs beside pages: only pages are read, and a
    page whose bytes are binary is an error record."""
    page = b"<html><body><article><p>" + GOOD.encode() * 5 + b"</p></article></body></html>"
    records = [("text/html; charset=utf-8", page), ("application/json", b'{"text": "Not a page."}'),
               ("application/pdf", b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n"), ("image/png", b"\x89PNG\r\n"),
               ("text/html", bytes(range(256)) * 4)]
    path = write_warc(tmp_path / "crawl.warc.gz",
                      [(f"https://example.org/{number}", kind, body)
                       for number, (kind, body) in enumerate(records)], warcinfo=True)
    store = tmp_path / "w.db"
    stats = ingest([str(path)], store, settings, n_process=1)
    assert (stats.analysed, stats.errors) == (1, 1)
    conn = db.open_store(store, create=False)
    (article,) = db.iter_articles(conn)
    assert article.url == "https://example.org/0" and "Merkel" in article.text
    codes = sorted(row[0] for row in conn.execute("SELECT code FROM errors"))
    assert codes == ["binary"], codes


@pytest.mark.parametrize("content", [b"Just some text, not an archive.\n", bytes(range(256)) * 4, b""])
def test_ingest_a_warc_name_on_something_else_is_an_error_record(tmp_path, settings, content):
    """A file called .warc that is no archive is reported, not skipped in silence, and the
    good article beside it is still stored."""
    pytest.importorskip("warcio")
    (tmp_path / "fake.warc").write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    store = tmp_path / "w.db"
    stats = ingest([str(tmp_path / "fake.warc"), str(tmp_path / "good.txt")], store, settings, n_process=1)
    assert (stats.analysed, stats.errors) == (1, 1)
    conn = db.open_store(store, create=False)
    (message,) = [row[0] for row in conn.execute("SELECT message FROM errors WHERE code = 'bad_record'")]
    assert "fake.warc" in message and "WARC" in message


@pytest.mark.parametrize("kwargs, fragment", [
    ({"engine": "spark"}, "unknown engine 'spark'; valid engines: local, dask"),
    ({"engine": "dask"}, "give parquet=DIR"),
    ({"engine": "local", "parquet": "shards"}, "options of the dask engine"),
    ({"engine": "dask", "parquet": "shards", "paths": ["-"]}, "not standard input"),
])
def test_ingest_engine_and_its_options_are_checked(tmp_path, settings, kwargs, fragment):
    paths = kwargs.pop("paths", [str(tmp_path / "none.jsonl")])
    with pytest.raises(ValueError, match=fragment):
        ingest(paths, tmp_path / "s.db", settings, **kwargs)
    assert not (tmp_path / "s.db").exists()


# Lines JSON allows and UTF-8 cannot store: a lone surrogate in the text, the title, the id.
SURROGATE_LINES = [
    '{"id": "s1", "text": "Odesa \\ud800 was shelled overnight, officials said."}',
    '{"id": "s2", "title": "t\\udfff", "text": "Kharkiv was quiet on Monday, the mayor said."}',
    '{"id": "s3\\ud800", "text": "Lviv took in refugees on Tuesday, volunteers said."}',
]


def test_ingest_a_lone_surrogate_costs_its_article_only(tmp_path, store_settings):
    lines = [json.dumps({"id": "g1", "text": GOOD})] + SURROGATE_LINES + [
        json.dumps({"id": "g2", "text": "Boris Johnson met Emmanuel Macron in Paris."})]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats = ingest([str(source)], tmp_path / "s.db", store_settings, n_process=1)
    assert (stats.analysed, stats.errors) == (2, 3)
    again = ingest([str(source)], tmp_path / "s.db", store_settings, n_process=1)
    assert (again.analysed, again.skipped, again.errors) == (0, 2, 3)
    conn = db.open_store(tmp_path / "s.db", create=False)
    errors = {r["input_id"]: r["code"] for r in queries.errors(conn)}
    assert errors == {"s1": "bad_record", "s2": "bad_record", "s3\\ud800": "bad_record"}
    assert db.count_rows(conn, "articles") == 2
