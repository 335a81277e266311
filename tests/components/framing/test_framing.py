"""Framing layer: persuasion techniques, naming choices and hedges on news-like sentences."""
from __future__ import annotations

import pytest

from presstrace.components.framing.framing import merge_overlaps, resolve_phrases
from presstrace.components.framing.lexicon import CATEGORIES, framing_lexicon, phrase_regex
from presstrace.report import framing_lines
from presstrace.components.framing.spans import Candidate
from presstrace.records import AnalyzedArticle, Framing


def spans(art, technique):
    return [f.text for f in art.framing if f.technique == technique]


@pytest.mark.parametrize("text,technique,words", [
    ("This was a horrible, bloody war.", "loaded_language", "bloody war"),
    ("The terrible 'price' was paid by the conscripts.", "loaded_language", "terrible 'price'"),
    ("Sending them was a suicide operation from the start.", "loaded_language", "suicide operation"),
    ("The regime's thugs unleashed a brutal crackdown.", "name_calling", "thugs"),
    ("He called them radical leftists and worse.", "name_calling", "radical leftists"),
    ("It was the greatest scandal in the history of the world.", "exaggeration", "greatest scandal"),
    ("This would be a massacre not seen since World War II.", "exaggeration", "not seen since World War II"),
    ("The attack had little to no chance of success.", "exaggeration", "little to no"),
    ("But did the minister really know about the payments?", "doubt", "did the minister really know"),
    ("They lied to the American people.", "flag_waving", "the American people"),
    ("Supporters chanted Make America Great Again at the rally.", "slogans", "Make America Great Again"),
    ("Asked about the losses, he shrugged: it is what it is.", "thought_terminating_cliches", "it is what it is"),
    ("Critics compared the policy to Nazi Germany.", "bandwagon", "Nazi"),
    ("Even the Financial Times has admitted that the plan failed.", "appeal_to_authority",
     "Even the Financial Times has admitted"),
    ("If the dam breaks, the flood will destroy the town and kill thousands.", "appeal_to_fear", "will destroy"),
    ("Crime rose because the mayor is weak, and that is the only reason.", "causal_oversimplification",
     "because the mayor is weak"),
    ("You are either with us or you are with the terrorists.", "black_and_white_fallacy", "either with us"),
    ("What about the senator's own record on donations, one might ask.", "whataboutism", "What about"),
])
def test_framing_finds_technique_phrase(run, text, technique, words):
    found = spans(run(text), technique)
    assert any(words in s for s in found), f"{technique} {words!r} not in {found}"


@pytest.mark.parametrize("text,variant,concept", [
    ("Troops withdrew from Kiev on Friday.", "Kiev", "Kyiv"),
    ("Shelling hit Kharkov overnight.", "Kharkov", "Kharkiv"),
    ("Moscow calls it a special military operation.", "special military operation", "Russian invasion of Ukraine"),
    ("The bill targets illegal aliens, the senator said.", "illegal aliens", "undocumented immigrants"),
    ("Pro-life groups welcomed the ruling.", "pro-life", "abortion opponents"),
    ("The regime denied the report.", "regime", "government"),
])
def test_framing_naming_choice_records_concept_and_variant(run, text, variant, concept):
    found = [f for f in run(text).framing if f.technique == "naming_choice"]
    assert [(f.variant, f.concept) for f in found] == [(variant, concept)]
    assert found[0].text.lower() == variant.lower()  # the text's own casing; the variant the table's


@pytest.mark.parametrize("text,hedges", [
    ("The minister reportedly resigned, and it is believed he left the country.", ["reportedly", "it is believed"]),
    # "so-called" holds a name at a distance (name calling when it labels); it softens no claim
    ("The so-called peace plan was essentially a ceasefire.", ["essentially"]),
])
def test_framing_hedges(run, text, hedges):
    assert spans(run(text), "hedge") == hedges


@pytest.mark.parametrize("text", [
    "The committee met on Tuesday and approved the budget for next year.",
    "Rainfall in March was close to the long-term average, the weather service said.",
])
def test_framing_plain_report_has_no_technique(run, text):
    assert [f for f in run(text).framing if f.technique not in ("naming_choice", "hedge")] == []


@pytest.mark.parametrize("text", [
    "“It’s a disgrace!” he shouted. The corrupt elites — in Kiev and elsewhere — lied again and again.",
    "'a' \"b\" “ ” ‘cost’ #Hashtag DEATH TO NOBODY!! ?",
])
def test_framing_offsets_match_text(run, text):
    for f in run(text).framing:
        assert text[f.start:f.end] == f.text and f.start < f.end


@pytest.mark.parametrize("cands,expected", [
    ([Candidate(0, 5, "doubt"), Candidate(3, 9, "doubt"), Candidate(20, 25, "doubt")], [(0, 9), (20, 25)]),
    ([Candidate(0, 5, "doubt"), Candidate(3, 9, "slogans")], [(0, 5), (3, 9)]),
])
def test_framing_merge_overlaps_joins_one_technique(cands, expected):
    assert sorted((c.start, c.end) for c in merge_overlaps(cands)) == expected


