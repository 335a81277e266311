"""Naming choices as a comparison: one record per concept per article, with the variant the
author chose, how often, its rivals in the text, and whether it is named only in quotes."""
from __future__ import annotations

import pytest

from presstrace.components.framing.choices import Use, choice, naming_table
from presstrace.pipeline import build_pipeline
from presstrace.records import Article
from presstrace.pipeline import analyze


def choices(art):
    out = [f for f in art.framing if f.technique == "naming_choice"]
    assert all(art.text[f.start:f.end] == f.text for f in out)
    return out


def test_choices_one_record_per_concept_with_count_and_rivals(run):
    text = ('Kiev hit back on Monday. By Tuesday Kiev had moved its reserves east. '
            '"Kyiv will not bow," the envoy said.')
    (rec,) = choices(run(text))
    assert (rec.concept, rec.variant, rec.count, rec.quoted_only, rec.alternatives) == (
        "Kyiv", "Kiev", 2, False, {"Kyiv": 1})
    assert (rec.start, rec.voice) == (0, "author")  # the first use of the chosen variant


def test_choices_the_plain_name_alone_is_no_choice(run):
    assert choices(run("Kyiv said on Monday that Kyiv would rebuild the bridge.")) == []


def test_choices_the_plain_name_against_a_quoted_rival_is_a_choice(run):
    (rec,) = choices(run('Kyiv rejected the plan. "Kiev must accept it," the spokesman said.'))
    assert (rec.variant, rec.alternatives, rec.voice) == ("Kyiv", {"Kiev": 1}, "author")


def test_choices_a_quoted_phrase_alone_is_quoted_only(run):
    text = 'The president called it a "special military operation" in his address on Friday.'
    (rec,) = choices(run(text))
    assert (rec.variant, rec.quoted_only, rec.voice) == ("special military operation", True, "quoted")


@pytest.mark.parametrize("found,spelling,expected", [
    ([Use(0, 8, "Zelensky", False)], True, None),  # a neutral spelling alone
    ([Use(0, 8, "Zelensky", False), Use(20, 29, "Zelenskyy", True)], True, ("Zelensky", {"Zelenskyy": 1})),
    ([Use(0, 6, "regime", False)], False, ("regime", None)),  # a marked word alone
    ([Use(0, 4, "Kiev", False), Use(9, 13, "Kyiv", False), Use(20, 24, "Kyiv", False)], False,
     ("Kyiv", {"Kiev": 1})),  # the author's most used variant
])
def test_choices_choose_the_authors_variant(found, spelling, expected):
    concept = {"Zelensky": "Volodymyr Zelensky", "regime": "government"}.get(found[0].variant, "Kyiv")
    got = choice(concept, found, spelling)
    assert (None if got is None else (got.variant, got.alternatives)) == expected


def test_choices_table_marks_spelling_concepts_and_takes_user_rows():
    table = naming_table((("Kherson", "Cherson", "spelling"),))
    assert {"Volodymyr Zelensky", "Kherson"} <= table.spelling and "Kyiv" not in table.spelling
    assert ("Kherson", "Cherson") in [(c, v) for _, _, c, v in table.find("Cherson and Kiev")]
    with pytest.raises(ValueError, match="naming row"):
        naming_table((("Kherson", "Cherson", "rude"),))


def test_choices_user_rows_come_from_the_settings(settings):
    extended = settings.with_overrides({"components": {"framing": {"naming": [["Kherson", "Cherson"]]}}})
    art = analyze(Article(text="Troops entered Cherson on Friday.", id="x"), extended)
    assert [(f.concept, f.variant) for f in choices(art)] == [("Kherson", "Cherson")]


def test_choices_a_malformed_user_row_fails_when_the_pipeline_is_built(settings):
    bad = settings.with_overrides({"components": {"framing": {"naming": [["only a concept"]]}}})
    with pytest.raises(Exception, match="naming row"):
        build_pipeline(bad)


@pytest.mark.parametrize("text", [
    "The EU widened its sanctions regime on Friday.",  # a term: the first noun makes it one
    "Veterans of the Ukrainian Insurgent Army marched on Sunday.",  # part of a longer name
    "Guards torture prisoners in the camp, the report said.",  # a verb, not the concept's name
])
def test_choices_a_variant_in_a_term_or_a_name_is_no_choice(run, text):
    assert choices(run(text)) == []


def test_choices_the_same_word_alone_is_still_a_choice(run):
    (rec,) = choices(run("The EU widened its sanctions regime against the regime in Damascus."))
    assert rec.variant == "regime" and rec.start > 40 and rec.count == 1


@pytest.mark.parametrize("text,hedged", [
    ("It was kind of strange to see them there.", True),
    ("What kind of deal did they sign in the end?", False),  # a noun after a determiner
    ("Some sort of agreement was reached on Friday.", False),
])
def test_hedges_kind_of_hedges_only_as_an_adverb(run, text, hedged):
    found = [f.text for f in run(text).framing if f.technique == "hedge"]
    assert (any(h.lower() in ("kind of", "sort of") for h in found)) is hedged
