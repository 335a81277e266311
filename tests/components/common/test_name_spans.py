"""Names in the parse: the titles lexicon, where titles before a name begin, trimmed mentions."""
from __future__ import annotations

import pytest
import spacy

from presstrace.components.common.name_spans import title_start, titles, trim_span


@pytest.mark.parametrize("title", [("president",), ("prime", "minister"), ("mr.",)])
def test_name_spans_titles_lexicon(title):
    assert title in titles()


@pytest.mark.parametrize("text,name_at,title_at", [
    ("Russian President Vladimir Putin spoke", 2, 0),
    ("the former Prime Minister Boris Johnson said", 4, 1),
    ("Vladimir Putin spoke", 0, 0),
])
def test_name_spans_title_start_reaches_over_titles_and_modifiers(text, name_at, title_at):
    doc = spacy.blank("en")(text)
    if title_at < name_at and doc[title_at].text == "Russian":
        doc[title_at].ent_type_ = "NORP"
    assert title_start(doc, name_at) == title_at


@pytest.mark.parametrize("text,start,end,expected", [
    ("the Kremlin's spokesman", 0, 3, "Kremlin"),
    ("Smith Jr. said", 0, 2, "Smith Jr."),
    ("Kyiv , 2022", 0, 3, "Kyiv"),
])
def test_name_spans_trim_span_drops_determiners_possessives_and_numbers(text, start, end, expected):
    doc = spacy.blank("en")(text)
    assert trim_span(doc[start:end]).text == expected
