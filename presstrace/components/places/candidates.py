"""Place names spaCy's entities hide: inside other names, or missed or mislabelled after "in".

`modifier_names` finds place names used as modifiers inside organisations' names and the
title part of people's mentions ("Huntsville Police Department", "Minnesota State Patrol",
"Huntsville Fire Chief Tom Grisham", "University of Georgia"); `missed_names` finds known
place names after a locative word that spaCy left unlabelled or called a person or an
organisation ("in Clarinda", "southwest of Raleigh", "Moayyad of Southlake", "in Sharon,
Cornwall and Salisbury"). Both return (start, end, text) character spans.
"""
from __future__ import annotations

import logging
import re
from typing import Optional

from ..common.constants import PLACE_LABELS

from spacy.tokens import Doc

from ...gazetteer import normalize_key
from ..common.doc import ent_of_token, tokens_of
from .data import named_area

LOGGER = logging.getLogger(__name__)

LOCATIVES = {"in", "near", "outside", "from", "across", "around", "throughout", "to", "into",
             "towards", "toward", "between", "via", "at", "inside", "within"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "northern", "southern", "eastern", "western", "miles", "kilometres", "kilometers", "km",
              "outskirts", "suburbs", "city", "town", "village", "part", "parts", "county", "state",
              "province", "region", "people", "residents", "resident", "native", "mayor", "center",
              "centre", "heart", "capital", "coast", "shores", "streets"}
# Title words after a place name in a person's mention ("Huntsville Fire Chief Tom Grisham").
PERSON_TAIL_WORDS = {"fire", "police", "county", "school", "sheriff", "mayor", "township", "state",
                     "marine", "councillor", "councilman", "alderman", "superintendent", "district",
                     "area", "chief", "native", "resident", "judge", "commissioner", "attorney",
                     "coroner", "clerk", "ward", "governor", "gov.", "gov", "lt.", "senator",
                     "sen.", "rep.", "representative", "assemblyman", "congressman",
                     "congresswoman", "commissioner", "premier"}
# Words after a place name that make the name an organisation's local part ("Huntsville
# Police Department"); institutions are often named after people instead ("Smith College"),
# so for those words the name must be a town of some size or a region.
# ("department" is not one: "the Justice Department", "the State Department" name a
# government's department, while a town's are "X Police Department", "X Fire Department".)
ORG_TAIL_WORDS = {"police", "county", "council", "sheriff", "sheriff's", "sheriff’s",
                  "library", "chamber", "board", "public", "township", "district", "area",
                  "regional", "municipal", "airport", "courthouse", "schools", "parks", "water",
                  "transit", "fire", "town", "city", "volunteer", "historical", "independent",
                  "education", "convention", "democrats", "republicans", "circuit",
                  "commission", "ems", "superior", "governor", "commissioner"}
INSTITUTION_WORDS = {"school", "high", "middle", "elementary", "university", "college", "hospital",
                     "church", "memorial", "community", "state", "port", "zoo", "museum",
                     "international", "film", "festival", "skating", "symphony", "marathon"}
INSTITUTION_TOWN = 10_000
# Names of institutions that some small place also bears.
INSTITUTIONS = {"congress", "parliament", "senate", "duma", "knesset", "bundestag", "supreme",
                "assembly", "cabinet", "pentagon", "capitol"}
# Common nouns that make the capitalised name before them a place ("Rochester man",
# "Roselle police", "Torrington firefighters", "Chicopee residents").
LOCAL_NOUNS = {"man", "woman", "men", "women", "boy", "girl", "teen", "teenager", "couple", "family",
               "resident", "residents", "native", "natives", "police", "officers", "firefighters",
               "officials", "councillors", "councilors", "voters", "businesses", "mayor", "senior",
               "students", "homeowners", "taxpayers", "hospitals", "schools", "dispatchers"}
# Words before a place name that only say which part of it ("North Texas", "Western Mass.").
DIRECTION_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                   "northeast", "northwest", "southeast", "southwest", "northeastern",
                   "northwestern", "southeastern", "southwestern", "central", "upstate",
                   "downstate", "downtown", "far"}
# A city that spaCy calls an organisation or a nationality by its bare name ("Edmonton",
# "Aleppo") is taken as the place only if it is at least this big (smaller ones are teams and
# firms as often), no person in the article bears the name ("Lincoln") and no capitalised
# word follows ("Toyota Camry").
BARE_CITY = 300_000
NEXT_CAPITAL_RE = re.compile(r"[ -][A-Z]")
OF_TAIL_RE = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})$")


