#!/usr/bin/env python3
"""Throughput in one run, on the same real articles: bare spaCy against presstrace, one
process against two, Dask with two workers against local `-j2`, peak memory per worker,
and the start-up of `presstrace analyze` on one article.

Every variant runs in its own fresh process. bare, pt-1 and pt-2 are `speed.py`'s own
workers (same warm-up, same timing); `dask` is here: a LocalCluster of two worker
processes (one thread each) is started and each worker loads the model on a warm-up
shard, then `run_shards` is timed over the articles cut into shards and written as Parquet.
`analyze_many(n_process=2)` pays its pool start inside its timing; the Dask run does not
pay its cluster start (a long-running cluster is started once) but does pay reading and
writing Parquet. Both start-up costs are printed apart.

Usage:
    python benchmarks/throughput.py [--corpus PATH] [--limit N] [--shards K] [--repeat R]

The default corpus is for measurement only: the Parquet shards go to a temporary folder.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # noqa: E402  (the shared workers)

REPO = speed.REPO


def worker_dask(rows: list[dict], repeat: int, shards: int) -> dict:
    """Time `run_shards` on a warm two-worker LocalCluster; peak RSS of each worker."""
    import resource

    from distributed import Client, LocalCluster

    from presstrace import load_settings
    from presstrace.runners.dask import run_shards
    from presstrace.runners.load import load_shards

    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text("".join(json.dumps(r) + "\n" for r in rows[:4]), encoding="utf-8")
        t0 = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.wait_for_workers(2)
            t_cluster = time.perf_counter() - t0
            t0 = time.perf_counter()  # one-article shards: each worker loads its model
            run_shards([str(warm)], Path(tmp) / "warm", settings, shard_size=1, client=client)
            t_warm = time.perf_counter() - t0
            runs = []
            size = max(1, -(-len(rows) // shards))
            for k in range(repeat):
                t0 = time.perf_counter()
                stats = run_shards([str(corpus)], Path(tmp) / f"run{k}", settings,
                                   shard_size=size, client=client)
                runs.append(time.perf_counter() - t0)
            rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        t0 = time.perf_counter()  # the one SQLite writer: shards into a new store
        load_shards(Path(tmp) / "run0", Path(tmp) / "store.db", settings)
        t_load = time.perf_counter() - t0
        db_bytes = (Path(tmp) / "store.db").stat().st_size
        parquet_bytes = sum(f.stat().st_size for f in (Path(tmp) / "run0").rglob("*.parquet"))
    return {"cluster_start_s": t_cluster, "warmup_s": t_warm, "runs_s": runs, "load_s": t_load,
            "db_bytes": db_bytes, "parquet_bytes": parquet_bytes,
            "shards": stats.shards, "articles": stats.rows.get("articles", 0),
            "worker_peak_rss_mib": sorted(rss.values()), "errors": stats.rows.get("errors", 0)}


def _spawn_dask(args: argparse.Namespace) -> dict:
    import subprocess

    cmd = [sys.executable, str(Path(__file__).resolve()), "--_dask", str(args.corpus),
           str(args.limit), str(args.repeat), str(args.shards)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p))
    print("[throughput] running dask ...", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("@@RESULT "):
            return json.loads(line[len("@@RESULT "):])
    raise RuntimeError(f"dask failed (rc {proc.returncode}):\n{proc.stderr[-3000:]}")


def report(results: dict, args: argparse.Namespace, chars: int) -> str:
    best = {k: min(v["runs_s"]) for k, v in results.items() if k not in ("cli", "load")}
    n = args.limit
    lines = [f"{n} articles ({chars:,} characters) from {args.corpus.name}; fastest of "
             f"{args.repeat} run(s) each; machine: {os.cpu_count()} CPUs; load average "
             f"{results['load'][0]:.1f} before, {results['load'][1]:.1f} after", "",
             "| what | seconds | articles/s | ratio |", "|---|---:|---:|---:|"]
    row = "| {} | {:.1f} | {:.2f} | {} |"
    lines.append(row.format("bare spaCy `nlp.pipe` (all stock components)", best["bare"], n / best["bare"], "1.00x"))
    lines.append(row.format("presstrace full, `-j1`", best["pt-1"], n / best["pt-1"],
                            f"{best['pt-1'] / best['bare']:.2f}x of bare"))
    cpu = {k: min(results[k]["cpu_s"]) for k in ("bare", "pt-1")}
    lines.append(f"| CPU seconds (not wall): bare spaCy → presstrace `-j1` | {cpu['bare']:.1f} → "
                 f"{cpu['pt-1']:.1f} | | {cpu['pt-1'] / cpu['bare']:.2f}x of bare |")
    lines.append(row.format("presstrace full, `-j2` (pool start included)", best["pt-2"], n / best["pt-2"],
                            f"{best['pt-1'] / best['pt-2']:.2f}x speed-up over -j1"))
    lines.append(row.format(f"Dask, 2 worker processes, {results['dask']['shards']} shards, Parquet",
                            best["dask"], n / best["dask"],
                            f"{best['pt-2'] / best['dask']:.2f}x the throughput of -j2"))
    dask = results["dask"]
    lines += ["", f"- Dask worker peak RSS: {', '.join(f'{m:.0f}' for m in dask['worker_peak_rss_mib'])} MiB; "
              f"`-j2` largest worker {results['pt-2']['peak_rss_children_mib']:.0f} MiB, "
              f"`-j1` process {results['pt-1']['peak_rss_mib']:.0f} MiB, "
              f"bare spaCy {results['bare']['peak_rss_mib']:.0f} MiB.",
              f"- Start-up: LocalCluster {dask['cluster_start_s']:.1f} s, then a model per worker "
              f"{dask['warmup_s']:.1f} s; `-j2` pool with a model per worker "
              f"{results['pt-2'].get('pool_start_s', 0):.1f} s.",
              f"- `presstrace analyze presstrace/samples/seed.txt`, fresh process: median "
              f"{results['cli']['median_s']:.2f} s of {len(results['cli']['runs_s'])}.",
              f"- `presstrace load` of the Dask run's shards into a new SQLite store: "
              f"{dask['load_s']:.1f} s ({n / dask['load_s']:.0f} articles/s, one writer); "
              f"{dask['parquet_bytes'] / n / 1024:.1f} KiB of Parquet and "
              f"{dask['db_bytes'] / n / 1024:.1f} KiB of SQLite per article.",
              f"- Per core: {n / best['pt-1']:.2f} articles/s with `-j1`, "
              f"{chars / best['pt-1']:,.0f} characters/s."]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--_dask"]:
        corpus, limit, repeat, shards = argv[1], int(argv[2]), int(argv[3]), int(argv[4])
        out = worker_dask(speed._read_articles(corpus, limit), repeat, shards)
        print("@@RESULT " + json.dumps(out))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=speed.DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200, help="articles (default: 200)")
    parser.add_argument("--shards", type=int, default=8, help="Dask shards (default: 8)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs; the fastest is kept")
    args = parser.parse_args(argv)
    rows = speed._read_articles(str(args.corpus), args.limit)
    args.limit = len(rows)
    before = os.getloadavg()[0]
    results = {v: speed._spawn(v, args) for v in ("bare", "pt-1", "pt-2")}
    results["dask"] = _spawn_dask(args)
    results["cli"] = speed._cold_cli(3)
    results["load"] = (before, os.getloadavg()[0])  # other users' jobs slow every wall time
    print(report(results, args, sum(len(r["text"]) for r in rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
