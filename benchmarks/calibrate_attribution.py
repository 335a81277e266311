"""Fit and check the confidence of quote speakers and claim sources.

Fits `presstrace/data/attribution_confidence.tsv` on the tune part of PolNeAR (for each way
of finding a speaker or source and each kind of mention: how often the mention is the one
the gold attributes) and on the real-news quote gold (how often a name found through a
name or a resolved pronoun names the right person, given the right mention). `--check`
reports calibration instead: mean confidence against the share right, in bins, on PolNeAR's
check part and on the real-news gold.

Usage:
    python benchmarks/calibrate_attribution.py --write   # fit on tune, write the table
    python benchmarks/calibrate_attribution.py --check   # calibration with the shipped table
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine_media_dev.jsonl"
TABLE = ROOT / "presstrace" / "data" / "attribution_confidence.tsv"
MIN_ITEMS = 20  # a class seen fewer times takes its way of finding's, or its layer's, pooled figure
HEADER = """# How often a quote speaker or claim source found in each way, with each kind of mention,
# was right: fitted by benchmarks/calibrate_attribution.py on PolNeAR's tune part (is the
# mention the attribution's) times the real-news quote gold (does a name or resolved pronoun
# name the right person). Data: ../shared/eval (measurement only, not shipped); these are
# figures measured on it. Columns: layer, how, mention ("*": pooled), confidence, items.
"""


def scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def analyse(path: Path, encode: bool) -> dict[str, dict]:
    """presstrace's output for a JSON Lines file, by id; with `encode`, each confidence is
    replaced by the index of its evidence class in `classes` (returned under "_classes")."""
    from presstrace import analyze_many, load_settings, read_inputs
    from presstrace.components.attribution import confidence

    classes: list[tuple[str, str, str]] = []
    real = confidence._lookup
    if encode:
        def code(layer: str, how: str, mention: str) -> float:
            if (layer, how, mention) not in classes:
                classes.append((layer, how, mention))
            return float(classes.index((layer, how, mention)))
        confidence._lookup = code
    try:
        settings = load_settings()
        out = {r.id: r.to_dict() for r in analyze_many(read_inputs([str(path)], settings=settings), settings=settings)}
    finally:
        confidence._lookup = real
    out["_classes"] = classes
    return out


def polnear_items(gold_path: Path, pred: dict, score) -> list[tuple[str, float, bool]]:
    """(layer, confidence or class code, mention right) for matched quotes and claims."""
    items = []
    for did, g in score.load(gold_path).items():
        p = pred.get(did) or {}
        items += [("quote", c, r) for c, r in _quote_items(g, p, score)]
        items += [("claim", c, r) for c, r in _claim_items(g, p, score)]
    return items


def _sources(a: dict) -> list:
    """The gold attribution's source spans."""
    if a.get("speaker_spans"):
        return a["speaker_spans"]
    return [[a["speaker_start"], a["speaker_end"]]] if a.get("speaker_start") is not None else []


def _on(who: dict, spans: list, score) -> bool:
    return who.get("start") is not None and any(score.overlap(who["start"], who["end"], x, y) for x, y in spans)


def _quote_items(g: dict, p: dict, score) -> list[tuple[float, bool]]:
    quotes = [q for q in p.get("quotes", []) if q.get("kind") != "scare"]
    used, items = set(), []
    for a in g.get("quotes", []):
        if not a.get("direct") or not _sources(a):
            continue
        for s0, s1 in a.get("spans") or [[a["start"], a["end"]]]:
            for q0, q1 in score.quoted_segments(g["text"], s0, s1):
                hit = next((k for k, q in enumerate(quotes) if k not in used
                            and score.spans_match(q["start"], q["end"], q0, q1)), None)
                if hit is not None and quotes[hit].get("speaker"):
                    used.add(hit)
                    speaker = quotes[hit]["speaker"]
                    items.append((speaker["confidence"], _on(speaker, _sources(a), score)))
    return items


def _claim_items(g: dict, p: dict, score) -> list[tuple[float, bool]]:
    claims = [c for c in p.get("claims", []) if c["source"]["kind"] in ("named", "vague")]
    taken, items = set(), []
    for a in g.get("quotes", []):
        if a.get("direct") or a.get("speaker_start") is None:
            continue
        spans = a.get("spans") or [[a["start"], a["end"]]]
        hit = next((k for k, c in enumerate(claims) if k not in taken and any(
            score.spans_match(c["start"], c["end"], s0, s1) for s0, s1 in spans)), None)
        if hit is not None:
            taken.add(hit)
            items.append((claims[hit]["source"]["confidence"], _on(claims[hit]["source"], _sources(a), score)))
    return items


