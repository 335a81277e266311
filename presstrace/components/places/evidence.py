"""Whether a resolved name is a place the article speaks of, or only a namesake.

A word the tagger calls a place may be a capitalised common word ("Justice", "Baltic"), an
acronym ("CISA"), part of a name ("the Duma", "Nord Stream") or a surname, and the
gazetteer holds a hamlet for almost any of them. A place is kept when something says it is
one: how it was found (a seat of government, "Town, State", a dateline, "X region", a
party-state tag, "X man", "X police", a town's own offices: "X Fire Department"); what it
is (a country, a capital, a named area, a city or first-level region of a million, a name
that says "County" or "Oblast"); what it locates ("the Geneva summit"); a preposition of
place before it ("in", "near", "from" …, "the town of", "the village"), "X-based" after
it, or "Town, X"; or, for a smaller place, another place of the article with such
evidence: within `NEAR_KM`, its first-level region, or its country when it is a town of
`TOWN` people or more; for a region, its country; or two doubtful places of one country
within `NEAR_KM` of each other. Evidence for one mention counts for every mention of the
same place.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ...gazetteer import GazetteerEntry
from .candidates import LOCATIVES
from .data import is_area
from .detect import NEXT_WORD_RE, REGION_WORDS, Toponym
from .resolve import distance_km

STRONG_SOURCES = {"seat", "pair", "dateline", "region", "counties", "party", "local"}
# "the town of Sudzha", "the port of Odesa": the noun says it is a place.
PLACE_NOUNS = {"town", "city", "village", "region", "province", "district", "port", "capital", "settlement",
               "county", "state", "island", "hamlet", "suburb", "outskirts", "centre", "center", "oblast"}
# Heads that a town's name locates rather than names: what is held, built or sits there
# ("the Geneva summit", "Litchfield Superior Court", "the Mariupol theatre").
LOCATED_HEADS = {"summit", "talks", "meeting", "conference", "negotiations", "forum", "games", "olympics",
                 "attack", "bombing", "shelling", "massacre", "offensive", "siege", "airport", "station",
                 "court", "superior", "courthouse", "jail", "prison", "hospital", "theatre", "theater",
                 "plant", "factory", "mayor", "residents", "police", "fire", "sheriff", "council"}
# Nouns a place name may modify and still be the place: "Kyiv region", "the Geneva summit".
PLACING_HEADS = PLACE_NOUNS | set(REGION_WORDS) | LOCATED_HEADS
# "Huntsville Police Department", "Torrington Fire Department": a town's own institutions.
INSTITUTION_WORDS = {"police", "fire", "sheriff", "sheriff's", "city", "county", "town", "township", "school",
                     "schools", "public", "municipal", "council", "mayor", "airport", "port", "hospital",
                     "library", "state", "university", "college", "community", "area", "district"}
WORLD_CITY = 1_000_000  # named alone the world over
TOWN = 20_000           # big enough to be named with only its country around it
NEAR_KM = 200
SELF_EVIDENT_FEATURES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PPLC", "CONT", "RGN", "SEA"}
BASED_RE = re.compile(r"-based\b")
# A name that says what kind of place it is ("Alachua County", "Kursk Oblast").
PLACE_WORD_RE = re.compile(r"\b(?:County|Parish|Oblast|Province|Township|Borough|District|Region|Governorate)$")


def supported(doc: Doc, pairs: list[tuple[Toponym, GazetteerEntry]]) -> list[tuple[Toponym, GazetteerEntry]]:
    """The resolved toponyms whose place has evidence, in their order."""
    own = {e.geonameid for t, e in pairs if _evident(doc, t, e)}
    kept = set(own)
    entries = list({e.geonameid: e for _, e in pairs}.values())
    changed = True
    while changed:  # a place vouched for vouches in turn; two nearby towns vouch for each other
        anchors = [e for e in entries if e.geonameid in kept]
        doubtful = [e for e in entries if e.geonameid not in kept]
        found = {e.geonameid for e in doubtful if _vouched(e, anchors) or _vouched(e, doubtful, mutual=True)}
        changed = bool(found)
        kept |= found
    for t, e in pairs:
        t.evidence = "own" if e.geonameid in own else "vouched"
    return [(t, e) for t, e in pairs if e.geonameid in kept]


def _evident(doc: Doc, t: Toponym, entry: GazetteerEntry) -> bool:
    """Evidence in the mention itself or in what the place is."""
    if t.source in STRONG_SOURCES or t.fixed is not None or is_area(entry) or _institution(doc, t):
        return True
    if entry.feature_code in SELF_EVIDENT_FEATURES or PLACE_WORD_RE.search(t.text):
        return True
    if entry.population >= WORLD_CITY and (entry.feature_class == "P" or entry.feature_code == "ADM1"):
        return True
    return _said_to_be_a_place(doc, t, entry)


def _said_to_be_a_place(doc: Doc, t: Toponym, entry: GazetteerEntry) -> bool:
    """"in X", "near X", "the village X", "the town of X", "Town, X"; "X-based" — when the
    words say it of X itself, not of a name X is part of."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if span.end < len(doc) and doc[span.end].lower_ in LOCATED_HEADS:
        return True  # "Ozark police", "the Geneva summit": what is there says where
    if _part_of_a_name(doc, span, t, entry):
        return False
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in ("the", "a"):
        i -= 1
    if i >= 0 and (doc[i].lower_ in LOCATIVES or doc[i].lower_ in PLACE_NOUNS):
        return True  # "in X", "the village Chaplyne"
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in PLACE_NOUNS:
        return True
    if i >= 1 and doc[i].text == "," and doc[i - 1].pos_ == "PROPN":
        return True  # "Snetterton, Norfolk": the second part of an address says where the first is
    return bool(BASED_RE.match(doc.text, t.end))


