"""Author voice against quoted voice: each framing record says whether its wording is the
author's or lies inside a direct, partial or block quote (scare quotes are the author's)."""
from __future__ import annotations

import pytest

from presstrace.components.common.voice import AUTHOR, QUOTED, in_quote, quoted_ranges, voice_of
from presstrace.readers import read_inputs
from presstrace.records import AnalyzedArticle, Framing, Quote
from presstrace.report import framing_lines

BLOCK = ("The Northern Ledger wrote on Monday:\n\n"
         "Kyiv\u2019s allies are running out of patience with the stalled talks, and the money is drying up.\n\n"
         "The ministry declined to comment on the report.")


def found(art, technique, text):
    """The records of `technique` whose text holds `text`; each points at its own text."""
    out = [f for f in art.framing if f.technique == technique and text in f.text]
    assert all(art.text[f.start:f.end] == f.text for f in out)
    return out


@pytest.mark.parametrize("text,voice", [
    ('"This was a horrible, bloody war," the minister said on Tuesday.', QUOTED),
    ("The minister spoke of a horrible, bloody war on Tuesday.", AUTHOR),
])
def test_voice_loaded_words_in_a_quote_are_the_speakers(run, text, voice):
    (rec,) = found(run(text), "loaded_language", "bloody war")
    assert rec.voice == voice


@pytest.mark.parametrize("text,voice", [
    ('"The regime\'s thugs burned the village," the mayor told reporters.', QUOTED),
    ("The regime's thugs burned the village on Sunday, residents said.", AUTHOR),
])
def test_voice_name_calling_follows_the_quote(run, text, voice):
    (rec,) = found(run(text), "name_calling", "thugs")
    assert rec.voice == voice


def test_voice_a_scare_quoted_term_is_the_authors(run):
    art = run("Three clinics closed after the 'reform' took effect in the north.")
    assert [q.kind for q in art.quotes] == ["scare"]
    (rec,) = found(art, "name_calling", "reform")
    assert rec.voice == AUTHOR


def test_voice_a_hedge_inside_a_partial_quote_is_quoted(run):
    art = run('Officials in Kiev declined to comment. The mayor said the talks had "reportedly stalled" again.')
    assert [q.kind for q in art.quotes] == ["partial"]
    (hedge,) = found(art, "hedge", "reportedly")
    (kiev,) = found(art, "naming_choice", "Kiev")
    assert (hedge.voice, kiev.voice) == (QUOTED, AUTHOR)


def test_voice_a_marked_variant_only_in_a_block_quote_is_quoted_only(run):
    art = run(BLOCK.replace("Kyiv", "Kiev"))
    assert [q.kind for q in art.quotes] == ["block"]
    (rec,) = found(art, "naming_choice", "Kiev")
    assert (rec.concept, rec.variant, rec.voice, rec.quoted_only) == ("Kyiv", "Kiev", QUOTED, True)


def test_voice_the_plain_name_only_in_a_quote_is_no_choice(run):
    assert found(run(BLOCK), "naming_choice", "Kyiv") == []


def test_voice_seed_tells_the_authors_kiev_from_the_quoted_kyiv(run, seed_path):
    (article,) = list(read_inputs([str(seed_path)]))
    art = run(article.text, article.date)
    kyiv = [(f.text, f.variant, f.voice, f.quoted_only, f.alternatives)
            for f in art.framing if f.technique == "naming_choice" and f.concept == "Kyiv"]
    assert kyiv == [("Kiev", "Kiev", AUTHOR, False, {"Kyiv": 1})]
    assert {f.voice for f in found(art, "loaded_language", "suicide operation")} == {AUTHOR}
    assert {f.voice for f in found(art, "loaded_language", "horrible, bloody war")} == {QUOTED}


def q(start, end, kind):
    return Quote(start=start, end=end, text="x" * (end - start), kind=kind)


def test_voice_ranges_leave_out_scare_quotes_and_merge_nested_ones():
    ranges = quoted_ranges([q(50, 60, "direct"), q(10, 40, "block"), q(20, 30, "partial"), q(70, 75, "scare")])
    assert ranges == [(10, 40), (50, 60)]
    assert [in_quote(p, ranges) for p in (9, 10, 39, 40, 55, 72)] == [False, True, True, False, True, False]


@pytest.mark.parametrize("start,end,voice", [
    (12, 20, QUOTED),   # wholly inside
    (9, 41, QUOTED),    # the quote with its own marks
    (30, 48, QUOTED),   # a clause running on into the attribution, mostly quoted
    (0, 18, AUTHOR),    # a narrated sentence holding a shorter quote
    (41, 49, AUTHOR),   # between two quotes
])
def test_voice_is_quoted_when_most_of_the_span_is(start, end, voice):
    assert voice_of(start, end, [(10, 40), (50, 60)]) == voice


def test_voice_report_counts_the_authors_framing_and_names_the_quoted_apart():
    text = 'Kiev said the bloody war was over. "Kyiv will win this bloody war, reportedly," he said.'
    spot = lambda part, at=0, **kw: Framing(text.index(part, at), text.index(part, at) + len(part),  # noqa: E731
                                            part, **kw)
    art = AnalyzedArticle(text=text, framing=[
        spot("Kiev", technique="naming_choice", concept="Kyiv", variant="Kiev", count=1, alternatives={"Kyiv": 1}),
        spot("bloody war", technique="loaded_language"),
        spot("bloody war", 20, technique="loaded_language", voice=QUOTED),
        spot("reportedly", technique="hedge", voice=QUOTED),
    ])
    assert framing_lines(art) == ["framing: 1 spans - loaded_language 1 (1 more in quotes, not counted)",
                                  "naming: Kyiv: “Kiev” (against “Kyiv”)"]
    art.framing = art.framing[2:]
    assert framing_lines(art)[0] == "framing: 0 spans (1 more in quotes, not counted)"


def test_voice_report_counts_stored_records_without_a_voice_as_the_authors():
    art = AnalyzedArticle(text="a bloody war", framing=[Framing(2, 12, "bloody war", "loaded_language", voice=None)])
    assert framing_lines(art) == ["framing: 1 spans - loaded_language 1"]
