"""Shipped place data the gazetteer lacks: seats of government, region abbreviations, named areas
(continents, seas, rivers, ranges, regions such as "Donbas" or "the Sahel").

Each table is a TSV file in `presstrace/data` (sources noted in the files), read once per
process. Places are resolved against the gazetteer lazily so that a table row names a
place the way a person would ("Moscow", "RU") rather than by id.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ...gazetteer import GazetteerEntry, normalize_key
from ..common.lexicons import data_rows

LOGGER = logging.getLogger(__name__)

CONTINENT_CODE = "CONT"
# GeoNames feature classes of the named areas' feature codes (water, terrain, area).
AREA_CLASSES = {"OCN": "H", "SEA": "H", "GULF": "H", "BAY": "H", "STRT": "H", "CNL": "H",
                "LK": "H", "LKS": "H", "STM": "H", "MTS": "T", "DSRT": "T", "PEN": "T",
                "ISLS": "T", "RGN": "L", CONTINENT_CODE: "L"}


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


@lru_cache(maxsize=1)
def seats() -> dict[str, Seat]:
    """Seats of government by their name as written ("Kremlin", "Downing Street")."""
    out = {}
    for row in data_rows("places_seats.tsv"):
        row = (row + [""] * 4)[:4]
        out[row[0]] = Seat(row[0], row[1], row[2], row[3])
    return out


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, Abbreviation]:
    """US state and Canadian province abbreviations by their written form."""
    return {row[0]: Abbreviation(row[0], row[1], row[2], row[3] == "postal")
            for row in data_rows("places_abbreviations.tsv")}


@lru_cache(maxsize=1)
def areas() -> dict[str, GazetteerEntry]:
    """Continents and the other named areas, by the lookup key of each of their names."""
    out = {}
    for row in data_rows("places_regions.tsv"):
        gid, name, lat, lon = int(row[0]), row[1], float(row[2]), float(row[3])
        entry = GazetteerEntry(gid, name, lat, lon, "", None, None, "L", CONTINENT_CODE, 0)
        _add_names(out, entry, row[4] if len(row) > 4 else "")
    for name, code, lat, lon, country, aliases in ((row + [""] * 6)[:6] for row in data_rows("places_areas.tsv")):
        entry = GazetteerEntry(area_id(name), name, float(lat), float(lon), country, None, None,
                               AREA_CLASSES[code], code, 0)
        _add_names(out, entry, aliases)
    return out


def _add_names(out: dict[str, GazetteerEntry], entry: GazetteerEntry, aliases: str) -> None:
    for alias in [entry.name] + [a for a in aliases.split("|") if a]:
        out[normalize_key(alias)] = entry


def area_id(name: str) -> int:
    """A stable negative id for a named area GeoNames' ids are not shipped for (negative ids
    are never GeoNames ids; the admin-1 regions use the same scheme)."""
    return -int.from_bytes(hashlib.sha1(f"area:{name}".encode()).digest()[:6], "big")


def named_area(name: str) -> Optional[GazetteerEntry]:
    """The continent, sea, river, range or region called `name`, or None."""
    return areas().get(normalize_key(name))


def is_area(entry: GazetteerEntry) -> bool:
    """Whether `entry` is a named area rather than a country, region or town of the gazetteer."""
    return entry.feature_code in AREA_CLASSES


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
