"""Fit and check the confidence of events.

An event's class is how its trigger was found (`found_by`) and which parties the text names
(both, only the doer, only the one done to). `--write` fits `presstrace/data/
event_confidence.tsv` — for each class, the share of events that were right — on the tune
part of the PLOVER records (right: the gold type, and the doer the gold names when the event
names one) and, with `--labels`, on real-news events judged by hand. `--check` reports
calibration instead (mean confidence against the share right, in bins) on PLOVER's check
part and, with `--labels`, on a second hand-judged set.

Hand labels are JSON lines `{"id", "start", "type", "right"}` naming events of
`../shared/corpus/ukraine_media_dev.jsonl` by article id and start offset. They index a
corpus that may never be committed, so they are kept outside the repository.

Usage:
    python benchmarks/calibrate_events.py --write [--labels FIT.jsonl]
    python benchmarks/calibrate_events.py --check [--labels CHECK.jsonl]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from presstrace.components.events.confidence import parties  # noqa: E402
from presstrace.pipeline import analyze  # noqa: E402
from presstrace.records import Article  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "events" / "plover_gsr"
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine_media_dev.jsonl"
TABLE = ROOT / "presstrace" / "data" / "event_confidence.tsv"
MIN_ITEMS = 20  # a class seen fewer times takes its parties' figure pooled over ways of finding, or the layer's
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
HEADER = """# How often an event found in each way, naming each set of parties, was right (type and
# actors): fitted by benchmarks/calibrate_events.py on the PLOVER records' tune part and on
# real-news events read by hand. Data: ../shared (measurement only, not shipped); these
# are figures measured on it. Columns: found by, parties ("*": pooled), confidence, items.
"""
Item = tuple[tuple[str, str], float, bool]  # (class, confidence given, right)


def _source_right(event: dict, gold: dict) -> bool:
    golds = [a for a in gold.get("source_actor") or [] if a.get("start") is not None]
    src = event.get("source_actor")
    if not golds:
        return True
    if not src:
        return False
    name = (src.get("name") or "").lower()
    return any((name and (name in g["text"].lower() or g["text"].lower() in name))
               or (src.get("start") is not None and src["start"] < g["end"] and g["start"] < src["end"])
               for g in golds)


def _item(event: dict, right: bool) -> Item:
    who = parties(event.get("source_actor"), event.get("target_actor"))
    return (event.get("found_by") or "verb", who), event.get("confidence") or 0.0, right


def plover_items(part: str) -> list[Item]:
    items = []
    for line in (EVAL / f"{part}.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = record["events"][0]
        gold_type = OLD_NAMES.get(gold["event_type"], gold["event_type"])
        out = analyze(Article(id=record["id"], text=record["text"], date=record.get("gsr_date"))).to_dict()
        for event in out["events"]:
            items.append(_item(event, event["type"] == gold_type and _source_right(event, gold)))
    return items


def label_items(path: Path) -> list[Item]:
    labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {x["id"] for x in labels}
    articles = {}
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                articles[record["id"]] = record
    items = []
    for label in labels:
        record = articles[label["id"]]
        out = analyze(Article(id=record["id"], text=record["text"], date=record.get("date"))).to_dict()
        event = next((e for e in out["events"] if e["start"] == label["start"] and e["type"] == label["type"]), None)
        if event is None:
            print(f"no longer found: {label}", file=sys.stderr)
            continue
        items.append(_item(event, label["right"]))
    return items


def fit(items: list[Item]) -> list[tuple[str, str, float, int]]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for (how, who), _, right in items:
        for key in ((how, who), ("*", who), ("*", "*")):
            counts[key][0] += right
            counts[key][1] += 1
    rows = []
    for (how, who), (right, n) in sorted(counts.items()):
        if n >= MIN_ITEMS or (how, who) == ("*", "*"):
            rows.append((how, who, round(right / n, 2), n))
    return rows


def calibration(items: list[Item]) -> list[str]:
    bins: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for _, confidence, right in items:
        edge = min(int(confidence * 5) / 5, 0.8)
        bins[edge][0] += right
        bins[edge][1] += 1
    out = [f"  {'confidence':<12}{'events':>7}{'mean given':>12}{'share right':>13}"]
    for edge in sorted(bins):
        given = [c for _, c, _ in items if min(int(c * 5) / 5, 0.8) == edge]
        right, n = bins[edge]
        out.append(f"  {edge:.1f}-{edge + 0.2:.1f}{'':<5}{n:>7}{sum(given) / n:>12.2f}{right / n:>13.2f}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="fit on PLOVER tune (+ labels), write the table")
    mode.add_argument("--check", action="store_true", help="calibration on PLOVER check (+ labels)")
    ap.add_argument("--labels", type=Path, help="hand-judged real-news events (JSON lines)")
    args = ap.parse_args()
    part = "tune" if args.write else "check"
    sets = {f"PLOVER {part}": plover_items(part)}
    if args.labels:
        sets[f"real news ({args.labels.name})"] = label_items(args.labels)
    if args.write:
        rows = fit([item for items in sets.values() for item in items])
        TABLE.write_text(HEADER + "".join(f"{h}\t{w}\t{c}\t{n}\n" for h, w, c, n in rows), encoding="utf-8")
        print(f"{len(rows)} rows -> {TABLE}")
    for name, items in sets.items():
        print(f"{name}: {len(items)} events, {sum(r for _, _, r in items)} right")
        print("\n".join(calibration(items)))


if __name__ == "__main__":
    main()
