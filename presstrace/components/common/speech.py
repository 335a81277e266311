"""Speech verbs and what goes with them: cues, channels, "according to", sentence ends.

The verbs come from the shipped `speech_verbs.txt` (quote cues, and with a `*` the belief
verbs that report claims only). A speaker is the subject of such a verb (`syntax.subject_of`)
or the object of "according to"; the entity it resolves to comes from the entities layer.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span, Token

from .lexicons import data_lines

# Aspect verbs are cues only on their own ("before continuing, …"), not "continue to be".
ASPECT_VERBS = {"continue", "begin", "end", "start"}
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "gen", "lt", "col", "sgt", "capt", "st", "jr", "sr",
                 "prof", "rev", "hon", "maj", "adm", "cmdr", "corp", "inc", "ltd", "co", "no", "vs", "u.s", "u.k",
                 "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "dept"}
TERMINAL = re.compile(r"[.!?…](?=[\s\"”’]|$)")
SPEECH_NOUNS = {"statement", "remarks", "remark", "post", "tweet", "message", "speech", "interview",
                "letter", "address", "comment", "comments", "note"}
CHANNEL = re.compile(
    r"\b(?:on|via) (?P<platform>Truth Social|X|Twitter|Facebook|Instagram|Telegram|TikTok|YouTube|LinkedIn|"
    r"Threads|Weibo|Bluesky|social media|television|TV|radio)\b"
    r"|\b(?:in|during) (?:a|an|the|his|her|their|its) (?:\w+ )?(?P<kind>statement|interview|letter|speech|"
    r"press release|video|post|tweet|op-ed|address|memo|email|podcast|broadcast)\b"
    r"|\bat (?:a|an|the) (?:\w+ )?(?P<event>press conference|news conference|rally|briefing|hearing|summit)\b"
    r"|\b(?P<told>told (?:reporters|journalists|the press))\b")


@lru_cache(maxsize=1)
def speech_lemmas() -> tuple[frozenset[str], frozenset[str]]:
    """(quote cues, every attribution verb incl. belief verbs) from `speech_verbs.txt`."""
    rows = [r.strip() for r in data_lines("speech_verbs.txt")]
    return frozenset(r for r in rows if not r.endswith("*")), frozenset(r.rstrip("*") for r in rows)


def is_speech_verb(token: Token, beliefs: bool = False) -> bool:
    """Whether `token` is a verb that attributes speech (or, with `beliefs`, a belief)."""
    quotes, claims = speech_lemmas()
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or lemma not in (claims if beliefs else quotes):
        return False
    return lemma not in ASPECT_VERBS or not any(c.dep_ == "xcomp" for c in token.children)


def next_terminal(text: str, start: int, stop: int) -> Optional[re.Match]:
    """The next sentence-ending mark in `text[start:stop]`, skipping "Mr." and initials."""
    pos = start
    while True:
        m = TERMINAL.search(text, pos, stop)
        if m is None or m.group() != ".":
            return m
        word = re.search(r"([\w.]+)$", text[max(start, m.start() - 12):m.start()])
        if not word or (word.group(1).lower() not in ABBREVIATIONS and len(word.group(1)) > 1):
            return m
        pos = m.end()


def according_to(tokens) -> Optional[Token]:
    """The object of "according to" among `tokens` (its head noun), if any."""
    for tok in tokens:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def cue_span(verb: Token) -> Span:
    """The cue: the verb with its particle, a speech-noun object and "with" ("ended with")."""
    parts = [verb] + [c for c in verb.children if c.dep_ in ("prt", "aux", "auxpass") and c.i < verb.i
                      and c.lower_ not in ("will", "would")]
    for child in verb.children:
        if child.dep_ == "prt":
            parts.append(child)
        elif child.dep_ == "dobj" and child.lemma_.lower() in SPEECH_NOUNS:
            parts += [t for t in child.lefts if t.i > verb.i] + [child]  # "a statement", not "… on X"
        elif child.dep_ == "prep" and child.lower_ == "with" and not list(child.children):
            parts.append(child)
    start, end = min(t.i for t in parts), max(t.i for t in parts) + 1
    return verb.doc[start:end]


def channel_of(text: str) -> Optional[str]:
    """The channel an attribution names ("on Truth Social", "in a statement"), if any."""
    m = CHANNEL.search(text)
    if not m:
        return None
    if m.group("platform"):
        return m.group("platform")
    if m.group("told"):
        return "remarks to reporters"
    return m.group("kind") or m.group("event")


# Verbs whose subject is the author of the statement they take as object ("Pence released
# a statement saying …"); not "received", "read" or "shared", whose statement may be another's.
ISSUING_VERBS = {"release", "issue", "publish", "post", "make", "deliver", "give", "sign", "write", "send",
                 "tweet", "file", "pen"}


def utterer(tok: Token) -> Token:
    """Who a speech noun belongs to: the possessor of "Biden's comments", "his remarks", or
    the subject of the verb that issued it ("Pence released a statement saying …"); any
    other token is its own speaker."""
    if tok.lemma_.lower() not in SPEECH_NOUNS:
        return tok
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ISSUING_VERBS:
        owner = next((c for c in tok.head.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")), None)
    return owner if owner is not None else tok
