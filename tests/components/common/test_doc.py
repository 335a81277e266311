"""Reading a Doc once: the tokens of given words from the token array."""
from __future__ import annotations

from presstrace.components.common.doc import tokens_of


def test_tokens_of_finds_the_words_in_order_whatever_their_case(nlp):
    doc = nlp("They said it was over. It was not, he said, and they left.")
    found = [(t.i, t.text) for t in tokens_of(doc, {"it", "they"})]
    assert found == [(t.i, t.text) for t in doc if t.lower_ in ("it", "they")]
    assert [text for _, text in found] == ["They", "it", "It", "they"]
    assert tokens_of(doc, {"nobody"}) == []
