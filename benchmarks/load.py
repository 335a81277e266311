#!/usr/bin/env python3
"""A bounded load test of `presstrace serve` on loopback.

Builds a store from the bundled sample (`presstrace ingest`) unless --db is given, starts
`presstrace serve` on a free loopback port in its own process, then runs --clients
concurrent clients (asyncio + httpx) for --seconds. Each client cycles through the read
endpoints and, every --analyze-every requests, POSTs an article to /api/analyze. It reports
throughput, p50/p99/max latency per endpoint, status codes and errors, and the server's
peak RSS.

The clients share the machine with the server (and with whatever else runs there), so the
figures are a floor for the server, not its ceiling.

Usage:
    .venv/bin/python benchmarks/load.py [--db FILE] [--clients 50] [--seconds 60]
                                        [--analyze-every 10] [--json OUT]
"""
from __future__ import annotations

import argparse
import contextlib
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterator, Optional

import httpx

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "presstrace" / "samples" / "ua_ru_press_sample.jsonl"
# Read requests by the name they are reported under; `{id}` is filled with stored ids.
READS = {
    "articles": "/api/articles?limit=20",
    "articles q": "/api/articles?q=Ukraine&limit=20",
    "article": "/api/articles/{id}",
    "quotes": "/api/quotes?speaker=zelensky&limit=50",
    "claims": "/api/claims?kind=vague&limit=50",
    "events": "/api/events?limit=50",
    "entities": "/api/entities?top=20&label=PERSON",
    "stories": "/api/stories?limit=20",
    "search": "/api/search?q=sanctions&in=quotes",
}
ANALYZE_CHARS = 3000  # an article's first 3,000 characters: a typical news story's length


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "presstrace", *args]


def build_store(folder: Path) -> Path:
    """The bundled sample ingested into a fresh store (with stories and merged events)."""
    store = folder / "load.db"
    subprocess.run(cli("ingest", str(SAMPLE), "--db", str(store), "-j", "1", "--quiet"), check=True)
    subprocess.run(cli("events", "--merged", "--db", str(store)), check=True,
                   stdout=subprocess.DEVNULL)
    return store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(store: Path, port: int, log) -> subprocess.Popen:
    server = subprocess.Popen(cli("serve", "--db", str(store), "--port", str(port)),
                              stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start; see its log")


@contextlib.contextmanager
def served(db: Optional[Path]) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, server process) of `presstrace serve` on a free loopback port over `db`,
    or over a store built from the sample in a temporary folder; stopped on leaving."""
    with tempfile.TemporaryDirectory() as tmp:
        store = db or build_store(Path(tmp))
        port = free_port()
        with open(Path(tmp) / "server.log", "wb") as log:
            server = start_server(store, port, log)
            try:
                yield f"http://127.0.0.1:{port}", server
            finally:
                server.terminate()
                server.wait(30)


def rss_mib(pid: int) -> float:
    """Resident memory of a process now (Linux /proc), in MiB."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def texts_for_analyze() -> list[str]:
    with open(SAMPLE, encoding="utf-8") as fh:
        return [json.loads(line)["text"][:ANALYZE_CHARS] for line in fh if line.strip()]


class Recorder:
    """Latencies (seconds) and statuses per endpoint; exceptions by type."""

    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.errors: dict[str, int] = defaultdict(int)

    def note(self, name: str, started: float, status: int) -> None:
        self.latency[name].append(time.perf_counter() - started)
        self.status[name][status] += 1


async def one_client(number: int, base: str, ids: list[int], texts: list[str], until: float,
                     every: int, rec: Recorder) -> None:
    names = list(READS)
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        sent = number  # clients start at different points of the cycle
        while time.monotonic() < until:
            sent += 1
            started = time.perf_counter()
            try:
                if every and sent % every == 0:
                    name = "POST analyze"
                    res = await client.post("/api/analyze", json={"text": texts[sent % len(texts)]})
                else:
                    name = names[sent % len(names)]
                    res = await client.get(READS[name].replace("{id}", str(ids[sent % len(ids)])))
                rec.note(name, started, res.status_code)
            except httpx.HTTPError as exc:
                rec.errors[type(exc).__name__] += 1


async def run_clients(base: str, clients: int, seconds: float, every: int,
                      server_pid: int) -> tuple[Recorder, float, float]:
    ids = [a["id"] for a in httpx.get(f"{base}/api/articles?limit=500").json()["items"]]
    texts, rec = texts_for_analyze(), Recorder()
    peak = rss_mib(server_pid)
    start = time.monotonic()
    until = start + seconds
    tasks = [asyncio.create_task(one_client(n, base, ids, texts, until, every, rec))
             for n in range(clients)]
    while not all(t.done() for t in tasks):  # sample the server's memory meanwhile
        peak = max(peak, rss_mib(server_pid))
        await asyncio.sleep(0.5)
    await asyncio.gather(*tasks)
    return rec, time.monotonic() - start, peak


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(rec: Recorder, elapsed: float, peak: float, args) -> dict:
    rows = {}
    for name in [*READS, "POST analyze"]:
        lat = rec.latency.get(name, [])
        if lat:
            rows[name] = {"requests": len(lat), "p50_ms": round(1000 * statistics.median(lat), 1),
                          "p99_ms": round(1000 * percentile(lat, 0.99), 1),
                          "max_ms": round(1000 * max(lat), 1),
                          "statuses": dict(sorted(rec.status[name].items()))}
    total = sum(r["requests"] for r in rows.values())
    not_ok = sum(n for r in rows.values() for s, n in r["statuses"].items() if s >= 400)
    return {"clients": args.clients, "seconds": round(elapsed, 1), "requests": total,
            "requests_per_s": round(total / elapsed, 1), "non_2xx": not_ok,
            "transport_errors": dict(rec.errors), "server_peak_rss_mib": round(peak),
            "cpus": os.cpu_count(), "endpoints": rows}


def print_table(result: dict) -> None:
    print(f"{result['clients']} clients, {result['seconds']} s: {result['requests']} requests, "
          f"{result['requests_per_s']} req/s; non-2xx {result['non_2xx']}, transport errors "
          f"{result['transport_errors'] or 0}; server peak RSS {result['server_peak_rss_mib']} MiB")
    print(f"{'endpoint':<14} {'requests':>9} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}  statuses")
    for name, row in result["endpoints"].items():
        print(f"{name:<14} {row['requests']:>9} {row['p50_ms']:>9} {row['p99_ms']:>9} "
              f"{row['max_ms']:>9}  {row['statuses']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: build one from the sample)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--analyze-every", type=int, default=10,
                        help="every Nth request of a client is POST /api/analyze (0: none)")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    with served(args.db) as (base, server):
        rec, elapsed, peak = asyncio.run(run_clients(base, args.clients, args.seconds, args.analyze_every,
                                                     server.pid))
    result = report(rec, elapsed, peak, args)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
