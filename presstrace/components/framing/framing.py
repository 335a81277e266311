"""Framing layer: persuasion techniques, naming choices and hedges, each a span of the text.

Technique names are SemEval-2020 Task 11's in snake_case (loaded_language, name_calling,
exaggeration, doubt, appeal_to_fear, flag_waving, causal_oversimplification, slogans,
appeal_to_authority, black_and_white_fallacy, thought_terminating_cliches, whataboutism,
bandwagon, repetition), plus `naming_choice` (a contested name: `concept` is the neutral
or canonical name, `variant` the form the text chose) and `hedge`.

Rules, not a trained model: cue words from VADER's lexicon and presstrace's own lists
(`data/framing_*.tsv`), grown along the parse into the phrase or clause they belong to.
Phrase techniques (`phrases.py`) mark short phrases; argument techniques
(`sentences.py`) mark the clause. Spans inside quotations are marked too, with
`voice` "quoted" (the speaker's framing, not the author's: `common/voice.py`); the
article's and outlet's framing profiles count only the author's voice. Non-content
(photo credits, bylines) is skipped.
"""
from __future__ import annotations

import itertools
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...records import Framing
from .lexicon import framing_lexicon
from .choices import naming_choices, naming_table
from .confidence import item_confidence
from .naming import hedges, repetitions
from .phrases import SCARE_LABEL_MAX_WORDS, phrase_candidates, scare_quotes
from .sentences import sentence_candidates
from .spans import Candidate
from ..common.doc import contract, doc_text, get_layer, noncontent_ranges, set_layer
from ..common.voice import quoted_ranges, voice_of


@Language.factory("framing", **contract(["framing"], requires=["doc.sents"]),
                  default_config={"scare_label_max_words": SCARE_LABEL_MAX_WORDS, "naming": []})
def make_framing(nlp: Language, name: str, scare_label_max_words: int, naming: list):
    """The framing component; see `find_candidates` for its settings."""
    rows = tuple(tuple(row) for row in naming)
    naming_table(rows)  # a malformed user row fails when the pipeline is built, not mid-run

    def framing_component(doc: Doc) -> Doc:
        skip = noncontent_ranges(doc)
        set_layer(doc, "framing", extract_framing(doc, skip, scare_label_max_words, rows))
        return doc
    return framing_component


def extract_framing(doc: Doc, skip: Iterable[tuple[int, int]] = (),
                    scare_label_max_words: int = SCARE_LABEL_MAX_WORDS,
                    naming: tuple[tuple[str, ...], ...] = ()) -> list[Framing]:
    """Framing spans of `doc` in text order.

    Args:
        doc: a parsed document (sentences, parts of speech, dependencies, entities).
        skip: non-content character ranges; nothing there is marked.
        scare_label_max_words, naming: see `find_candidates`.
    """
    text = doc_text(doc)
    quoted = quoted_ranges(get_layer(doc, "quotes"))
    return [to_record(text, c, voice_of(c.start, c.end, quoted))
            for c in find_candidates(doc, skip, scare_label_max_words, naming, quoted)]


def find_candidates(doc: Doc, skip: Iterable[tuple[int, int]] = (),
                    scare_label_max_words: int = SCARE_LABEL_MAX_WORDS,
                    naming: tuple[tuple[str, ...], ...] = (),
                    quoted: Optional[list[tuple[int, int]]] = None) -> list[Candidate]:
    """All candidates, merged per technique, outside `skip`, sorted by position.

    Args:
        scare_label_max_words: the longest scare quote (of the quotes layer) counted as
            labelling ("name calling"); longer ones are the writer's distance, not a label.
        naming: the user's rows added to the contested-names table: [concept, variant]
            or [concept, variant, "spelling"] (`choices.py`).
        quoted: the text's ranges in a quoted voice (default: from the quotes layer).
    """
    lex = framing_lexicon()
    if quoted is None:
        quoted = quoted_ranges(get_layer(doc, "quotes"))
    skip = list(skip)
    text = doc_text(doc)

    def keep(cands: Iterable[Candidate]) -> list[Candidate]:
        return [c for c in cands if _keep(text, c, skip)]
    phrases = itertools.chain(phrase_candidates(doc, lex, text), scare_quotes(doc, text, scare_label_max_words))
    found = resolve_phrases(merge_overlaps(keep(phrases)))
    found += repetitions(doc, found)
    found = merge_overlaps(found + keep(sentence_candidates(doc, lex)))
    found += keep(naming_choices(doc, naming_table(naming), quoted))
    found += merge_overlaps(keep(hedges(doc, lex, text)))
    return sorted(found, key=lambda c: (c.start, c.end, c.technique))


