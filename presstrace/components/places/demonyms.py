"""Demonym places: a national adjective or people noun that names a country ("Russian
troops", "the Ukrainians", "British officials") resolves to that country, as a place of
kind "demonym" (SCHEMA.md), so the map and the events can use it and a view can leave it
out.

The word must stand on its own: inside a longer name ("American Airlines", "the Russian
Orthodox Church") it names that thing, unless the name is a state body's ("the Russian
Ministry of Defence"); as a language ("in English", "French-speaking", "a Russian
translation") or inside another people ("African-Americans") it names no country.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from ...gazetteer import GazetteerEntry
from ...records import DEMONYM
from ..common.doc import doc_text, ent_of_token
from ..common.lexicons import data_rows, demonyms
from .data import named_area, region_entry
from .detect import Toponym

# Actor coding gives these a country (CAMEO codes Soviet forces as Russia's), but as places
# they name a state that is gone or a people of several states.
STATELESS = {"soviet", "yugoslav", "kurdish"}
# Entity labels of names a demonym can open without naming the people: a firm, a church,
# a team, a law, a work, an event ("the Russian Revolution"), a product.
NAME_LABELS = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
# Nouns that make the adjective a language: "a French translation", "Russian speakers".
LANGUAGE_HEADS = {"language", "languages", "translation", "translations", "version", "versions",
                  "subtitles", "speaker", "speakers", "speaking", "dub", "dubbing", "edition", "teachers",
                  "word", "words", "phrase", "name", "alphabet", "script", "lessons", "class",
                  "classes", "teacher", "literature", "grammar", "dialect", "accent"}
# Verbs and prepositions that take a language: "speaks Russian", "translated into English".
LANGUAGE_GOVERNORS = {"speak", "learn", "teach", "translate", "write", "study", "read", "understand"}


def demonym_toponyms(doc: Doc, taken: list[tuple[int, int]], gazetteer) -> list[tuple[Toponym, GazetteerEntry]]:
    """(toponym, place) for each demonym of `doc` outside the spans in `taken`: a country's,
    or a continent's or region's from `places_adjectives.tsv` ("European", "Latin American",
    "Crimean").

    Args:
        doc: a parsed document with entities.
        taken: character spans already held by toponyms or non-content.
        gazetteer: the `Gazetteer` (its countries by ISO alpha-3 code).
    """
    out = []
    for tok in capitalised_tokens(doc):  # `_named_place` needs a capital; most words have none
        found = _named_place(tok, gazetteer)
        if found is None or any(a < tok.idx + len(tok) and found[0] < b for a, b in taken):
            continue
        if _in_longer_name(tok) or _language(tok) or _compound_people(tok):
            continue
        start, entry = found
        text = doc_text(doc)[start:tok.idx + len(tok)]
        out.append((Toponym(start, start + len(text), text, text, DEMONYM, fixed=entry), entry))
    return out


def capitalised_tokens(doc: Doc) -> list[Token]:
    """The tokens whose first character is upper case, in order: found from the token
    offsets in the document's text, so that no Token is made for the other words."""
    text = doc_text(doc)
    return [doc[i] for i, start in enumerate(doc.to_array(IDX).tolist()) if text[start].isupper()] if len(doc) else []


def _named_place(tok: Token, gazetteer) -> Optional[tuple[int, GazetteerEntry]]:
    """(start, place) when the token ends a demonym: a two-word one ("Latin American",
    "North Korean") taken before its last word's, a region's before a country's
    ("Scottish")."""
    if not tok.text[:1].isupper():
        return None
    if tok.i and tok.doc[tok.i - 1].text[:1].isupper():
        prev = tok.doc[tok.i - 1]
        pair = f"{prev.lower_} {tok.lower_}"
        code = country_code(tok, pair)
        entry = _region(pair, gazetteer) or (gazetteer.country(code) if code else None)
        if entry is not None:
            return prev.idx, entry
    entry = _region(tok.lower_, gazetteer)
    if entry is not None:
        return tok.idx, entry
    code = country_code(tok)
    entry = gazetteer.country(code) if code else None
    return (tok.idx, entry) if entry is not None else None


