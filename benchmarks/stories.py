"""Story clustering on the gold sets (AllSides roundups, BASIL), with and without dates.

Each part (`tune`: fit settings on it; `check`: held out, only reported) of each gold set
is ingested into its own store under --workdir (kept between runs; a second run skips the
ingest), once as it is and once with `date` removed from every line; then `presstrace
stories --rebuild` writes the stories and ../shared/eval/score.py scores them (BCubed and
pair F1). `--sweep` also tries a range of thresholds in process on the tune part and
prints one line per threshold.

Usage:
    python benchmarks/stories.py [--workdir /tmp/presstrace-stories] [--parts tune check]
                                 [--sweep] [--threshold T]
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score.py"
GOLD = {"AllSides": EVAL / "stories" / "allsides_roundups",
        "BASIL": EVAL / "stories" / "basil"}
PRESSTRACE = [sys.executable, "-m", "presstrace"]


def without_dates(src: Path, dst: Path) -> None:
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for line in fin:
            if line.strip():
                row = json.loads(line)
                row.pop("date", None)
                fout.write(json.dumps(row) + "\n")


def build_store(gold: Path, work: Path, key: str, dated: bool) -> Path:
    """The store of one gold file (`key` names it), ingested once and kept."""
    db = work / f"{key}{'' if dated else '-nodate'}.db"
    if db.exists():
        return db
    source = gold
    if not dated:
        source = work / f"{key}-nodate.jsonl"
        without_dates(gold, source)
    subprocess.run([*PRESSTRACE, "ingest", str(source), "--db", str(db), "-j", "2", "--quiet"],
                   check=True, cwd=ROOT)
    return db


def score(gold: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), "stories", str(gold), str(pred), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def _scorer():
    spec = importlib.util.spec_from_file_location("eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sweep(db: Path, gold: Path, thresholds: list[float], dated: bool) -> None:
    """Score each threshold in process (no store writes): the tuning loop.

    Varies `threshold` for a dated store and `undated_threshold` for an undated one.
    """
    sys.path.insert(0, str(ROOT))
    from presstrace.store import db as store_db
    from presstrace.corpus.stories import StoryParams, cluster, load_docs

    scorer = _scorer()
    gold_rows = scorer.load(str(gold))
    conn = store_db.open_store(db, create=False)
    input_ids = {r[0]: str(r[1]) for r in conn.execute("SELECT id, input_id FROM articles")}
    docs = load_docs(conn, StoryParams())
    name = "threshold" if dated else "undated_threshold"
    for t in thresholds:
        params = dataclasses.replace(StoryParams(), **{name: t})
        placed = cluster(docs, params)
        groups: dict[int, list[str]] = {}
        for aid, (key, _) in placed.items():
            groups.setdefault(key, []).append(input_ids[aid])
        pred = {k: {"story": k, "articles": ids} for k, ids in groups.items()}
        result = scorer.score_stories(gold_rows, pred)
        print(f"  {name} {t:.2f}: BCubed F1 {result['bcubed']['f1']:.4f}  "
              f"pair F1 {result['pairs']['f1']:.4f}  stories {result['predicted_stories']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default="/tmp/presstrace-stories")
    parser.add_argument("--parts", nargs="+", default=["tune", "check"], choices=["tune", "check"],
                        help="Which parts to score (settings are fitted on tune only).")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--threshold", type=float, help="Passed to presstrace stories.")
    parser.add_argument("--undated-threshold", type=float, help="Passed to presstrace stories.")
    parser.add_argument("--embeddings", action="store_true",
                        help="Passed to presstrace stories (needs the embeddings extra).")
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    for (name, folder), part in ((g, p) for g in GOLD.items() for p in args.parts):
        gold, key = folder / f"{part}.jsonl", f"{folder.name}-{part}"
        for dated in (True, False):
            db = build_store(gold, work, key, dated)
            pred = work / f"{db.stem}.stories.jsonl"
            command = [*PRESSTRACE, "stories", "--db", str(db), "--format", "jsonl", "--rebuild",
                       "--out", str(pred)]
            if args.threshold is not None:
                command += ["--threshold", str(args.threshold)]
            if args.undated_threshold is not None:
                command += ["--undated-threshold", str(args.undated_threshold)]
            if args.embeddings:
                command.append("--embeddings")
            started = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
            seconds = time.perf_counter() - started
            result = score(gold, pred)
            label = "with dates" if dated else "dates removed"
            print(f"{name} {part} ({label}): BCubed P/R/F1 {result['bcubed']['precision']:.4f}/"
                  f"{result['bcubed']['recall']:.4f}/{result['bcubed']['f1']:.4f}  pair F1 "
                  f"{result['pairs']['f1']:.4f}  stories {result['predicted_stories']} "
                  f"(gold {result['gold_stories']})  {seconds:.1f} s")
            if args.sweep and part == "tune":
                sweep(db, gold, [0.04, 0.06, 0.08, 0.1, 0.12, 0.15] if dated
                      else [0.15, 0.2, 0.25, 0.3, 0.35], dated)


if __name__ == "__main__":
    main()
