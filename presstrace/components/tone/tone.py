"""Tone layer: GDELT's seven V1.5Tone fields for the article, and tone per sentence and entity.

Measures (all percentages are of the article's words; a word is a token with a letter in
it, so numbers and punctuation are not words; photo credits and other non-content are
left out):

- `positive` / `negative`: % of words whose VADER valence is above / below zero. Each word
  is counted on its own, as GDELT counts dictionary hits: no negation or intensifier rules.
- `score` = positive - negative (GDELT's "tone", -100 .. +100, news mostly -10 .. +5).
- `polarity` = positive + negative: how emotionally charged the text is, whatever the sign.
- `activity`: activity-reference density, % of words that are main verbs (spaCy POS `VERB`;
  auxiliaries and modals such as "is", "has", "will" are not counted): how much the text
  talks about doing rather than being.
- `self_group`: self/group-reference density, % of words that are first-person pronouns or
  determiners (I, me, my, mine, myself, we, us, our, ours, ourselves).
- `word_count`: the number of words.
- `author_score`, `author_positive`, `author_negative`, `author_word_count`: the same over
  the author's own words, those outside direct, partial and block quotes (`common/voice.py`),
  so an outlet is not given the tone of the people it quotes; the shares are None when
  every word is quoted.

Each sentence gets a `SentenceTone`: `score` is VADER's compound score (-1 .. +1, which
does handle negation and intensifiers), `positive`/`negative` the sentence's word shares.
`entities` maps an entity id to the mean compound score of the sentences that mention it
by name or by a pronoun resolved to it.
"""
from __future__ import annotations

import bisect
from typing import Iterable, Optional

from spacy.attrs import IDX, IS_SPACE, LEMMA, LOWER, ORTH, POS
from spacy.language import Language
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, Span, Token

from ...records import SentenceTone, Tone
from ..common.doc import contract, doc_text, get_layer, noncontent_ranges, set_layer
from ..common.valence import compound, lexicon
from ..common.voice import in_quote, quoted_ranges

SELF_GROUP = frozenset("i me my mine myself we us our ours ourselves".split())
DIGITS = 3


@Language.component("tone", **contract(["tone"], requires=["doc.sents"]))
def tone_component(doc: Doc) -> Doc:
    """Write the tone layer."""
    skip = noncontent_ranges(doc)
    quoted = quoted_ranges(get_layer(doc, "quotes"))
    set_layer(doc, "tone", measure_tone(doc, get_layer(doc, "entities"), skip, quoted))
    return doc


def measure_tone(doc: Doc, entities: list = (), skip: Iterable[tuple[int, int]] = (),
                 quoted: list[tuple[int, int]] = ()) -> Tone:
    """The article's `Tone`.

    Args:
        doc: a parsed document (sentences and parts of speech set).
        entities: the entities layer; their mentions give the per-entity tone.
        skip: character ranges to leave out (non-content: photo credits, bylines).
        quoted: sorted, disjoint ranges in someone else's voice (`voice.quoted_ranges`);
            the author's tone is measured on the words outside them.
    """
    skip, quoted = list(skip), list(quoted)
    counts, author = WordCounts(), WordCounts()
    sentences: list[SentenceTone] = []
    rows, text = _word_rows(doc), doc_text(doc)
    for sent in doc.sents:
        words = [w for w in rows[sent.start:sent.end] if w is not None and not _inside(w[0], skip)]
        if not words:
            continue
        sent_counts = WordCounts()
        sent_counts.add(words)
        counts.add(words)
        author.add([w for w in words if not in_quote(w[0], quoted)])
        sentences.append(_sentence_tone(sent, sent_counts, text))
    tone = counts.tone()
    _set_author(tone, author)
    tone.sentences = sentences
    tone.entities = entity_tone(sentences, entities)
    return tone


