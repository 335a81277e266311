"""Sentence-level framing: doubt, appeal to fear, causal oversimplification, appeal to
authority, black-and-white fallacy, whataboutism and bandwagon.

These techniques are arguments, so their span is the clause that makes the argument (the
sentence, or the part of a long sentence between semicolons, colons or dashes that holds
the cue), not a single word.
"""
from __future__ import annotations

import re
from typing import Iterator

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
    phrased = _phrased_categories(doc_text(doc), sents, lex)
    for sent in sents:
        if sum(row[4] for row in rows[sent.start:sent.end]) < MIN_WORDS:
            continue
        words = [(start, start + length, strings[lower], lower_text(strings, lemma))
                 for start, length, lower, lemma, _ in rows[sent.start:sent.end]]
        yield from _sentence(sent, lex, words, phrased)


CATEGORIES = ("doubt", "whatabout", "bandwagon", "black_white", "causal", "fear", "authority")
EDGE = re.compile(r"[\w-]")  # what the phrase regexes' edges look at (`lexicon.phrase_regex`)


def _phrased_categories(text: str, sents: list[Span], lex: FramingLexicon) -> frozenset[str]:
    """The categories whose phrases a sentence of the text may hold; searched in the whole
    text once instead of in every sentence. A phrase found in a sentence is found in the
    text too, where the characters just outside each sentence are not word characters (the
    regex's edges then see the same): otherwise every category is searched per sentence."""
    edges = [text[s.start_char - 1] for s in sents if s.start_char > 0]
    edges += [text[s.end_char] for s in sents if s.end_char < len(text)]
    if any(EDGE.match(ch) for ch in edges):
        return frozenset(CATEGORIES)
    return frozenset(c for c in CATEGORIES if lex[c].phrases is not None and lex[c].phrases.search(text))


def _hits(sent: Span, lex: FramingLexicon, category: str, text: str,
          words: list[tuple[int, int, str, str]], phrased: frozenset[str] = frozenset(CATEGORIES)) -> list[tuple[int, int]]:
    """Character ranges of a category's cues in the sentence (words, and phrases where the
    category is `phrased`)."""
    cues = lex[category]
    found = [(a, b) for a, b, lower, lemma in words if lower in cues.words or lemma in cues.words]
    base = sent.start_char
    if category in phrased:
        found += [(base + a, base + b) for a, b in cues.find(text)]
    return sorted(found)


def _sentence(sent: Span, lex: FramingLexicon, words: list[tuple[int, int, str, str]],
              phrased: frozenset[str]) -> Iterator[Candidate]:
    """The sentence's candidates; `words` holds each token's (start, end, lower, lemma
    in lower case), `phrased` the categories whose phrases the sentence may hold."""
    text = sent.text
    if QUESTION_END.search(text):
        yield _clause(sent, sent.end_char - 1, "doubt", "question")
    for category, technique in (("doubt", "doubt"), ("whatabout", "whataboutism"),
                                ("bandwagon", "bandwagon"), ("black_white", "black_and_white_fallacy"),
                                ("causal", "causal_oversimplification")):
        hits = _hits(sent, lex, category, text, words, phrased)
        if hits:
            cue = text[hits[0][0] - sent.start_char:hits[0][1] - sent.start_char].lower()
            yield _clause(sent, hits[0][0], technique, f"{category}_cue:{cue}", hits[0][1])
    if EITHER_OR.search(text):
        yield _clause(sent, sent.start_char, "black_and_white_fallacy", "either_or")
    fear = _hits(sent, lex, "fear", text, words, phrased)
    modal = any(w[2] in MODALS or w[2] == "if" for w in words)
    if len(fear) >= 2 or (fear and modal):
        cue = text[fear[0][0] - sent.start_char:fear[0][1] - sent.start_char].lower()
        yield _clause(sent, fear[0][0], "appeal_to_fear", f"fear_cue:{cue}", fear[0][1])
    for pattern in (EVEN_ADMITS, AS_SAYS):
        for m in pattern.finditer(text):
            a = sent.start_char + m.start()
            yield Candidate(a, clause_range(sent, a, sent.start_char + m.end())[1], "appeal_to_authority",
                            "authority_pattern")
    authority = _hits(sent, lex, "authority", text, words, phrased)
    if authority and any(t.ent_type_ in ("PERSON", "ORG") for t in sent):
        cue = text[authority[0][0] - sent.start_char:authority[0][1] - sent.start_char].lower()
        yield _clause(sent, authority[0][0], "appeal_to_authority", f"authority_cue:{cue}", authority[0][1])


def _clause(sent: Span, start: int, technique: str, rule: str, end: int | None = None) -> Candidate:
    a, b = clause_range(sent, start, end if end is not None else start + 1)
    return Candidate(a, b, technique, rule)
