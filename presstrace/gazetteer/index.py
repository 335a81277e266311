"""Read-only access to the compact GeoNames index: name keys, lookups, countries, admin-1."""
from __future__ import annotations

import functools
import logging
import os
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

LOGGER = logging.getLogger(__name__)

LOOKUP_CACHE_SIZE = 65536

# Latin letters that NFKD leaves whole: folded so "Łódź" and "Lodz" share a key.
_LATIN_FOLDS = str.maketrans({
    "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l",
    "æ": "ae", "œ": "oe", "þ": "th", "ð": "d",
})
# Typographic apostrophes and look-alikes, all read as "'".
_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u02bb\u2032\u00b4`"})
_CODE_RE = re.compile(r"^[A-Z]{2,5}$")

_PLACE_COLUMNS = ("geonameid, name, lat, lon, country, admin1, admin1_code, "
                  "feature_class, feature_code, population")


@dataclass(frozen=True)
class GazetteerEntry:
    """One place of the gazetteer: a country, an admin-1 region or a populated place."""
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: Optional[str]
    admin1_code: Optional[str]
    feature_class: str
    feature_code: str
    population: int


def normalize_key(name: str) -> str:
    """The lookup key of a name: no diacritics, casefolded, straight apostrophes, single spaces.

    Args:
        name: a place name as written.
    """
    if not isinstance(name, str):
        raise TypeError(f"a place name must be a str, not {type(name).__name__}")
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_LATIN_FOLDS)
    return " ".join(text.split())


def is_code(name: str) -> bool:
    """True for an all-capitals abbreviation such as "USA" or "IEV".

    Args:
        name: a name as written.
    """
    return bool(_CODE_RE.match(name))


def lookup_keys(name: str) -> list[str]:
    """The keys a query name is looked up under: its normal key and, for "USA", its exact form.

    Args:
        name: a place name as written.
    """
    key = normalize_key(name)
    keys = [key] if key else []
    stripped = name.strip()
    if is_code(stripped):
        keys.append(stripped)  # code aliases are stored case-sensitively ("US", never "us")
    return keys


def _entry(row: tuple) -> GazetteerEntry:
    """A GazetteerEntry from a places row."""
    return GazetteerEntry(*row)


def _prior(entry: GazetteerEntry, seats: set[tuple[str, Optional[str]]]) -> tuple:
    """Sort key: countries, national capitals, admin-1 seats, regions and counties, then cities by size.

    Args:
        entry: a candidate.
        seats: (country, admin1_code) of the admin-1 regions among the candidates; a city
            inside a same-named region is its seat ("Kharkiv" the city before the oblast).
    """
    if entry.feature_code == "PCLI":
        rank = 0
    elif entry.feature_code == "PPLC":
        rank = 1
    elif entry.feature_code in ("ADM1", "ADM2"):
        rank = 3  # counties rank with regions: "Walker County" is a county wherever it is
    else:
        rank = 2 if (entry.country, entry.admin1_code) in seats else 4
    return (rank, -entry.population, entry.geonameid)


def rank_entries(entries: Iterable[GazetteerEntry]) -> list[GazetteerEntry]:
    """Candidates in prior order (see `_prior`), without duplicates.

    Args:
        entries: candidates for one name.
    """
    unique = {e.geonameid: e for e in entries}
    seats = {(e.country, e.admin1_code) for e in unique.values() if e.feature_code == "ADM1"}
    return sorted(unique.values(), key=lambda e: _prior(e, seats))


class Gazetteer:
    """Lookups in one index file; the SQLite connection is opened lazily, read-only, per thread."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._init_runtime()

    @classmethod
    def open(cls, path: str | os.PathLike) -> "Gazetteer":
        """A gazetteer over an existing index file.

        Args:
            path: the index file written by `build_index`.
        """
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"no gazetteer index at {path}; build it with build_index()")
        return cls(path)

    def _init_runtime(self) -> None:
        """Fresh per-process state: no connection yet, empty caches."""
        self._local = threading.local()
        self._pid = os.getpid()
        self._lookup_cached = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup_uncached)
        self._contains_cached = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(
            self._contains_uncached)

    def __getstate__(self) -> dict[str, Any]:
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = Path(state["path"])
        self._init_runtime()

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's read-only connection, opened on first use (and again after a fork)."""
        if self._pid != os.getpid():
            self._init_runtime()
        conn = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection, if open."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _places_for_keys(self, keys: tuple[str, ...]) -> list[GazetteerEntry]:
        """Every place one of `keys` names, unordered."""
        marks = ",".join("?" * len(keys))
        sql = (f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid IN "
               f"(SELECT geonameid FROM names WHERE key IN ({marks}))")
        return [_entry(row) for row in self.connection.execute(sql, keys)]

    def _lookup_uncached(self, name: str) -> tuple[GazetteerEntry, ...]:
        """`lookup` without the cache."""
        keys = tuple(lookup_keys(name))
        if not keys:
            return ()
        entries = self._places_for_keys(keys)
        if not entries and keys[0].startswith("the "):
            entries = self._places_for_keys((keys[0][4:],))  # "the Netherlands"
        return tuple(rank_entries(entries))

    def _contains_uncached(self, name: str) -> bool:
        """`contains` without the cache."""
        keys = lookup_keys(name)
        if keys and keys[0].startswith("the "):
            keys.append(keys[0][4:])
        if not keys:
            return False
        sql = f"SELECT 1 FROM names WHERE key IN ({','.join('?' * len(keys))}) LIMIT 1"
        return self.connection.execute(sql, keys).fetchone() is not None

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Places called `name`, most likely first (countries, capitals, regions, cities by size).

        Args:
            name: a place name as written; diacritics, case and apostrophe style do not matter.
        """
        return list(self._lookup_cached(name))

    def contains(self, name: str) -> bool:
        """True if some place is called `name` (cached; cheap enough for every candidate string).

        Args:
            name: a place name as written.
        """
        return self._contains_cached(name)

    def get(self, geonameid: int) -> Optional[GazetteerEntry]:
        """The place with this GeoNames id (negative ids are presstrace's admin-1 ids), or None.

        Args:
            geonameid: the id.
        """
        row = self.connection.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid = ?",
            (int(geonameid),)).fetchone()
        return _entry(row) if row else None

    def country(self, code_or_name: str) -> Optional[GazetteerEntry]:
        """The country with this ISO alpha-2 or alpha-3 code (any case) or name, or None.

        Args:
            code_or_name: "RU", "rus", "Russia", "Russian Federation", "UK", ...
        """
        text = code_or_name.strip()
        if len(text) in (2, 3) and text.isascii() and text.isalpha():
            column = "iso2" if len(text) == 2 else "iso3"
            row = self.connection.execute(
                f"SELECT geonameid FROM countries WHERE {column} = ?", (text.upper(),)).fetchone()
            if row:
                return self.get(row[0])
        for entry in self.lookup(text):
            if entry.feature_code == "PCLI":
                return entry
        return None

    def admin1(self, country: str, code: str) -> Optional[GazetteerEntry]:
        """The admin-1 region with this GeoNames admin-1 code in `country`, or None.

        Args:
            country: the country as `country()` accepts it (usually ISO alpha-2).
            code: the GeoNames admin-1 code, e.g. "41" for Kursk Oblast in RU.
        """
        nation = self.country(country)
        iso2 = nation.country if nation else country.strip().upper()
        row = self.connection.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE feature_code = 'ADM1' "
            "AND country = ? AND admin1_code = ?", (iso2, str(code))).fetchone()
        return _entry(row) if row else None

    def metadata(self) -> dict[str, str]:
        """The build facts stored in the index (format, sources, counts)."""
        return dict(self.connection.execute("SELECT key, value FROM meta"))
