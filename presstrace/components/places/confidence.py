"""How likely a place is the one the text means, from the evidence behind it.

Each place falls in a class: how it was found and what it is (a demonym adjective or
people noun; a place the text states — a seat of government, "Town, State", a dateline,
"X region"; a country, capital or named area; a tagged name or a name found otherwise,
each with evidence of its own or only vouched for by another place of the article) and
whether resolution was a close call (the chosen place leads a far-away namesake by less
than `CLOSE`, in units of a decade of population). The confidence of a class is the share
of its places that were right (within 161 km of the gold point) on the tune parts of the
toponym sets; the table is `data/place_confidence.tsv`, written by
`benchmarks/calibrate_places.py`. A class seen too rarely there takes the figure of its
way of finding pooled over both kinds of call, or else the layer's.
"""
from __future__ import annotations

from functools import lru_cache

from ...gazetteer import GazetteerEntry
from ..common.lexicons import data_rows, demonyms
from .data import is_area
from .demonyms import regional
from .detect import Toponym

TABLE = "place_confidence.tsv"
UNKNOWN = 0.5   # neither the class nor its way of finding is in the table
CLOSE = 2.0     # a lead smaller than this over a far namesake is a close call
STATED = {"seat", "pair", "dateline", "region", "counties", "party", "local"}
KNOWN_FEATURES = ("PCL", "PPLC")


def found_how(t: Toponym, entry: GazetteerEntry) -> str:
    """The way of finding a place, as the table names it."""
    if t.source == "demonym":
        low = t.text.lower()
        return "demonym" if low in demonyms() or low in regional() else "people"
    if t.source in STATED or t.fixed is not None:
        return "stated"
    if entry.feature_code.startswith(KNOWN_FEATURES) or is_area(entry):
        return "known"
    return f"{'entity' if t.source == 'entity' else 'name'}_{t.evidence or 'own'}"


def call(t: Toponym) -> str:
    """"close" when resolution chose between far-apart places by a small lead, else "clear"."""
    return "close" if t.margin is not None and t.margin < CLOSE else "clear"


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, str], float]:
    """(found how, call or "*") -> confidence, from the shipped table."""
    return {(how, kind): float(value) for how, kind, value, _ in data_rows(TABLE)}


def place_confidence(t: Toponym, entry: GazetteerEntry) -> float:
    """The calibrated confidence of the place `entry` chosen for `t`."""
    found = table()
    how = found_how(t, entry)
    for key in ((how, call(t)), (how, "*"), ("*", "*")):
        if key in found:
            return found[key]
    return UNKNOWN
