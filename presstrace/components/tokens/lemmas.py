"""The model's lemmatizer, memoised and run over arrays.

spaCy's rule lemmatizer visits every token in Python and, for a word it has seen, still
builds a Token, its morphology and a cache key before it finds the answer. Its lemma is a
function of the word, its POS and its morphology alone (its own cache is keyed by those
three), so this component asks it once per distinct (orth, pos, morph) and writes the
lemmas of a document as one array: the stock output, at a fraction of the cost. Its
answer for a new word is slow too: it looks each candidate form up in a list of up to
57,000 words of its part of speech; those lists become sets here (same answers).
A lemmatizer in another mode, or one that overwrites lemmas, stays as it is.
"""
from __future__ import annotations

from typing import Optional

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

MEMOISABLE_MODES = ("rule", "lookup")  # lemma = f(orth, pos, morph) in these modes
READ = [ORTH, POS, MORPH, LEMMA]


def replace_lemmatizer(nlp: Language) -> bool:
    """Swap the model's `lemmatizer` for the memoised one; False when it stays."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("lemmatizer")
    if not isinstance(stock, Lemmatizer) or stock.mode not in MEMOISABLE_MODES or stock.overwrite:
        return False
    nlp.replace_pipe("lemmatizer", "presstrace_lemmas")
    nlp.get_pipe("lemmatizer").use(MemoLemmatizer(stock))
    return True


class MemoLemmatizer:
    """The stock lemmatizer's answer per distinct (orth, pos, morph), kept as a string hash."""

    def __init__(self, stock: Lemmatizer):
        self.stock = stock
        self.memo: dict[tuple, int] = {}
        _index_as_sets(stock)

    def __call__(self, doc: Doc) -> Doc:
        """Give every token without a lemma the stock lemmatizer's lemma."""
        if not len(doc):
            return doc
        rows = doc.to_array(READ)
        missing = numpy.flatnonzero(rows[:, 3] == 0)
        if not len(missing):
            return doc
        lemmas = rows[:, 3]
        for i, (orth, pos, morph) in zip(missing.tolist(), rows[missing, :3].tolist()):
            lemma = self.memo.get((orth, pos, morph))
            if lemma is None:
                lemma = self.memo[(orth, pos, morph)] = self._lemma(doc, i)
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def _lemma(self, doc: Doc, i: int) -> int:
        if not self.stock._validated:
            self.stock._validate_tables()
        return self.stock.vocab.strings.add(self.stock.lemmatize(doc[i])[0])


def _index_as_sets(stock: Lemmatizer) -> None:
    """The rule lemmatizer's word lists (`lemma_index`, only ever asked `form in index`) as
    frozensets. The stock component is out of the pipeline: only this module uses it."""
    if stock.mode != "rule" or not stock.lookups.has_table("lemma_index"):
        return
    table = stock.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        table[key] = frozenset(words)


@Language.factory("presstrace_lemmas")
def make_lemmas(nlp: Language, name: str) -> "LemmasPipe":
    return LemmasPipe()


class LemmasPipe:
    """The pipeline slot; `replace_lemmatizer` hands it the memoised lemmatizer."""

    def __init__(self):
        self.lemmatizer: Optional[MemoLemmatizer] = None

    def use(self, lemmatizer: MemoLemmatizer) -> None:
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        return self.lemmatizer(doc)
