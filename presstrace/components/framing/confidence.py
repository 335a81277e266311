"""How far a framing item can be trusted: the span precision its class had on PTC's tune part.

`data/framing_confidence.tsv` (written by `benchmarks/calibrate_framing.py`) holds, per class
of item (technique, the rule that found it, its voice, its sentence kind: `item_class.py`),
the share of the class's predicted characters that fall inside a gold technique span of the
PTC-2020 tune part (SemEval-2020 Task 11's partial-overlap precision), smoothed toward the
next coarser class so that a class seen a few times says little on its own. It is a
calibration table, not a trained model: PTC's licence forbids shipping a model trained on
it, and each figure is a measured precision, as a reliability table would list.

An item below `CONFIDENT` is experimental: it stays in the output, marked by its confidence,
but the article's framing profile, the workbench panel and the outlet comparison leave it
out unless a setting switches its technique on (`data/FRAMING.md`). Naming choices and
hedges are not PTC techniques: they carry no confidence and count as confident.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Optional

from ..common.lexicons import data_rows
from .item_class import levels

TABLE = "framing_confidence.tsv"
CONFIDENT = 0.5
UNMEASURED = ("naming_choice", "hedge")


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    """Class key ("technique", "technique|rule", … as `item_class.levels`) -> its tune precision."""
    return {key: float(value) for key, value, _ in data_rows(TABLE)}


def item_confidence(technique: str, found_by: Optional[str], voice: Optional[str],
                    text: str, end: int) -> Optional[float]:
    """The figure of the finest class of the item the table lists; None for naming choices,
    hedges and techniques the table does not know."""
    if technique in UNMEASURED:
        return None
    known = table()
    found = [known[key] for key in levels(technique, found_by, voice, text, end) if key in known]
    return found[-1] if found else None


def technique_confidence(technique: str) -> Optional[float]:
    """The technique's tune precision over all its items; None for naming choices and hedges."""
    return None if technique in UNMEASURED else table().get(technique)


def experimental() -> tuple[str, ...]:
    """Techniques none of whose classes reaches `CONFIDENT`, by name."""
    confident = {key.split("|")[0] for key, p in table().items() if p >= CONFIDENT}
    return tuple(sorted({key.split("|")[0] for key in table()} - confident))


def is_confident(item: Any, switched_on: Iterable[str] = ()) -> bool:
    """True for a framing record (or a dict / row with `technique` and `confidence`) shown by
    default: no confidence (naming, hedges, older stores) or at least `CONFIDENT`, or a
    technique the user switched on ("*": every technique)."""
    confidence, technique = _field(item, "confidence"), _field(item, "technique")
    on = set(switched_on)
    return confidence is None or confidence >= CONFIDENT or "*" in on or technique in on


def _field(item: Any, key: str) -> Any:
    if hasattr(item, "keys"):  # a dict or a sqlite3.Row
        return item[key] if key in item.keys() else None
    return getattr(item, key, None)
