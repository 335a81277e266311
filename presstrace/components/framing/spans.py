"""Shared pieces of the framing detectors: the candidate record and span helpers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
NOMINAL = frozenset({"NOUN", "PROPN"})


@dataclass
class Candidate:
    """A framing span before it becomes a `Framing` record; `rule` says which cue found it."""
    start: int
    end: int
    technique: str
    rule: str = ""
    concept: Optional[str] = None
    variant: Optional[str] = None
    # naming_choice only (choices.py): uses of the chosen variant, named only in quotes, rivals
    count: Optional[int] = None
    quoted_only: Optional[bool] = None
    alternatives: Optional[dict[str, int]] = None


def char_span(doc: Doc, start: int, end: int) -> Optional[Span]:
    """The tokens covering `[start, end)`, widened to token edges; None when there are none."""
    return doc.char_span(start, end, alignment_mode="expand")


def token_range(tokens: Iterable[Token]) -> tuple[int, int]:
    """Character range from the first to the last of `tokens` (non-empty)."""
    toks = sorted(tokens, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def candidate(tokens: Iterable[Token], technique: str, rule: str) -> Candidate:
    start, end = token_range(tokens)
    return Candidate(start, end, technique, rule)


def modifiers_left(tok: Token, deps=("amod", "advmod", "compound", "nummod", "npadvmod")) -> Span:
    """`tok` with the modifiers standing right before it, and their own modifiers."""
    start = tok.i
    for child in reversed(list(tok.lefts)):  # nearest first
        if child.dep_ not in deps or child.right_edge.i < start - 2:
            break
        if any(not t.is_punct for t in tok.doc[child.right_edge.i + 1:start]):
            break
        start = child.left_edge.i
    return tok.doc[start:tok.i + 1]


def noun_phrase(tok: Token) -> Span:
    """A noun with the adjectives, compounds and determiners before it: "the corrupt DOJ"."""
    return modifiers_left(tok, deps=("amod", "advmod", "compound", "nummod", "poss", "det", "npadvmod", "nmod"))


def is_name(tok: Token) -> bool:
    """Part of a named entity (a name is not a loaded word: "Justice Department", "Hope")."""
    return tok.ent_type_ in NAME_TYPES


def clause_range(sent: Span, start: int, end: int, limit: int = 160) -> tuple[int, int]:
    """The stretch of `sent` around `[start, end)` bounded by semicolons, colons or dashes
    when the sentence is longer than `limit` characters; otherwise the whole sentence."""
    text = sent.text
    base = sent.start_char
    lo, hi = 0, len(text)
    if hi > limit:
        for sep in (";", ":", " — ", " – ", " - "):
            before = text.rfind(sep, 0, start - base)
            if before >= 0:
                lo = max(lo, before + len(sep))
            after = text.find(sep, end - base)
            if after >= 0:
                hi = min(hi, after)
    seg = text[lo:hi]
    lo += len(seg) - len(seg.lstrip())
    seg = text[lo:hi]
    hi = lo + len(seg.rstrip().rstrip(".!?,;:\"”’'").rstrip())
    if hi <= lo:
        return start, end
    return base + lo, base + hi
