"""Phrase regexes grouped by first letter find what the plain alternation finds."""
from __future__ import annotations

import re

import pytest

from presstrace.components.framing.lexicon import _by_first_letter, _first_chars, phrase_regex


def plain_regex(phrases: list[str]) -> re.Pattern:
    """The ungrouped alternation phrase_regex builds its groups from."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = re.sub(r"(\\ )+", r"\\s+", re.escape(phrase)).replace("'", "['’]").replace("\\-", "[-‐–]")
        parts.append(body)
    return re.compile(r"(?<![\w-])" + _first_chars(phrases) + "(?:" + "|".join(parts) + r")(?![\w-])", re.I)


PHRASES = ["witch hunt", "witch-hunt", "witch hunts", "so-called", "so called", "the American people",
           "make no mistake", "'s ilk", "at the end of the day", "Kyiv's", "9/11 truthers"]
TEXT = ("A so-called witch hunt, a WITCH-HUNT and witch   hunts: at the end of the day, make no "
        "mistake, the american people and Kyiv’s friends and his 's ilk, 9/11 truthers, switch hunt.")


@pytest.mark.parametrize("phrases", [PHRASES, PHRASES[::-1], ["so-called", "sox"], ["écrasé total", "ecrase total"]])
def test_grouped_phrase_regex_matches_the_plain_alternation(phrases):
    found = [m.span() for m in phrase_regex(phrases).finditer(TEXT + " Écrasé total.")]
    assert found and found == [m.span() for m in plain_regex(phrases).finditer(TEXT + " Écrasé total.")]


@pytest.mark.parametrize("parts, grouped", [
    (["ab", "ac", "b"], "a(?:b|c)|b(?:)"),
    (["['’]s", "ab", "\\$x"], "['’]s|\\$x|a(?:b)"),
    (["éa", "ab"], "éa|ab"),  # a non-ASCII first letter: left as it is
])
def test_alternatives_are_grouped_by_their_first_letter(parts, grouped):
    assert _by_first_letter(parts) == grouped
