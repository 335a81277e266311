"""The places layer's token searches find what a walk over every token finds."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from presstrace.components.places.demonyms import capitalised_tokens
from presstrace.components.places.detect import Toponym, cue_words, place_cue


@pytest.mark.parametrize("words, spaces", [
    (["The", "Russian", "troops", "left", "éVora", "and", "Élancourt", "."], [True] * 7 + [False]),
    (["a", "b", "\n\n", "NATO", "said", "McDonald's"], [True, True, False, True, True, False]),
    ([], []),
])
def test_capitalised_tokens_are_those_whose_text_starts_upper_case(words, spaces):
    doc = Doc(Vocab(), words=words, spaces=spaces)
    assert [t.i for t in capitalised_tokens(doc)] == [t.i for t in doc if t.text[:1].isupper()]


@pytest.mark.parametrize("text, name, cue", [
    ("The governor of New York signed the bill.", "New York", "region"),
    ("The mayor of New York spoke. The governor did not.", "New York", "town"),
    ("New York State Senate voted.", "New York", "region"),
    ("He lives in New York.", "New York", ""),
])
def test_place_cue_with_the_document_cue_words_read_once(nlp, text, name, cue):
    doc = nlp(text)
    start = text.index(name)
    t = Toponym(start, start + len(name), name, name, "entity")
    assert place_cue(doc, t, cue_words(doc)) == place_cue(doc, t) == cue
