"""Non-content: credits, bylines, datelines, boilerplate (text -> records)."""
from __future__ import annotations

import pytest

from presstrace.components.noncontent.noncontent import extract_noncontent


@pytest.mark.parametrize("text,kind,span", [
    ("The talks ended.\n\nPresidential press service handout/Reuters\n\nThen he spoke.", "photo_credit",
     "Presidential press service handout/Reuters"),
    ("Body text.\n\nPhoto: Jane Roe/Reuters\n\nMore.", "photo_credit", "Photo: Jane Roe/Reuters"),
    ("Troops moved (AP Photo/Evgeniy Maloletka) toward the city.", "photo_credit", "(AP Photo/Evgeniy Maloletka)"),
    ("By Jane Doe and John Smith, Reuters\n\nThe story begins.", "byline", "By Jane Doe and John Smith, Reuters"),
    ("Text ends. (Reporting by Pavel Polityuk; Editing by Alex Richardson)", "byline",
     "(Reporting by Pavel Polityuk; Editing by Alex Richardson)"),
    ("KYIV, Ukraine (AP) — Russian forces shelled the city.", "dateline", "KYIV, Ukraine (AP) —"),
    ("He said so. Click here to follow our live blog with the latest updates Officials said more.", "boilerplate",
     "Click here to follow our live blog with the latest updates"),
    ("Fighting went on. Want all the latest news and analysis from Ukraine? Sign up to our World News Bulletin here The UK",
     "boilerplate", "Sign up to our World News Bulletin here"),
    ("It ended.\n\nRead more: Why the war began\n\nNext.", "boilerplate", "Read more: Why the war began"),
])
def test_noncontent_found(text, kind, span):
    found = [(n.kind, n.text) for n in extract_noncontent(text)]
    assert (kind, span) in found
    for n in extract_noncontent(text):
        assert text[n.start:n.end] == n.text


@pytest.mark.parametrize("text", [
    "Dmytro was one of those coming to the center to sign up on Wednesday.",
    "By the end of the day, the troops had withdrawn from the town.",
    "He read more than a hundred reports before deciding.",
    "The price rose 5/10 in a day, officials said.",
])
def test_noncontent_leaves_news_text_alone(text):
    assert list(extract_noncontent(text)) == []
