"""The demo's stories: does the bundled sample, ingested as `make demo` ingests it, make
stories of two or more articles, and of both presidencies?

Ingests presstrace/samples/seed.txt and ua_ru_press_sample.jsonl into a new store (about
10–20 s on one core, too slow for tests/; tests/test_demo_sample.py checks the words alone),
then lists the stories of two or more articles as `presstrace stories` gives them. Exits
1 when no story has articles from two sources.

Usage:
    .venv/bin/python benchmarks/demo_sample.py [--jobs N]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "presstrace" / "samples"
PRESSTRACE = [sys.executable, "-m", "presstrace"]


def demo_stories(db: Path, jobs: int) -> list[dict]:
    subprocess.run(PRESSTRACE + ["ingest", "--db", str(db), "-j", str(jobs), "--quiet",
                                 str(SAMPLES / "seed.txt"),
                                 str(SAMPLES / "ua_ru_press_sample.jsonl")], check=True)
    out = subprocess.run(PRESSTRACE + ["stories", "--db", str(db)], check=True,
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="presstrace-demo-") as tmp:
        start = time.perf_counter()
        stories = demo_stories(Path(tmp) / "demo.db", args.jobs)
        seconds = time.perf_counter() - start
    several = [s for s in stories if len(s["articles"]) > 1]
    both = [s for s in several if len(s["sources"]) > 1]
    for s in several:
        print(f"{s['story']:>5} {len(s['articles'])} articles, {len(s['sources'])} sources, "
              f"{s['first']}..{s['last']}: {s['title'][:70]}")
    print(f"{len(stories)} stories, {len(several)} of two or more articles, {len(both)} with "
          f"two or more sources ({seconds:.1f} s ingest and stories)")
    return 0 if both else 1


if __name__ == "__main__":
    sys.exit(main())
