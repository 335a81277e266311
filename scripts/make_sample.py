#!/usr/bin/env python3
"""Pick the bundled sample of press releases, reproducibly.

Reads the CC BY 4.0 corpus of Kremlin and Office of the President of Ukraine releases and
writes 30 of them, unchanged, to presstrace/samples/ua_ru_press_sample.jsonl:

* 15 articles from each source;
* only texts between MIN_CHARS and MAX_CHARS characters;
* spread over the corpus's dates: each source's candidates, sorted by (date, id), are cut
  into 15 consecutive slices of (nearly) equal size, and one article is taken per slice;
* within a slice, the article with the most direct-quote marks wins (ties: the lower id),
  so the sample favours texts with quotes without leaving any period out.

There is no randomness: the same corpus always gives the same sample.

Usage:
    python scripts/make_sample.py [--corpus PATH] [--out PATH]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ua_ru_press.jsonl"
DEFAULT_OUT = REPO / "presstrace" / "samples" / "ua_ru_press_sample.jsonl"
# The only corpus whose texts may be shipped; the news corpus is copyrighted.
ALLOWED_CORPUS_NAME = "ua_ru_press.jsonl"

PER_SOURCE = 15
MIN_CHARS = 1500
MAX_CHARS = 6000
OPENING_QUOTES = ("\u201c", "\u00ab")  # “ «
STRAIGHT_QUOTE = '"'


def quote_marks(text: str) -> int:
    """A rough count of direct quotes: opening curly quotes plus pairs of straight ones."""
    return sum(text.count(q) for q in OPENING_QUOTES) + text.count(STRAIGHT_QUOTE) // 2


def pick(rows: list[dict], per_source: int = PER_SOURCE) -> list[dict]:
    """`per_source` rows per source, spread over dates, preferring quoted texts."""
    chosen = []
    for source in sorted({row["source"] for row in rows}):
        pool = sorted((row for row in rows if row["source"] == source
                       and MIN_CHARS <= len(row["text"]) <= MAX_CHARS),
                      key=lambda row: (row["date"], row["id"]))
        if len(pool) < per_source:
            raise SystemExit(f"only {len(pool)} candidates from {source!r}; need {per_source}")
        for k in range(per_source):
            part = pool[k * len(pool) // per_source:(k + 1) * len(pool) // per_source]
            chosen.append(min(part, key=lambda row: (-quote_marks(row["text"]), row["id"])))
    return sorted(chosen, key=lambda row: (row["date"], row["id"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.corpus.name != ALLOWED_CORPUS_NAME:
        parser.error(f"only {ALLOWED_CORPUS_NAME} (CC BY 4.0) may be sampled for shipping")

    with args.corpus.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    sample = pick(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        for row in sample:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    quoted = sum(quote_marks(row["text"]) > 0 for row in sample)
    print(f"wrote {len(sample)} articles ({quoted} with quote marks, "
          f"{sample[0]['date']} to {sample[-1]['date']}) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
