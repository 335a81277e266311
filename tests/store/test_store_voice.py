"""The framing records' voice and the author's tone in the store: columns added by
migrations 0009 and 0010 to older stores, whose rows then read back as unknown (None)."""
from __future__ import annotations

import sqlite3

from presstrace.records import AnalyzedArticle, Framing, Tone
from presstrace.store import db
from presstrace.store.migrations import applied_migrations, migrate

TEXT = 'The mayor said "the thugs" came at night, and the council called it a bloody raid.'


def article() -> AnalyzedArticle:
    def span(part, **kw):
        start = TEXT.index(part)
        return Framing(start, start + len(part), part, **kw)
    return AnalyzedArticle(text=TEXT, id="v1", framing=[
        span("thugs", technique="name_calling", voice="quoted"),
        span("bloody raid", technique="loaded_language")],
        tone=Tone(score=-10.0, positive=0.0, negative=10.0, word_count=16, author_score=-7.143,
                  author_positive=0.0, author_negative=7.143, author_word_count=14))


def test_store_keeps_the_voice_and_the_authors_tone_in_columns(tmp_path):
    conn = db.open_store(tmp_path / "s.db")
    with db.transaction(conn):
        db.save_article(conn, article(), 1, db.article_hash(TEXT))
    rows = conn.execute("SELECT text, voice, extra FROM framing ORDER BY seq").fetchall()
    tone = conn.execute("SELECT author_score, author_word_count, extra FROM tone").fetchone()
    back = db.load_article(conn, 1)
    conn.close()
    assert [tuple(r) for r in rows] == [("thugs", "quoted", None), ("bloody raid", "author", None)]
    assert tuple(tone) == (-7.143, 14, None)
    assert back.framing == article().framing and back.tone.author_negative == 7.143


def test_store_migrates_an_older_store_to_the_voice_columns(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, upto="0008_place_kind_confidence")
    old.execute("INSERT INTO articles (id, hash, input_id, text, chars, status) "
                "VALUES (1, 'h', 'x', ?, ?, 'analysed')", (TEXT, len(TEXT)))
    old.execute("INSERT INTO framing (article_id, seq, start, end, text, technique) "
                "VALUES (1, 0, 70, 81, 'bloody raid', 'loaded_language')")
    old.execute("INSERT INTO tone (article_id, score, word_count) VALUES (1, -10.0, 16)")
    old.close()
    conn = db.open_store(path)
    applied = applied_migrations(conn)
    back = db.load_article(conn, 1)
    conn.close()
    assert {"0009_framing_voice", "0010_tone_author_voice"} <= set(applied)
    assert [(f.text, f.voice) for f in back.framing] == [("bloody raid", None)]
    assert all(TEXT[f.start:f.end] == f.text for f in back.framing)
    assert (back.tone.score, back.tone.author_score, back.tone.author_word_count) == (-10.0, None, None)