def modifier_names(entities, gazetteer, text: str, person_words: set[str]) -> list[tuple[int, int, str]]:
    """Place names used as modifiers inside other names, or mislabelled whole.

    "Huntsville Police Department", "Minnesota State Patrol", "U.S. Senate", "Huntsville
    Fire Chief Tom Grisham" (the title part of a person's mention), "University of Georgia",
    "Alachua County Sheriff's Office" (a facility), "North Texas" (the region after a
    direction word), and "Mozambique" or "Edmonton" called an organisation (see BARE_CITY).
    """
    out = []
    for ent in entities:
        for m in ent.mentions:
            if ent.label in ("ORG", "NORP") and bare_place(gazetteer, m.text) \
                    and m.text.lower() not in person_words and not NEXT_CAPITAL_RE.match(text, m.end):
                out.append((m.start, m.end, m.text))
                continue
            if ent.label == "NORP" or (ent.label in PLACE_LABELS and gazetteer.contains(m.text)):
                continue  # a place mention the gazetteer knows whole: entity_toponyms takes it
            inner = after_direction(m.text, gazetteer) if ent.label != "PERSON" else None
            if inner is not None:
                out.append((m.start + inner[0], m.start + inner[0] + len(inner[1]), inner[1]))
                continue
            if ent.label in PLACE_LABELS and m.text.split()[0].lower() in DIRECTION_WORDS:
                continue  # "Far North Queensland" is not the region "Far North" of Cameroon
            head = _modifier_head(m.text, gazetteer, person=ent.label == "PERSON")
            if head:
                out.append((m.start, m.start + len(head), head))
            tail = OF_TAIL_RE.search(m.text) if ent.label != "PERSON" else None
            if tail and strong_name(gazetteer, tail.group(1)):
                start = m.start + tail.start(1)
                out.append((start, start + len(tail.group(1)), tail.group(1)))
    return out


def bare_place(gazetteer, text: str) -> bool:
    """Whether an organisation's or nationality's whole name is a country, region or big city
    ("Mozambique", "Punjab", "Aleppo")."""
    return text[:1].isupper() and (strong_name(gazetteer, text) or exact_name(gazetteer, text, BARE_CITY, towns_only=True))


def after_direction(text: str, gazetteer) -> Optional[tuple[int, str]]:
    """(offset, name) of the place in "North Texas", "Western Pennsylvania Kennel Association",
    "East Oxford": a direction word, then a country, region or town of some size.

    None where the direction is part of a name the gazetteer has ("North Carolina").
    """
    words = text.split()
    lead = 0
    while lead < len(words) - 1 and words[lead].lower().rstrip(".") in DIRECTION_WORDS:
        lead += 1  # "Far North Queensland"
    if not lead or any(exact_name(gazetteer, " ".join(words[:k])) for k in range(lead + 1, min(len(words), lead + 3) + 1)):
        return None  # "North Carolina State University": the direction is part of the name
    start = text.index(words[lead], len(" ".join(words[:lead])))
    for k in range(min(3, len(words) - lead), 0, -1):
        name = re.sub(r"(?:['’]s)?,?$", "", " ".join(words[lead:lead + k]))
        if text[start:start + len(name)] == name and (
                strong_name(gazetteer, name) or exact_name(gazetteer, name, INSTITUTION_TOWN)):
            return start, name
    return None


def _modifier_head(text: str, gazetteer, person: bool) -> Optional[str]:
    """The leading place name of an organisation's (or a person's title) words, or None."""
    words = text.split()
    for k in range(min(3, len(words) - 1), 0, -1):
        name = " ".join(words[:k])
        if not text.startswith(name) or not name[:1].isupper():
            continue
        tail = words[k].lower()
        if name.lower() in INSTITUTION_WORDS:
            continue  # "University College Dublin": an institution's own word, not University, Florida
        local = tail in ORG_TAIL_WORDS or (person and words[k][:1].isupper() and tail in PERSON_TAIL_WORDS)
        if local and exact_name(gazetteer, name):
            return name
        if not person and tail in INSTITUTION_WORDS and exact_name(gazetteer, name, INSTITUTION_TOWN):
            return name
        if not person and strong_name(gazetteer, name):
            return name
    return None


def exact_name(gazetteer, name: str, population: int = 0, towns_only: bool = False) -> bool:
    """Whether a place among the first candidates has exactly this name (and is a region or
    has at least `population` people; with `towns_only`, a town of that size)."""
    key = normalize_key(name)
    regions = () if towns_only else ("ADM1", "PCLI")
    return any(normalize_key(e.name) == key and (e.population >= population or e.feature_code in regions)
               and not (towns_only and e.feature_class == "A")
               for e in gazetteer.lookup(name)[:8])


def strong_name(gazetteer, name: str) -> bool:
    """A name whose first reading is a country, first-level region or county ("Jefferson
    Parish", which spaCy often calls a person)."""
    entries = gazetteer.lookup(name)
    return bool(entries) and entries[0].feature_code in ("PCLI", "ADM1", "ADM2") \
        and normalize_key(entries[0].name) == normalize_key(name)


