"""How likely an event is right — its type and its actors — from the evidence behind it.

Each event falls in a class: how its trigger was found (a verb of the lexicon; a light or
degree verb with an event noun, "held talks"; an event noun with its doer, "Russia's
invasion"; a demand someone says another must meet) and which parties the text names (both,
only the doer, only the one done to). The confidence of a class is the share of events in
it that were right: on the tune part of the PLOVER records (type and doer as the gold has
them) and on real-news events read by hand. The table is `data/event_confidence.tsv`,
written by `benchmarks/calibrate_events.py`; a class seen too rarely there takes the figure
of its parties pooled over ways of finding, or else the layer's.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ...records import Actor
from ..common.lexicons import data_rows

TABLE = "event_confidence.tsv"
UNKNOWN = 0.5  # neither the class nor its way of finding is in the table


def parties(source: Optional[Actor], target: Optional[Actor]) -> str:
    if source is not None and target is not None:
        return "both"
    return "source" if source is not None else "target"


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, str], float]:
    """(found by, parties or "*") -> confidence, from the shipped table."""
    return {(how, who): float(value) for how, who, value, _ in data_rows(TABLE)}


def event_confidence(found_by: str, source: Optional[Actor], target: Optional[Actor]) -> float:
    found = table()
    who = parties(source, target)
    for key in ((found_by, who), ("*", who), ("*", "*")):
        if key in found:
            return found[key]
    return UNKNOWN
