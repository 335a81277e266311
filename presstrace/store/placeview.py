"""Which stored places the views and exports show, and which place ids users may see.

The map, `presstrace places`, GET /api/places and the GKG export list confident toponyms
by default; callers may lower the bar (`min_confidence`) or add demonyms ("Russian
troops" resolved to Russia). It lives in the store package because the GKG export (here)
and the corpus views (which import the store, never the reverse) share it.

GeoNames ids are shown only when they are real ones (> 0): presstrace's own gazetteer
entries (Donbas, admin-1 areas) carried negative ids in older stores, and the places
layer now gives them none; either way the id means nothing outside presstrace.
"""
from __future__ import annotations

from typing import Any, Optional

from ..records import DEMONYM, TOPONYM
from .errors import QueryError
from .queries import Filters

# The least calibrated confidence a place needs to be listed by default: below one half a
# place is more often wrong than right. Places of older stores have no confidence (NULL)
# and are still listed: they were shown before, and no score is not a low score.
CONFIDENT_PLACE = 0.5


def public_geonameid(geonameid: Optional[int]) -> Optional[int]:
    """The GeoNames id when it is a real one; None for none or presstrace's own (<= 0)."""
    return geonameid if geonameid is not None and geonameid > 0 else None


def check_confidence(value: Optional[float]) -> float:
    """`value` as a threshold, CONFIDENT_PLACE when None; outside [0, 1] is the caller's error."""
    if value is None:
        return CONFIDENT_PLACE
    value = float(value)
    if not 0.0 <= value <= 1.0:  # also refuses NaN
        raise QueryError(f"min_confidence must lie between 0 and 1, got {value}")
    return value


def kinds(demonyms: bool) -> tuple[str, ...]:
    return (TOPONYM, DEMONYM) if demonyms else (TOPONYM,)


def place_filters(where: Filters, alias: str = "p", min_confidence: Optional[float] = None,
                  demonyms: bool = False) -> Filters:
    """Add the default listing's conditions on the places table (as `alias`) to `where`."""
    marks = ", ".join("?" * len(kinds(demonyms)))
    where.add(f"coalesce({alias}.kind, '{TOPONYM}') IN ({marks})", *kinds(demonyms))
    return where.add(f"({alias}.confidence IS NULL OR {alias}.confidence >= ?)",
                     check_confidence(min_confidence))


def shown(place: Any, min_confidence: Optional[float] = None, demonyms: bool = False) -> bool:
    """Whether a place record (`kind`, `confidence`) passes the same test as `place_filters`."""
    kind = getattr(place, "kind", None) or TOPONYM
    confidence = getattr(place, "confidence", None)
    return kind in kinds(demonyms) and (confidence is None or confidence >= check_confidence(min_confidence))
