"""Fit and check the confidence of places.

A place's class is how it was found (see `presstrace.components.places.confidence`) and
whether resolution was a close call. `--write` fits `presstrace/data/place_confidence.tsv`
— for each class, the share of places that were right — on the tune parts of the four
toponym sets; `--check` reports calibration instead (mean confidence against the share
right, in bins) on their check parts.

Right: the place overlaps a gold toponym and lies within 161 km of its point, or is a
country and the point lies inside it (Natural Earth outlines). A place on no
gold span is wrong (the sets annotate every place name), except a demonym on a set that
does not annotate demonyms (GeoVirus; LGL and TR-News annotate only some, so demonyms are
fitted on GeoWebNews, which annotates all); a place on a gold span without coordinates
(GeoWebNews' people nouns, "non-locational" names) is not counted.

Usage:
    python benchmarks/calibrate_places.py --write
    python benchmarks/calibrate_places.py --check
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calibrate_attribution import calibration  # noqa: E402
from presstrace.components.common.gazetteer import gazetteer_for  # noqa: E402
from presstrace.components.places.confidence import call, found_how, place_confidence  # noqa: E402
from presstrace.components.places.places import resolved_places  # noqa: E402
from presstrace.components.places.resolve import distance_km  # noqa: E402
from presstrace.pipeline import build_pipeline, make_doc  # noqa: E402
from presstrace.records import Article  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "toponyms"
SETS = ("lgl", "gwn", "trnews", "geovirus")
DEMONYM_SETS = {"gwn"}  # the one set that annotates every demonym
TABLE = ROOT / "presstrace" / "data" / "place_confidence.tsv"
OUTLINES = ROOT / "presstrace" / "web" / "static" / "countries.json"
MIN_ITEMS = 20  # a class seen fewer times takes its way of finding pooled, or the layer's
HEADER = """# How often a place found in each way, with a clear or a close call, was right (within
# 161 km of the gold point): fitted by benchmarks/calibrate_places.py on the tune parts of
# the LGL, GeoWebNews, TR-News and GeoVirus toponym sets (../shared/eval, measurement only,
# not shipped); these are figures measured on them. Columns: found how, call ("*":
# pooled), confidence, items.
"""
Item = tuple[tuple[str, str], float, bool]  # (class, confidence given, right)


def _right(t, entry, golds: list[dict]):
    """True, False, or None when the place is not to be counted."""
    hits = [g for g in golds if g["start"] < t.end and t.start < g["end"]]
    if not hits:
        return False
    lat, lon = hits[0].get("lat"), hits[0].get("lon")
    if lat is None:
        return None
    if distance_km(entry.lat, entry.lon, lat, lon) <= 161:
        return True
    # A country is the one meant when the gold point lies in it: the sets give a country
    # some point of their choosing (China at 35N 103E), which may be far from ours.
    return entry.feature_code.startswith("PCL") and _inside(outlines().get(entry.country, []), lat, lon)


@lru_cache(maxsize=1)
def outlines() -> dict[str, list]:
    """ISO alpha-2 code -> the country's rings, from the map's Natural Earth outlines."""
    gazetteer, out = gazetteer_for(""), {}
    for country in json.loads(OUTLINES.read_text())["countries"]:
        entry = gazetteer.country(country["name"])
        if entry is not None:
            out.setdefault(entry.country, []).extend(country["rings"])
    return out


def _inside(rings: list, lat: float, lon: float) -> bool:
    """Whether (lat, lon) lies inside any ring (even-odd rule)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def items(part: str) -> list[Item]:
    """(class, confidence, right) for every counted place of the sets' `part`."""
    nlp, gazetteer, out = build_pipeline(), gazetteer_for(""), []
    for name in SETS:
        for line in open(EVAL / name / f"{part}.jsonl", encoding="utf-8"):
            gold = json.loads(line)
            doc = nlp(make_doc(nlp, Article(text=gold["text"], date=gold.get("date"), id=gold["id"])))
            for t, entry in resolved_places(doc, gazetteer):
                if t.source == "demonym" and name not in DEMONYM_SETS:
                    continue
                right = _right(t, entry, gold.get("toponyms", []))
                if right is not None:
                    out.append(((found_how(t, entry), call(t)), place_confidence(t, entry), right))
    return out


def fit(found: list[Item]) -> list[tuple[str, str, float, int]]:
    """Rows of the table: each class seen `MIN_ITEMS` times, each way of finding pooled, all;
    each figure the share right with one right and one wrong added."""
    groups: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for (how, kind), _, right in found:
        for key in ((how, kind), (how, "*"), ("*", "*")):
            groups[key].append(right)
    # Laplace's rule: a class right 55 times in 55 is not certain.
    return [(how, kind, round((sum(r) + 1) / (len(r) + 2), 2), len(r))
            for (how, kind), r in sorted(groups.items()) if len(r) >= MIN_ITEMS or how == "*"]


def report(found: list[Item]) -> None:
    """Mean confidence against the share right, in bins of 0.1."""
    print("\n".join(calibration([(confidence, right) for _, confidence, right in found], per=10)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="fit the table on the tune parts")
    parser.add_argument("--check", action="store_true", help="report calibration on the check parts")
    args = parser.parse_args()
    if args.write:
        rows = fit(items("tune"))
        TABLE.write_text(HEADER + "".join(f"{h}\t{k}\t{v}\t{n}\n" for h, k, v, n in rows), encoding="utf-8")
        print("\n".join(f"{h}\t{k}\t{v}\t{n}" for h, k, v, n in rows))
    if args.check:
        report(items("check"))


if __name__ == "__main__":
    main()
