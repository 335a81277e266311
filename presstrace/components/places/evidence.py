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
same place. A village under `TOWN` people that only a preposition says is a place needs
its country named too ("aboard Mir" is no Belarusian village).
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from ...gazetteer import GazetteerEntry, normalize_key
from ..common.doc import doc_text
from .candidates import LOCATIVES
from .data import is_area
from .demonyms import capitalised_tokens, country_code
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
                     "library", "state", "community", "area", "district"}
WORLD_CITY = 1_000_000  # named alone the world over
TOWN = 20_000           # big enough to be named with only its country around it
NEAR_KM = 200
SELF_EVIDENT_FEATURES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PPLC", "CONT", "RGN", "SEA"}
BASED_RE = re.compile(r"-based\b")
LOCATIVE = "locative"  # the evidence of a preposition of place alone ("in X", "aboard X")
# A name that says what kind of place it is ("Alachua County", "Kursk Oblast").
PLACE_WORD_RE = re.compile(r"\b(?:County|Parish|Oblast|Province|Township|Borough|District|Region|Governorate)$")


def supported(doc: Doc, pairs: list[tuple[Toponym, GazetteerEntry]], gazetteer) -> list[tuple[Toponym, GazetteerEntry]]:
    """The resolved toponyms whose place has evidence, in their order."""
    reasons: dict[int, set[str]] = {}
    for t, e in pairs:
        reason = _evident(doc, t, e)
        if reason:
            reasons.setdefault(e.geonameid, set()).add(reason)
    own = set(reasons) - _abroad_villages(pairs, reasons, _demonym_countries(doc, gazetteer))
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


def _abroad_villages(pairs: list[tuple[Toponym, GazetteerEntry]], reasons: dict[int, set[str]],
                     named: set[str]) -> set[int]:
    """Places under `TOWN` people that only a preposition says are places, in a country the
    article names in no other way — no other place with evidence, no demonym in `named`:
    "aboard Mir" is the space station, not a Belarusian village of 2,000. A village abroad
    is named with its country or region (which then vouches for it)."""
    countries: dict[str, set[int]] = {}
    for _, e in pairs:
        if e.geonameid in reasons and e.country:
            countries.setdefault(e.country, set()).add(e.geonameid)
    return {e.geonameid for _, e in pairs
            if reasons.get(e.geonameid) == {LOCATIVE} and e.feature_class == "P" and e.population < TOWN
            and not countries.get(e.country, set()) - {e.geonameid} and e.country not in named}


def _demonym_countries(doc: Doc, gazetteer) -> set[str]:
    """ISO alpha-2 codes of the countries the article names by a demonym ("Belarusian")."""
    codes = {country_code(tok) for tok in capitalised_tokens(doc)} - {None}
    return {entry.country for entry in map(gazetteer.country, codes) if entry is not None}


def _evident(doc: Doc, t: Toponym, entry: GazetteerEntry) -> Optional[str]:
    """The evidence in the mention itself or in what the place is, or None."""
    if t.source in STRONG_SOURCES or t.fixed is not None or is_area(entry) or _institution(doc, t):
        return "stated"
    if _alias_in_a_name(doc, t, entry):
        return None
    if entry.feature_code in SELF_EVIDENT_FEATURES or PLACE_WORD_RE.search(t.text):
        return "known"
    if entry.population >= WORLD_CITY and (entry.feature_class == "P" or entry.feature_code == "ADM1"):
        return "known"
    return _said_to_be_a_place(doc, t, entry)


def _alias_in_a_name(doc: Doc, t: Toponym, entry: GazetteerEntry) -> bool:
    """A name that reaches the place only through another spelling ("Pax" for La Paz) and
    modifies a proper noun after it ("Pax Britannica") is part of that longer name."""
    if normalize_key(t.text) == normalize_key(entry.name) or entry.feature_code.startswith("PCL"):
        return False  # a country's other names are its own ("U.S. Highway 82")
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span) or span.end >= len(doc):
        return False
    root, after = span.root, doc[span.end]
    return root.dep_ == "compound" and root.head.i >= span.end and after.pos_ == "PROPN" \
        and after.lower_ not in PLACING_HEADS


def _said_to_be_a_place(doc: Doc, t: Toponym, entry: GazetteerEntry) -> Optional[str]:
    """"in X", "near X" (LOCATIVE); "the village X", "the town of X", "Town, X", "X-based",
    "X police" (what is there says where) — when the words say it of X itself, not of a
    name X is part of; None when nothing does."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span.end < len(doc) and doc[span.end].lower_ in LOCATED_HEADS:
        return "located"  # "Ozark police", "the Geneva summit": what is there says where
    if _part_of_a_name(doc, span, t, entry):
        return None
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in ("the", "a"):
        i -= 1
    if i >= 0 and doc[i].lower_ in LOCATIVES:
        return LOCATIVE
    if i >= 0 and doc[i].lower_ in PLACE_NOUNS and doc[i].is_lower:
        return "place noun"  # "the village Chaplyne" (not "the State Duma": a name's own word)
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in PLACE_NOUNS:
        return "place noun"
    if i >= 1 and doc[i].text == "," and doc[i - 1].pos_ == "PROPN":
        return "address"  # "Snetterton, Norfolk": the second part of an address says where the first is
    return "based" if BASED_RE.match(doc_text(doc), t.end) else None


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
    after = NEXT_WORD_RE.match(doc_text(doc), t.end)
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
