"""Corrections to spaCy's small-model NER where it is weak on news: places and agencies.

en_core_web_sm calls Kursk a PRODUCT, Kiev a PERSON and misses "Kyiv’s"; it labels the
adjective "Ukrainian" a GPE. With the gazetteer: a well-known place name labelled PRODUCT
or WORK_OF_ART, or a lone-token PERSON that no full name in the article contains and no
title precedes, becomes GPE; a name right after a person's title, or a lone surname of a
person named in full, becomes PERSON ("President of Ukraine Volodymyr Zelenskyy" is split
into the place and the person); an unlabelled proper noun that names a well-known place
becomes GPE; a GPE the gazetteer does not know and that is shaped like a demonym becomes
NORP. News-agency names in credits and datelines become ORG, as do online platforms the
model calls people ("said on Twitter"). A first name used alone makes the full name a person
("Ajay Spence" after "Ajay"), and an unlabelled first name or surname of a person named in
full is that person; a name with no capital letter is none ("defence ministry").
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..common.gazetteer import gazetteer_for
from ..common.doc import contract, doc_text, forget_ents, noncontent_ranges, tokens_of
from ...names import display_name
from ..common.name_spans import titles
from ..common.name_spans import trim_span
from ..common.lexicons import agencies, is_demonym
from .clustering import ORG_WORDS

# How many people a city needs before a bare name is taken for it (countries and
# first-level regions always qualify).
STRONG_CITY = 100_000
PRODUCT_CITY = 10_000
DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish", "ean", "eans", "ic", "i", "is")
RELABEL_TO_GPE = {"PRODUCT", "WORK_OF_ART"}
# Online platforms and messaging services: the small model often tags them PERSON, which
# made "Twitter" one of the most named people of a news corpus.
PLATFORMS = frozenset("""twitter facebook instagram telegram youtube tiktok whatsapp reddit
linkedin snapchat weibo wechat vkontakte gettr parler""".split()) | {"truth social"}
# Honorifics the model sometimes puts inside a person's name ("Ms Truss"), or inside an
# organisation's ("Dr Autry", "Professor Autry"): what follows them is a person.
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "dr", "dr.",
                        "sir", "dame", "prof", "prof.", "professor"})
# The first parts of compound nationality adjectives ("Russo-German", "Anglo-American").
COMBINING_FORMS = {"russo", "anglo", "franco", "sino", "greco", "austro", "indo", "afro", "euro", "italo",
                   "germano", "polono", "turco", "arabo", "ukraino"}
# Legal forms that end a company's name ("Ahold NV", "Siemens AG").
COMPANY_SUFFIXES = {"NV", "N.V.", "AG", "SA", "S.A.", "plc", "PLC", "LLC", "GmbH", "BV", "AB", "ASA", "SpA", "Oyj",
                    "LLP", "Limited", "Holdings"}
# Labels of names, which English writes with a capital (not dates, amounts or quantities).
CAPITALISED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                      "LANGUAGE"}
# Parts of speech no name is made of alone ("It", "He", "Said", "The").
NO_NAME_POS = {"PRON", "DET", "AUX", "VERB", "ADP", "CCONJ", "SCONJ", "PART"}


@Language.factory("ner_fixes", **contract(["doc.ents"], requires=["doc.ents", "noncontent"]),
                  default_config={"gazetteer_path": ""})
def make_ner_fixes(nlp: Language, name: str, gazetteer_path: str):
    return NerFixes(gazetteer_path)


class NerFixes:
    def __init__(self, gazetteer_path: str = ""):
        self.gazetteer_path = gazetteer_path

    def __call__(self, doc: Doc) -> Doc:
        fix_entities(doc, gazetteer_for(self.gazetteer_path))
        return doc


def fix_entities(doc: Doc, gazetteer) -> None:
    """Relabel and add entity spans of `doc` in place."""
    ents = [part for ent in _bracket_free(doc.ents) if not _ends_a_title(ent)
            for part in _split_title_of_place(ent, gazetteer)]
    ents = [_nation_not_name(_without_honorific(_titled_person(ent))) for ent in ents if not _no_name(ent)]
    lone = {ent.text.lower() for ent in ents if ent.label_ == "PERSON" and len(ent) == 1}
    ents = [_first_named(ent, lone, gazetteer) for ent in ents]
    persons = _person_words(ents)
    surnames = {ent[-1].text.lower() for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
    ents = [_surname(_relabel(ent, gazetteer, persons), gazetteer, surnames) for ent in ents]
    ents += _missing_places(doc, gazetteer, persons)
    ents += _unlabelled_names(doc, persons, gazetteer)
    ents += _agencies(doc)
    doc.ents = filter_spans(ents)
    forget_ents(doc)


def _bracket_free(ents) -> list[Span]:
    """Names without the half of a parenthesis the model took in: "Vnesheconombank (VEB"
    ends before its "(", "HSE) Department of …" starts after its ")"; a parenthesis inside
    a word ("appendChild(i") is code, no name. An editor's square brackets belong to the
    name they complete ("[Jake] Sullivan"), so the mention takes in an opening one it left out."""
    out = []
    for ent in ents:
        doc, start, end = ent.doc, ent.start, ent.end
        closes = [t.i for t in ent if t.text == ")"]
        opens = [t.i for t in ent if t.text == "("]
        if closes and (not opens or closes[0] < opens[0]):
            start = closes[0] + 1
        if any(i >= start for i in opens) and not any(c > max(opens) for c in closes):
            end = max(opens)
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if start == ent.start and start > 0 and doc[start - 1].text == "[" and "]" in ent.text:
            start -= 1
        part = Span(doc, start, end, label=ent.label_) if end > start else None
        if part is not None and not any(ch in part.text for ch in "()"):
            out.append(part)
    return out


def place_strength(gazetteer, name: str) -> float:
    """How strongly `name` means a place: inf for a country or region, else population."""
    entries = gazetteer.lookup(name) if name else []
    if not entries:
        return 0.0
    top = entries[0]
    if top.feature_code in ("PCLI", "ADM1") or top.feature_class == "A":
        return float("inf")
    return float(max(e.population for e in entries))


def _relabel(ent: Span, gazetteer, persons: set[str]) -> Span:
    label = ent.label_
    name = display_name(trim_span(ent).text) if len(trim_span(ent)) else ""
    if label in RELABEL_TO_GPE and place_strength(gazetteer, name) >= PRODUCT_CITY:
        return Span(ent.doc, ent.start, ent.end, label="GPE")
    if label == "PERSON" and name.lower() in PLATFORMS:
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    if label == "PERSON" and _lone_place_name(ent, name, gazetteer, persons):
        return Span(ent.doc, ent.start, ent.end, label="GPE")
    if label == "GPE" and len(ent) == 1 and _demonym_shaped(ent[0]) and not gazetteer.contains(name):
        return Span(ent.doc, ent.start, ent.end, label="NORP")
    return ent


def _lone_place_name(ent: Span, name: str, gazetteer, persons: set[str]) -> bool:
    if len(trim_span(ent)) != 1 or name.lower() in persons:
        return False
    prev = ent.doc[ent.start - 1].text.lower() if ent.start else ""
    if (prev,) in titles():
        return False
    return place_strength(gazetteer, name) >= STRONG_CITY


def _person_words(ents: list[Span]) -> set[str]:
    """Words inside multi-word person names ("Vladimir" of "Vladimir Putin")."""
    return {t.text.lower() for ent in ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}


def _titled_person(ent: Span) -> Span:
    """A proper name right after a person's title ("Chancellor Olaf Scholz") is a person."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or not ent.start or not all(t.pos_ == "PROPN" for t in ent):
        return ent
    prev = ent.doc[ent.start - 1]
    if prev.text[:1].isupper() and (prev.text.lower(),) in titles():
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    return ent