def _locative(doc: Doc, tok) -> bool:
    """Whether `tok` introduces a place: "in", "near", …, or "of" after a direction or a person."""
    if tok.lower_ in LOCATIVES:
        return True
    if tok.lower_ != "of" or not tok.i:
        return False
    prev = doc[tok.i - 1]
    return prev.lower_ in DIRECTIONS or prev.ent_type_ == "PERSON" or prev.like_num \
        or (prev.text == "," and tok.i > 1 and (doc[tok.i - 2].like_num or doc[tok.i - 2].ent_type_ == "PERSON"))


def _name_run(doc: Doc, i: int) -> Optional[tuple[int, int]]:
    """Token range of the capitalised name starting at `i` (at most 3 words), or None.

    The run must not cut through an entity: it either is a whole entity or has no label.
    """
    if i >= len(doc) or not doc[i].text[:1].isupper() or not doc[i].is_alpha:
        return None
    if doc[i].ent_type_:
        ent = ent_of_token(doc).get(i)
        ent = ent if ent is not None and ent.start == i else None
        if ent is None or ent.label_ not in ("ORG", "PERSON", "GPE", "LOC", "FAC") or len(ent) > 3:
            return None
        return ent.start, ent.end
    j = i
    while j < len(doc) and j - i < 3 and not doc[j].ent_type_ and doc[j].pos_ == "PROPN" \
            and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    return (i, j) if j > i else None


def missed_names(doc: Doc, gazetteer, person_words: set[str]) -> list[tuple[int, int, str]]:
    """Known place names after a locative word that spaCy missed or mislabelled, with lists.

    "in Clarinda", "southwest of Raleigh", "Moayyad of Southlake", "in Sharon, Cornwall and
    Salisbury".
    """
    out = []
    # Only a locative word or "of" can introduce a name: visit those, not every token.
    for tok in tokens_of(doc, LOCATIVES | {"of"}):
        if not _locative(doc, tok):
            continue
        i = tok.i + 1
        while True:
            run = _name_run(doc, i)
            if run is None:
                break
            span = doc[run[0]:run[1]]
            label = doc[run[0]].ent_type_
            if label in PLACE_LABELS or not _accept_run(span, gazetteer, person_words):
                break
            out.append((span.start_char, span.end_char, span.text))
            nxt = _list_next(doc, run[1])
            if nxt is None:
                break
            i = nxt
    return out


def local_noun_names(doc: Doc, gazetteer, person_words: set[str]) -> list[tuple[int, int, str]]:
    """Known place names right before a noun that makes them a place: "Rochester man",
    "Roselle police", "Torrington firefighters" (spaCy leaves them unlabelled or calls them
    an organisation or a person)."""
    out = []
    for tok in tokens_of(doc, LOCAL_NOUNS):
        if tok.i == 0:
            continue
        run = _name_run_before(doc, tok.i)
        if run is not None:
            span = doc[run[0]:run[1]]
            if doc[run[0]].ent_type_ not in PLACE_LABELS and _accept_run(span, gazetteer, person_words):
                out.append((span.start_char, span.end_char, span.text))
    return out


def _name_run_before(doc: Doc, end: int) -> Optional[tuple[int, int]]:
    """Token range of the capitalised name (at most 3 words) that ends right before `end`."""
    if doc[end - 1].ent_type_:
        start = end - 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1  # back to the entity's first token, read off the IOB tags
        ok = doc[end].ent_iob_ != "I" and end - start <= 3 \
            and doc[start].ent_type_ in ("ORG", "PERSON", "GPE", "LOC", "FAC")
        return (start, end) if ok else None
    i = end
    while i > 0 and end - i < 3 and not doc[i - 1].ent_type_ and doc[i - 1].pos_ == "PROPN" \
            and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha:
        i -= 1
    return (i, end) if i < end else None


def _accept_run(span, gazetteer, person_words: set[str]) -> bool:
    """A run is a place when the gazetteer has that exact name and no person is called so.

    Acronyms ("NATO") and institutions ("Congress", "the Duma") are organisations even
    where some hamlet has their name.
    """
    if any(t.lower_ in person_words or t.lower_ in INSTITUTIONS for t in span) or span.text.isupper():
        return False
    return named_area(span.text) is not None or exact_name(gazetteer, span.text)


def _list_next(doc: Doc, j: int) -> Optional[int]:
    """Index of the next item of a list ("X, Y and Z") after token `j`, or None."""
    if j < len(doc) and doc[j].text == ",":
        j += 1
        if j < len(doc) and doc[j].lower_ in ("and", "or"):
            j += 1
        return j
    if j < len(doc) and doc[j].lower_ in ("and", "or"):
        return j + 1
    return None
