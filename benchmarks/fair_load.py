#!/usr/bin/env python3
"""Fairness under load (issue #20): do page reads stay fast while analyses run?

Builds the sample store and starts `presstrace serve` on a free loopback port as
`load.py` does, then runs --clients clients (asyncio + httpx) for --seconds. Each client
reads workbench pages and API lists and, every --analyze-every requests, POSTs an article's
first 3,000 characters to /api/analyze, pausing --pause seconds between requests (a person
at a browser, not a flood). A 503 must carry Retry-After; the client then waits that long,
as a polite client does. Reported: read latency p50/p95/p99, analyses answered and
refused, and every error, i.e. any other status of 400 or more and any transport error.

Usage:
    .venv/bin/python benchmarks/fair_load.py [--clients 50] [--seconds 20]
                                             [--analyze-every 5] [--pause 1.0] [--json OUT]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import percentile, served, texts_for_analyze  # noqa: E402

PAGES = ["/", "/articles", "/articles/{id}", "/stories", "/search?q=Ukraine",
         "/api/articles?limit=20", "/api/quotes?limit=20", "/api/stories?limit=20"]


class Tally:
    def __init__(self) -> None:
        self.reads: list[float] = []
        self.analyses: Counter = Counter()
        self.errors: Counter = Counter()


async def client(number: int, base: str, ids: list[int], texts: list[str], until: float,
                 args, tally: Tally) -> None:
    sent = number
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        await asyncio.sleep(args.pause * number / args.clients)  # spread the first requests
        while time.monotonic() < until:
            sent += 1
            wait = args.pause
            try:
                if args.analyze_every and sent % args.analyze_every == 0:
                    res = await http.post("/api/analyze", json={"text": texts[sent % len(texts)]})
                    tally.analyses[res.status_code] += 1
                    if res.status_code == 503 and res.headers.get("retry-after", "").isdigit():
                        wait = max(wait, float(res.headers["retry-after"]))
                    elif res.status_code != 200:
                        tally.errors[f"analyze {res.status_code}"] += 1
                else:
                    url = PAGES[sent % len(PAGES)].replace("{id}", str(ids[sent % len(ids)]))
                    started = time.perf_counter()
                    res = await http.get(url)
                    tally.reads.append(time.perf_counter() - started)
                    if res.status_code != 200:
                        tally.errors[f"GET {url} {res.status_code}"] += 1
            except httpx.HTTPError as exc:
                tally.errors[type(exc).__name__] += 1
            await asyncio.sleep(wait)


async def run(base: str, args) -> tuple[Tally, float]:
    ids = [a["id"] for a in httpx.get(f"{base}/api/articles?limit=500").json()["items"]]
    tally, texts = Tally(), texts_for_analyze()
    start = time.monotonic()
    await asyncio.gather(*(client(n, base, ids, texts, start + args.seconds, args, tally)
                           for n in range(args.clients)))
    return tally, time.monotonic() - start


def summary(tally: Tally, elapsed: float, args) -> dict:
    reads = tally.reads
    return {"clients": args.clients, "seconds": round(elapsed, 1), "pause_s": args.pause,
            "analyze_every": args.analyze_every, "cpus": os.cpu_count(),
            "reads": len(reads), "reads_per_s": round(len(reads) / elapsed, 1),
            "read_p50_ms": round(1000 * statistics.median(reads), 1),
            "read_p95_ms": round(1000 * percentile(reads, 0.95), 1),
            "read_p99_ms": round(1000 * percentile(reads, 0.99), 1),
            "read_max_ms": round(1000 * max(reads), 1),
            "analyses": dict(sorted(tally.analyses.items())), "errors": dict(tally.errors)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build one from the sample)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--analyze-every", type=int, default=5)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between a client's requests")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    with served(args.db) as (base, _):
        httpx.post(f"{base}/api/analyze", json={"text": "Warm up."}, timeout=60)
        tally, elapsed = asyncio.run(run(base, args))
    result = summary(tally, elapsed, args)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
