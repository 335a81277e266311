"""Which sense a polysemous trigger verb has, read off its arguments in the parse.

A trigger lexicon gives one type per word, but a few common news verbs name different
events (or none) by what they take: troops "struck a depot" (an assault) where workers
"struck" (a strike); soldiers "fired on" a convoy where a company "fired" its director; a
president "asked" allies to send arms (a request) where a reporter "asked" a question;
a defendant "pleaded guilty" (no event). And an attack made in words — by "comments", an
"editorial", or by one politician on another — is an accusation, not an assault.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .actors import sectors
from ..common.speech import SPEECH_NOUNS as SPOKEN, is_speech_verb
from ..common.syntax import subject_of

# What a verbal attack is made with: its subject names a speech act or a text.
SPEECH_NOUNS = SPOKEN | {"article", "editorial", "column", "ad", "advert", "advertisement", "video", "report", "book"}
# Objects of "fire" that are what is fired, not who is dismissed.
FIRED_THINGS = {"missile", "rocket", "shell", "shot", "round", "salvo", "bullet", "projectile", "volley",
                "weapon", "gun", "drone", "torpedo", "warning", "flare", "artillery", "mortar"}


def sense(tok: Token, etype: str) -> Optional[str]:
    """The event type `tok` has here, given the lexicon's `etype` for its lemma; None when
    this use names no event."""
    lemma = tok.lemma_.lower()
    if lemma == "strike":
        return _strike(tok)
    if lemma == "fire":
        return _fire(tok)
    if lemma == "ask":
        return etype if _asks_for_something(tok) else None
    if lemma == "plead":
        return None if any(c.lower_ in ("guilty", "innocent") for c in tok.subtree) else etype
    if etype == "ASSAULT" and lemma == "attack" and _in_words(tok):
        return "ACCUSE"
    return etype


def _objects(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]


def _strike(tok: Token) -> str:
    """Striking something, or by armed forces, is an attack; striking alone a work stoppage."""
    if _objects(tok) or any(c.dep_ == "prep" and c.lower_ in ("at", "on", "against") and not _when(c)
                            for c in tok.children):
        return "ASSAULT"
    subject = subject_of(tok)
    armed = subject is not None and sectors().get(subject.lower_) in ("MIL", "REB")
    return "ASSAULT" if armed else "PROTEST"


def _when(prep: Token) -> bool:
    """"on Monday", "at dawn": a preposition of time, not of a target."""
    return any(g.ent_type_ in ("DATE", "TIME") or g.lower_ in ("dawn", "night", "noon", "midnight")
               for g in prep.children if g.dep_ == "pobj")


def _fire(tok: Token) -> Optional[str]:
    """Firing on or at someone, or firing a weapon, is an attack; firing a person, or a
    misparsed "into firing positions", is not."""
    if any(c.dep_ == "prep" and c.lower_ in ("on", "at", "into", "upon", "toward", "towards", "across")
           and not _when(c) for c in tok.children):
        return "ASSAULT"
    objects = _objects(tok)
    if not objects:
        return "ASSAULT"  # "troops fired", "opened fire"
    if any(o.lemma_.lower() in FIRED_THINGS for o in objects):
        return "ASSAULT"
    return None  # "fired its director", "fired a warning shot" is named above; else unclear


def _asks_for_something(tok: Token) -> bool:
    """A request asks someone to do or give something ("asked NATO to close the sky",
    "asked for weapons"); "asked" of a question is speech."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    for c in [*tok.children, *(g for o in objects for g in o.children)]:  # "asked allies for arms"
        if c.dep_ == "xcomp" and is_speech_verb(c):
            return False  # "was asked to comment": an interview question
        if c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for"):
            return True
        if c.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ in ("should", "must") for g in c.children):
            return True
    return False


def _in_words(tok: Token) -> bool:
    """An attack made by a text or speech, or by one named person on another."""
    subject = subject_of(tok)
    if subject is None:
        return False
    if subject.lemma_.lower() in SPEECH_NOUNS:
        return True
    target = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return subject.ent_type_ == "PERSON" and target is not None and target.ent_type_ == "PERSON"
