"""Names in the parsed text: where the titles before a name begin, and a mention's span
without determiners, possessives and punctuation. The string rules are in `presstrace.names`.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span

from ...names import DETERMINERS, POSSESSIVES
from .lexicons import data_lines

# A role word may be preceded by these ("former President", "then-Prime Minister").
TITLE_MODIFIERS = {"former", "then", "then-", "ex", "ex-", "late", "acting", "deputy", "outgoing", "incoming"}


@lru_cache(maxsize=1)
def titles() -> frozenset[tuple[str, ...]]:
    """Title word sequences, lower-cased, from the shipped `titles.txt`."""
    return frozenset(tuple(line.lower().split()) for line in data_lines("titles.txt"))


@lru_cache(maxsize=1)
def _longest_title() -> int:
    return max(len(t) for t in titles())


def title_start(doc: Doc, start: int, floor: int = 0) -> int:
    """Token index where the titles before `doc[start]` begin (`start` when there are none).

    Args:
        doc: the parsed document.
        start: first token of the name.
        floor: never reach left of this token (the sentence start).
    """
    i = start
    while i > floor:
        n = _title_before(doc, i, floor)
        if not n:
            break
        i -= n
    if i < start:
        i = _modifiers_before(doc, i, floor)
    return i


def _title_before(doc: Doc, end: int, floor: int) -> int:
    """Length of the longest title that ends right before token `end`, or 0."""
    for n in range(min(_longest_title(), end - floor), 0, -1):
        words = doc[end - n:end]
        if not words[0].text[:1].isupper():
            continue
        if tuple(t.text.lower() for t in words) in titles():
            return n
    return 0


def _modifiers_before(doc: Doc, i: int, floor: int) -> int:
    """Extend a title left over "former" and a nationality ("Russian", "US")."""
    while i > floor and doc[i - 1].text.lower().rstrip("-") in TITLE_MODIFIERS | {"then", "ex"}:
        i -= 1
    if i > floor and doc[i - 1].ent_type_ in ("NORP", "GPE") and doc[i - 1].text[:1].isupper():
        j = i - 1
        while j > floor and doc[j - 1].ent_iob_ == "I" and doc[j - 1].ent_type_ == doc[i - 1].ent_type_:
            j -= 1
        return j
    return i


def trim_span(span: Span) -> Span:
    """The span without leading determiners, trailing possessives, numbers and punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    # Each token is read from the Doc once per test (indexing makes a new Token).
    while start < end and _leading_filler(doc[start]):
        start += 1
    while end > start and _trailing_filler(doc[end - 1]):
        if doc[end - 1].text == "." and len(doc[end - 2].text) <= 3 and end - 2 >= start:
            break  # keep the full stop of an abbreviation ("Jr.", "Inc.")
        end -= 1
    return doc[start:end]


def _leading_filler(tok) -> bool:
    return tok.lower_ in DETERMINERS or tok.is_punct or tok.is_space


def _trailing_filler(tok) -> bool:
    return tok.lower_ in POSSESSIVES or tok.is_punct or tok.is_space or tok.like_num
