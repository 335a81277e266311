#!/usr/bin/env python3
"""Throughput and peak memory: bare spaCy against presstrace, on the same articles.

Each variant runs in its own fresh Python process so that its peak RSS
(`resource.getrusage(...).ru_maxrss`) is its own:

* bare      - `spacy.load(model)` and `nlp.pipe`, same model and batch size as presstrace;
* pt-1      - `presstrace.analyze_many(n_process=1)`: the full pipeline plus records;
* pt-2      - `presstrace.analyze_many(n_process=2)`; its peak RSS is given for the main
              process and for the largest worker (RUSAGE_CHILDREN).

Model loading is kept out of the throughput: each variant first analyses a few articles
(warm-up), then is timed over all of them `--repeat` times and the fastest run is kept.
`analyze_many(n_process=2)` starts its worker pool (forked from the process's loaded
pipeline where the platform allows, else each worker loads the model) on
every call, so its timed runs include that start; the cost is measured and shown apart.
Load times (`spacy.load`, `build_pipeline`) and a cold `python -m presstrace analyze` on
one article are measured in fresh processes too.

Usage:
    python benchmarks/speed.py [--corpus PATH] [--limit N] [--repeat R]
                               [--profile N] [--write docs/PERFORMANCE.md]

The default corpus is for measurement only: nothing read from it is written anywhere.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ukraine_media_dev.jsonl"
CLI_ARTICLE = REPO / "presstrace" / "samples" / "seed.txt"
WARMUP_ARTICLES = 8
VARIANTS = ("bare", "pt-1", "pt-2")
KEEP_MARKER = "<!-- speed.py keeps everything below this line when it rewrites the file -->"
LABELS = {"bare": "bare spaCy `nlp.pipe`",
          "pt-1": "presstrace `analyze_many(n_process=1)`",
          "pt-2": "presstrace `analyze_many(n_process=2)`"}


# --------------------------------------------------------------------------- workers
# Each runs in a child process started by `_spawn`, prints one JSON object and exits.

def _read_articles(corpus: str, limit: int) -> list[dict]:
    rows = []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if len(rows) >= limit:
                break
    return rows


def _peak_rss_mib(who: int) -> float:
    import resource

    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _to_articles(rows: list[dict]):
    from presstrace import Article

    return [Article(r["text"], id=r.get("id"), date=r.get("date"), source=r.get("source"),
                    title=r.get("title"), url=r.get("url")) for r in rows]


def _run_analyze_many(articles, n_process: int, settings) -> int:
    from presstrace import ArticleError, analyze_many

    errors = 0
    for result in analyze_many(articles, n_process=n_process, settings=settings):
        errors += isinstance(result, ArticleError)
    return errors


def worker_bare(rows: list[dict], repeat: int) -> dict:
    t0 = time.perf_counter()
    import spacy
    from presstrace import load_settings
    t_import = time.perf_counter() - t0

    settings = load_settings()
    batch_size = settings.get("pipeline", "batch_size")
    t0 = time.perf_counter()
    nlp = spacy.load(settings.get("model", "name"))
    t_load = time.perf_counter() - t0
    nlp.max_length = max(nlp.max_length, max(len(r["text"]) for r in rows) + 1)
    texts = [r["text"] for r in rows]
    for _ in nlp.pipe(texts[:WARMUP_ARTICLES], batch_size=batch_size):
        pass
    runs, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=batch_size):
            pass
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)  # CPU seconds: what other users' jobs change least
    return {"import_s": t_import, "load_s": t_load, "runs_s": runs, "cpu_s": cpu, "errors": 0}


def worker_pt(rows: list[dict], repeat: int, n_process: int) -> dict:
    t0 = time.perf_counter()
    from presstrace import load_settings
    t_import = time.perf_counter() - t0

    settings = load_settings()
    articles = _to_articles(rows)
    # Warm-up: with n_process=1 this also loads the pipeline, once, into the process cache.
    t0 = time.perf_counter()
    _run_analyze_many(articles[:WARMUP_ARTICLES], n_process, settings)
    t_warm = time.perf_counter() - t0
    out = {"import_s": t_import, "warmup_s": t_warm}
    if n_process > 1:
        # What one call pays before any real work: pool start (a model per worker if spawned),
        # and one short article each.
        from presstrace import Article
        probe = [Article("Start-up probe.", id=f"probe{k}") for k in range(n_process)]
        starts = []
        for _ in range(max(repeat, 2)):
            t0 = time.perf_counter()
            _run_analyze_many(probe, n_process, settings)
            starts.append(time.perf_counter() - t0)
        out["pool_start_s"] = min(starts)
    runs, cpu, errors = [], [], 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        errors = _run_analyze_many(articles, n_process, settings)
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)  # this process only (not -j2's workers)
    out.update(runs_s=runs, cpu_s=cpu, errors=errors)
    return out


def worker_load_pipeline() -> dict:
    """Cold `build_pipeline()` in a fresh process (imports timed apart)."""
    t0 = time.perf_counter()
    from presstrace import build_pipeline, load_settings
    t_import = time.perf_counter() - t0
    settings = load_settings()
    t0 = time.perf_counter()
    build_pipeline(settings)
    return {"import_s": t_import, "load_s": time.perf_counter() - t0}


def _is_under(filename: str, folder: str) -> bool:
    if not filename.startswith(("/", ".")):
        return False  # built-ins and compiled code: "~", "spacy/tokens/doc.pyx"
    return str(Path(filename).resolve()).startswith(folder + os.sep)


def worker_profile(rows: list[dict], top: int) -> dict:
    """cProfile over one warm `analyze_many(n_process=1)` run; presstrace functions only."""
    import cProfile
    import pstats

    import presstrace
    from presstrace import load_settings

    settings = load_settings()
    articles = _to_articles(rows)
    _run_analyze_many(articles[:WARMUP_ARTICLES], 1, settings)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    _run_analyze_many(articles, 1, settings)
    prof.disable()
    wall = time.perf_counter() - t0
    pkg = str(Path(presstrace.__file__).resolve().parent)
    stats = pstats.Stats(prof)
    total = stats.total_tt
    own = []
    for (filename, line, func), (cc, nc, tt, ct, _callers) in stats.stats.items():
        if not _is_under(filename, pkg):
            continue
        rel = os.path.relpath(Path(filename).resolve(), Path(pkg).parent)
        own.append({"function": f"{rel}:{line}({func})", "calls": nc,
                    "cum_s": ct, "self_s": tt})
    own.sort(key=lambda r: r["cum_s"], reverse=True)
    by_self = sorted(own, key=lambda r: r["self_s"], reverse=True)
    # Outside code (spaCy, the standard library) as called from presstrace functions:
    # where presstrace's cumulative time actually goes.
    called = []
    for (filename, line, func), (_cc, _nc, _tt, _ct, callers) in stats.stats.items():
        if _is_under(filename, pkg):
            continue
        nc = ct = 0
        for (cfile, _cl, _cf), (_ccc, cnc, _ctt, cct) in callers.items():
            if _is_under(cfile, pkg):
                nc, ct = nc + cnc, ct + cct
        if nc:
            called.append({"function": f"{Path(filename).name}:{line}({func})", "calls": nc, "cum_s": ct})
    called.sort(key=lambda r: r["cum_s"], reverse=True)
    return {"profiled_wall_s": wall, "profiled_total_s": total, "top_cum": own[:top],
            "top_self": by_self[:top], "top_called": called[:min(top, 8)],
            "self_sum_s": sum(r["self_s"] for r in own)}


def worker_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("variant")
    parser.add_argument("--corpus")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeat", type=int)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    if args.variant == "load-pipeline":
        out = worker_load_pipeline()
    else:
        rows = _read_articles(args.corpus, args.limit)
        if args.variant == "bare":
            out = worker_bare(rows, args.repeat)
        elif args.variant == "profile":
            out = worker_profile(rows, args.top)
        else:
            out = worker_pt(rows, args.repeat, n_process=int(args.variant.split("-")[1]))
    import resource

    out["peak_rss_mib"] = _peak_rss_mib(resource.RUSAGE_SELF)
    out["peak_rss_children_mib"] = _peak_rss_mib(resource.RUSAGE_CHILDREN)
    print("@@RESULT " + json.dumps(out))
    return 0


# --------------------------------------------------------------------------- driver

def _spawn(variant: str, args: argparse.Namespace, **extra) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_worker", variant,
           "--corpus", str(args.corpus), "--limit", str(args.limit), "--repeat", str(args.repeat)]
    for key, value in extra.items():
        cmd += [f"--{key}", str(value)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p))
    print(f"[speed] running {variant} ...", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("@@RESULT "):
            return json.loads(line[len("@@RESULT "):])
    raise RuntimeError(f"{variant} failed (rc {proc.returncode}):\n{proc.stderr[-3000:]}")


def _cold_cli(runs: int) -> dict:
    """Wall time of a fresh `python -m presstrace analyze` on one article."""
    times = []
    with tempfile.TemporaryFile("w+") as sink:
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "presstrace", "analyze", str(CLI_ARTICLE)],
                                  cwd=REPO, stdout=sink, stderr=subprocess.PIPE, text=True)
            times.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                return {"ok": False, "error": proc.stderr.strip().splitlines()[-1:]}
    return {"ok": True, "runs_s": times, "median_s": statistics.median(times)}


def _machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import spacy

    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": ram, "os": platform.platform(),
            "python": platform.python_version(), "spacy": spacy.__version__}


def _git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                              capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               text=True, capture_output=True, check=True).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _fmt_rss(res: dict, variant: str) -> str:
    if variant == "pt-2":
        return (f"{res['peak_rss_mib']:.0f} main + {res['peak_rss_children_mib']:.0f} "
                f"per worker (largest)")
    return f"{res['peak_rss_mib']:.0f}"


def render(results: dict, meta: dict) -> str:
    n, chars = meta["articles"], meta["chars"]
    bare_t = min(results["bare"]["runs_s"])
    lines = ["| variant | time (s) | articles/s | chars/s | time vs bare | peak RSS (MiB) |",
             "|---|---:|---:|---:|---:|---|"]
    for v in VARIANTS:
        r = results[v]
        t = min(r["runs_s"])
        lines.append(f"| {LABELS[v]} | {t:.1f} | {n / t:.2f} | {chars / t:,.0f} | "
                     f"{t / bare_t:.2f}x | {_fmt_rss(r, v)} |")
    return "\n".join(lines)


def render_loads(results: dict, cli: dict | None) -> str:
    b, lp, p2 = results["bare"], results["load-pipeline"], results["pt-2"]
    lines = ["| what | seconds |", "|---|---:|",
             f"| `import spacy` (fresh process) | {b['import_s']:.2f} |",
             f"| `spacy.load(\"{results['model']}\")` | {b['load_s']:.2f} |",
             f"| `import presstrace` (fresh process) | {lp['import_s']:.2f} |",
             f"| `presstrace.build_pipeline()` | {lp['load_s']:.2f} |",
             f"| `analyze_many(n_process=2)` start-up (pool, one tiny article each) "
             f"| {p2['pool_start_s']:.2f} |"]
    if cli and cli["ok"]:
        lines.append(f"| cold `python -m presstrace analyze presstrace/samples/seed.txt` "
                     f"(median of {len(cli['runs_s'])}) | {cli['median_s']:.2f} |")
    return "\n".join(lines)


FUNC = ("function (presstrace/…)", "function", "`{}`")
CALLS = ("calls", "calls", "{:,}")
CUM = ("cumulative (s)", "cum_s", "{:.2f}")
OWN = ("own (s)", "self_s", "{:.2f}")


def profile_table(rows: list[dict], columns: tuple) -> str:
    """A Markdown table of profile rows; each column is (heading, key, format)."""
    lines = ["| " + " | ".join(c[0] for c in columns) + " |", "|---|" + "---:|" * (len(columns) - 1)]
    for r in rows:
        lines.append("| " + " | ".join(fmt.format(r[key]) for _, key, fmt in columns) + " |")
    return "\n".join(lines)


def render_profile(prof: dict) -> str:
    return profile_table(prof["top_cum"], (FUNC, CALLS, CUM, OWN))


def render_profile_self(prof: dict) -> str:
    return profile_table(prof["top_self"], (FUNC, CALLS, OWN, CUM))


def render_profile_called(prof: dict) -> str:
    outside = ("outside function, called from presstrace code",) + FUNC[1:]
    return profile_table(prof["top_called"], (outside, CALLS, CUM))


def write_doc(path: Path, results: dict, meta: dict, cli: dict | None, prof: dict | None) -> None:
    m = meta["machine"]
    n, chars = meta["articles"], meta["chars"]
    p1, p2, bare = (min(results[v]["runs_s"]) for v in ("pt-1", "pt-2", "bare"))
    parts = [
        "# Performance",
        "",
        "Measured by `benchmarks/speed.py`; every number below comes from the run described here.",
        "Re-run it to refresh this file (see `benchmarks/README.md`).",
        "",
        "## Run",
        "",
        f"- Date: {meta['date']}",
        f"- Command (from the repository root): `{meta['command']}`",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram']} RAM; {m['os']}",
        f"- Python {m['python']}, spaCy {m['spacy']}, model `{results['model']}`; "
        f"presstrace at {meta['git']}",
        f"- Corpus: `{meta['corpus_name']}` (measurement only), the first {n} articles, "
        f"{chars:,} characters (mean {chars / n:,.0f} per article)",
        f"- Each variant in its own process; {WARMUP_ARTICLES} warm-up articles first; fastest "
        f"of {meta['repeat']} timed run(s); batch size {meta['batch_size']}.",
        "",
        "## Throughput and memory",
        "",
        render(results, meta),
        "",
        f"presstrace with one process takes **{p1 / bare:.2f}x** the time of bare spaCy on the "
        f"same model and articles; with `n_process=2` it takes {p2 / bare:.2f}x "
        f"(a speed-up of {p1 / p2:.2f}x over one process on this {m['nproc']}-CPU machine).",
        "",
        "Notes:",
        "",
        "- Time excludes model loading for `bare` and `n_process=1`. `analyze_many(n_process=2)` "
        "starts a new worker pool on every call, so its time includes that start "
        f"({results['pt-2']['pool_start_s']:.1f} s, below); long streams amortise it.",
        "- Peak RSS is `ru_maxrss` of the variant's own process. For `n_process=2` the main "
        "process holds the articles and results while each worker holds a model; "
        "RUSAGE_CHILDREN gives the largest single worker, so the total is roughly "
        f"main + 2 × worker ≈ {results['pt-2']['peak_rss_mib'] + 2 * results['pt-2']['peak_rss_children_mib']:.0f} MiB.",
        f"- Errors reported: presstrace n_process=1: {results['pt-1']['errors']}, "
        f"n_process=2: {results['pt-2']['errors']}.",
        "",
        "## Load time",
        "",
        render_loads(results, cli),
    ]
    if cli is not None and not cli["ok"]:
        parts += ["", f"The cold CLI run failed and was skipped: {' '.join(cli['error'])}"]
    if prof:
        parts += [
            "",
            "## Profile",
            "",
            f"cProfile over one warm `analyze_many(n_process=1)` run on the same {n} articles "
            f"({prof['profiled_wall_s']:.1f} s wall under the profiler, which slows Python code "
            f"more than spaCy's compiled code). Presstrace-owned functions by cumulative time; "
            f"cumulative time includes spaCy work called from them (for example the whole "
            f"`nlp.pipe` inside `_run_batch`):",
            "",
            render_profile(prof),
            "",
            f"By own time (time inside the function body itself; all presstrace functions "
            f"together: {prof['self_sum_s']:.2f} s of {prof['profiled_total_s']:.1f} s):",
            "",
            render_profile_self(prof),
            "",
            "Where that time goes: code outside presstrace (compiled spaCy code is named by its "
            "`.pyx` file) by cumulative time of the calls made from presstrace functions:",
            "",
            render_profile_called(prof),
            "",
            "Generator functions count each resumption as a call.",
        ]
    text = "\n".join(parts) + "\n"
    # Hand-written notes below the marker survive a rewrite.
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if KEEP_MARKER in old:
            text += "\n" + KEEP_MARKER + old.split(KEEP_MARKER, 1)[1]
    else:
        text += "\n" + KEEP_MARKER + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_worker"]:
        return worker_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="JSONL with a `text` field per line (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=200, help="articles to use (default: 200)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per variant; the fastest is kept")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also cProfile presstrace and list its top N functions")
    parser.add_argument("--no-cli", action="store_true", help="skip the cold CLI timing")
    parser.add_argument("--write", type=Path, metavar="PATH", help="write a Markdown report there")
    args = parser.parse_args(argv)
    args.corpus = args.corpus.resolve()
    if args.limit < 1 or args.repeat < 1:
        parser.error("--limit and --repeat must be positive")

    rows = _read_articles(str(args.corpus), args.limit)
    from presstrace import load_settings

    settings = load_settings()
    meta = {"articles": len(rows), "chars": sum(len(r["text"]) for r in rows),
            "repeat": args.repeat, "batch_size": settings.get("pipeline", "batch_size"),
            "corpus_name": args.corpus.name,
            "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "command": "python benchmarks/speed.py " + shlex.join(argv), "git": _git_state(),
            "machine": _machine()}
    results = {"model": settings.get("model", "name")}
    for variant in ("load-pipeline", *VARIANTS):
        results[variant] = _spawn(variant, args)
    cli = None
    if not args.no_cli:
        print("[speed] running cold CLI ...", file=sys.stderr, flush=True)
        cli = _cold_cli(max(3, args.repeat))
    prof = _spawn("profile", args, top=args.profile) if args.profile else None

    print(render(results, meta))
    print()
    print(render_loads(results, cli))
    if cli is not None and not cli["ok"]:
        print(f"\ncold CLI run failed, skipped: {' '.join(cli['error'])}")
    if prof:
        print()
        print(render_profile(prof))
        print()
        print(render_profile_called(prof))
    if args.write:
        write_doc(args.write, results, meta, cli, prof)
        print(f"\nwrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
