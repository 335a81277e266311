"""Who can be a speaker: a name, a pronoun, or a noun for people, their bodies or their
writings; the parse's other subjects are no speakers (sentences written for these tests)."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from presstrace.components.common.entity_index import EntityIndex
from presstrace.components.attribution.claims import extract_claims
from presstrace.components.attribution.quote_cues import governs
from presstrace.components.common.quotemarks import QuoteSpan
from presstrace.components.common.sources import agent_noun, can_speak, possessor, who_is
from presstrace.components.common.syntax import subject_of


def hand_parsed(nlp, tokens, spaces=None) -> Doc:
    """A Doc with the parse given by hand, one (word, head, dep, pos[, tag]) per token: the
    parse errors these rules repair, written down instead of hoped for from the model."""
    tags = [t[4] for t in tokens] if all(len(t) > 4 for t in tokens) else None
    return Doc(nlp.vocab, words=[t[0] for t in tokens], heads=[t[1] for t in tokens],
               deps=[t[2] for t in tokens], pos=[t[3] for t in tokens], tags=tags, spaces=spaces)


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
    doc = hand_parsed(nlp, [
        ('free', 1, 'amod', 'ADJ'),
        ('market', 5, 'nsubj', 'NOUN'),
        (',', 1, 'punct', 'PUNCT'),
        ('the', 4, 'det', 'DET'),
        ('analyst', 5, 'nsubj', 'NOUN'),
        ('remarked', 5, 'ROOT', 'VERB'),
    ])
    assert subject_of(doc[5]).text == "analyst"


def test_a_verb_the_parse_made_a_subject_gives_way_to_the_noun(nlp):
    # "when his phone rang, Baldwin recounted": "rang" wrongly hangs on "recounted" as a subject
    doc = hand_parsed(nlp, [
        ('his', 1, 'poss', 'PRON'),
        ('phone', 2, 'compound', 'NOUN'),
        ('rang', 5, 'nsubj', 'VERB'),
        (',', 5, 'punct', 'PUNCT'),
        ('Baldwin', 5, 'nsubj', 'PROPN'),
        ('recounted', 5, 'ROOT', 'VERB'),
    ])
    assert subject_of(doc[5]).text == "Baldwin"


def test_a_parenthetical_speech_verb_reports_the_quote_of_its_clause(nlp):
    # `The problem, the soldier said, is "the unevenness".`: "said" interrupts the clause of "is"
    doc = hand_parsed(nlp, [
        ('The', 1, 'det', ''),
        ('problem', 7, 'nsubj', ''),
        (',', 5, 'punct', ''),
        ('the', 4, 'det', ''),
        ('soldier', 5, 'nsubj', ''),
        ('said', 7, 'parataxis', ''),
        (',', 5, 'punct', ''),
        ('is', 7, 'ROOT', ''),
        ('"', 10, 'punct', ''),
        ('the', 10, 'det', ''),
        ('unevenness', 7, 'attr', ''),
        ('"', 10, 'punct', ''),
        ('.', 7, 'punct', ''),
    ], spaces=[True, False, True, True, False, False, True, True, False, True, False, False, False])
    start = doc.text.index("the unevenness")
    q = QuoteSpan(start, start + len("the unevenness"), start - 1, start + len("the unevenness"), '"')
    assert governs(doc[5], doc, q)
    assert not governs(doc[4], doc, q)


def test_after_a_comma_the_subject_right_after_the_verb_is_its_own(nlp):
    # `The rejection signals "the end", said Wilders`: the parse hangs both nouns on "said"
    doc = hand_parsed(nlp, [
        ('The', 1, 'det', 'DET'),
        ('rejection', 8, 'nsubj', 'NOUN'),
        ('signals', 1, 'pobj', 'NOUN'),
        ('"', 5, 'punct', 'PUNCT'),
        ('the', 5, 'det', 'DET'),
        ('end', 2, 'appos', 'NOUN'),
        ('"', 5, 'punct', 'PUNCT'),
        (',', 8, 'punct', 'PUNCT'),
        ('said', 8, 'ROOT', 'VERB'),
        ('Wilders', 8, 'nsubj', 'PROPN'),
        ('.', 8, 'punct', 'PUNCT'),
    ])
    assert subject_of(doc[8]).text == "Wilders"


def test_a_past_tense_the_parse_hung_on_a_name_is_that_names_verb(nlp):
    # "Barracuda, an investigator, tweeted: …" parsed with "tweeted" as an acl of the name
    doc = hand_parsed(nlp, [
        ('Barracuda', 0, 'ROOT', 'PROPN', 'NNP'),
        (',', 0, 'punct', 'PUNCT', ','),
        ('an', 3, 'det', 'DET', 'DT'),
        ('investigator', 0, 'appos', 'NOUN', 'NN'),
        (',', 0, 'punct', 'PUNCT', ','),
        ('tweeted', 0, 'acl', 'VERB', 'VBN'),
        (':', 0, 'punct', 'PUNCT', ':'),
    ])
    assert subject_of(doc[5]).text == "Barracuda"


def _clause_doc(nlp, rows):
    """A hand-parsed Doc with lemmas, one (word, head, dep, pos, tag, lemma) per token."""
    cols = list(zip(*rows))
    return Doc(nlp.vocab, words=list(cols[0]), heads=list(cols[1]), deps=list(cols[2]), pos=list(cols[3]),
               tags=list(cols[4]), lemmas=list(cols[5]))


def test_a_closing_attribution_reports_the_clause_the_parse_hung_on_it(nlp):
    # "As talks began, a girl was hurt, police said.": the parse hangs "hurt" on "began" and
    # "began" on "said" as modifiers, not as what "said" reports
    doc = _clause_doc(nlp, [
        ("As", 2, "mark", "SCONJ", "IN", "as"), ("talks", 2, "nsubj", "NOUN", "NNS", "talk"),
        ("began", 10, "advcl", "VERB", "VBD", "begin"), (",", 2, "punct", "PUNCT", ",", ","),
        ("a", 5, "det", "DET", "DT", "a"), ("girl", 7, "nsubjpass", "NOUN", "NN", "girl"),
        ("was", 7, "auxpass", "AUX", "VBD", "be"), ("hurt", 2, "advcl", "VERB", "VBN", "hurt"),
        (",", 10, "punct", "PUNCT", ",", ","), ("police", 10, "nsubj", "NOUN", "NNS", "police"),
        ("said", 10, "ROOT", "VERB", "VBD", "say"), (".", 10, "punct", "PUNCT", ".", "."),
    ])
    claims = [c for c in extract_claims(doc, [], []) if c.source.kind != "unattributed"]
    assert [(c.text, c.source.text) for c in claims] == [("As talks began , a girl was hurt", "police")]


def test_a_background_clause_alone_is_not_what_a_closing_verb_reports(nlp):
    # "As talks began, Macron spoke.": nothing before the comma could stand alone
    doc = _clause_doc(nlp, [
        ("As", 2, "mark", "SCONJ", "IN", "as"), ("talks", 2, "nsubj", "NOUN", "NNS", "talk"),
        ("began", 5, "advcl", "VERB", "VBD", "begin"), (",", 5, "punct", "PUNCT", ",", ","),
        ("Macron", 5, "nsubj", "PROPN", "NNP", "Macron"), ("spoke", 5, "ROOT", "VERB", "VBD", "speak"),
        (".", 5, "punct", "PUNCT", ".", "."),
    ])
    assert all(c.source.kind == "unattributed" for c in extract_claims(doc, [], []))