def _region(words: str, gazetteer) -> Optional[GazetteerEntry]:
    """The continent, area or first-level region an adjective or its plural names, or None."""
    table = regional()
    key = words if words in table else words[:-1] if words.endswith("s") and words[:-1] in table else None
    if key is None:
        return None
    name, country = table[key]
    return region_entry(gazetteer, country, name) if country else named_area(name)


@lru_cache(maxsize=1)
def regional() -> dict[str, tuple[str, str]]:
    """Lower-cased adjective -> (place name, country code or "") from the shipped table."""
    return {row[0].lower(): (row[1], (row + [""])[2]) for row in data_rows("places_adjectives.tsv")}


def country_code(tok: Token, words: str = "") -> Optional[str]:
    """The alpha-3 code of the country a capitalised demonym token (or the `words` ending
    in it: "North Korean") names, or None; a plural names the people ("Ukrainians"), the
    singular adjective their country's."""
    if not tok.text[:1].isupper() or tok.is_sent_start and tok.text.isupper():
        return None
    low = words or tok.lower_
    table = demonyms()
    if low in STATELESS or low.rstrip("s") in STATELESS:
        return None
    if low in table:
        return table[low]
    if low.endswith("s") and low[:-1] in table and tok.tag_ in ("NNPS", "NNS", "NNP"):
        return table[low[:-1]]
    return None


def _in_longer_name(tok: Token) -> bool:
    """Whether the token opens or sits in a multi-word name: an entity of a naming label,
    or a run of capitalised nouns that the demonym modifies ("Russian Railways")."""
    ent = _entity(tok)
    if ent is not None and ent.label_ in NAME_LABELS and len(ent) > 1:
        # "the Russian Ministry of Defence", "Ukrainian Armed Forces": a state body the
        # demonym's country owns, unlike "American Airlines" or "the Canadian Press".
        return not _state_body(ent)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.tag_ not in ("NNP", "NNPS") or nxt.ent_type_ not in NAME_LABELS:
        return False
    return not _state_body(_entity(nxt))


def _compound_people(tok: Token) -> bool:
    """"African-Americans", "Latin-American": a capitalised word that names no country,
    hyphened before the demonym, makes another people ("Palestinian-Israeli talks" and
    "pro-Russian" still name the countries)."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 1].whitespace_:
        return False
    before = doc[tok.i - 2]
    return before.text[:1].isupper() and country_code(before) is None


def _entity(tok: Token):
    """The entity span `tok` belongs to, or None."""
    return ent_of_token(tok.doc).get(tok.i)


def _state_body(ent) -> bool:
    """Whether the entity is an organisation of the state: government, forces, police,
    courts, parliament."""
    return ent is not None and ent.label_ == "ORG" and any(t.lower_ in state_words() for t in ent)


@lru_cache(maxsize=1)
def state_words() -> frozenset[str]:
    """Words of government, armed forces, police, courts and parliaments, from the shipped
    actor sector lexicon."""
    return frozenset(word for word, sector in data_rows("actor_sectors.tsv")
                     if sector in ("GOV", "MIL", "POL", "JUD", "LEG"))


def _language(tok: Token) -> bool:
    """Whether the word names a language here: spaCy says so, a language noun follows
    ("Russian speakers", "French-speaking"), or a verb of speech or reading takes it."""
    if tok.ent_type_ == "LANGUAGE":
        return True
    doc = tok.doc
    after = doc[tok.i + 1:tok.i + 3]
    if after and after[0].text == "-" and len(after) > 1:
        after = after[1:]
    if after and after[0].lower_ in LANGUAGE_HEADS:
        return True
    head = tok.head
    if tok.dep_ in ("dobj", "pobj") and (head.lemma_.lower() in LANGUAGE_GOVERNORS or (
            head.lower_ in ("in", "into") and head.head.lemma_.lower() in LANGUAGE_GOVERNORS)):
        return True
    # "in English", "in Russian": a bare singular after "in" is the language (a people
    # is plural: "in Russians' hands").
    return tok.dep_ == "pobj" and head.lower_ == "in" and not tok.lower_.endswith("s")