def _part_of_a_name(doc: Doc, span, t: Toponym, entry: GazetteerEntry) -> bool:
    """"at the Justice Department", "the Nord Stream pipeline", "at the University of
    Kyiv", "in the Duma", "at CISA": the preposition is about something else — the noun the
    name modifies, the "X of Y" name it heads, a body a town's name would not take "the"
    for, an organisation's initials."""
    root = span.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.i > span.end - 1 \
            and not {root.head.lower_, doc[span.end].lower_} & PLACING_HEADS:
        return True
    after = doc[span.end:span.end + 2]
    if len(after) == 2 and after[0].lower_ == "of" and after[1].pos_ == "PROPN":
        return True
    if span.start and doc[span.start - 1].lower_ == "the" and entry.feature_class == "P":
        return True  # towns take no article
    return t.text.isupper() and len(t.text) <= 5 and not entry.feature_code.startswith("PCL")


def _institution(doc: Doc, t: Toponym) -> bool:
    """A place name inside an organisation's name counts only for the town's own offices."""
    if t.source != "org":
        return False
    after = NEXT_WORD_RE.match(doc.text, t.end)
    return after is not None and after.group(1).lower() in INSTITUTION_WORDS


def _vouched(entry: GazetteerEntry, anchors: list[GazetteerEntry], mutual: bool = False) -> bool:
    """A smaller place near another one the article certainly names, or in a named region;
    a region in a named country. `mutual`: only nearness counts (two doubtful places)."""
    for other in anchors:
        if other.geonameid == entry.geonameid or not other.country or other.country != entry.country:
            continue
        if mutual:
            if not other.feature_code.startswith("PCL") and not entry.feature_code.startswith("PCL") \
                    and distance_km(entry.lat, entry.lon, other.lat, other.lon) <= NEAR_KM:
                return True
            continue
        if entry.feature_code.startswith("ADM"):
            return True
        if other.feature_code == "ADM1" and other.admin1_code and other.admin1_code == entry.admin1_code:
            return True
        if other.feature_code.startswith("PCL"):
            if entry.feature_class == "P" and entry.population >= TOWN:
                return True
        elif distance_km(entry.lat, entry.lon, other.lat, other.lon) <= NEAR_KM:
            return True
    return False