def _without_honorific(ent: Span) -> Span:
    """"Ms Truss" without the "Ms" the model sometimes puts inside the name (it leaves "Mr"
    out of "Mr Biden"), so that the mention joins "Liz Truss" like any titled one; an
    honorific makes the name after it a person's, whatever the model's label ("Dr Autry")."""
    if ent.label_ in ("PERSON", "ORG", "GPE", "NORP") and len(ent) > 1 and ent[0].lower_ in HONORIFICS \
            and ent[0].text[:1].isupper() and all(t.text[:1].isupper() for t in ent[1:]):
        return Span(ent.doc, ent.start + 1, ent.end, label="PERSON")
    return ent


def _no_name(ent: Span) -> bool:
    """A span made only of words no name is made of (a pronoun, a verb, a determiner), or
    one with no capital letter at all: an English name is written with one, so "hypersonic
    missiles", "defence ministry" and "they´re" are common words the model mislabelled
    (a handle such as "@mchancecnn" is a name as written)."""
    if ent.label_ in CAPITALISED_LABELS and not any(ch.isupper() for ch in ent.text) \
            and not ent.text.startswith("@"):
        return True
    return all(t.pos_ in NO_NAME_POS or t.is_punct for t in ent)


def _nation_not_name(ent: Span) -> Span:
    """"Horrific Russian" (the capitalised first word of "Horrific Russian rocket strikes")
    is no person and no organisation: a short name that ends in a demonym names the people,
    so the demonym alone is kept, as a group."""
    # "German-" in "the German- and French-brokered protocol": the hyphen is no part of the word
    if ent.label_ not in ("PERSON", "ORG") or not is_demonym(ent[-1].text.rstrip("-–")):
        return ent
    if all(t.text in "-–" or t.lower_ in COMBINING_FORMS for t in ent[:-1]):
        return Span(ent.doc, ent.start, ent.end, label="NORP")  # "Russo-German", "Anglo-American"
    if ent[-1].text.endswith("s") and len(ent) <= 3:
        return Span(ent.doc, ent.start, ent.end, label="NORP")  # "Kosovo Serbs": a plural names a people
    if len(ent) > 2 or (len(ent) == 2 and ent[0].tag_ == "NNP" and not ent[0].is_sent_start):
        return ent  # "Dawn French": a first name inside the sentence before it
    return Span(ent.doc, ent.end - 1, ent.end, label="NORP")