def realnews_items(pred: dict) -> list[tuple[float, bool, bool]]:
    """(confidence or class code, mention right, name right) for matched real-news quotes."""
    spec = importlib.util.spec_from_file_location("score_realnews", EVAL / "score_realnews.py")
    rn = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rn)
    items = []
    for line in open(EVAL / "quotes" / "realnews_dev" / "gold.jsonl", encoding="utf-8"):
        g = json.loads(line)
        quotes = [q for q in (pred.get(g["id"]) or {}).get("quotes", []) if q["kind"] != "scare"]
        used = set()
        for gq in g["quotes"]:
            hit = next((k for k, q in enumerate(quotes) if k not in used and _half_of_longer(rn, gq, q)), None)
            if hit is None:
                continue
            used.add(hit)
            s = quotes[hit].get("speaker")
            if not s or not gq.get("speaker_name"):
                continue
            name_right = rn.same_person(gq["speaker_name"], s.get("name") or "")
            mention_right = gq.get("speaker_start") is None or rn.overlap(
                gq["speaker_start"], gq["speaker_end"], s["start"], s["end"]) > 0
            items.append((s["confidence"], mention_right, name_right or (mention_right and s.get("entity") is None
                                                                      and s.get("name") is not None)))
    return items


def _half_of_longer(rn, a: dict, b: dict) -> bool:
    """The real-news scorer's match: the overlap covers half of the longer span."""
    longer = max(a["end"] - a["start"], b["end"] - b["start"])
    return 2 * rn.overlap(a["start"], a["end"], b["start"], b["end"]) >= longer


def realnews_input(tmp: Path) -> Path:
    path = tmp / "realnews_in.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, str(EVAL / "score_realnews.py"), "input",
                        str(EVAL / "quotes" / "realnews_dev" / "gold.jsonl"), str(CORPUS)], check=True, stdout=fh)
    return path


def fit() -> list[tuple[str, str, str, float, int]]:
    """Rows of the table, fitted on PolNeAR tune and the real-news gold."""
    score = scorer()
    with tempfile.TemporaryDirectory() as tmp:
        tune = analyse(EVAL / "quotes" / "polnear" / "tune.jsonl", encode=True)
        news = analyse(realnews_input(Path(tmp)), encode=True)
    mention = defaultdict(lambda: [0, 0])  # (layer, how, kind) -> [right, n]
    for layer, code, right in polnear_items(EVAL / "quotes" / "polnear" / "tune.jsonl", tune, score):
        cls = tune["_classes"][int(code)]
        for key in (cls, (cls[0], cls[1], "*"), (cls[0], "*", "*")):
            mention[key][0] += right
            mention[key][1] += 1
    naming = defaultdict(lambda: [0, 0])  # kind -> [name right, n] given the right mention
    for code, mention_right, name_right in realnews_items(news):
        if mention_right:
            kind = news["_classes"][int(code)][2]
            naming[kind][0] += name_right
            naming[kind][1] += 1
    rows = []
    for (layer, how, kind), (right, n) in sorted(mention.items()):
        if n < MIN_ITEMS:
            continue
        value = right / n
        if kind in ("name", "resolved") and naming[kind][1] >= MIN_ITEMS:
            value *= naming[kind][0] / naming[kind][1]
        rows.append((layer, how, kind, round(value, 2), n))
    return rows


def calibration(items: list[tuple[float, bool]], per: int = 5) -> list[str]:
    """Mean confidence against the share right, in `per` bins from 0 to 1 (0.2 wide)."""
    bins = defaultdict(list)
    for conf, right in items:
        bins[min(int(conf * per), per - 1)].append((conf, right))
    lines = []
    for b in sorted(bins):
        got = bins[b]
        lines.append(f"  {b / per:.1f}-{(b + 1) / per:.1f}: {len(got):4d} items, mean confidence "
                     f"{sum(c for c, _ in got) / len(got):.3f}, right {sum(r for _, r in got) / len(got):.3f}")
    return lines


def check() -> None:
    score = scorer()
    with tempfile.TemporaryDirectory() as tmp:
        pred = analyse(EVAL / "quotes" / "polnear" / "check.jsonl", encode=False)
        news = analyse(realnews_input(Path(tmp)), encode=False)
    items = polnear_items(EVAL / "quotes" / "polnear" / "check.jsonl", pred, score)
    for layer in ("quote", "claim"):
        print(f"PolNeAR check, {layer} {'speakers' if layer == 'quote' else 'sources'} (mention right):")
        print("\n".join(calibration([(c, r) for lay, c, r in items if lay == layer])))
    print("real-news quote gold, speaker names (name right):")
    print("\n".join(calibration([(c, n) for c, _, n in realnews_items(news)])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="fit on tune and write the table")
    parser.add_argument("--check", action="store_true", help="report calibration with the shipped table")
    args = parser.parse_args()
    if args.write:
        rows = fit()
        TABLE.write_text(HEADER + "".join("\t".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")
        print("\n".join("\t".join(map(str, r)) for r in rows))
    if args.check:
        check()


if __name__ == "__main__":
    main()
