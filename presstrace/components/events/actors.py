"""Actors of events: the entity, its country (ISO 3166-1 alpha-3) and its sector.

Everything comes from what the text says around the actor's head word: "Russian forces" is
RUS MIL (a demonym and a military word), "Russian President Vladimir Putin" RUS GOV (the
mention's nationality and title), "the Kremlin" RUS GOV (a seat of government), "Kyiv" or
"Ukraine" as the doer of something UKR GOV (a state acting is its government), "NATO" IGO.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import pycountry
from spacy.tokens import Span, Token

from ...records import Actor
from ..common.entity_index import EntityIndex
from ..common.syntax import speaker_span
from ..common.doc import span_ents
from ...names import strip_possessive
from ..common.lexicons import data_rows, demonyms


# How many of an entity's mentions are read for its country and sector.
MENTIONS_READ = 12
# A city this large is named in the news without its country ("Kyiv", "Odesa").
CITY_POPULATION = 100_000
# Pronouns that can stand for a state, a people or an organisation.
GROUP_PRONOUNS = {"it", "its", "they", "their", "them"}
# Entity labels of things that do not act: times, numbers, products (weapons), works, laws.
NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PRODUCT",
              "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT"}


@lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    return {w: s for w, s in data_rows("actor_sectors.tsv")}


@lru_cache(maxsize=1)
def igos() -> frozenset[str]:
    return frozenset(n.strip().lower() for row in data_rows("actor_igos.txt") for n in row[0].split("|"))


@lru_cache(maxsize=1)
def seats() -> dict[str, str]:
    """Seats of government ("Kremlin") -> alpha-3, from the places layer's data file."""
    out = {}
    for row in data_rows("places_seats.tsv"):
        country = pycountry.countries.get(alpha_2=row[1])
        if country is not None:
            out[row[0].lower()] = country.alpha_3
    return out


def alpha3(alpha2: Optional[str]) -> Optional[str]:
    country = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    return country.alpha_3 if country else None


def actor_for(tok: Optional[Token], index: EntityIndex, gazetteer=None) -> Optional[Actor]:
    """The actor whose head word is `tok`, with offsets of the phrase that names it; None
    for a word that names no one who can act (a date, a number, a weapon, a law)."""
    if tok is None or tok.lower_ in ("which", "that", "who", "this") or tok.ent_type_ in NOT_ACTORS \
            or tok.text == "us":  # "tried to kill us": the pronoun, never the country
        return None
    if tok.lower_ in GROUP_PRONOUNS:
        return _pronoun_actor(tok, index, gazetteer)
    phrase = _phrase(tok)
    if not len(phrase):
        return None  # a determiner or a mark, not a name
    # The entity whose mention holds the head word: "his closest henchman" is not the
    # "his", and "Russia's leading gun-maker" is not Russia.
    ent = index.of_phrase(tok.idx, tok.idx + len(tok.text), phrase.text) or _group_entity(tok, index)
    if ent is not None and ent.label in NOT_ACTORS:
        return None
    country, sector = _country_sector(phrase, ent, gazetteer)
    name = ent.name if ent else phrase.text
    return Actor(entity=ent.id if ent else None, name=name, country=country, sector=sector,
                 start=phrase.start_char, end=phrase.end_char, text=phrase.text)


def _phrase(tok: Token) -> Span:
    """The words that name the actor: its mention, or its noun phrase up to the head and
    the place that locates it ("demonstrators in Baghdad")."""
    span = speaker_span(tok)
    doc = tok.doc
    start = min(span.start, _left_modifiers(tok))
    while start < span.end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    where = _locative(tok) if span.end == tok.i + 1 and not tok.ent_type_ else None
    return doc[start:where.right_edge.i + 1 if where is not None else span.end]


