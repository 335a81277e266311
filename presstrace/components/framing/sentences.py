"""Sentence-level framing: doubt, appeal to fear, causal oversimplification, appeal to
authority, black-and-white fallacy, whataboutism and bandwagon.

These techniques are arguments, so their span is the clause that makes the argument (the
sentence, or the part of a long sentence between semicolons, colons or dashes that holds
the cue), not a single word.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator, Optional

from spacy.tokens import Doc, Span

from ..common.constants import MODALS
from .lexicon import FramingLexicon, lower_text, word_rows
from ..common.doc import doc_text
from .spans import Candidate, clause_range

EITHER_OR = re.compile(r"\beither\b.{1,120}?\bor\b", re.I)
# "Even the Financial Times has admitted": an adversary's concession used as authority.
EVEN_ADMITS = re.compile(r"\b[Ee]ven\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){1,5}(?:has\s+|have\s+|had\s+)?"
                         r"(?:admitted|admits|conceded|concedes|acknowledged|acknowledges|agrees|agreed|confirmed)\b")
AS_SAYS = re.compile(r"(?:^|(?<=[\s,(]))[Aa]s\s+(?:(?:the\s+)?[A-Z][\w.'’-]*\s+){1,4}(?:has\s+)?(?:says|said|counsels"
                     r"|advises|recommends|teaches|taught|notes|noted|observes|observed|explains|explained"
                     r"|points out|pointed out|warns|warned|wrote|writes|put it|reminds us)\b")
QUESTION_END = re.compile(r"\?[\"”’')\]]*\s*$")
MIN_WORDS = 4


def sentence_candidates(doc: Doc, lex: FramingLexicon) -> Iterator[Candidate]:
    """Every sentence-level candidate of `doc`."""
    rows, strings = word_rows(doc), doc.vocab.strings
    sents = list(doc.sents)
    found = _phrases_by_sentence(doc_text(doc), sents, lex)
    for k, sent in enumerate(sents):
        if sum(row[4] for row in rows[sent.start:sent.end]) < MIN_WORDS:
            continue
        words = _cue_words(rows[sent.start:sent.end], lex, strings)
        phrases = {c: (per[k] if per is not None else None) for c, per in found.items()}
        yield from _sentence(sent, lex, words, phrases)


# What a word is to the sentence detectors, memoised by its (lower, lemma) string ids.
WordCues = tuple[tuple[str, ...], bool]  # (the categories it is a cue word of, is a modal or "if")


def _cue_words(rows: list[list[int]], lex: FramingLexicon, strings) -> tuple[dict[str, list], bool]:
    """A sentence's cue words, by category, as character ranges in text order, and whether
    it holds a modal or "if"; `rows` are its tokens' `word_rows`. One pass over the words
    (and one lexicon test per distinct word) instead of one pass per category."""
    known: dict[tuple[int, int], WordCues] = lex.memo("sentence_cue_words")
    by_category: dict[str, list[tuple[int, int]]] = {}
    modal = False
    for start, length, lower, lemma, _ in rows:
        cues = known.get((lower, lemma))
        if cues is None:
            cues = known[(lower, lemma)] = _word_cues(strings[lower], lower_text(strings, lemma), lex)
        for category in cues[0]:
            by_category.setdefault(category, []).append((start, start + length))
        modal = modal or cues[1]
    return by_category, modal


def _word_cues(lower: str, lemma: str, lex: FramingLexicon) -> WordCues:
    categories = tuple(c for c in CATEGORIES if lower in lex[c].words or lemma in lex[c].words)
    return categories, lower in MODALS or lower == "if"


CATEGORIES = ("doubt", "whatabout", "bandwagon", "black_white", "causal", "fear", "authority")
EDGE = re.compile(r"[\w-]")  # what the phrase regexes' edges look at (`lexicon.phrase_regex`)
Phrases = dict[str, Optional[list[tuple[int, int]]]]


def _phrases_by_sentence(text: str, sents: list[Span], lex: FramingLexicon) -> dict[str, Optional[list]]:
    """Per category, per sentence: the category's phrases in it (character ranges), from one
    search of the whole text instead of one per sentence; None for a category that must be
    searched sentence by sentence.

    The two agree where the characters just outside every sentence are not word characters
    (the regex's edges then see the same there) and no phrase found in the text runs past
    the end of the sentence it starts in (so the search reaches each sentence's start where
    a search of the sentence alone starts); else the category is searched per sentence."""
    edges = [text[s.start_char - 1] for s in sents if s.start_char > 0]
    edges += [text[s.end_char] for s in sents if s.end_char < len(text)]
    if any(EDGE.match(ch) for ch in edges):
        return {c: None for c in CATEGORIES}
    starts = [s.start_char for s in sents]
    out: dict[str, Optional[list]] = {}
    for category in CATEGORIES:
        per: Optional[list] = [[] for _ in sents]
        for a, b in lex[category].find(text):
            k = bisect.bisect_right(starts, a) - 1
            if k < 0 or b > sents[k].end_char:
                per = None
                break
            per[k].append((a, b))
        out[category] = per
    return out


def _hits(sent: Span, lex: FramingLexicon, category: str, text: str, words: dict[str, list[tuple[int, int]]],
          phrases: Optional[Phrases] = None) -> list[tuple[int, int]]:
    """Character ranges of a category's cues in the sentence: its cue words (`words`, by
    category, from `_cue_words`) and phrases; the phrases are searched in the sentence
    unless `phrases` holds them."""
    found = list(words.get(category, ()))
    known = (phrases or {}).get(category)
    if known is not None:
        found += known
    else:
        base = sent.start_char
        found += [(base + a, base + b) for a, b in lex[category].find(text)]
    return sorted(found)


def _sentence(sent: Span, lex: FramingLexicon, cue_words: tuple[dict[str, list], bool],
              phrases: Phrases) -> Iterator[Candidate]:
    """The sentence's candidates; `cue_words` holds its cue words by category and whether
    it has a modal (`_cue_words`), `phrases` each category's phrases in it (None: search it)."""
    words, modal = cue_words
    text = doc_text(sent.doc)[sent.start_char:sent.end_char]  # `sent.text` is rebuilt from its tokens
    if QUESTION_END.search(text):
        yield _clause(sent, sent.end_char - 1, "doubt", "question")
    for category, technique in (("doubt", "doubt"), ("whatabout", "whataboutism"),
                                ("bandwagon", "bandwagon"), ("black_white", "black_and_white_fallacy"),
                                ("causal", "causal_oversimplification")):
        hits = _hits(sent, lex, category, text, words, phrases)
        if hits:
            cue = text[hits[0][0] - sent.start_char:hits[0][1] - sent.start_char].lower()
            yield _clause(sent, hits[0][0], technique, f"{category}_cue:{cue}", hits[0][1])
    if EITHER_OR.search(text):
        yield _clause(sent, sent.start_char, "black_and_white_fallacy", "either_or")
    fear = _hits(sent, lex, "fear", text, words, phrases)
    if len(fear) >= 2 or (fear and modal):
        cue = text[fear[0][0] - sent.start_char:fear[0][1] - sent.start_char].lower()
        yield _clause(sent, fear[0][0], "appeal_to_fear", f"fear_cue:{cue}", fear[0][1])
    for pattern in (EVEN_ADMITS, AS_SAYS):
        for m in pattern.finditer(text):
            a = sent.start_char + m.start()
            yield Candidate(a, clause_range(sent, a, sent.start_char + m.end())[1], "appeal_to_authority",
                            "authority_pattern")
    authority = _hits(sent, lex, "authority", text, words, phrases)
    if authority and any(t.ent_type_ in ("PERSON", "ORG") for t in sent):
        cue = text[authority[0][0] - sent.start_char:authority[0][1] - sent.start_char].lower()
        yield _clause(sent, authority[0][0], "appeal_to_authority", f"authority_cue:{cue}", authority[0][1])


def _clause(sent: Span, start: int, technique: str, rule: str, end: int | None = None) -> Candidate:
    a, b = clause_range(sent, start, end if end is not None else start + 1)
    return Candidate(a, b, technique, rule)
