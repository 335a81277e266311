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

from spacy.tokens import Doc

from ..gazetteer import normalize_key
from .layers import ent_of_token
from .places_data import continent

LOGGER = logging.getLogger(__name__)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
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
                     "area", "chief", "native", "resident"}
# Words after a place name that make the name an organisation's local part.
# Words after a place name that make the name an organisation's local part ("Huntsville
# Police Department"); institutions are often named after people instead ("Smith College"),
# so for those words the name must be a town of some size or a region.
ORG_TAIL_WORDS = {"police", "county", "council", "department", "sheriff", "sheriff's", "sheriff’s",
                  "library", "chamber", "board", "public", "township", "district", "area",
                  "regional", "municipal", "airport", "courthouse", "schools", "parks", "water",
                  "transit"}
INSTITUTION_WORDS = {"school", "high", "middle", "elementary", "university", "college", "hospital",
                     "church", "memorial", "community", "state", "port", "zoo", "museum"}
INSTITUTION_TOWN = 10_000
# Names of institutions that some small place also bears.
INSTITUTIONS = {"congress", "parliament", "senate", "duma", "knesset", "bundestag", "supreme",
                "assembly", "cabinet", "pentagon", "capitol"}
OF_TAIL_RE = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})$")


def modifier_names(entities, gazetteer) -> list[tuple[int, int, str]]:
    """Place names used as modifiers inside other names.

    "Huntsville Police Department", "Minnesota State Patrol", "U.S. Senate", "Huntsville
    Fire Chief Tom Grisham" (the title part of a person's mention), "University of Georgia".
    """
    out = []
    for ent in entities:
        if ent.label in PLACE_LABELS or ent.label == "NORP":
            continue
        for m in ent.mentions:
            head = _modifier_head(m.text, gazetteer, person=ent.label == "PERSON")
            if head:
                out.append((m.start, m.start + len(head), head))
            tail = OF_TAIL_RE.search(m.text) if ent.label != "PERSON" else None
            if tail and strong_name(gazetteer, tail.group(1)):
                start = m.start + tail.start(1)
                out.append((start, start + len(tail.group(1)), tail.group(1)))
    return out


def _modifier_head(text: str, gazetteer, person: bool) -> Optional[str]:
    """The leading place name of an organisation's (or a person's title) words, or None."""
    words = text.split()
    for k in range(min(3, len(words) - 1), 0, -1):
        name = " ".join(words[:k])
        if not text.startswith(name) or not name[:1].isupper():
            continue
        tail = words[k].lower()
        local = tail in ORG_TAIL_WORDS or (person and words[k][:1].isupper() and tail in PERSON_TAIL_WORDS)
        if local and exact_name(gazetteer, name):
            return name
        if not person and tail in INSTITUTION_WORDS and exact_name(gazetteer, name, INSTITUTION_TOWN):
            return name
        if not person and strong_name(gazetteer, name):
            return name
    return None


def exact_name(gazetteer, name: str, population: int = 0) -> bool:
    """Whether a place among the first candidates has exactly this name (and is a region or
    has at least `population` people)."""
    key = normalize_key(name)
    return any(normalize_key(e.name) == key and (e.population >= population or e.feature_code in ("ADM1", "PCLI"))
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
    for tok in doc:
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


def _accept_run(span, gazetteer, person_words: set[str]) -> bool:
    """A run is a place when the gazetteer has that exact name and no person is called so.

    Acronyms ("NATO") and institutions ("Congress", "the Duma") are organisations even
    where some hamlet has their name.
    """
    if any(t.lower_ in person_words or t.lower_ in INSTITUTIONS for t in span) or span.text.isupper():
        return False
    return continent(span.text) is not None or exact_name(gazetteer, span.text)


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
