"""Amounts layer: numbers, money, percentages, measures and vague quantities with their object.

`find_quantities` (amounts_grammar) reads what each amount means; this module keeps the
ones that are amounts in the article's sense and finds what they count:

- a count's span covers its counted noun phrase ("tens of thousands of Ukrainian troops",
  "well over a dozen towns and settlements") and its object is that phrase's nouns without
  determiners and adjectives ("troops", "towns and settlements");
- a measure, sum of money, percentage or fraction ends at its unit; its object is the
  "of" phrase after it ("some 1,300 sq km of Russian territory": "Russian territory");
- years, dates, times and durations (the times layer, spaCy's DATE/TIME entities),
  ordinals, numbers inside names ("World War II", "Boeing 737", "Highway 59") and bare
  numbers that count nothing (ages, scores, house numbers) are not amounts.
"""
from __future__ import annotations

import logging
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...records import Amount
from .grammar import Quantity, find_quantities
from ..common.doc import contract, doc_text, get_layer, set_layer

LOGGER = logging.getLogger(__name__)

# Entity labels whose numbers belong to a name or a time, not to an amount.
NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
               "LAW", "LANGUAGE", "DATE", "TIME"}
NOUN_POS = {"NOUN", "PROPN"}
# Counted nouns that make a number a duration or date: the times layer's, not ours.
TIME_WORDS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
              "night", "morning", "evening", "weekend", "season", "term", "quarter", "am", "pm",
              "a.m.", "p.m.", "o'clock"}
# Words after a number that make it an ordinal or an address, not a count.
NOT_OBJECTS = {"st", "nd", "rd", "th", "block"}
# Left modifiers kept in a counted object ("police officers", "polling stations").
OBJECT_KEEP_DEPS = {"compound"}
NP_LEFT_DEPS = {"det", "amod", "compound", "nmod", "poss", "nummod", "advmod", "case"}


@Language.component("amounts", **contract(["amounts"]))
def amounts_component(doc: Doc) -> Doc:
    """Write the amounts layer."""
    set_layer(doc, "amounts", extract_amounts(doc))
    return doc


def extract_amounts(doc: Doc) -> list[Amount]:
    """The amounts of `doc`, in text order.

    Args:
        doc: a parsed document (the times and noncontent layers are used when present).
    """
    text = doc_text(doc)
    blocked = [(t.start, t.end) for t in get_layer(doc, "times")]
    blocked += [(n.start, n.end) for n in get_layer(doc, "noncontent") if n.kind != "dateline"]
    out: list[Amount] = []
    for q in find_quantities(text):
        amount = to_amount(doc, text, q, blocked)
        if amount is not None and (not out or amount.start >= out[-1].end):
            out.append(amount)
    return out


def to_amount(doc: Doc, text: str, q: Quantity, blocked: list[tuple[int, int]]) -> Optional[Amount]:
    """The `Amount` for a quantity, or None when it is no amount here."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    counted = _counted_noun(span) if q.kind == "count" else None
    if counted is not None and (counted.lemma_.lower() in TIME_WORDS or counted.ent_type_ in ("DATE", "TIME")):
        return None  # "three days", "two weeks ago": the times layer's
    if counted is not None and counted.tag_ == "NNP":
        return None  # "775 Main St.", "618 S.W. Second Terrace": an address
    if _excluded(span, q, blocked, counted is not None):
        return None
    start, end = q.start, q.end
    obj: Optional[str] = None
    if q.kind in ("count",) and counted is not None:
        np_start, np_end = _noun_phrase(counted)
        end = max(end, doc[np_end - 1].idx + len(doc[np_end - 1].text))
        obj = _object_text(doc, counted, np_end)
    elif q.kind != "count":
        of_noun = _of_object(span)
        if of_noun is not None:
            np_start, np_end = _noun_phrase(of_noun)
            first = next((t for t in doc[np_start:np_end] if t.dep_ != "det"), of_noun)
            obj = doc[first.i:np_end].text
    if q.kind == "count" and obj is None and not _has_bounds_or_vague(q):
        return None  # a bare number that counts nothing: an age, a score, a house number
    words = (obj or "").lower().split()
    if q.kind == "count" and (q.value == 1 or set(words[:1] + words[-1:]) & NOT_OBJECTS):
        return None  # "at one point": the indefinite one; "23 rd", "the 200 block of"
    return Amount(start=start, end=end, text=text[start:end], value=_num(q.value), low=_num(q.low),
                  high=_num(q.high), unit=q.unit, object=obj, approx=q.approx)


def _num(x: Optional[float]):
    """Whole floats as ints for the output ("1300", not "1300.0")."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 6)


