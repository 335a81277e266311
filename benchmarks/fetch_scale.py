#!/usr/bin/env python3
"""Issue #19's "Done when", measured against a generated site on 127.0.0.1
(benchmarks/fetch_site.py: 2 feeds, 1 news sitemap, 40 article pages, syndicated copies,
items without a date in their feed, a robots.txt disallow). Never touches the internet.

1. `presstrace fetch` of the three sources: every page stored once (an exact copy maps onto
   its original, a changed copy is a linked near-duplicate) with its date, outlet and URL;
2. a second run: which requests were conditional, and that nothing new is stored;
3. `presstrace fetch` in a subprocess killed with SIGKILL (once while fetching, once while
   storing), then run again: the same store as run 1;
4. robots.txt: no request under /private/;
5. `presstrace ingest` of the WARC files alone rebuilds the same articles offline.

Usage:
    .venv/bin/python benchmarks/fetch_scale.py [--workdir DIR] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fetch_site import OUTLETS, Site, serve  # noqa: E402

from presstrace.fetch.archive import archive_folder  # noqa: E402
from presstrace.fetch.run import fetch  # noqa: E402
from presstrace.runners.local import ingest_local  # noqa: E402
from presstrace.settings import load_settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# Politeness as shipped but for the host delay (one local host would take 40 s at 1 s a
# page); a commit every 5 articles, as a long run has many, so a kill can land between two.
CONFIG = "[fetch]\nhost_delay_seconds = 0.0\n[store]\ncommit_every = 5\n"


def store(db: Path, with_fetches: bool = True) -> dict:
    """What the fetch decided, without what differs between runs (times, WARC names, ids)."""
    with sqlite3.connect(db) as conn:
        found = {
            "articles": conn.execute(
                "SELECT a.hash, a.date, a.source, a.url, a.title, a.status, o.hash FROM articles a "
                "LEFT JOIN articles o ON o.id = a.duplicate_of ORDER BY a.hash").fetchall(),
            "ids": conn.execute("SELECT i.input_id, a.hash FROM article_ids i JOIN articles a "
                                "ON a.id = i.article_id ORDER BY 1").fetchall(),
            "quotes": conn.execute("SELECT count(*) FROM quotes").fetchone()[0],
            "entities": conn.execute("SELECT count(*) FROM entities").fetchone()[0],
        }
        if with_fetches:
            found["fetches"] = conn.execute("SELECT url, canonical_url, final_url, input_id, feed "
                                            "FROM fetches ORDER BY url").fetchall()
    return found


def check_first_run(site: Site, base: str, db: Path) -> dict:
    """Each fetchable page against what was stored for it."""
    with sqlite3.connect(db) as conn:
        stored = {row[0]: row[1:] for row in conn.execute(
            "SELECT i.input_id, a.date, a.source, a.url, a.status, a.hash FROM article_ids i "
            "JOIN articles a ON a.id = i.article_id")}
        articles = conn.execute("SELECT count(*), sum(status = 'duplicate') FROM articles").fetchone()
    fetchable = [page for page in site.pages if not page.path.startswith("/private/")]
    # An exact copy is its original's article: the original's date, outlet and URL.
    originals: dict = {}
    for page in fetchable:
        originals.setdefault((page.text_seed, page.changed), page)
    wrong, copies = [], 0
    for page in fetchable:
        original = originals[(page.text_seed, page.changed)]
        copies += original is not page
        row = stored.get(base + page.path)
        if row is None:
            wrong.append(f"{page.path}: not stored")
        elif (row[0], row[1], row[2]) != (original.expected_date, OUTLETS[original.outlet],
                                          base + original.path):
            wrong.append(f"{page.path}: date {row[0]}, outlet {row[1]!r}, url {row[2]!r}; expected "
                         f"{original.expected_date}, {OUTLETS[original.outlet]!r}, {original.path}")
    return {"pages_fetchable": len(fetchable), "pages_stored": len(stored), "articles": articles[0],
            "near_duplicates": articles[1], "exact_copies": copies,
            "distinct_texts_served": len(originals), "wrong": wrong}


def killed_then_rerun(sources: Path, config: Path, site: Site, db: Path, settings,
                      when: str, reference: dict) -> dict:
    """A fetch subprocess killed with SIGKILL at `when`, then an in-process run to the end."""
    site.hits.clear()
    command = [str(ROOT / ".venv/bin/presstrace"), "--config", str(config), "fetch", str(sources),
               "--db", str(db), "-j", "1", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while process.poll() is None and not _reached(when, site, db):
        time.sleep(0.05)
    finished_first = process.poll() is not None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    before = _count(db)
    again = fetch([str(sources)], db, settings, n_process=1)
    return {"killed_at": when, "killed_after_s": round(time.monotonic() - started, 1),
            "ended_before_kill": finished_first, "articles_at_kill": before,
            "rerun_analysed": again.ingest.analysed, "same_store_as_run_1": store(db) == reference}


def _reached(when: str, site: Site, db: Path) -> bool:
    if when.startswith("pages>="):
        return sum(1 for path, _ in site.hits if path.endswith(".html")) >= int(when[7:])
    return _count(db) >= int(when[10:])  # "articles>=N"


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="fetch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["no_proxy"] = "127.0.0.1"
    site = Site()
    server, base = serve(site)
    config = work / "presstrace.toml"
    config.write_text(CONFIG)
    settings = load_settings(config)
    sources = work / "sources.txt"
    sources.write_text(f"{base}/a/feed.xml {OUTLETS['a']}\n{base}/b/feed.atom {OUTLETS['b']}\n"
                       f"{base}/news-sitemap.xml {OUTLETS['c']}\n")
    report: dict = {"pages_served": len(site.pages)}
    try:
        db = work / "news.db"
        started = time.monotonic()
        first = fetch([str(sources)], db, settings, n_process=1)
        report["run_1"] = {"seconds": round(time.monotonic() - started, 1), "summary": first.summary(),
                           **check_first_run(site, base, db)}
        reference = store(db)
        hits_first = list(site.hits)
        site.hits.clear()
        started = time.monotonic()
        second = fetch([str(sources)], db, settings, n_process=1)
        report["run_2"] = {"seconds": round(time.monotonic() - started, 1),
                           "requests": len(site.hits),
                           "conditional": sum(1 for _, conditional in site.hits if conditional),
                           "unconditional": sorted({p for p, conditional in site.hits if not conditional}),
                           "analysed": second.ingest.analysed, "same_store": store(db) == reference}
        private = [p for p, _ in hits_first + site.hits if p.startswith("/private/")]
        report["kills"] = [killed_then_rerun(sources, config, site, work / f"killed-{n}.db", settings,
                                             when, reference)
                           for n, when in enumerate(("pages>=10", "articles>=12"))]
        private += [p for p, _ in site.hits if p.startswith("/private/")]
        report["private_requests"] = len(private)
        report["warc_rebuild"] = {name: _rebuild(path, work, settings, store(path, False))
                                  for name, path in (("run_1", db), ("killed_1", work / "killed-1.db"))}
    finally:
        server.shutdown()
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


def _rebuild(db: Path, work: Path, settings, expected: dict) -> dict:
    rebuilt = work / f"rebuilt-{db.stem}.db"
    warcs = sorted(archive_folder(db).glob("*.warc.gz"))
    stats = ingest_local([str(archive_folder(db))], rebuilt, settings, n_process=1)
    return {"warc_files": len(warcs), "analysed": stats.analysed, "errors": stats.errors,
            "same_articles": store(rebuilt, False) == expected}


if __name__ == "__main__":
    main()
