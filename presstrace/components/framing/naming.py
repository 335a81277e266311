"""Hedges and repetition (naming choices are in `choices.py`)."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

from spacy.tokens import Doc

from ..common.doc import layers
from .lexicon import FramingLexicon, word_rows
from .spans import Candidate, char_span

# Techniques whose repeated wording counts as repetition.
REPEATABLE = frozenset({"loaded_language", "name_calling", "flag_waving", "slogans", "exaggeration"})
MIN_REPEATS = 2
MIN_WORDS = 2  # a single repeated word is usually the story's topic, not a device
WINDOW = 2000  # characters: repetition is a phrase said again in the same stretch of the article


def hedges(doc: Doc, lex: FramingLexicon, text: str) -> Iterator[Candidate]:
    """Hedging words and phrases: "reportedly", "it is believed", "so-called".

    Found once per document (and lexicon and text): the sourcing profile counts them
    (`attribution.hedging`) and the framing layer reports them, each as new Candidates.
    """
    store = layers(doc)
    found = store.get("_hedges")
    if found is None or found[0] is not lex or found[1] != text:
        found = store["_hedges"] = (lex, text, [(c.start, c.end, c.rule) for c in _find_hedges(doc, lex, text)])
    return (Candidate(start, end, "hedge", rule) for start, end, rule in found[2])


def _find_hedges(doc: Doc, lex: FramingLexicon, text: str) -> Iterator[Candidate]:
    cues, strings = lex["hedge"], doc.vocab.strings
    for start, length, lower, lemma, is_alpha in word_rows(doc):
        if cues.has_ids(lower, lemma, strings) and is_alpha:
            yield Candidate(start, start + length, "hedge", "hedge_word")
    for start, end in lex["hedge"].find(text):
        if not _determined_noun(doc, start):
            yield Candidate(start, end, "hedge", "hedge_phrase")


def _determined_noun(doc: Doc, start: int) -> bool:
    """"what kind of", "some sort of": after a determiner, "kind" and "sort" are nouns
    that classify, not the hedge "kind of strange"."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0 or span[0].lower_ not in ("kind", "sort"):
        return False
    return doc[span.start - 1].pos_ in ("DET", "PRON") or doc[span.start - 1].tag_ in ("WDT", "DT")


def repetitions(doc: Doc, found: Iterable[Candidate]) -> Iterator[Candidate]:
    """The same loaded wording used again: every use of a phrase that occurs twice or more."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for cand in found:
        if cand.technique not in REPEATABLE:
            continue
        span = char_span(doc, cand.start, cand.end)
        if span is None:
            continue
        key = " ".join(t.lemma_.lower() for t in span if not t.is_punct and t.pos_ != "DET")
        if len(key.split()) >= MIN_WORDS:
            groups[key].append(cand)
    for cands in groups.values():
        places: list[tuple[int, int]] = []
        for start, end in sorted({(c.start, c.end) for c in cands}):
            if not places or start >= places[-1][1]:  # overlapping finds are one use
                places.append((start, end))
        if len(places) < MIN_REPEATS:
            continue
        for k, (start, end) in enumerate(places):
            near = [p for j, p in enumerate(places) if j != k and abs(p[0] - start) <= WINDOW]
            if near:
                yield Candidate(start, end, "repetition", "repeated_phrase")