def _has_bounds_or_vague(q: Quantity) -> bool:
    """A count without an object still counts as an amount when vague ("thousands fled")."""
    return q.value is None and (q.low is not None or q.high is not None) and q.approx


def _excluded(span: Span, q: Quantity, blocked: list[tuple[int, int]], counts: bool) -> bool:
    """Years, times, numbers in names and numbers in non-content are not amounts.

    A count of something that is no time ("between 10 and 15 tanks") stays, whatever a
    date tagger said about its numbers.
    """
    labels = NAME_LABELS - ({"DATE", "TIME"} if counts else set())
    if not counts and any(a < q.end and q.start < b for a, b in blocked) and q.kind in ("count", "fraction"):
        return True
    numbers = [t for t in span if t.like_num or t.text[:1].isdigit()]
    if any(t.ent_type_ in labels for t in numbers) and q.kind in ("count", "fraction"):
        return True
    if q.year_like and q.kind == "count":
        return True
    first = numbers[0] if numbers else span[0]
    prev = span.doc[first.i - 1] if first.i else None
    # "Highway 59", "Flight 370", "No. 10": a number right after a capitalised word names it.
    return q.kind == "count" and first.i == span.start and prev is not None \
        and prev.text[:1].isupper() and not prev.is_sent_start and first.text[:1].isdigit()


def _counted_noun(span: Span) -> Optional[Token]:
    """The noun a count counts: "40 soldiers", "a dozen towns", "thousands of troops"."""
    last = span[-1]
    doc = span.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        return _pobj(nxt)
    for tok in span:
        head = tok.head
        if tok.dep_ in ("nummod", "quantmod", "amod", "compound") and head.i > last.i \
                and head.pos_ in NOUN_POS and head.i - last.i <= 4:
            return head
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ in ("NNS", "NN"):
        return nxt
    return None


def _of_object(span: Span) -> Optional[Token]:
    """The noun of an "of" phrase right after a measure ("1,300 sq km of Russian territory")."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ == "of":
        return _pobj(doc[i])
    return None


def _pobj(of: Token) -> Optional[Token]:
    """The object of the preposition `of`, or the first noun after it."""
    for child in of.children:
        if child.dep_ == "pobj" and child.pos_ in NOUN_POS:
            return child
    doc = of.doc
    for tok in doc[of.i + 1:min(len(doc), of.i + 5)]:
        if tok.pos_ in NOUN_POS:
            return tok
        if tok.pos_ in ("VERB", "AUX", "PUNCT", "ADP"):
            break
    return None


def _noun_phrase(noun: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by `noun`, its coordinated nouns included."""
    start = noun.i
    for child in noun.lefts:
        if child.dep_ in NP_LEFT_DEPS:
            start = min(start, child.left_edge.i)
    end = noun.i + 1
    for child in noun.rights:
        between = noun.doc[end:child.i]
        if child.dep_ == "conj" and child.pos_ in NOUN_POS and len(between) == 1 and between[0].dep_ == "cc":
            end = child.i + 1
    return start, end


def _object_text(doc: Doc, noun: Token, np_end: int) -> str:
    """A counted object: the nouns without determiners and adjectives ("troops")."""
    first = noun.i
    for child in reversed(list(noun.lefts)):
        if child.dep_ in OBJECT_KEEP_DEPS and child.i == first - 1:
            first = child.i
    return doc[first:np_end].text
