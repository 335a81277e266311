"""Who can be a speaker: a name, a pronoun, or a noun for people, their bodies or their
writings; the parse's other subjects are no speakers (sentences written for these tests)."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from presstrace.components.common.entity_index import EntityIndex
from presstrace.components.attribution.quote_cues import governs
from presstrace.components.common.quotemarks import QuoteSpan
from presstrace.components.common.sources import agent_noun, can_speak, possessor, who_is
from presstrace.components.common.syntax import subject_of


@pytest.mark.parametrize("noun,agent", [
    ("impersonator", True), ("endorser", True), ("shopper", True),
    ("border", False), ("water", False), ("paper", False), ("incident", False), ("tea", False),
])
def test_agent_noun_is_a_verb_and_er_or_or(noun, agent):
    assert agent_noun(noun) is agent


@pytest.mark.parametrize("sentence,speaks", [
    ("The spokeswoman said it was over.", True),
    ("The ministry said it was over.", True),
    ("The statement said it was over.", True),
    ("The 24-year-old said it was over.", True),
    ("The local historian said it was over.", True),
    ("British defence analysts said it was over.", True),
    ("The impersonator said it was over.", True),
    ("Many said it was over.", True),
    ("No one said it was over.", False),
    ("Nobody said it was over.", False),
    ("The incident said it was over.", False),
    ("The rejection said it was over.", False),
])
def test_can_speak_by_the_subjects_head(nlp, sentence, speaks):
    doc = nlp(sentence)
    verb = next(t for t in doc if t.lemma_ == "say")
    assert can_speak(who_is(subject_of(verb), EntityIndex([]))) is speaks


def test_an_owner_speaks_for_what_cannot_speak(nlp):
    doc = nlp("Holloway's catch phrase was everywhere.")
    phrase = next(t for t in doc if t.text == "phrase")
    assert possessor(phrase).text == "Holloway"
    assert possessor(next(t for t in doc if t.text == "everywhere")) is None


def test_the_nearest_nominal_subject_is_the_verbs(nlp):
    # a parse that gives "remarked" two subjects: the adjective's noun far off, the person near
    words = ["free", "market", ",", "the", "analyst", "remarked"]
    heads = [1, 5, 1, 4, 5, 5]
    deps = ["amod", "nsubj", "punct", "det", "nsubj", "ROOT"]
    pos = ["ADJ", "NOUN", "PUNCT", "DET", "NOUN", "VERB"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert subject_of(doc[5]).text == "analyst"


def test_a_verb_the_parse_made_a_subject_gives_way_to_the_noun(nlp):
    # "when his phone rang, Baldwin recounted": "rang" wrongly hangs on "recounted" as a subject
    words = ["his", "phone", "rang", ",", "Baldwin", "recounted"]
    heads = [1, 2, 5, 5, 5, 5]
    deps = ["poss", "compound", "nsubj", "punct", "nsubj", "ROOT"]
    pos = ["PRON", "NOUN", "VERB", "PUNCT", "PROPN", "VERB"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert subject_of(doc[5]).text == "Baldwin"


def test_a_parenthetical_speech_verb_reports_the_quote_of_its_clause(nlp):
    # `The problem, the soldier said, is "the unevenness".`: "said" interrupts the clause of "is"
    words = ["The", "problem", ",", "the", "soldier", "said", ",", "is", '"', "the", "unevenness", '"', "."]
    heads = [1, 7, 5, 4, 5, 7, 5, 7, 10, 10, 7, 10, 7]
    deps = ["det", "nsubj", "punct", "det", "nsubj", "parataxis", "punct", "ROOT", "punct", "det", "attr",
            "punct", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps,
              spaces=[True, False, True, True, False, False, True, True, False, True, False, False, False])
    start = doc.text.index("the unevenness")
    q = QuoteSpan(start, start + len("the unevenness"), start - 1, start + len("the unevenness"), '"')
    assert governs(doc[5], doc, q)
    assert not governs(doc[4], doc, q)


def test_after_a_comma_the_subject_right_after_the_verb_is_its_own(nlp):
    # `The rejection signals "the end", said Wilders`: the parse hangs both nouns on "said"
    words = ["The", "rejection", "signals", '"', "the", "end", '"', ",", "said", "Wilders", "."]
    heads = [1, 8, 1, 5, 5, 2, 5, 8, 8, 8, 8]
    deps = ["det", "nsubj", "pobj", "punct", "det", "appos", "punct", "punct", "ROOT", "nsubj", "punct"]
    pos = ["DET", "NOUN", "NOUN", "PUNCT", "DET", "NOUN", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert subject_of(doc[8]).text == "Wilders"


def test_a_past_tense_the_parse_hung_on_a_name_is_that_names_verb(nlp):
    # "Barracuda, an investigator, tweeted: …" parsed with "tweeted" as an acl of the name
    words = ["Barracuda", ",", "an", "investigator", ",", "tweeted", ":"]
    heads = [0, 0, 3, 0, 0, 0, 0]
    deps = ["ROOT", "punct", "det", "appos", "punct", "acl", "punct"]
    pos = ["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PUNCT"]
    tags = ["NNP", ",", "DT", "NN", ",", "VBN", ":"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert subject_of(doc[5]).text == "Barracuda"
