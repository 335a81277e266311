"""Name keys, transliteration folding, acronyms and display forms (`presstrace.names`)."""
from __future__ import annotations

import pytest

from presstrace.names import acronym, display_name, fold, is_pronoun, name_key


@pytest.mark.parametrize("a,b", [("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelensky"), ("Kharkiv", "Harkiv"),
                                 ("Kyiv’s", "Kyiv"), ("Dmytró", "Dmytro")])
def test_names_fold_merges_variants(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a,b", [("Putin", "Biden"), ("Kyiv", "Kiev")])
def test_names_fold_keeps_different_names_apart(a, b):
    assert fold(a) != fold(b)


@pytest.mark.parametrize("text,key", [("the Financial Times", ("financial", "times")),
                                      ("Kyiv’s forces", ("kyiv", "forces"))])
def test_names_name_key(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize("a,b", [("Jean-Claude Juncker", "Jean Claude Juncker"), ("Volodymyr Zelenskiy", "Volodymyr Zelenskyy")])
def test_names_name_key_ignores_hyphens_and_spelling(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("text,expected", [("European Union", "EU"), ("North Atlantic Treaty Organization", "NATO"),
                                           ("Reuters", ""), ("Bank of England", "BE")])
def test_names_acronym(text, expected):
    assert acronym(text) == expected


@pytest.mark.parametrize("text,expected", [("Kyiv’s", "Kyiv"), ("Jones'", "Jones"), ("New  York", "New York")])
def test_names_display_name(text, expected):
    assert display_name(text) == expected


@pytest.mark.parametrize("text,expected", [("[Vladimir] Putin", "Vladimir Putin"), ("Russia-", "Russia"),
                                           ("Jean-Claude Juncker", "Jean-Claude Juncker"),
                                           ("— Kyiv", "Kyiv")])
def test_names_display_name_drops_editorial_brackets_and_stray_hyphens(text, expected):
    assert display_name(text) == expected


@pytest.mark.parametrize("name,expected", [("It", True), ("we", True), ("US", False), ("Us", True),
                                           ("Ukraine", False)])
def test_names_is_pronoun(name, expected):
    assert is_pronoun(name) is expected
