"""The memoised attribute ruler and lemmatizer give the stock components' output."""
from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from presstrace.components.tokens.attributes import OTHER, FieldValues, MemoAttributeRuler, replace_attribute_ruler
from presstrace.components.tokens.lemmas import replace_lemmatizer

TOKEN_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def fast(settings):
    nlp = spacy.load(settings.get("model", "name"))
    assert replace_attribute_ruler(nlp) and replace_lemmatizer(nlp)
    return nlp


@pytest.mark.parametrize("text", [
    "President Trump said on Thursday that he had a very good call with Putin.",
    "Y'all ain't gonna believe it: c'm on, let's go, there are nothin' but gotta-haves.",
    "There is no doubt. It was I who told you; you told it to me. But, do they?",
    "The troops were retreating from Sudzha as drones struck 12 targets.\n\nA new paragraph.",
    "",
    "   \n\n  ",
])
def test_memoised_attributes_and_lemmas_match_the_stock_components(stock, fast, text):
    a, b = stock(text), fast(text)
    assert numpy.array_equal(a.to_array(TOKEN_ATTRS), b.to_array(TOKEN_ATTRS))
    assert [(t.lemma_, str(t.morph), t.pos_) for t in a] == [(t.lemma_, str(t.morph), t.pos_) for t in b]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "gon", "OP": "?"}, {"LOWER": "na"}],  # an operator: not a fixed sequence
    [{"ORTH": "Gon"}],  # a field the key does not hold
])
def test_unsupported_patterns_keep_the_stock_ruler(settings, pattern):
    nlp = spacy.load(settings.get("model", "name"))
    nlp.get_pipe("attribute_ruler").add([pattern], {"LEMMA": "go"})
    assert MemoAttributeRuler.from_ruler(nlp.get_pipe("attribute_ruler")) is None
    assert not replace_attribute_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


@pytest.mark.parametrize("values, words, kept", [
    (["is", {"IN": ["are", "was"]}], ["is", "was", "dog", "cat"], [True, True, False, False]),
    ([{"REGEX": "^y'?$"}], ["y", "y'", "you"], [True, True, False]),
    ([{"NOT_IN": ["det", ""]}], ["det", "", "nsubj"], [True, True, False]),
])
def test_field_values_keep_only_what_a_pattern_tells_apart(stock, values, words, kept):
    field = FieldValues()
    for value in values:
        field.add(value)
    strings = stock.vocab.strings
    other = strings.add(OTHER)
    column = numpy.array([strings.add(w) for w in words], dtype=numpy.uint64)
    reduced = field.reduce(column, strings, other)
    assert [r != other for r in reduced.tolist()] == kept


def test_the_pipeline_uses_the_memoised_components(nlp):
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributesPipe"
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "LemmasPipe"
