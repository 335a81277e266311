"""Name handling for entity mentions: titles, determiners, possessives, spelling variants.

A mention keeps what the article says ("Russian President Vladimir Putin"); the entity's
name drops titles and roles ("Vladimir Putin"); matching uses a folded key so that
transliteration variants (Zelensky / Zelenskyy / Zelenskiy, Kiev's / Kiev) meet.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span
from unidecode import unidecode

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
POSSESSIVES = {"'s", "’s", "'", "’", "s'"}
NAME_PARTICLES = {"of", "the", "and", "for", "de", "la", "du", "von", "van", "al", "&"}
# A role word may be preceded by these ("former President", "then-Prime Minister").
TITLE_MODIFIERS = {"former", "then", "then-", "ex", "ex-", "late", "acting", "deputy", "outgoing", "incoming"}


@lru_cache(maxsize=1)
def titles() -> frozenset[tuple[str, ...]]:
    """Title word sequences, lower-cased, from the shipped `titles.txt`."""
    text = resources.files("presstrace.data").joinpath("titles.txt").read_text("utf-8")
    rows = (ln.strip() for ln in text.splitlines())
    return frozenset(tuple(r.lower().split()) for r in rows if r and not r.startswith("#"))


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
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].lower_ in POSSESSIVES or doc[end - 1].is_punct
                           or doc[end - 1].is_space or doc[end - 1].like_num):
        if doc[end - 1].text in (".",) and len(doc[end - 2].text) <= 3 and end - 2 >= start:
            break  # keep the full stop of an abbreviation ("Jr.", "Inc.")
        end -= 1
    return doc[start:end]


def strip_possessive(word: str) -> str:
    """"Kyiv’s" -> "Kyiv", "Jones'" -> "Jones"."""
    return re.sub(r"(?:['’]s|['’])$", "", word)


def display_name(text: str) -> str:
    """A clean display form: no possessive, straight whitespace."""
    text = re.sub(r"\s+", " ", text).strip()
    return strip_possessive(text).strip()


def fold(word: str) -> str:
    """Fold one word to an ASCII key that merges common transliteration variants."""
    w = unidecode(word).lower()
    w = strip_possessive(w)
    w = re.sub(r"[^a-z0-9]", "", w)
    # Slavic and Arabic transliteration: -iy/-yy/-ii/-yi endings, kh/h, w/v, j/y.
    w = re.sub(r"(?:iy|yy|ii|yi|ij)$", "y", w)
    w = re.sub(r"ei$", "ey", w)  # Sergei / Sergey, Alexei / Alexey
    return w.replace("kh", "h").replace("w", "v").replace("j", "y")


def name_key(text: str) -> tuple[str, ...]:
    """The folded words of a name, without determiners and particles at the edges."""
    words = [fold(w) for w in re.split(r"[\s\-]+", text) if w]
    words = [w for w in words if w]
    if len(words) > 2:  # a middle initial: "Vladimir V. Putin" is "Vladimir Putin"
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    while words and words[0] in DETERMINERS:
        words.pop(0)
    return tuple(words)


def acronym(text: str) -> str:
    """Initials of a multi-word name ("European Union" -> "EU"), particles skipped."""
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in NAME_PARTICLES]
    return "".join(w[0] for w in words if w[0].isalpha()).upper() if len(words) > 1 else ""
