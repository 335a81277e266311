"""How far a framing span can be trusted: its technique's span precision on PTC's tune part.

`data/framing_confidence.tsv` (written by `benchmarks/calibrate_framing.py`) holds, per
technique, the share of its predicted characters that fall inside a gold technique span of
the PTC-2020 tune part (SemEval-2020 Task 11's partial-overlap precision). A technique below
`CONFIDENT` there is experimental: its spans stay in the output, marked by their confidence,
but the article's framing profile, the workbench panel and the outlet comparison leave them
out unless a setting switches them on (`data/FRAMING.md`). Naming choices and hedges are
not PTC techniques: they carry no confidence and count as confident.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Optional

from ..common.lexicons import data_rows

TABLE = "framing_confidence.tsv"
CONFIDENT = 0.5
UNMEASURED = ("naming_choice", "hedge")


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    """Technique -> its tune span precision, from the shipped table."""
    return {technique: float(value) for technique, value, _ in data_rows(TABLE)}


def technique_confidence(technique: str) -> Optional[float]:
    """The technique's tune precision; None for naming choices, hedges and unmeasured ones."""
    if technique in UNMEASURED:
        return None
    return table().get(technique)


def experimental() -> tuple[str, ...]:
    """Techniques whose tune precision is below `CONFIDENT`, by name."""
    return tuple(sorted(t for t, p in table().items() if p < CONFIDENT))


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
