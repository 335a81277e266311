"""`-j2` against `-j1` on a longer stream than throughput.py's 200 articles: each worker
process pays its own start-up (imports, model, gazetteer) and warms its own memo caches,
which a short run cannot amortise.

    python benchmarks/parallel.py [--limit 600]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "ukraine_media_dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--limit", type=int, default=600)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from speed import _read_articles

    from presstrace import Article, load_settings
    from presstrace.pipeline import analyze_many

    rows = _read_articles(args.corpus, args.limit)
    articles = [Article(text=r["text"], id=r.get("id"), date=r.get("date")) for r in rows]
    settings = load_settings()
    list(analyze_many(articles[:8], n_process=1, settings=settings))  # the -j1 model, warm
    seconds = {}
    for jobs in (1, 2):
        started = time.perf_counter()
        done = sum(1 for _ in analyze_many(articles, n_process=jobs, settings=settings))
        seconds[jobs] = time.perf_counter() - started
        print(f"-j{jobs}: {seconds[jobs]:.1f} s for {done} articles ({done / seconds[jobs]:.2f}/s)"
              + (" (pool start included)" if jobs > 1 else ""), flush=True)
    print(f"-j2 speed-up over -j1: {seconds[1] / seconds[2]:.2f}x")


if __name__ == "__main__":  # the guard matters: spawned workers import this module
    main()
