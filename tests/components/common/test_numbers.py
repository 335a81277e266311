"""The one English number-word parser, shared by the times and amounts layers."""
from __future__ import annotations

import pytest

from presstrace.components.amounts.grammar import words_value as amounts_words_value
from presstrace.components.common.numbers import words_value
from presstrace.components.times.lexicon import parse_number


@pytest.mark.parametrize("text,value", [
    ("seven", 7), ("nineteen", 19), ("twenty-five", 25), ("two hundred", 200),
    ("three thousand five hundred", 3500), ("one hundred and twenty", 120), ("two million", 2e6),
    ("zero", 0), ("seventy two", 72),
])
def test_numbers_words_value(text, value):
    assert words_value(text) == value


@pytest.mark.parametrize("text", ["several", "twenty-odd", "many thousand", "7"])
def test_numbers_words_value_is_none_for_other_words(text):
    assert words_value(text) is None


@pytest.mark.parametrize("text", ["twenty-one", "two thousand", "forty five"])
def test_numbers_times_and_amounts_read_number_words_alike(text):
    assert parse_number(text) == amounts_words_value(text) == words_value(text)
