"""How likely an attribution is right, from the evidence behind it.

Each quote speaker and claim source falls in a class: how it was found (a speech verb next
to the quote, a colon intro, the paragraph before, "according to", inheritance from the
quote before …) and what its mention is (a name, a resolved pronoun, an unresolved pronoun,
a description). The confidence of a class is the share of attributions in it that were
right on gold data: the tune part of PolNeAR (is the mention the attribution's) times the
real-news quote gold (does a name of that kind name the right person). The table is
`data/attribution_confidence.tsv`, written by `benchmarks/calibrate_attribution.py`; a
class seen too rarely there takes the figure of its way of finding pooled over mentions, or
else the layer's.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Union

from ...names import is_pronoun
from ...records import ClaimSource, Speaker
from ..common.lexicons import data_rows

TABLE = "attribution_confidence.tsv"
POSSESSIVE_RE = re.compile(r"['’]s$")
# When the table knows neither the class nor its way of finding (a new rule, say).
UNKNOWN = 0.5


def mention_kind(who: Union[Speaker, ClaimSource]) -> str:
    """name (resolved through a name), resolved (a pronoun resolved to an entity),
    described (a description that fits one person: "the CIA director"), pronoun
    (unresolved), or description (a common noun phrase, no entity)."""
    if who.entity is not None:
        if is_pronoun(who.text or ""):
            return "resolved"
        written = {POSSESSIVE_RE.sub("", w.strip(",.")).lower() for w in (who.text or "").split()}
        return "name" if written & {w.lower() for w in (who.name or "").split()} else "described"
    return "pronoun" if who.name is None else "description"


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, str, str], float]:
    """(layer, how, mention or "*") -> confidence, from the shipped table."""
    return {(layer, how, mention): float(value) for layer, how, mention, value, _ in data_rows(TABLE)}


def speaker_confidence(how: str, speaker: Speaker) -> float:
    """The calibrated confidence of a quote's speaker found by `how`."""
    return _lookup("quote", how, mention_kind(speaker))


def source_confidence(how: str, source: ClaimSource) -> float:
    """The calibrated confidence of a claim's named or vague source found by `how`."""
    return _lookup("claim", how, mention_kind(source))


def _lookup(layer: str, how: str, mention: str) -> float:
    found = table()
    for key in ((layer, how, mention), (layer, how, "*"), (layer, "*", "*")):
        if key in found:
            return found[key]
    return UNKNOWN