class WordCounts:
    """Running counts of words, valenced words, verbs and self/group references."""

    def __init__(self) -> None:
        self.words = self.positive = self.negative = self.verbs = self.self_group = 0

    def add(self, words: list[tuple]) -> None:
        """Count words given as `_word_rows` gives them."""
        for _, value, is_verb, is_self in words:
            self.words += 1
            self.positive += value > 0
            self.negative += value < 0
            self.verbs += is_verb
            self.self_group += is_self

    def share(self, count: int) -> float:
        """`count` as a percentage of the words, rounded."""
        return round(100.0 * count / self.words, DIGITS) if self.words else 0.0

    def tone(self) -> Tone:
        return Tone(score=self.share(self.positive - self.negative), positive=self.share(self.positive),
                    negative=self.share(self.negative), polarity=self.share(self.positive + self.negative),
                    activity=self.share(self.verbs),
                    self_group=self.share(self.self_group), word_count=self.words)


def _set_author(tone: Tone, author: WordCounts) -> None:
    tone.author_word_count = author.words
    if author.words:
        own = author.tone()
        tone.author_score, tone.author_positive, tone.author_negative = own.score, own.positive, own.negative


def _sentence_tone(sent: Span, counts: WordCounts, text: str) -> SentenceTone:
    """`text` is the document's: a slice of it is `sent.text`, which spaCy would rebuild
    from the sentence's tokens on each read."""
    words = text[sent.start_char:sent.end_char]
    return SentenceTone(start=sent.start_char, end=sent.end_char, text=words,
                        score=round(compound(words), DIGITS),
                        positive=counts.share(counts.positive), negative=counts.share(counts.negative))


def entity_tone(sentences: list[SentenceTone], entities: list) -> dict[str, float]:
    """Entity id -> mean compound score of the sentences that mention it."""
    starts = [s.start for s in sentences]
    out: dict[str, float] = {}
    for ent in entities:
        hit: set[int] = set()
        for m in list(ent.mentions) + list(getattr(ent, "references", [])):
            k = bisect.bisect_right(starts, m.start) - 1
            if k >= 0 and m.start < sentences[k].end:
                hit.add(k)
        if hit:
            out[ent.id] = round(sum(sentences[k].score for k in hit) / len(hit), DIGITS)
    return out


# What tone reads of a word, per (orth, lower, lemma) string ids: the same for every use.
_WORDS: dict[tuple[int, int, int], Optional[tuple[float, bool]]] = {}
WORD_ATTRS = [IDX, ORTH, LOWER, LEMMA, POS, IS_SPACE]


def _word_rows(doc: Doc) -> list[Optional[tuple[int, float, bool, bool]]]:
    """Per token: None when it is not a word (`is_word`), else (start char, valence, is a
    verb, is a self/group reference), read from arrays rather than Token objects."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    out: list[Optional[tuple[int, float, bool, bool]]] = []
    for start, orth, lower, lemma, pos, is_space in doc.to_array(WORD_ATTRS).tolist():
        key = (orth, lower, lemma)
        word = _WORDS.get(key, False)
        if word is False:
            word = _WORDS[key] = _word(strings[orth], strings[lower], strings[lemma])
        out.append(None if word is None or is_space else (start, word[0], pos == VERB, word[1]))
    return out


def _word(text: str, lower: str, lemma: str) -> Optional[tuple[float, bool]]:
    """(valence, is a self/group reference) of a word, None for a token with no letter. The
    valence is the form's, else the lemma's (`common.valence.token_valence`)."""
    if not any(ch.isalpha() for ch in text):
        return None
    lex = lexicon()
    value = lex.get(lower)
    if value is None and lemma:
        value = lex.get(lemma.lower())
    return value or 0.0, lower in SELF_GROUP


def is_word(tok: Token) -> bool:
    """A token with a letter in it: "Kyiv", "don't", "COVID-19"; not "42", ",", "--"."""
    return not tok.is_space and any(ch.isalpha() for ch in tok.text)


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)
