#!/usr/bin/env python3
"""Throughput in one run, on the same real articles (the first N of the corpus): the
figures issue #21 judges presstrace's speed by, as ratios.

1. Whole processes, start-up included: a bare stock spaCy process (`spacy.load`, then
   `nlp.pipe` over the texts) against `presstrace analyze --format jsonl` (written to
   /dev/null), on `--bare-limit` articles, run alternately.
2. `presstrace analyze -j1` against `-j2`, whole processes, on each of `--sizes`.
3. Dask with two worker processes against `analyze_many(n_process=2)`: the engine's own
   LocalCluster (`runners.dask.open_client`: two workers of one thread, forked from the
   loaded pipeline where the platform allows), warmed on one-article shards, then `run_shards` timed
   over the articles cut into shards and written as Parquet; `-j2` is `speed.py`'s pt-2
   worker (its pool start included, its parent warm).
4. The start-up of `presstrace analyze` on one article (fresh process, median of 3).

Each whole process is timed by wall clock and by CPU seconds (user + system of it and its
workers, from `os.wait4`): on a machine shared with other jobs the CPU seconds are the
steadier figure. Peak memory is the largest resident set of the process or any worker.

Usage:
    python benchmarks/throughput.py [--corpus PATH] [--bare-limit 100] [--sizes 200,600]
                                    [--limit 200] [--shards 25] [--repeat R] [--write FILE]

`--write docs/PERFORMANCE.md` puts the report in that file between this script's markers
(appended once when they are missing). The default corpus is for measurement only: its
articles go to temporary files that are removed, and only figures are written.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # noqa: E402  (the shared workers)

REPO = speed.REPO
START = "<!-- throughput.py: start -->"
END = "<!-- throughput.py: end -->"
BARE = """import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
nlp.max_length = 2_000_001
texts = (json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8"))
for _ in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
"""


def run_process(cmd: list[str]) -> dict:
    """Wall and CPU seconds and peak RSS (MiB) of one process and the workers it waited for."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (rc {proc.returncode}):\n{stderr.decode()[-3000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}


def alternate(cmds: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    """Run the commands in turn, `repeat` rounds; the fastest run of each (and its load)."""
    runs: dict[str, list[dict]] = {name: [] for name in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            print(f"[throughput] {name} ...", file=sys.stderr, flush=True)
            load = os.getloadavg()[0]
            runs[name].append({**run_process(cmd), "load": load})
    return {name: {"wall_s": min(r["wall_s"] for r in rs), "cpu_s": min(r["cpu_s"] for r in rs),
                   "rss_mib": max(r["rss_mib"] for r in rs), "load": [r["load"] for r in rs]}
            for name, rs in runs.items()}


def analyze_cmd(path: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "presstrace", "analyze", "--format", "jsonl", "-j", str(jobs), str(path)]


def bare_cmd(path: Path, model: str, batch_size: int) -> list[str]:
    return [sys.executable, "-c", BARE, model, str(path), str(batch_size)]


def whole_processes(rows: list[dict], args: argparse.Namespace, tmp: Path) -> dict:
    """Sections 1 and 2: bare against presstrace, and -j1 against -j2, as whole processes."""
    from presstrace import load_settings

    settings = load_settings()
    model, batch = settings.get("model", "name"), settings.get("pipeline", "batch_size")
    out = {}
    for n in sorted({args.bare_limit, *args.sizes}):
        path = tmp / f"first{n}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows[:n]), encoding="utf-8")
        cmds = {}
        if n == args.bare_limit:
            cmds["bare"] = bare_cmd(path, model, batch)
        cmds["j1"] = analyze_cmd(path, 1)
        if n in args.sizes:
            cmds["j2"] = analyze_cmd(path, 2)
        out[n] = alternate(cmds, args.repeat)
    return out


def worker_dask(rows: list[dict], repeat: int, shards: int) -> dict:
    """Time `run_shards` on a warm two-worker LocalCluster; peak RSS of each worker."""
    import resource

    from presstrace import load_settings
    from presstrace.runners.dask import open_client, run_shards
    from presstrace.runners.load import load_shards

    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text("".join(json.dumps(r) + "\n" for r in rows[:4]), encoding="utf-8")
        t0 = time.perf_counter()  # the engine's own cluster: workers forked from its pipeline
        client, cluster = open_client(2, None, settings)
        with cluster, client:
            client.wait_for_workers(2)
            t_cluster = time.perf_counter() - t0
            t0 = time.perf_counter()  # one-article shards: what a worker still loads on first use
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


def report(results: dict, args: argparse.Namespace) -> str:
    """The ratio table and the notes under it, in Markdown."""
    whole, n_bare = results["whole"], args.bare_limit
    bare, pt = whole[n_bare]["bare"], whole[n_bare]["j1"]
    lines = [f"`python benchmarks/throughput.py --repeat {args.repeat}` at {results['git']}, "
             f"{results['date']}; the first articles of {args.corpus.name}; machine: "
             f"{os.cpu_count()} CPUs; load average {results['load'][0]:.1f} before, "
             f"{results['load'][1]:.1f} after; fastest of {args.repeat} run(s) each.", "",
             "| what | wall (s) | CPU (s) | ratio (wall) | ratio (CPU) | goal |",
             "|---|---:|---:|---:|---:|---|"]
    row = "| {} | {:.1f} | {:.1f} | {} | {} | {} |"
    lines.append(row.format(f"bare spaCy process, {n_bare} articles", bare["wall_s"], bare["cpu_s"],
                            "1.00x", "1.00x", ""))
    lines.append(row.format(f"`presstrace analyze` process, {n_bare} articles", pt["wall_s"], pt["cpu_s"],
                            f"{pt['wall_s'] / bare['wall_s']:.2f}x of bare",
                            f"{pt['cpu_s'] / bare['cpu_s']:.2f}x of bare", "≤ 1.00x"))
    for n in args.sizes:
        j1, j2 = whole[n]["j1"], whole[n]["j2"]
        lines.append(row.format(f"`presstrace analyze -j1`, {n} articles", j1["wall_s"], j1["cpu_s"], "", "", ""))
        lines.append(row.format(f"`presstrace analyze -j2`, {n} articles", j2["wall_s"], j2["cpu_s"],
                                f"{j1['wall_s'] / j2['wall_s']:.2f}x speed-up", "",
                                "≥ 1.8x" if n >= 600 else "≥ 1.6x"))
    dask, pt2 = results["dask"], results["pt-2"]
    t_dask, t_pt2 = min(dask["runs_s"]), min(pt2["runs_s"])
    lines.append(row.format(f"`analyze_many(n_process=2)`, {args.limit} articles (pool start included)",
                            t_pt2, float("nan"), "", "", "").replace("nan", "–"))
    lines.append(row.format(f"Dask, 2 worker processes, {dask['shards']} shards, Parquet, {args.limit} articles",
                            t_dask, float("nan"), f"{t_pt2 / t_dask:.2f}x the throughput of -j2", "",
                            "≥ 0.95x").replace("nan", "–"))
    rss = [whole[n]["j2"]["rss_mib"] for n in args.sizes]
    lines += ["", f"- Peak memory: bare spaCy {bare['rss_mib']:.0f} MiB, `presstrace analyze` {pt['rss_mib']:.0f} MiB; "
              f"the largest process of a `-j2` run (parent or worker) {max(rss):.0f} MiB; Dask workers "
              f"{', '.join(f'{m:.0f}' for m in dask['worker_peak_rss_mib'])} MiB (goal ≤ 800 MiB per worker).",
              f"- `presstrace analyze presstrace/samples/seed.txt`, fresh process: median "
              f"{results['cli']['median_s']:.2f} s of {len(results['cli']['runs_s'])} (goal ≤ 1.5 s).",
              f"- Dask: LocalCluster start (the pipeline loaded once, workers forked from it) "
              f"{dask['cluster_start_s']:.1f} s, then one-article warm-up shards "
              f"{dask['warmup_s']:.1f} s (neither in its time; `-j2`'s pool start is in its time: "
              f"{pt2.get('pool_start_s', 0):.2f} s alone); `presstrace load` of its shards: "
              f"{dask['load_s']:.1f} s, {dask['parquet_bytes'] / args.limit / 1024:.1f} KiB of Parquet and "
              f"{dask['db_bytes'] / args.limit / 1024:.1f} KiB of SQLite per article.",
              "- Load average when each whole-process run started: " + "; ".join(
                  f"{name} ({n}) {', '.join(f'{x:.1f}' for x in r['load'])}"
                  for n, runs in sorted(whole.items()) for name, r in runs.items()) + "."]
    return "\n".join(lines)


def write_report(path: Path, text: str) -> None:
    """Put `text` between the markers in `path`, or append it with them."""
    doc = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{START}\n## Throughput (benchmarks/throughput.py)\n\n{text}\n{END}"
    if START in doc and END in doc:
        doc = doc[:doc.index(START)] + block + doc[doc.index(END) + len(END):]
    else:
        doc = doc.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(doc, encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--_dask"]:
        corpus, limit, repeat, shards = argv[1], int(argv[2]), int(argv[3]), int(argv[4])
        out = worker_dask(speed._read_articles(corpus, limit), repeat, shards)
        print("@@RESULT " + json.dumps(out))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=speed.DEFAULT_CORPUS)
    parser.add_argument("--bare-limit", type=int, default=100, help="articles for bare vs presstrace (100)")
    parser.add_argument("--sizes", default="200,600", help="article counts for -j1 vs -j2 (200,600)")
    parser.add_argument("--limit", type=int, default=200, help="articles for Dask vs -j2 (200)")
    # 25 shards of 200 articles are tasks of 8 articles, the size of -j2's tasks, so the two
    # engines are compared on the same granularity (8 shards left one worker idle while the
    # other ran the last 25-article shard: 0.93x in the same hour where 25 gave 0.96x).
    parser.add_argument("--shards", type=int, default=25, help="Dask shards (default: 25)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs; the fastest is kept")
    parser.add_argument("--write", type=Path, help="put the report in this Markdown file")
    args = parser.parse_args(argv)
    args.sizes = sorted(int(n) for n in args.sizes.split(","))
    rows = speed._read_articles(str(args.corpus), max(args.bare_limit, args.limit, *args.sizes))
    before = os.getloadavg()[0]
    results = {"git": speed._git_state(), "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    with tempfile.TemporaryDirectory() as tmp:
        results["whole"] = whole_processes(rows, args, Path(tmp))
    results["pt-2"] = speed._spawn("pt-2", args)
    results["dask"] = _spawn_dask(args)
    results["cli"] = speed._cold_cli(3)
    results["load"] = (before, os.getloadavg()[0])  # other users' jobs slow every wall time
    text = report(results, args)
    print(text)
    if args.write:
        write_report(args.write, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