@pytest.mark.parametrize("cands,kept", [
    ([Candidate(0, 10, "loaded_language"), Candidate(0, 9, "name_calling")], ["name_calling"]),
    ([Candidate(0, 30, "doubt"), Candidate(0, 9, "loaded_language")], ["doubt", "loaded_language"]),
])
def test_framing_resolve_phrases_prefers_the_specific_technique(cands, kept):
    assert sorted(c.technique for c in resolve_phrases(cands)) == kept


@pytest.mark.parametrize("phrase,text,hits", [
    ("it's what it is", "Well, it’s what it is.", 1),
    ("so-called", "the so‐called plan, not so called", 1),
])
def test_framing_phrase_regex_matches_whole_words(phrase, text, hits):
    assert len(list(phrase_regex([phrase]).finditer(text))) == hits


@pytest.mark.parametrize("category", CATEGORIES)
def test_framing_lexicon_categories_load(category):
    cues = framing_lexicon()[category]
    assert cues.words or cues.phrases is not None


def test_framing_report_lines_profile_the_layer():
    text = "Kiev said the bloody war was reportedly over."
    art = AnalyzedArticle(text=text, framing=[
        Framing(0, 4, "Kiev", "naming_choice", concept="Kyiv", variant="Kiev"),
        Framing(14, 24, "bloody war", "loaded_language"),
        Framing(29, 39, "reportedly", "hedge"),
    ])
    art.sourcing.hedged_sentences, art.sourcing.hedged = 1, 1.0
    assert framing_lines(art) == ["framing: 1 spans - loaded_language 1", "naming: Kyiv: “Kiev”",
                                  "hedging: 1 sentences (100%) hedged or vaguely sourced - reportedly"]
    assert framing_lines(AnalyzedArticle(text="")) == ["framing: none found"]


@pytest.mark.parametrize("text,span,loaded", [
    ("It was a suicide mission from the start.", "suicide mission", True),
    ("Critics called it a kamikaze strategy.", "kamikaze strategy", True),
    ("A suicide bombing hit the market.", "suicide bombing", False),
    ("The death toll rose overnight.", "death toll", False),
])
def test_framing_figurative_undertaking(run, text, span, loaded):
    found = any(f.text == span and f.technique == "loaded_language" for f in run(text).framing)
    assert found == loaded


@pytest.mark.parametrize("text,technique,words", [
    # an intensifying adverb right on a verb
    ("The new tariffs enormously inflated prices for farmers.", "loaded_language", "enormously inflated"),
    # a word set in capitals for emphasis inside ordinary text
    ("The files simply VANISHED from the server overnight.", "loaded_language", "VANISHED"),
    # an evaluative noun phrase said of a person, as predicate or apposition
    ("Everyone agrees that he is a dishonest man.", "name_calling", "a dishonest man"),
    ("The mayor met Mr. Brown, a ruthless operator, on Monday.", "name_calling", "a ruthless operator"),
    # speech verbs that judge the speech, and stock metaphors
    ("The governor boasted that the budget was balanced.", "loaded_language", "boasted"),
    ("The report was a bombshell for the campaign.", "loaded_language", "bombshell"),
    # a loaded noun for people labels them; a Hitler word before a noun for people labels them
    ("The president called the press the enemy of the people.", "name_calling", "enemy"),
    ("The columnist mocked the Vichy journalists who repeated the ministry's line.", "name_calling",
     "Vichy journalists"),
])
def test_framing_new_phrase_rules(run, text, technique, words):
    found = spans(run(text), technique)
    assert any(words in s for s in found), f"{technique} {words!r} not in {found}"


@pytest.mark.parametrize("text", [
    "The NATO summit opened in Brussels on Tuesday.",          # an acronym is a name, not shouting
    "BREAKING NEWS: the minister has resigned.",              # a run of capitals is a headline
    "He is a tall man who lives in Leeds.",                   # a neutral description labels no one
])
def test_framing_new_rules_leave_plain_text(run, text):
    art = run(text)
    assert not [f for f in art.framing if f.technique in ("loaded_language", "name_calling")], art.framing


def test_framing_repetition_across_the_article(run):
    text = ("The senator called them illegal invaders at the rally. " + "Farmers spoke about prices and rain. " * 12
            + "Later she again warned about illegal invaders.")
    assert len([f for f in run(text).framing if f.technique == "repetition"]) == 2


def test_framing_hitler_word_compares_unless_it_labels_people(run):
    compared = run("Critics compared the policy to Nazi Germany.").framing
    assert any(f.technique == "bandwagon" and "Nazi Germany" in f.text for f in compared)
    labelled = run("The columnist mocked the Vichy journalists who repeated the ministry's line.").framing
    assert not [f for f in labelled if f.technique == "bandwagon"]


@pytest.mark.parametrize("text", [
    "The remarks were made on the 79th anniversary of the 1943 killings in Nazi-occupied Poland.",
    "Soviet troops drove the Nazis from the city in World War II.",
    "The Soviet Union collapsed.",                 # a state named, not a comparison
])
def test_framing_history_is_no_reductio(run, text):
    assert not [f for f in run(text).framing if f.technique == "bandwagon"]


@pytest.mark.parametrize("text,technique", [
    ("Diplomacy is vital as the president operates in the world.", "exaggeration"),  # no superlative
    ("Moscow says the West is at war with Russia.", "flag_waving"),  # naming a bloc appeals to no one
])
def test_framing_plain_phrases_are_no_technique(run, text, technique):
    assert not [f for f in run(text).framing if f.technique == technique]