def _locative(head: Token) -> Optional[Token]:
    """The preposition that places a group noun: "police in Moscow", "rebels in the Ivory
    Coast", "students throughout Indonesia"."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "throughout", "from", "across"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ == "GPE":
                return c
    return None


def _left_modifiers(tok: Token) -> int:
    """Leftmost adjective, compound or possessive of the head ("Russian forces", "Kyiv's forces")."""
    lefts = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "poss", "nmod", "det")]
    return min([c.left_edge.i for c in lefts] + [tok.i])


def _country_sector(phrase: Span, ent, gazetteer) -> tuple[Optional[str], Optional[str]]:
    words = [t.text for t in phrase]
    lowered = [strip_possessive(w.lower()) for w in words]
    sector = next((sectors().get(w) or sectors().get(w[:-1]) for w in reversed(lowered)
                   if w in sectors() or (w.endswith("s") and w[:-1] in sectors())), None)
    text = phrase.text.lower()
    if text in igos() or (ent is not None and ent.name.lower() in igos()):
        return None, "IGO"
    seat = seats().get(text) or (seats().get(ent.name.lower()) if ent is not None else None)
    if seat:
        return seat, "GOV"
    country = _demonym_country(lowered) or _place_country(phrase, gazetteer) or _owner_country(phrase, gazetteer) \
        or _located_country(phrase, gazetteer)
    if ent is not None and (country is None or sector is None):
        # Other mentions of the same entity say more ("Russian President Vladimir Putin",
        # "U.S. Secretary of State Antony Blinken").
        for m in ent.mentions[:MENTIONS_READ]:
            words = [strip_possessive(w.lower()) for w in m.text.split()]
            country = country or _demonym_country(words[:-1])
            sector = sector or next((sectors()[w] for w in words[:-1] if w in sectors()), None)
            if country is None and ent.label != "GPE":
                mention = phrase.doc.char_span(m.start, m.end)
                country = _place_country(mention, gazetteer) if mention is not None else None
    if country and sector is None and ent is not None and ent.label in ("GPE",):
        sector = "GOV"  # a state that acts is its government
    return country, sector


def antecedent(tok: Token) -> Optional[Token]:
    """The state, people or organisation that "it", "its" or "they" stands for: the subject
    of a clause that governs the pronoun's own ("Hungary said it would support …", "Kyiv
    said its military had recaptured …"), when that subject is such a name."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        for c in node.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i and not c.left_edge.i <= tok.i <= c.right_edge.i:
                if c.lower_ in GROUP_PRONOUNS:
                    break  # "Russia said it used … in its attack": climb to what "it" stands for
                group = c.lemma_.lower() in sectors() or c.lower_ in sectors()  # "the rebels said they …"
                return c if c.ent_type_ in ("GPE", "ORG", "NORP") or group else None
    return None


def _pronoun_actor(tok: Token, index: EntityIndex, gazetteer) -> Optional[Actor]:
    """A pronoun acts as the name it stands for, at the pronoun's own characters."""
    named = antecedent(tok)
    actor = actor_for(named, index, gazetteer) if named is not None else None
    if actor is not None:
        actor.start, actor.end, actor.text = tok.idx, tok.idx + len(tok.text), tok.text
    return actor


def _group_entity(tok: Token, index: EntityIndex):
    """The organisation or people a group noun belongs to: "Hezbollah guerrillas", "European
    Community ministers", "leaders of the opposition coalition", "the government of Sindh"."""
    names = [(c, ("ORG",)) for c in tok.children if c.dep_ in ("compound", "nmod")]
    if strip_possessive(tok.lower_) not in sectors() and tok.lemma_.lower() not in sectors():
        return _first_entity(names, index)  # "the town of Sudzha" is a place, not its people
    of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    names += [(t, ("ORG", "GPE")) for g in of for t in [g, *(c for c in g.children if c.dep_ in ("compound", "nmod"))]]
    return _first_entity(names, index)


def _first_entity(names: list, index: EntityIndex):
    for name, labels in names:  # a people ("Polish workers") gives a country, not an entity
        if name.ent_type_ in labels:
            ent = index.at(name.idx, name.idx + len(name.text))
            if ent is not None and ent.label in labels:
                return ent
    return None


def _located_country(phrase: Span, gazetteer) -> Optional[str]:
    """The country of the place that locates a group noun ("police in Moscow")."""
    where = next((t for t in phrase if t.dep_ == "prep" and t.head.i < t.i and _locative(t.head) is t), None)
    obj = next((g for g in where.children if g.dep_ == "pobj"), None) if where is not None else None
    return _place_country(speaker_span(obj), gazetteer) if obj is not None else None


def _owner_country(phrase: Span, gazetteer) -> Optional[str]:
    """"its military" belongs to the country "its" stands for."""
    if not any(strip_possessive(t.lower_) in sectors() for t in phrase):
        return None  # "its military" is that country's; "its plan" names no one
    owner = next((t for t in phrase if t.dep_ == "poss" and t.lower_ in GROUP_PRONOUNS), None)
    named = antecedent(owner) if owner is not None else None
    if named is None:
        return None
    span = _phrase(named)
    return _country_sector(span, None, gazetteer)[0] if len(span) else None


def _demonym_country(words: list[str]) -> Optional[str]:
    for k, w in enumerate(words):
        two = " ".join(words[k:k + 2])
        for key in (two, w, w[:-1] if w.endswith("s") else w):
            if key in demonyms():
                return demonyms()[key]
    return None


def _place_country(phrase: Span, gazetteer) -> Optional[str]:
    """The country of a place named in the phrase: a country, or a city big enough to be
    named alone ("Kyiv", "Washington"); not a region that shares a common word ("the West"
    is no region of Cameroon)."""
    if gazetteer is None:
        return None
    for ent in span_ents(phrase):
        if ent.label_ == "GPE":
            name = ent.text.rstrip("’'s").strip()
            country = gazetteer.country(name)
            entries = [country] if country else [e for e in gazetteer.lookup(name)[:1]
                                                  if e.feature_class == "P" and e.population >= CITY_POPULATION]
            if entries:
                return alpha3(entries[0].country)
    return None
