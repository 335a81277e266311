"""Quotes layer: spans, speakers, cues, channels and kinds on real news patterns."""
from __future__ import annotations

import pytest

from presstrace.components.quotemarks import find_quotes


def quote(art, words):
    found = [q for q in art.quotes if words in q.text]
    assert found, f"no quote with {words!r}: {[q.text for q in art.quotes]}"
    return found[0]


@pytest.mark.parametrize("text,words,speaker,cue,kind", [
    ('"We will not surrender," Zelensky said on Monday.', "not surrender", "Zelensky", "said", "direct"),
    ('"The talks were useful," said Jens Stoltenberg, NATO\'s secretary general.', "talks were useful",
     "Jens Stoltenberg", "said", "direct"),
    ("Emmanuel Macron told reporters: “Europe must act now.”", "Europe must act", "Emmanuel Macron", "told", "direct"),
    ('"This is a disaster" - Boris Johnson wrote on Tuesday.', "disaster", "Boris Johnson", "wrote", "direct"),
    ('Olaf Scholz said the plan had "run its course" and would end.', "run its course", "Olaf Scholz", "said", "partial"),
    ("Angela Merkel arrived late. She said, \"We have work to do.\"", "work to do", "She", "said", "direct"),
])
def test_quotes_speaker_and_cue(run, text, words, speaker, cue, kind):
    q = quote(run(text), words)
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.cue is not None and q.cue.text.startswith(cue)
    assert q.kind == kind
    assert text[q.start:q.end] == q.text and not q.text.startswith(('"', "“"))


def test_quotes_pronoun_speaker_resolves_to_the_person(run):
    art = run("Angela Merkel arrived late. She said, \"We have work to do.\"")
    assert quote(art, "work to do").speaker.name == "Angela Merkel"


@pytest.mark.parametrize("text,first,second,speaker", [
    ('"We are ready," Dmytro Kuleba said. "But we need guarantees."', "ready", "guarantees", "Dmytro Kuleba"),
    ('"First part of a long statement.\n\n"Second paragraph of it," Joe Biden said.', "First part", "Second paragraph",
     "Joe Biden"),
])
def test_quotes_interrupted_and_continued_quotes_keep_one_speaker(run, text, first, second, speaker):
    art = run(text)
    a, b = quote(art, first), quote(art, second)
    assert a.id != b.id
    assert a.speaker is not None and b.speaker is not None
    assert a.speaker.name == b.speaker.name == speaker


def test_quotes_channel_named_and_carried(run):
    art = run('Donald Trump posted on Truth Social, "Stop the war," before adding, "It must end now."')
    first, second = quote(art, "Stop the war"), quote(art, "must end")
    assert first.channel == "Truth Social" and second.channel == "Truth Social"
    assert second.speaker.name == "Donald Trump" and second.cue.text == "adding"


@pytest.mark.parametrize("text,words", [("The so-called 'peace plan' was rejected by both sides.", "peace plan"),
                                        ("The film “Dark Waters” opened in Kyiv on Friday.", "Dark Waters")])
def test_quotes_scare_quotes_have_no_speaker(run, text, words):
    q = quote(run(text), words)
    assert q.kind == "scare" and q.speaker is None


def test_quotes_according_to_names_the_source(run):
    q = quote(run('The army "will respond with force", according to Ukraine\'s defence ministry.'), "respond")
    assert q.speaker is not None and "ministry" in q.speaker.text


def test_quotes_block_excerpt_after_a_colon(run):
    text = ("The ministry wrote in its statement:\n\nTroops will withdraw from the area by Friday and return "
            "to their bases.\n\nResidents were sceptical.")
    blocks = [q for q in run(text).quotes if q.kind == "block"]
    assert len(blocks) == 1 and blocks[0].text.startswith("Troops will withdraw")
    assert blocks[0].speaker.text == "The ministry"


@pytest.mark.parametrize("text,inside,outside", [
    ('He said "this never ends.\n\nThe next paragraph is normal text.', "this never ends", "next paragraph"),
    ('A stray " mark.\n\n"Real quote here," she said.', "Real quote here", "stray"),
])
def test_quotes_unbalanced_marks_never_run_away(text, inside, outside):
    spans = [text[q.start:q.end] for q in find_quotes(text)]
    assert any(inside in s for s in spans)
    assert not any(outside in s for s in spans)


@pytest.mark.parametrize("text", ["It’s the troops’ lives, don’t forget.", "He's 6'2\" tall and 5' wide."])
def test_quotes_apostrophes_and_inch_marks_are_not_quotes(text):
    assert find_quotes(text) == []


def test_quotes_paragraph_introduced_by_a_colon_takes_the_intro_speaker(run):
    text = ("The university's spokeswoman, Jane Harlow, wrote:\n\n"
            "“The anthem is a moment to reflect on the freedoms we hold dear.”\n\nStudents disagreed.")
    q = quote(run(text), "anthem is a moment")
    assert q.speaker is not None and "Harlow" in q.speaker.text
