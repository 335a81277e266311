"""Shipped place data the gazetteer lacks: seats of government, region abbreviations, continents.

Each table is a TSV file in `presstrace/data` (sources noted in the files), read once per
process. Places are resolved against the gazetteer lazily so that a table row names a
place the way a person would ("Moscow", "RU") rather than by id.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..gazetteer import GazetteerEntry, normalize_key

LOGGER = logging.getLogger(__name__)

CONTINENT_CODE = "CONT"


@dataclass(frozen=True)
class Seat:
    """A seat of government: the name, its country and the place it lies in."""
    name: str
    country: str
    place: str
    admin1: str = ""


@dataclass(frozen=True)
class Abbreviation:
    """A region abbreviation ("Ill.", "IL", "B.C.") and the region it stands for."""
    text: str
    country: str
    region: str
    postal: bool


def _rows(file_name: str) -> list[list[str]]:
    """Rows of a shipped TSV file, without comments and blank lines."""
    text = resources.files("presstrace.data").joinpath(file_name).read_text("utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def seats() -> dict[str, Seat]:
    """Seats of government by their name as written ("Kremlin", "Downing Street")."""
    out = {}
    for row in _rows("places_seats.tsv"):
        row = (row + [""] * 4)[:4]
        out[row[0]] = Seat(row[0], row[1], row[2], row[3])
    return out


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, Abbreviation]:
    """US state and Canadian province abbreviations by their written form."""
    return {row[0]: Abbreviation(row[0], row[1], row[2], row[3] == "postal")
            for row in _rows("places_abbreviations.tsv")}


@lru_cache(maxsize=1)
def continents() -> dict[str, GazetteerEntry]:
    """Continents by the lookup key of each of their names."""
    out = {}
    for row in _rows("places_regions.tsv"):
        gid, name, lat, lon = int(row[0]), row[1], float(row[2]), float(row[3])
        entry = GazetteerEntry(gid, name, lat, lon, "", None, None, "L", CONTINENT_CODE, 0)
        for alias in [name] + [a for a in (row[4] if len(row) > 4 else "").split("|") if a]:
            out[normalize_key(alias)] = entry
    return out


def continent(name: str) -> Optional[GazetteerEntry]:
    """The continent called `name`, or None."""
    return continents().get(normalize_key(name))


def region_entry(gazetteer, country: str, region: str) -> Optional[GazetteerEntry]:
    """The first-level region `region` of `country` in the gazetteer, or None."""
    for entry in gazetteer.lookup(region):
        if entry.feature_code == "ADM1" and entry.country == country:
            return entry
    return None


def seat_entry(gazetteer, seat: Seat) -> Optional[GazetteerEntry]:
    """The gazetteer place a seat of government lies in, or None."""
    for entry in gazetteer.lookup(seat.place):
        if entry.country == seat.country and entry.feature_code != "ADM1" \
                and (not seat.admin1 or entry.admin1 == seat.admin1):
            return entry
    LOGGER.debug("seat %r: no place %r in %s", seat.name, seat.place, seat.country)
    return None