CLOSING = {"'": "'’", "‘": "’'", '"': '"”', "“": "”\"", "«": "»"}


def _keep(text: str, cand: Candidate, skip: list[tuple[int, int]]) -> bool:
    _close_quote(text, cand)
    if not 0 <= cand.start < cand.end <= len(text) or not text[cand.start:cand.end].strip():
        return False
    return not any(a <= cand.start < b for a, b in skip)


def _close_quote(text: str, cand: Candidate) -> None:
    """Take in the closing mark of a quote the span opens ("tragic 'cost'", not "tragic 'cost")."""
    inside = text[cand.start:cand.end]
    for mark, closers in CLOSING.items():
        at = inside.rfind(mark)
        if at >= 0 and not any(c in inside[at + 1:] for c in closers if c != mark or mark in "\"") \
                and cand.end < len(text) and text[cand.end] in closers:
            cand.end += 1
            return


def merge_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per run of overlapping candidates of the same technique (their union)."""
    by_technique: dict[str, list[Candidate]] = {}
    for c in cands:
        by_technique.setdefault(c.technique, []).append(c)
    out: list[Candidate] = []
    for group in by_technique.values():
        group.sort(key=lambda c: (c.start, -c.end))
        current = group[0]
        for c in group[1:]:
            if c.start < current.end:
                if c.end > current.end:
                    current = Candidate(current.start, c.end, current.technique, current.rule,
                                        current.concept, current.variant)
            else:
                out.append(current)
                current = c
        out.append(current)
    return out


# When phrase candidates of different techniques cover the same words, the more specific
# technique wins (an insult is name calling before it is loaded language).
PHRASE_PRIORITY = ("thought_terminating_cliches", "slogans", "flag_waving", "bandwagon", "name_calling",
                   "exaggeration", "loaded_language")
SAME_WORDS = 0.5


def resolve_phrases(cands: list[Candidate]) -> list[Candidate]:
    """Drop a phrase candidate that mostly overlaps one of a higher-priority technique."""
    rank = {t: k for k, t in enumerate(PHRASE_PRIORITY)}
    ordered = sorted(cands, key=lambda c: (rank.get(c.technique, -1), c.start))
    kept: list[Candidate] = []
    for c in ordered:
        if c.technique in rank and any(
                k.technique != c.technique and _shared(k, c) >= SAME_WORDS for k in kept if k.technique in rank):
            continue
        kept.append(c)
    return kept


def _shared(a: Candidate, b: Candidate) -> float:
    """Overlap as a share of the longer span."""
    common = min(a.end, b.end) - max(a.start, b.start)
    return max(0, common) / max(a.end - a.start, b.end - b.start)


def to_record(text: str, cand: Candidate, voice: str) -> Framing:
    return Framing(start=cand.start, end=cand.end, text=text[cand.start:cand.end], technique=cand.technique,
                   concept=cand.concept, variant=cand.variant, voice=voice, found_by=cand.rule or None,
                   confidence=item_confidence(cand.technique, cand.rule, voice, text, cand.end), count=cand.count,
                   quoted_only=cand.quoted_only, alternatives=cand.alternatives)
