"""The sentence detectors' cue words, found in one pass, are each category's words."""
from __future__ import annotations

import pytest

from presstrace.components.common.constants import MODALS
from presstrace.components.framing.lexicon import framing_lexicon, word_rows
from presstrace.components.framing.sentences import CATEGORIES, _cue_words


@pytest.mark.parametrize("text", [
    "Everyone knows the attack could cause a catastrophe if nobody acts, experts say.",
    "Why did they lie? Allegedly the terror was caused by the West, which feared it.",
    "A plain sentence about the weather.",
])
def test_cue_words_by_category_match_a_test_of_every_word(nlp, text):
    doc, lex = nlp(text), framing_lexicon()
    by_category, modal = _cue_words(word_rows(doc), lex, doc.vocab.strings)
    for category in CATEGORIES:
        words = lex[category].words
        expected = [(t.idx, t.idx + len(t)) for t in doc if t.lower_ in words or t.lemma_.lower() in words]
        assert by_category.get(category, []) == expected
    assert modal == any(t.lower_ in MODALS or t.lower_ == "if" for t in doc)
    assert any(by_category.values()) == (text != "A plain sentence about the weather.")
