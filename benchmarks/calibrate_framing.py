"""Fit and check the confidence of framing items on PTC-2020.

An item's confidence is the span precision its class had on the tune part of the PTC-2020
dev split (SemEval-2020 Task 11's partial-overlap precision of its spans against every gold
span, as `score.py techniques` counts it). A class is the technique, the rule that found
the item, its voice and its sentence kind (`presstrace/components/framing/item_class.py`),
nested coarsest first; each level's precision is smoothed toward its parent's with SMOOTHING
pseudo-items (additive smoothing, the Laplace rule with the parent's precision as prior;
the technique level leans on all items'). A calibration table, not a model: PTC's licence
forbids shipping a model trained on it.

`--write` analyses the tune part and writes `presstrace/data/framing_confidence.tsv`;
`--check` reports span P/R/F1 and span+technique F1 on the tune and check parts for all
items and for the confident ones (confidence at least 0.5, what the views show by default),
the precision/recall curve over confidence thresholds, and each technique's precision.

Usage:
    python benchmarks/calibrate_framing.py --write
    python benchmarks/calibrate_framing.py --check [--pred-dir DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
PTC = EVAL / "techniques" / "ptc2020_train"
TABLE = ROOT / "presstrace" / "data" / "framing_confidence.tsv"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(EVAL))

from score import score_techniques, semeval_prf  # noqa: E402

from presstrace.components.framing.confidence import CONFIDENT, UNMEASURED  # noqa: E402
from presstrace.components.framing.item_class import levels  # noqa: E402

HEADER = """# Span precision of each class of framing item on the PTC-2020 tune part (SemEval-2020 Task 11
# partial overlap against every gold span), smoothed toward the coarser class with {m} pseudo-items:
# fitted by benchmarks/calibrate_framing.py. A calibration table, not a trained model.
# Data: ../shared (measurement only, not shipped). Below 0.5 an item is experimental.
# Class: technique|rule|voice|sentence kind, coarsest first (components/framing/item_class.py).
# Columns: class, confidence, items predicted.
"""
SMOOTHING = 10
THRESHOLDS = (0.0, 0.3, 0.35, 0.4, 0.42, 0.45, 0.48, 0.5, 0.55, 0.6)


def analyse(part: str, out_dir: Path) -> Path:
    """presstrace's JSON Lines for one PTC part, as a user would run it."""
    out = out_dir / f"{part}.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "presstrace", "analyze", "--format", "jsonl",
                        str(PTC / f"{part}.jsonl")], check=True, stdout=fh, cwd=ROOT)
    return out


def read(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def per_technique(gold: dict, pred: dict) -> dict[str, tuple[float, int]]:
    """Technique -> (span precision, spans predicted)."""
    hit: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for did, g in gold.items():
        golds = [(t["start"], t["end"]) for t in g.get("techniques", [])]
        spans: dict[str, list] = defaultdict(list)
        for f in pred.get(did, {}).get("framing", []):
            spans[f["technique"]].append((f["start"], f["end"]))
        for technique, pp in spans.items():
            hit[technique] += semeval_prf(pp, golds)[0]
            count[technique] += len(pp)
    return {t: (hit[t] / count[t], count[t]) for t in count}


def per_class(gold: dict, pred: dict) -> dict[str, list[float]]:
    """Class key -> [precision summed over its items, items], at every level of each item."""
    found: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for did, g in gold.items():
        golds = [(t["start"], t["end"]) for t in g.get("techniques", [])]
        for f in pred.get(did, {}).get("framing", []):
            if f["technique"] in UNMEASURED:
                continue
            hit = semeval_prf([(f["start"], f["end"])], golds)[0]
            for key in levels(f["technique"], f.get("found_by"), f.get("voice"), g["text"], f["end"]):
                found[key][0] += hit
                found[key][1] += 1
    return found


def smoothed(found: dict[str, list[float]]) -> dict[str, float]:
    """Each class's precision with SMOOTHING pseudo-items at its parent's (smoothed) figure."""
    tops = [v for k, v in found.items() if "|" not in k]
    overall = sum(h for h, _ in tops) / max(sum(n for _, n in tops), 1)
    out: dict[str, float] = {}
    for key in sorted(found, key=lambda k: k.count("|")):
        prior = out[key.rsplit("|", 1)[0]] if "|" in key else overall
        hit, n = found[key]
        out[key] = (hit + SMOOTHING * prior) / (n + SMOOTHING)
    return out


def confident_only(pred: dict, threshold: float = CONFIDENT) -> dict:
    keep = lambda f: f.get("confidence") is None or f["confidence"] >= threshold  # noqa: E731
    return {did: {**d, "framing": [f for f in d["framing"] if keep(f)]} for did, d in pred.items()}


def write(pred_dir: Path) -> None:
    found = per_class(read(PTC / "tune.jsonl"), read(analyse("tune", pred_dir)))
    figures = smoothed(found)
    rows = [f"{k}\t{figures[k]:.3f}\t{found[k][1]}" for k in sorted(found)]
    TABLE.write_text(HEADER.format(m=SMOOTHING) + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {TABLE} ({len(rows)} classes)")


def curve(part: str, gold: dict, pred: dict) -> None:
    """Span P/R/F1 and span+technique F1 of the items at or above each confidence threshold."""
    for threshold in THRESHOLDS:
        s = score_techniques(gold, confident_only(pred, threshold))
        print(f"{part:5} confidence >= {threshold:.2f}  span P {s['span']['precision']:.3f} "
              f"R {s['span']['recall']:.3f} F1 {s['span']['f1']:.3f}  span+technique F1 "
              f"{s['span_and_technique']['f1']:.3f}  predicted {s['predicted']}")


def check(pred_dir: Path, reuse: bool) -> None:
    precision = {}
    for part in ("tune", "check"):
        gold = read(PTC / f"{part}.jsonl")
        pred = read(pred_dir / f"{part}.jsonl" if reuse else analyse(part, pred_dir))
        for name, p in (("all", pred), ("confident", confident_only(pred))):
            s = score_techniques(gold, p)
            print(f"{part:5} {name:9} span P {s['span']['precision']:.4f} R {s['span']['recall']:.4f} "
                  f"F1 {s['span']['f1']:.4f}  span+technique F1 {s['span_and_technique']['f1']:.4f}  "
                  f"predicted {s['predicted']}")
        precision[part] = per_technique(gold, pred)
        curve(part, gold, pred)
    for t in sorted(precision["tune"], key=lambda t: -precision["tune"][t][1]):
        tune, check_ = precision["tune"][t], precision["check"].get(t, (float("nan"), 0))
        print(f"  {t:28} tune {tune[0]:.3f} ({tune[1]})  check {check_[0]:.3f} ({check_[1]})")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="fit the table on the tune part")
    mode.add_argument("--check", action="store_true", help="report all and confident items, tune and check")
    ap.add_argument("--pred-dir", type=Path, help="read (with --check) or keep presstrace's output here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        pred_dir = args.pred_dir or Path(tmp)
        reuse = args.check and args.pred_dir is not None and (pred_dir / "tune.jsonl").exists()
        write(pred_dir) if args.write else check(pred_dir, reuse)


if __name__ == "__main__":
    main()
