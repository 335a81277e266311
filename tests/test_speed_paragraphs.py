"""Paragraph sentence starts found from the whitespace tokens alone (issue #21)."""
from __future__ import annotations

import pytest
import spacy

from presstrace.components.tokens.paragraphs import paragraph_sentences

NLP = spacy.blank("en")


def _starts(text: str) -> list[int]:
    doc = paragraph_sentences(NLP.make_doc(text))
    return [t.i for t in doc[1:] if t.is_sent_start]  # the first token always starts one


@pytest.mark.parametrize("text, starts", [
    ("One line.\n\nA second paragraph.", [4]),
    ("Hard wrapped line that\ncontinues here.", []),
    ("A line that ends.\nA new one starts.", [6]),
    ("A line that ends\nUpper case starts one.", [5]),
    ("Spaces around \n the break.", []),  # hard-wrapped
    ("Tabs\t\nand a break:\nlower after a colon.", [7]),
    ("\n\nLeading breaks.", [1]),
    ("Trailing break.\n", []),
    ("No break at all.", []),
    ("", []),
])
def test_speed_paragraphs_breaks_start_sentences(text, starts):
    assert _starts(text) == starts
