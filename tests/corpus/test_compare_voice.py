"""Outlet comparison counts each outlet's own voice: framing and naming inside quotes are
the speakers', and tone is the tone of the author's words. Stores from before `voice` and
the author's tone count their framing as the author's and give the whole article's tone."""
from __future__ import annotations

import sqlite3

import pytest

from presstrace.corpus.compare import compare_story
from presstrace.records import AnalyzedArticle, Framing, Tone
from presstrace.store import db
from presstrace.store.migrations import migrate

LEDGER = ('Kiev faced a bloody war of attrition on Monday. "These thugs shell us every night," '
          'a resident of Kyiv said.')
COURIER = ("The Harbour Courier wrote on Monday:\n\nKiev is losing a bloody war of attrition.\n\n"
           "Officials in Kyiv disputed that account on Tuesday.")


def framing(text, part, technique, voice="author", at=0, **kw):
    start = text.index(part, at)
    return Framing(start, start + len(part), part, technique, voice=voice, **kw)


def ledger() -> AnalyzedArticle:
    t = LEDGER
    return AnalyzedArticle(text=t, id="l1", date="2025-02-03", source="Daily Ledger", framing=[
        framing(t, "Kiev", "naming_choice", concept="Kyiv", variant="Kiev"),
        framing(t, "bloody war", "loaded_language"),
        framing(t, "thugs", "name_calling", voice="quoted"),
        framing(t, "Kyiv", "naming_choice", concept="Kyiv", variant="Kyiv")],
        tone=Tone(score=-6.0, positive=1.0, negative=7.0, word_count=20, author_score=-2.0,
                  author_positive=1.0, author_negative=3.0, author_word_count=10))


def courier() -> AnalyzedArticle:
    t = COURIER
    return AnalyzedArticle(text=t, id="c1", date="2025-02-03", source="Harbour Courier", framing=[
        framing(t, "Kiev", "naming_choice", voice="quoted", concept="Kyiv", variant="Kiev"),
        framing(t, "bloody war", "loaded_language", voice="quoted"),
        framing(t, "Kyiv", "naming_choice", concept="Kyiv", variant="Kyiv")],
        tone=Tone(score=-5.0, positive=0.0, negative=5.0, word_count=19, author_score=0.0,
                  author_positive=0.0, author_negative=0.0, author_word_count=11))


def add_story(conn, ids):
    conn.execute("INSERT INTO stories (id, title, first, last) VALUES (1, 'Kyiv', '2025-02-03', '2025-02-03')")
    conn.executemany("INSERT INTO story_articles (article_id, story_id) VALUES (?, 1)", [(i,) for i in ids])


@pytest.fixture
def outlets(tmp_path):
    conn = db.open_store(tmp_path / "voice.db")
    with db.transaction(conn):
        for n, art in enumerate((ledger(), courier()), start=1):
            db.save_article(conn, art, n, db.article_hash(art.text))
        add_story(conn, (1, 2))
    result = compare_story(conn, "s1")
    conn.close()
    return result, {p["outlet"]: p for p in result["outlets"]}


def test_compare_counts_only_the_authors_framing(outlets):
    _, by = outlets
    assert (by["Daily Ledger"]["framing"], by["Daily Ledger"]["framing_quoted"]) == ({"loaded_language": 1}, 1)
    assert (by["Harbour Courier"]["framing"], by["Harbour Courier"]["framing_quoted"]) == ({}, 1)
    # per 1,000 of the author's words, not of all words
    assert by["Daily Ledger"]["framing_per_1000_words"] == 100.0


def test_compare_naming_counts_only_the_authors_variants(outlets):
    result, by = outlets
    assert by["Daily Ledger"]["naming"] == {"Kyiv": {"Kiev": 1, "Kyiv": 1}}
    assert by["Harbour Courier"]["naming"] == {"Kyiv": {"Kyiv": 1}}  # its "Kiev" is the excerpt's
    assert result["naming_differences"] == [{"concept": "Kyiv", "outlets": {
        "Daily Ledger": {"Kiev": 1, "Kyiv": 1}, "Harbour Courier": {"Kyiv": 1}}}]


def test_compare_tone_is_the_authors(outlets):
    _, by = outlets
    assert by["Daily Ledger"]["tone"] == {"score": -2.0, "positive": 1.0, "negative": 3.0}
    assert by["Harbour Courier"]["tone"]["score"] == 0.0
    assert (by["Daily Ledger"]["words"], by["Daily Ledger"]["author_words"]) == (20, 10)


def test_compare_over_an_older_store_counts_its_framing_as_the_authors(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, upto="0008_place_kind_confidence")
    for n, art in enumerate((ledger(), courier()), start=1):
        old.execute("INSERT INTO articles (id, hash, input_id, text, chars, status, source) "
                    "VALUES (?, ?, ?, ?, ?, 'analysed', ?)", (n, f"h{n}", art.id, art.text, len(art.text), art.source))
        old.execute("INSERT INTO tone (article_id, score, positive, negative, word_count) VALUES (?, ?, ?, ?, ?)",
                    (n, art.tone.score, art.tone.positive, art.tone.negative, art.tone.word_count))
        old.executemany("INSERT INTO framing (article_id, seq, start, end, text, technique, concept, variant) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(n, k, f.start, f.end, f.text, f.technique, f.concept, f.variant)
                         for k, f in enumerate(art.framing)])
    add_story(old, (1, 2))
    old.close()
    conn = db.open_store(path)
    by = {p["outlet"]: p for p in compare_story(conn, "s1")["outlets"]}
    assert db.load_article(conn, 1).framing[2].voice is None  # unknown: counted as the author's
    conn.close()
    assert by["Daily Ledger"]["framing"] == {"loaded_language": 1, "name_calling": 1}
    assert by["Harbour Courier"]["naming"] == {"Kyiv": {"Kiev": 1, "Kyiv": 1}}
    assert by["Daily Ledger"]["tone"] == {"score": -6.0, "positive": 1.0, "negative": 7.0}
    assert by["Daily Ledger"]["author_words"] == 20


@pytest.mark.parametrize("row,expected", [
    ({"score": -6.0, "positive": 1.0, "negative": 7.0, "word_count": 20, "author_score": -2.0,
      "author_positive": 1.0, "author_negative": 3.0, "author_word_count": 10}, (-2.0, 10)),
    # every word quoted: no author tone, left out of the outlet's mean
    ({"score": -6.0, "positive": 1.0, "negative": 7.0, "word_count": 20, "author_score": None,
      "author_positive": None, "author_negative": None, "author_word_count": 0}, (None, 0)),
    # stored before the author's tone was measured: the whole article's
    ({"score": -6.0, "positive": 1.0, "negative": 7.0, "word_count": 20, "author_score": None,
      "author_positive": None, "author_negative": None, "author_word_count": None}, (-6.0, 20)),
])
def test_compare_author_tone_of_one_row(row, expected):
    from presstrace.corpus.compare import author_tone
    tone = author_tone(row)
    assert (tone["score"], tone["author_words"]) == expected and tone["words"] == 20
