#!/usr/bin/env python3
"""Memory soak: ingest the same articles over and over and watch the ingest's RSS.

Two runs, each `presstrace ingest` in its own process, its resident memory (the process
and its workers, from /proc) sampled every --interval seconds:

* rounds: --rounds separate ingests of the subset into one store with `--force`, so every
  round analyses and rewrites every article of a store that already holds them;
* long:   one ingest of --copies copies of the subset in one process, each copy's texts
  made distinct (a copy number appended) and near-duplicate linking off, so the one process
  analyses copies x articles and its store keeps growing.

Memory that stays flat from round to round, and flat over the second half of the long run,
means nothing accumulates per article. The corpus is for measurement only: the subset is
written to a temporary folder and deleted; nothing from it is printed or kept.

Usage:
    .venv/bin/python benchmarks/soak.py [--corpus FILE] [--limit 200] [--rounds 4]
                                        [--copies 4] [-j 1] [--interval 1] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import _read_articles as read_articles  # noqa: E402  (the same first-N reader)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ukraine_media_dev.jsonl"


def write_subset(corpus: Path, limit: int, out: Path, copies: int = 1) -> int:
    """The first `limit` articles, `copies` times over (copy k > 0 gets a distinct text)."""
    rows = read_articles(str(corpus), limit)
    with open(out, "w", encoding="utf-8") as fh:
        for copy in range(copies):
            for row in rows:
                if copy:  # a different text is a different article to the store
                    row = dict(row, id=f"{row.get('id')}~{copy}", text=f"{row['text']}\n\nCopy {copy}.")
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows) * copies


def tree_rss_mib(pid: int) -> float:
    """RSS of a process and all its descendants (workers), in MiB, from /proc."""
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as fh:
                total += next((int(l.split()[1]) for l in fh if l.startswith("VmRSS:")), 0) / 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended between two reads
    return total


def ingest_sampled(paths: list[Path], store: Path, args, extra: list[str],
                   config: Path | None = None) -> dict:
    """Run one ingest, sampling its memory; the samples and how it ended."""
    command = [sys.executable, "-m", "presstrace"] + (["--config", str(config)] if config else [])
    command += ["ingest", *map(str, paths), "--db", str(store), "-j", str(args.jobs), "--quiet",
                "--no-corpus", *extra]
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    samples = []
    while child.poll() is None:
        samples.append((round(time.monotonic() - started, 1), round(tree_rss_mib(child.pid), 1)))
        time.sleep(args.interval)
    _, err = child.communicate()
    return {"seconds": round(time.monotonic() - started, 1), "returncode": child.returncode,
            "samples": samples, "stderr_tail": err.decode(errors="replace")[-500:]}


def summarise(run: dict) -> dict:
    """Peak and the median of each quarter of the run: flat quarters mean no growth."""
    values = [rss for _, rss in run["samples"]] or [0.0]
    size = max(1, len(values) // 4)
    quarters = [statistics.median(values[i * size:(i + 1) * size] or values[-1:]) for i in range(4)]
    return {"seconds": run["seconds"], "returncode": run["returncode"], "samples": len(values),
            "peak_mib": max(values), "quarter_medians_mib": [round(q, 1) for q in quarters]}


def store_articles(store: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(store)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def soak_rounds(args, tmp: Path) -> list[dict]:
    subset, store = tmp / "subset.jsonl", tmp / "rounds.db"
    write_subset(args.corpus, args.limit, subset)
    results = []
    for number in range(args.rounds):
        run = ingest_sampled([subset], store, args, ["--force"] if number else [])
        results.append({"round": number + 1, **summarise(run), "store_articles": store_articles(store)})
        print(f"round {number + 1}: {results[-1]}", flush=True)
    return results


def soak_long(args, tmp: Path) -> dict:
    subset, store, config = tmp / "copies.jsonl", tmp / "long.db", tmp / "nodedupe.toml"
    articles = write_subset(args.corpus, args.limit, subset, copies=args.copies)
    config.write_text("[store]\ndedupe = false\n")  # copies differ by a line: keep them all
    run = ingest_sampled([subset], store, args, [], config=config)
    result = {"articles": articles, **summarise(run), "store_articles": store_articles(store),
              "timeline": run["samples"][::max(1, len(run["samples"]) // 40)]}
    print(f"long: {dict((k, v) for k, v in result.items() if k != 'timeline')}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200, help="articles in the subset")
    parser.add_argument("--rounds", type=int, default=4, help="ingests with --force (0: skip)")
    parser.add_argument("--copies", type=int, default=4, help="copies in the long run (0: skip)")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between samples")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = {"limit": args.limit, "jobs": args.jobs,
                  "rounds": soak_rounds(args, Path(tmp)) if args.rounds else [],
                  "long": soak_long(args, Path(tmp)) if args.copies else None}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
