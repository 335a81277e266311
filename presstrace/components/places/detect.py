"""Find the toponyms of an article: the stretches of text that name a place.

Sources, strongest first: seats of government ("the Kremlin"); "Town, ST" and "Town,
Country" pairs (both parts are toponyms, and the second constrains the first); datelines
("SPRINGFIELD, Ill. (AP) -"); GPE/LOC/FAC entity mentions the gazetteer knows, stretched
over a following region word ("Kursk region"); party-state tags ("D-W.Va."); place names
inside other names and known names after "in", "near", … that spaCy missed or mislabelled
(places_names); and further occurrences of a name already taken as a place. A name inside
a person's name, a demonym, a county the gazetteer lacks ("Boone County" is not the town
of Boone) and a name before "War" or "virus" are never toponyms.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Iterable, Optional

from spacy.tokens import Doc

from ...gazetteer import GazetteerEntry, normalize_key
from ..common.doc import doc_text, get_layer, tokens_of
from ..common.lexicons import is_demonym
from .data import abbreviations, named_area, region_entry, seats
from ..common.constants import PLACE_LABELS
from .candidates import LOCATIVES, local_noun_names, missed_names, modifier_names, strong_name

LOGGER = logging.getLogger(__name__)

REGION_WORDS = ("region", "oblast", "province", "governorate", "prefecture", "krai", "state")
# A place name right before one of these words names a war, disease, agent or treaty, or a
# manner ("Nuremberg-style trials"), not a place.
NOT_PLACE_AFTER = {"war", "virus", "disease", "fever", "syndrome", "flu", "strain", "ebolavirus",
                   "outbreak", "crisis", "accord", "accords", "agreement", "agreements", "protocol",
                   "protocols", "convention", "style"}
# Capitalised words that name some hamlet somewhere but, alone, hardly ever a place in news.
NOT_PLACES = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
              "southwest", "northern", "southern", "eastern", "western", "central", "capital",
              "council", "earth", "man", "union", "state", "city", "county", "metro", "downtown",
              "gulf", "mainland", "centre", "center"}
_WORD = r"[A-Z][\w'’.-]*"
_PAIR_RE = re.compile(rf"(?<![\w.])({_WORD}(?:\s{_WORD}){{0,3}}),\s+({_WORD}(?:\s?{_WORD}){{0,2}})")
_DATELINE_RE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?] ))([A-Z][A-Z'’.-]{2,}(?:\s[A-Z][A-Z'’.-]+){0,3})"
    rf"(?:,\s+({_WORD}(?:\s?{_WORD}){{0,2}}?))?\s*(?:\([^()\n]{{1,40}}\))?\s*(?:—|–|--|-|:)\s")
_PARTY_RE = re.compile(rf"(?<![\w-])(?:D|R|I|DFL|GOP)-({_WORD}(?:\s?{_WORD}){{0,2}})")
COUNTY_RE = re.compile(r"\s+(County|Parish|Borough|Co\.)(?!\w)")
_LISTED = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?"
# "Camden and Charlton counties", "Becker, Clay, Otter Tail and Wilkin counties"
_COUNTY_LIST_RE = re.compile(
    rf"(?<![\w.])({_LISTED}(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_LISTED})+)\s+([Cc]ounties|[Pp]arishes)\b")
_LIST_SEP_RE = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
LIST_GOES_ON_RE = re.compile(r",?\s+(?:and|or)\s+[A-Z]|,\s+[A-Z]")
CODE_RE = re.compile(r"[A-Z]{2,3}")
NEXT_WORD_RE = re.compile(r"[\s-]+([A-Za-z]+)")
WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\s+$")
# What a given name used alone does when it is the person: acts, is acted on, owns.
PERSON_ROLES = {"nsubj", "nsubjpass", "poss"}
COUNTY_NAME_RE = re.compile(r"\s(?:County|Parish)$")
SAINT_RE = re.compile(r"(?:St|Ste|Saint)\.?\s")
SAINTS_INSTITUTION_RE = re.compile(
    r"['’]s\s+(?:school|university|college|church|cathedral|chapel|basilica|abbey|monastery|"
    r"hospital|academy|parish|catholic|lutheran|episcopal|orthodox|high|elementary|prep|seminary)\b",
    re.IGNORECASE)
# Priority of each source when spans overlap (lower wins).
PRIORITY = {"seat": 0, "pair": 1, "dateline": 2, "region": 3, "counties": 3, "entity": 4, "party": 5,
            "org": 6, "missed": 7, "local": 7, "repeat": 8}


@dataclass
class Toponym:
    """One place name in the text, before resolution."""
    start: int
    end: int
    text: str
    query: str                                # the name looked up in the gazetteer
    source: str                               # which rule found it (a PRIORITY key)
    container: Optional[GazetteerEntry] = None  # region or country it is said to lie in
    regions_only: bool = False                # "Kursk region": first-level regions only
    fixed: Optional[GazetteerEntry] = None    # already resolved (seats, "Ill.")
    sentence: int = -1                        # the index of its sentence (set by the places layer)
    stands_for: Optional[str] = None
    # Set by resolution: how far the chosen place's score leads the best candidate far from
    # it (None: no rival), and by the evidence gate: "own" or "vouched" (by another place).
    margin: Optional[float] = None
    evidence: str = ""
    cue: str = ""  # its sentence speaks of a "town" or a "region": see place_cue()


def find_toponyms(doc: Doc, text: str, gazetteer) -> list[Toponym]:
    """Non-overlapping toponyms of `doc`, in text order.

    Args:
        doc: the parsed document with the entities layer.
        text: `doc.text` (read once by the caller).
        gazetteer: the `Gazetteer`.
    """
    entities = get_layer(doc, "entities")
    persons = [(m.start, m.end) for e in entities if e.label == "PERSON" and not _misnamed_person(e, gazetteer)
               for m in e.mentions]
    found: list[Toponym] = []
    found += seat_toponyms(text, persons)
    found += pair_toponyms(text, gazetteer)
    found += dateline_toponyms(text, gazetteer)
    found += entity_toponyms(doc, text, entities, gazetteer)
    found += party_toponyms(text, gazetteer)
    found += county_list_toponyms(text, gazetteer)
    person_words = _person_words(entities)
    found += [Toponym(a, b, name, name, "org") for a, b, name in modifier_names(entities, gazetteer, text, person_words)]
    found += [Toponym(a, b, name, name, "missed") for a, b, name in missed_names(doc, gazetteer, person_words)]
    found += [Toponym(a, b, name, name, "local") for a, b, name in local_noun_names(doc, gazetteer, person_words)]
    found = [t for t in found if not _not_a_place(text, t, gazetteer)]
    names = _name_parts(entities, gazetteer)
    chosen = _choose(t for t in found if not _inside(t, names if t.source == "entity" else persons)
                     or t.source in ("pair", "party", "org", "missed", "local", "counties"))
    repeats = [t for t in repeat_toponyms(text, chosen, persons) if not _not_a_place(text, t, gazetteer)]
    chosen = _choose(chosen + repeats)
    given = _given_names(entities, gazetteer)
    return sorted((t for t in chosen if not _given_name(doc, text, t, given)), key=lambda t: t.start)


def _given_names(entities, gazetteer) -> dict[str, int]:
    """The first word of each person's full name ("Georgia" of "Georgia Stevens"; a title such as
    "US President" is no part of the name), with where the article first writes it. Only for
    a person the article refers to as "he" or "she": a name the tagger took for a person's
    ("Huntsville Fire", "Logan Elementary") has no pronouns."""
    out: dict[str, int] = {}
    for e in entities:
        words = e.name.split()
        if e.label != "PERSON" or len(words) < 2 or not words[0].isalpha() or not e.references \
                or _misnamed_person(e, gazetteer):
            continue
        first = min((m.start for m in e.mentions if words[0] in m.text), default=None)
        if first is not None:
            out[words[0]] = min(out.get(words[0], first), first)
    return out


def _given_name(doc: Doc, text: str, t: Toponym, given: dict[str, int]) -> bool:
    """Whether `t` is a person's given name used alone after the full name, as a person is
    used: a feature about "Georgia Stevens" calls her "Georgia" from then on ("Georgia began
    skating at four", "said Georgia", "Georgia's father"); but "in Jordan" after "Jordan
    Henderson" is still the country, as is the town in "their Manchester school"."""
    if t.source not in ("entity", "repeat", "missed") or given.get(t.text, t.start) >= t.start:
        return False
    before = WORD_BEFORE_RE.search(text, max(0, t.start - 20), t.start)
    if before and before.group(1).lower() in LOCATIVES:
        return False
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span.root.dep_ in PERSON_ROLES


def _not_a_place(text: str, t: Toponym, gazetteer) -> bool:
    """Names that look like places but are not, or not ones the gazetteer can give.

    A county the gazetteer lacks, and the bare name of any county ("Boone County" is not the
    town of Boone); a word that names a war or disease ("Gulf War", "Marburg virus"); a lone
    direction or common word; a saint's church, school or hospital ("St. Michael's Catholic
    School", "St. John's University"), which takes the saint's possessive where a town of
    the saint's name does not.
    """
    if t.fixed is not None:
        return False
    if t.query.lower() in NOT_PLACES or (COUNTY_NAME_RE.search(t.query) and not gazetteer.contains(t.query)):
        return True
    after = NEXT_WORD_RE.match(text, t.end)
    if after and after.group(1).lower() in NOT_PLACE_AFTER:
        return True
    if SAINT_RE.match(t.text) and SAINTS_INSTITUTION_RE.match(text, t.end):
        return True
    # The bare name before "County" is never the town: the county (where the gazetteer has
    # it) is found by `_county_phrase` over the whole phrase.
    return bool(COUNTY_RE.match(text, t.end))


def _name_parts(entities, gazetteer) -> list[tuple[int, int]]:
    """People's mentions without the title before the name: in "U.S. Secretary of State Hillary
    Clinton" the place spaCy found in the title is a place; one inside the name is not."""
    out = []
    for e in entities:
        if e.label != "PERSON" or _misnamed_person(e, gazetteer):
            continue
        for m in e.mentions:
            at = m.text.rfind(e.name) if len(m.text) > len(e.name) else -1
            out.append((m.start + at, m.end) if at > 0 else (m.start, m.end))
    return out


def _person_words(entities) -> set[str]:
    """Lower-cased words of the multi-word names of people in the article."""
    return {w.lower() for e in entities if e.label == "PERSON" for m in e.mentions
            for w in m.text.split() if len(m.text.split()) > 1 and w[:1].isupper()}


def _inside(t: Toponym, ranges: list[tuple[int, int]]) -> bool:
    """Whether `t` overlaps one of `ranges`."""
    return any(a < t.end and t.start < b for a, b in ranges)


def _choose(toponyms: Iterable[Toponym]) -> list[Toponym]:
    """Keep the strongest of overlapping toponyms (by source, then length)."""
    kept: list[Toponym] = []
    for t in sorted(toponyms, key=lambda t: (PRIORITY[t.source], t.start - t.end, t.start)):
        if t.end > t.start and not any(k.start < t.end and t.start < k.end for k in kept):
            kept.append(t)
    return kept


def clean_name(name: str) -> str:
    """The name without a leading "the" and a trailing possessive."""
    name = name.strip()
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return re.sub(r"(?:'s|’s|'|’)$", "", name).strip()


def seat_toponyms(text: str, persons: list[tuple[int, int]]) -> list[Toponym]:
    """Seats of government named in `text` ("the Kremlin", "Downing Street")."""
    out = []
    for name in sorted(seats(), key=len, reverse=True):
        if name not in text:  # a plain substring test first: most seats are in no article
            continue
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            out.append(Toponym(m.start(), m.end(), m.group(), name, "seat"))
    return out


def container_entry(gazetteer, words: str) -> Optional[tuple[str, GazetteerEntry]]:
    """The region or country a comma-led phrase starts with, and the words it used.

    Args:
        gazetteer: the gazetteer.
        words: the text after "Town, " (up to three capitalised words).
    """
    parts = words.split()
    for k in range(len(parts), 0, -1):
        joined = " ".join(parts[:k])
        abbr = abbreviations().get(joined)
        if abbr is not None:
            entry = region_entry(gazetteer, abbr.country, abbr.region)
            if entry is not None:
                return joined, entry
        stripped = joined.rstrip(".")
        for entry in gazetteer.lookup(stripped)[:3] if len(stripped) > 2 else ():
            if entry.feature_code in ("ADM1", "PCLI") and normalize_key(entry.name) == normalize_key(stripped):
                return stripped, entry
    return None


def within(entry: GazetteerEntry, container: GazetteerEntry) -> bool:
    """Whether `entry` lies in the region or country `container`."""
    if entry.geonameid == container.geonameid or entry.country != container.country:
        return False
    return container.feature_code == "PCLI" or entry.admin1_code == container.admin1_code


def _town_before(gazetteer, text: str, end: int, words: str, container: GazetteerEntry):
    """The longest tail of `words` (ending at `end`) naming a place inside `container`."""
    parts = words.split()
    for k in range(len(parts), 0, -1):
        name = " ".join(parts[-k:])
        if any(within(e, container) for e in gazetteer.lookup(clean_name(name))):
            start = end - len(name)
            if text[start:end] == name:
                return start, name
    return None


def pair_toponyms(text: str, gazetteer) -> list[Toponym]:
    """"Town, ST" and "Town, Country" pairs: the town (constrained) and its container."""
    out = []
    for m in _PAIR_RE.finditer(text):
        found = container_entry(gazetteer, m.group(2))
        if found is None:
            continue
        words, entry = found
        if entry.feature_code == "PCLI" or words not in abbreviations():
            if LIST_GOES_ON_RE.match(text, m.start(2) + len(words)):
                continue  # "Washington, New York, Boston": a list, not a town and its state
        town = _town_before(gazetteer, text, m.end(1), m.group(1), entry)
        if town is None:
            continue
        start, name = town
        out.append(Toponym(start, m.end(1), name, clean_name(name), "pair", container=entry))
        c_start = m.start(2)
        out.append(Toponym(c_start, c_start + len(words), text[c_start:c_start + len(words)], words,
                           "pair", fixed=entry))
    return out


def dateline_toponyms(text: str, gazetteer) -> list[Toponym]:
    """Capitalised datelines opening a paragraph or sentence ("BYESVILLE --", "BEIRUT:")."""
    out = []
    for m in _DATELINE_RE.finditer(text):
        name = m.group(1).rstrip(".")
        found = container_entry(gazetteer, m.group(2)) if m.group(2) else None
        if gazetteer.contains(name) or named_area(name) is not None:
            container = found[1] if found else None
            out.append(Toponym(m.start(1), m.start(1) + len(name), name, name, "dateline", container=container))
        if found:  # "CAMP MURRAY, Wash. -": the state, even when the gazetteer lacks the place
            c_start = m.start(2)
            out.append(Toponym(c_start, c_start + len(found[0]), found[0], found[0], "dateline",
                               fixed=found[1]))
    return out


def _demonym(doc: Doc, start: int, end: int, gazetteer, name: str) -> bool:
    """A single adjective or demonym ("Russian", "Kazakh") the gazetteer knows by no place
    of that exact name (it becomes a demonym place instead)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or named_area(name):
        return False  # "the Balkans" is plural, but no demonym
    if span[0].tag_ not in ("JJ", "NNPS") and not is_demonym(name):
        return False  # the tagger or the demonym lexicon ("Kazakh", tagged a proper noun)
    return not any(normalize_key(e.name) == normalize_key(name) for e in gazetteer.lookup(name)[:5])


def entity_toponyms(doc: Doc, text: str, entities, gazetteer) -> list[Toponym]:
    """Place-labelled entity mentions the gazetteer (or the named areas table) knows."""
    out = []
    for ent in entities:
        if ent.label not in PLACE_LABELS and not _misnamed_person(ent, gazetteer):
            continue
        for m in ent.mentions:
            name = clean_name(m.text)
            start = m.start + m.text.find(name) if name and name in m.text else m.start
            region = _region_phrase(text, start + len(name), name, gazetteer)
            county = _county_phrase(text, start + len(name), name, gazetteer)
            if county is not None:
                out.append(Toponym(start, county[0], text[start:county[0]], county[1], "region"))
            elif region is not None:
                out.append(Toponym(start, region[0], text[start:region[0]], region[1], "region",
                                   regions_only=True))
            elif name and (named_area(name) or gazetteer.contains(name)) \
                    and not _demonym(doc, start, start + len(name), gazetteer, name):
                out.append(Toponym(start, start + len(name), name, name, "entity"))
            elif ent.label == "GPE" and CODE_RE.fullmatch(name) and gazetteer.country(name):
                # "US": a country's ISO code written as its name
                out.append(Toponym(start, start + len(name), name, name, "entity",
                                   fixed=gazetteer.country(name)))
            elif ent.label == "GPE" and _ap_region(gazetteer, m.text.strip()) is not None:
                # "Mass. legislators": a state's AP abbreviation that spaCy calls a place
                written = m.text.strip()
                out.append(Toponym(m.start, m.start + len(written), written, written, "entity",
                                   fixed=_ap_region(gazetteer, written)))
    return out


def _ap_region(gazetteer, text: str) -> Optional[GazetteerEntry]:
    """The region an AP-style abbreviation ("Mass.", "W. Va.") stands for, or None; postal
    codes ("MA") alone are too often something else."""
    abbr = abbreviations().get(text)
    if abbr is None or abbr.postal:
        return None
    return region_entry(gazetteer, abbr.country, abbr.region)


def _misnamed_person(ent, gazetteer) -> bool:
    """A "person" that is a country or region of two or more words ("Tamil Nadu said"), or a
    river, sea or range ("floods along the Danube")."""
    if ent.label != "PERSON" or not all(m.text == ent.name for m in ent.mentions):
        return False
    area = named_area(ent.name)
    if area is not None and area.feature_class in ("H", "T"):
        return True
    return len(ent.name.split()) > 1 and strong_name(gazetteer, ent.name)


def _region_phrase(text: str, end: int, name: str, gazetteer) -> Optional[tuple[int, str]]:
    """End offset and query of "<name> region" when the gazetteer has it as a region."""
    m = re.match(r"\s+([A-Za-z]+)\b", text[end:end + 20])
    if not m or m.group(1).lower() not in REGION_WORDS:
        return None
    query = f"{name} {m.group(1)}"
    if any(e.feature_code == "ADM1" for e in gazetteer.lookup(query)):
        return end + m.end(), query
    return None


def _county_phrase(text: str, end: int, name: str, gazetteer) -> Optional[tuple[int, str]]:
    """End offset and query of "<name> County" (or Parish, Borough) when the gazetteer has a
    county of that name; spaCy often tags only "Boone" in "Boone County"."""
    m = COUNTY_RE.match(text, end)
    if not m or m.group(1) == "Co.":
        return None
    query = f"{name} {m.group(1)}"
    return (m.end(), query) if gazetteer.contains(query) else None


def county_list_toponyms(text: str, gazetteer) -> list[Toponym]:
    """Each name of a list of counties ("Nassau and Baker counties"): the county of that name,
    where the gazetteer has one."""
    out = []
    for m in _COUNTY_LIST_RE.finditer(text):
        kind = "County" if m.group(2).lower() == "counties" else "Parish"
        at = m.start(1)
        for name in _LIST_SEP_RE.split(m.group(1)):
            at = text.index(name, at)
            if gazetteer.contains(f"{name} {kind}"):
                out.append(Toponym(at, at + len(name), name, f"{name} {kind}", "counties"))
            at += len(name)
    return out


def party_toponyms(text: str, gazetteer) -> list[Toponym]:
    """The state or town of a party tag after a politician's name ("D-W.Va.", "R-Texas")."""
    out = []
    for m in _PARTY_RE.finditer(text):
        found = container_entry(gazetteer, m.group(1))
        if found is not None:
            start = m.start(1)
            out.append(Toponym(start, start + len(found[0]), found[0], found[0], "party", fixed=found[1]))
        else:
            name = m.group(1).split()[0].rstrip(".,")
            if len(name) > 2 and gazetteer.contains(name):
                out.append(Toponym(m.start(1), m.start(1) + len(name), name, name, "party"))
    return out


def repeat_toponyms(text: str, chosen: list[Toponym], persons: list[tuple[int, int]]) -> list[Toponym]:
    """Further occurrences of names already taken as places (one sense per article)."""
    out = []
    names = {t.text: t for t in chosen if t.source != "missed" and len(t.text) > 2}
    for name, t in names.items():
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            rep = replace(t, start=m.start(), end=m.end(), source="repeat")
            if not _inside(rep, persons):
                out.append(rep)
    return out


# A photo caption ends with the date and the city the picture was taken in (AP style).
CAPTION_PLACE_RE = re.compile(r"\b(?:19|20)\d\d, in $")
# Words that make a sentence speak of a city, not the region of the same name ("New York's
# mayor", "the five boroughs"); the UN bodies meet in cities (New York, Geneva, Vienna), and
# a reporter who "contributed" from a place filed from its city.
TOWN_WORDS = {"contributed", "mayor", "borough", "boroughs", "downtown", "subway", "citywide", "city", "metro",
              "suburbs", "uptown", "un", "u.n.", "nations", "headquarters"}
# Words that make it speak of a state or province: its governor, its legislators, its
# elections, its counties ("Sen. Chuck Schumer of New York", "upstate New York").
REGION_CUE_WORDS = {"state", "states", "statewide", "upstate", "governor", "gov.", "gubernatorial",
                    "legislature", "senate", "senator", "sen.", "rep.", "reps.", "congressman",
                    "congresswoman", "assembly", "primary", "primaries", "county", "counties"}


def place_cue(doc: Doc, t: Toponym, cues: Optional[tuple[list[int], list[int]]] = None) -> str:
    """"region" when the toponym's sentence speaks of a state or province, "town" when it
    speaks of a city ("the mayor", "at the UN"), else "": a name that is both a region's
    and a city's inside it ("New York") takes the sense its sentence speaks of. `cues` is
    `cue_words(doc)`, read once per document by a caller with many toponyms."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    text = doc_text(doc)
    if text.startswith("-based", t.end):
        return "town"  # "New York-based Human Rights Watch": a body is based in a city
    if CAPTION_PLACE_RE.search(text, max(0, t.start - 12), t.start):
        return "town"  # a photo caption's "…, Aug. 24, 2022, in New York." names the city
    region, town = cues if cues is not None else cue_words(doc)
    sent = span[0].sent

    def said(positions: list[int]) -> bool:  # a cue word in the sentence, outside the name
        return any(sent.start <= i < sent.end and not span.start <= i < span.end for i in positions)
    return "region" if said(region) else "town" if said(town) else ""


def cue_words(doc: Doc) -> tuple[list[int], list[int]]:
    """Token indices of the region cue words and of the town words (`place_cue`)."""
    return [t.i for t in tokens_of(doc, REGION_CUE_WORDS)], [t.i for t in tokens_of(doc, TOWN_WORDS)]
