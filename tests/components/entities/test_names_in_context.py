"""Names the small model mislabels or misses, and pronouns after quotes whose paragraphs a
scraper joined (sentences written for these tests)."""
from __future__ import annotations

from spacy.tokens import Span

from presstrace.components.common.gazetteer import gazetteer_for
from presstrace.components.entities.ner_fixes import _first_named, _unlabelled_names, fix_entities


def speaker_of(art, words):
    found = [q for q in art.quotes if words in q.text]
    assert found, f"no quote with {words!r}: {[q.text for q in art.quotes]}"
    return found[0].speaker


def test_a_pronoun_looks_back_past_joined_quote_paragraphs(run):
    art = run("Professor Maria Lindqvist has studied rockets for decades. Dr Lindqvist stated: "
              "“The first stage worked. “The second stage failed over the sea. “The third stage was never "
              "built. “The fourth was a drawing on a napkin.” The veteran scientist then turned to history. "
              "She said: “It all began in a garden shed.”")
    assert speaker_of(art, "garden shed").name == "Maria Lindqvist"


def test_a_priest_is_a_person_by_his_title(run):
    art = run('"We buried them in the churchyard at night," said Father Mykola, who leads the parish.')
    ent = next(e for e in art.entities if e.name == "Mykola")
    assert ent.label == "PERSON" and [m.text for m in ent.mentions] == ["Father Mykola"]


def test_a_first_name_alone_makes_the_full_name_a_person(nlp):
    doc = nlp("Oskar Wendt travelled to the front. Later Oskar said he was tired.")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 8, 9, label="PERSON")]
    gaz = gazetteer_for("")
    assert _first_named(doc.ents[0], {"oskar"}, gaz).label_ == "PERSON"
    assert _first_named(doc.ents[0], set(), gaz).label_ == "ORG"


def test_an_unlabelled_first_name_of_a_named_person_is_that_person(nlp):
    doc = nlp("Oskar Wendt travelled to the front. Later Oskar said he was tired.")
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    found = _unlabelled_names(doc, {"oskar", "wendt"}, gazetteer_for(""))
    assert [(s.text, s.start) for s in found] == [("Oskar", 8)]


def test_a_company_with_its_legal_form_stays_an_organisation(nlp):
    doc = nlp("Ahold NV reported profits. Ahold said sales rose.")
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    assert _first_named(doc.ents[0], {"ahold"}, gazetteer_for("")).label_ == "ORG"


def test_a_name_without_a_capital_is_no_entity(nlp):
    doc = nlp("The hypersonic missiles were tested by the defence ministry.")
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 7, 9, label="ORG")]
    fix_entities(doc, gazetteer_for(""))
    assert [e.text for e in doc.ents] == []


def test_a_plural_nationality_after_a_place_is_a_people(run):
    art = run("Tensions rose as Kosovo Serbs protested. The Kosovo Serbs want autonomy.")
    assert {e.name: e.label for e in art.entities}.get("Kosovo Serbs") == "NORP"


def test_a_lowercase_phrase_is_no_organisation(run):
    art = run("The hypersonic missiles were tested by the defence ministry on Monday, officials said.")
    assert "defence ministry" not in {e.name for e in art.entities}


def test_a_name_keeps_no_half_of_a_bracket(nlp):
    """The model's "Acme Holdings (AH" and "HSE) Department of Trade": the name is what lies
    on one side of the bracket; a bracket inside a word is code, no name."""
    text = "Acme Holdings (AH) and the HSE) Department of Trade met the script x.append(y today."
    doc = nlp(text)
    spans = ["Acme Holdings (AH", "HSE) Department of Trade", "x.append(y"]
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label="ORG", alignment_mode="expand")
                for s in spans]
    fix_entities(doc, gazetteer_for(""))
    assert [e.text for e in doc.ents] == ["Acme Holdings", "Department of Trade"]


def test_an_editors_brackets_complete_a_name(run):
    art = run("He said [Jake] Sullivan was up there saying that the conditions are set.")
    people = [e for e in art.entities if e.label == "PERSON"]
    assert [e.name for e in people] == ["Jake Sullivan"]
