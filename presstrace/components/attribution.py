"""Who said it: speech verbs, their speakers, cues and channels, shared by quotes and claims.

A speaker is the subject of a speech verb ("Kariakin said", "he stated"), climbing to the
governing verb when the speech verb has none of its own ("Trump began a statement …,
before continuing, …"), or the object of "according to". The speaker span is the mention
the attribution itself uses; the entity it resolves to comes from the entities layer
(names, titles and resolved pronouns).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..records import Entity
from .layers import ent_of_token
from .names import name_key

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Dependencies through which a subjectless verb borrows its governor's subject (not ccomp
# or parataxis: from "said" those lead into the quoted clause itself).
CLIMB_DEPS = {"advcl", "conj", "xcomp", "pcomp", "prep", "acl"}
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
    text = resources.files("presstrace.data").joinpath("speech_verbs.txt").read_text("utf-8")
    rows = [r.strip() for r in text.splitlines() if r.strip() and not r.startswith("#")]
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


def subject_of(verb: Token, depth: int = 4, inverted: bool = False) -> Optional[Token]:
    """The verb's subject, or its governor's when it has none ("before continuing").

    Args:
        verb: the speech verb.
        depth: how many governors up to look.
        inverted: also accept a name right after a clause-initial verb (`"…," added X`).
    """
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.lower_ not in ("that", "which", "who"):
            return child
        if child.dep_ == "agent":  # passive: "was told by X"
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if ((verb.dep_ == "relcl" and verb.tag_ != "VB") or (verb.dep_ == "acl" and verb.tag_ == "VBG")) \
            and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "a voice over saying: …", "an official who said …"
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VB" and depth and verb.head.head.i != verb.head.i:
        return subject_of(verb.head.head, depth - 1)  # "Kiev took measures to round up men"
    after = [c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod", "appos") and c.pos_ in ("PROPN", "NOUN")]
    if inverted and after and verb.i + 3 >= after[0].i and _after_punctuation(verb):
        return after[0]  # the verb follows the quote's closing punctuation
    if depth and verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head, depth - 1)
    return None


def _after_punctuation(tok: Token) -> bool:
    """Whether the token comes right after punctuation or a quote mark, looking past
    whitespace tokens (a no-break space after `”` is a token of its own)."""
    k = tok.i - 1
    while k >= 0 and tok.doc[k].is_space:
        k -= 1
    return k >= 0 and (tok.doc[k].is_punct or tok.doc[k].is_quote)


def relative_pronoun(verb: Token, subject: Optional[Token]) -> Optional[Token]:
    """"Carson, who claimed …": when `subject_of` gave the noun a relative clause hangs on,
    the relative pronoun is the mention the attribution itself uses (as "he" is in "he
    said"); the noun still names the source."""
    if subject is None or verb.dep_ != "relcl" or subject.i != verb.head.i:
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ in ("who", "that")), None)


def according_to(tokens) -> Optional[Token]:
    """The object of "according to" among `tokens` (its head noun), if any."""
    for tok in tokens:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def speaker_span(tok: Token) -> Span:
    """The mention a subject token stands in: its named entity, else its noun phrase head part."""
    doc = tok.doc
    if tok.ent_type_:
        start = tok.i
        while start > 0 and doc[start - 1].ent_iob_ == "I" and tok.ent_iob_ != "B":
            start -= 1
        ent = ent_of_token(doc).get(tok.i)
        if ent is not None:
            return ent
    named = next((c for c in tok.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")), None)
    if named is not None:  # "the university's spokeswoman, Jane Harlow,": the name
        return speaker_span(named)
    left = tok.left_edge.i
    while left < tok.i and doc[left].is_punct:
        left += 1
    return doc[left:tok.i + 1]


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


class EntityIndex:
    """Find the entity (by mention or resolved pronoun) at a character position."""

    def __init__(self, entities: list[Entity]):
        self.spans = sorted((m.start, m.end, e) for e in entities for m in e.mentions + e.references)
        self.entities = entities

    def named(self, text: str) -> Optional[Entity]:
        """The one person or organisation this name, or its last word (a surname), names
        in full: a speaker the tagger missed ("- Trump ended with") is still that entity."""
        key = name_key(text)
        if not key:
            return None
        found = {id(e): e for e in self.entities if e.label in SPEAKER_LABELS
                 and any(_names(key, name_key(n)) for n in [e.name, *e.aliases])}
        return next(iter(found.values())) if len(found) == 1 else None

    def at(self, start: int, end: int) -> Optional[Entity]:
        """The entity whose mention overlaps `[start, end)` most, or None."""
        best, best_overlap = None, 0
        for s, e, ent in self.spans:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = ent, overlap
        return best


SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")


def _names(key: tuple[str, ...], entity_key: tuple[str, ...]) -> bool:
    return key == entity_key or (len(key) == 1 and len(entity_key) > 1 and key[-1] == entity_key[-1])


def tokens_between(doc: Doc, start: int, end: int) -> Span:
    """The tokens lying wholly within characters `[start, end)`."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span if span is not None else doc[0:0]