def _ends_a_title(ent: Span) -> bool:
    """"the Head of State", "Secretary of State": the last words of a title, not an entity."""
    doc = ent.doc
    for n in range(2, 5):
        if ent.start - n + 1 < 0 or n <= len(ent):
            continue
        words = tuple(t.text.lower() for t in doc[ent.start - (n - len(ent)):ent.end])
        if words in titles():
            return True
    return False


def _split_title_of_place(ent: Span, gazetteer) -> list[Span]:
    """Split "[President of] Ukraine Volodymyr Zelenskyy" into the place and the person."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ != "of" or (doc[ent.start - 2].text.lower(),) not in titles():
        return [ent]
    for n in (1, 2):
        rest = doc[ent.start + n:ent.end]
        if len(rest) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest) \
                and place_strength(gazetteer, doc[ent.start:ent.start + n].text) == float("inf"):
            return [Span(doc, ent.start, ent.start + n, label="GPE"),
                    Span(doc, rest.start, rest.end, label="PERSON")]
    return [ent]


def _surname(ent: Span, gazetteer, surnames: set[str]) -> Span:
    """A lone word that is the surname of a person named in full is that person."""
    if ent.label_ in ("ORG", "GPE", "NORP") and len(ent) == 1 and ent.text.lower() in surnames \
            and place_strength(gazetteer, ent.text) < STRONG_CITY:
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    return ent


def _first_named(ent: Span, lone: set[str], gazetteer) -> Span:
    """"Ajay Spence" labelled an organisation where the article calls him "Ajay" alone as a
    person: a short run of proper nouns whose first word is a lone person's name elsewhere
    in the article, and that no organisation word ends, is that person's full name."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or not 2 <= len(ent) <= 3:
        return ent
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in ent):
        return ent
    if ent[0].lower_ not in lone or ent[-1].text in ORG_WORDS | COMPANY_SUFFIXES \
            or place_strength(gazetteer, ent[0].text):
        return ent
    return Span(ent.doc, ent.start, ent.end, label="PERSON")


def _unlabelled_names(doc: Doc, persons: set[str], gazetteer) -> list[Span]:
    """A lone capitalised proper noun the model left unlabelled that is the first name or
    surname of a person the article names in full ("Ajay tells me" after "Ajay Spence")."""
    out = []
    for tok in tokens_of(doc, persons):
        if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title or is_demonym(tok.text):
            continue
        near = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
        if any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in near):
            continue  # part of a longer name the model left unlabelled
        if place_strength(gazetteer, tok.text) < STRONG_CITY:
            out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    return out


def _demonym_shaped(token) -> bool:
    return token.tag_ in ("JJ", "NNPS") or token.text.lower().endswith(DEMONYM_ENDINGS)


def _missing_places(doc: Doc, gazetteer, persons: set[str]) -> list[Span]:
    """Runs of unlabelled proper nouns that name a well-known place."""
    out = []
    i = 0
    while i < len(doc):
        run = _proper_run(doc, i)
        if run is None:
            i += 1
            continue
        if place_strength(gazetteer, run.text) >= STRONG_CITY and run.text.lower() not in persons:
            out.append(Span(doc, run.start, run.end, label="GPE"))
        i = run.end
    return out


def _proper_run(doc: Doc, i: int) -> Optional[Span]:
    """The run of capitalised, unlabelled PROPN tokens starting at `i` (at most 3)."""
    j = i
    while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and not doc[j].ent_type_ \
            and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    return doc[i:j] if j > i else None


def _agencies(doc: Doc) -> list[Span]:
    """Agency names not yet labelled: anywhere when unambiguous, else inside credits."""
    credits = noncontent_ranges(doc)
    text = doc_text(doc)
    out = []
    for name in agencies():
        start = text.find(name)
        while start != -1:
            span = doc.char_span(start, start + len(name))
            inside = any(a <= start < b for a, b in credits)
            if span is not None and not any(t.ent_type_ for t in span) and (inside or len(name) >= 4):
                out.append(Span(doc, span.start, span.end, label="ORG"))
            start = text.find(name, start + len(name))
    return out
