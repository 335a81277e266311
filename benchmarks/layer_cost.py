"""Time per pipeline component on real articles: each layer's share of the pipeline's time.

Runs every component of the presstrace pipeline on each article in turn (spaCy's own
components and presstrace's) and adds up the time spent in each, so the cost of one
layer can be read as a share of the whole.

Usage:
    python benchmarks/layer_cost.py [--corpus PATH] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from presstrace import build_pipeline, load_settings
from presstrace.components.common.doc import set_article_meta

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine_media_dev.jsonl"


def load_articles(path: Path, limit: int) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(limit), fh)]


def time_components(articles: list[dict]) -> dict[str, float]:
    """Seconds spent in the tokenizer and in each component, over all articles."""
    nlp = build_pipeline(load_settings())
    spent: dict[str, float] = defaultdict(float)
    for art in articles[:3]:  # warm-up: lazy loads (gazetteer, lexicons) stay out of the figures
        nlp(art["text"])
    for art in articles:
        start = time.perf_counter()
        doc = nlp.make_doc(art["text"])
        set_article_meta(doc, art.get("date"), art.get("id"))
        spent["tokenizer"] += time.perf_counter() - start
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - start
    return dict(spent)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args(argv)
    articles = load_articles(args.corpus, args.limit)
    spent = time_components(articles)
    total = sum(spent.values())
    chars = sum(len(a["text"]) for a in articles)
    print(f"{len(articles)} articles, {chars:,} characters, {total:.1f} s in the pipeline\n")
    print("| component | seconds | share |\n|---|---:|---:|")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {secs:.2f} | {secs / total:.1%} |")


if __name__ == "__main__":
    main()
