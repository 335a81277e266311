"""Tone layer: GDELT's seven fields, sentence tone and entity tone on short texts."""
from __future__ import annotations

import pytest

from presstrace.report import tone_lines
from presstrace.components.common.valence import analyzer, valence


@pytest.mark.parametrize("text,words,self_group", [
    ("We love this wonderful plan.", 5, 20.0),
    ("The committee approved the budget on Tuesday.", 7, 0.0),
    ("Our troops and my family are safe, we said.", 9, 100 * 3 / 9),
])
def test_tone_fields_follow_word_counts(run, text, words, self_group):
    tone = run(text).tone
    assert tone.word_count == words
    assert tone.self_group == pytest.approx(self_group, abs=0.01)
    assert tone.score == pytest.approx(tone.positive - tone.negative, abs=0.01)
    assert tone.polarity == pytest.approx(tone.positive + tone.negative, abs=0.01)
    assert 0 <= tone.activity <= 100


@pytest.mark.parametrize("text,sign", [
    ("We love this wonderful, brilliant plan.", 1),
    ("This was a horrible, bloody and disastrous war.", -1),
])
def test_tone_sign_follows_valenced_words(run, text, sign):
    tone = run(text).tone
    assert tone.score * sign > 0
    assert all(s.score * sign > 0 for s in tone.sentences)


@pytest.mark.parametrize("text", ["He spoke. She left.\n\nThey returned on Friday and praised the deal."])
def test_tone_sentences_carry_offsets(run, text):
    art = run(text)
    assert len(art.tone.sentences) == 3
    for sent in art.tone.sentences:
        assert text[sent.start:sent.end] == sent.text


@pytest.mark.parametrize("text,good,bad", [
    ("Angela Merkel praised the wonderful plan. Boris Johnson condemned the terrible, disastrous failure.",
     "Angela Merkel", "Boris Johnson"),
])
def test_tone_entity_tone_is_the_tone_of_its_sentences(run, text, good, bad):
    art = run(text)
    ids = {e.name: e.id for e in art.entities}
    assert art.tone.entities[ids[good]] > 0 > art.tone.entities[ids[bad]]


@pytest.mark.parametrize("text", ["42 ... !!", "日本 שלום 👩‍👩‍👧"])
def test_tone_text_without_words_is_neutral(run, text):
    tone = run(text).tone
    assert tone.score == tone.positive == tone.negative == 0.0
    assert tone.word_count >= 0


@pytest.mark.parametrize("word,sign", [("wonderful", 1), ("horrible", -1), ("table", 0)])
def test_tone_lexicon_is_vader_loaded_once(word, sign):
    assert analyzer() is analyzer()
    assert (valence(word) > 0) - (valence(word) < 0) == sign


@pytest.mark.parametrize("text", ["Angela Merkel condemned the terrible, disastrous failure."])
def test_tone_report_line(run, text):
    (line,) = tone_lines(run(text))
    assert line.startswith("tone: -") and "words" in line and "Angela Merkel" in line


def test_tone_author_voice_leaves_out_the_quoted_words(run):
    tone = run('"This was a horrible, bloody war," the minister said on Tuesday.').tone
    assert (tone.word_count, tone.author_word_count) == (11, 5)  # the minister said on Tuesday
    assert tone.score < 0 and tone.author_score == 0.0
    assert tone.author_positive == tone.author_negative == 0.0


def test_tone_author_voice_is_the_whole_tone_without_quotes(run):
    tone = run("The minister spoke of a horrible, bloody war on Tuesday.").tone
    assert tone.author_word_count == tone.word_count
    assert (tone.author_score, tone.author_positive, tone.author_negative) == (tone.score, tone.positive,
                                                                              tone.negative)


def test_tone_author_voice_keeps_scare_quoted_words(run):
    tone = run("The tragic 'savings' left three clinics closed across the north.").tone
    assert tone.author_word_count == tone.word_count and tone.author_score < 0


def test_tone_author_voice_is_unmeasured_when_every_word_is_quoted(run):
    tone = run('"We will win this terrible war."').tone
    assert tone.author_word_count == 0 and tone.word_count > 0
    assert tone.author_score is None


@pytest.mark.parametrize("text,part", [
    ('"This was a horrible, bloody war," the minister said on Tuesday.', "author's own words +0.00 (5 words)"),
    ('"We will win this terrible war."', "every word quoted"),
])
def test_tone_report_line_gives_the_authors_tone_beside_quotes(run, text, part):
    (line,) = tone_lines(run(text))
    assert line.endswith(part)


def test_tone_report_line_without_quotes_has_no_author_part(run):
    (line,) = tone_lines(run("The minister spoke of a horrible, bloody war on Tuesday."))
    assert "author" not in line and "quoted" not in line
