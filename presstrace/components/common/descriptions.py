"""Who a definite description is: "the CIA director" after "CIA Director William Burns",
"the foreign minister" after "Dmytro Kuleba, the foreign minister". A description names
the one person whose titles and appositions in the article hold all its words; where
several or none do, it names nobody (no answer beats the most prominent person).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from ...records import Entity

# Modifiers that carry a person's titles and descriptions ("CIA Director William Burns";
# "Burns, the CIA director"; "Kyiv's mayor, Vitali Klitschko").
TITLE_DEPS = {"compound", "amod", "appos", "nmod", "poss", "npadvmod"}
CONTENT_POS = {"NOUN", "PROPN", "ADJ", "NUM"}
# A people or place in the description may be written another way in the title
# ("Ukraine's defence minister", "Ukrainian Defence Minister …"): the role words decide.
LOOSE_ENTS = {"GPE", "NORP", "LOC"}


def described_person(span: Span, entities: list[Entity]) -> Optional[Entity]:
    """The one PERSON entity, mentioned before `span`, whose titles hold every content word
    of the definite description `span`, or None."""
    words = _content_words(span)
    if not words or span.root.pos_ != "NOUN" or span.root.lower_ not in words:
        return None
    doc = span.doc
    found = [e for e in entities if e.label == "PERSON"
             and words <= _titles(doc, e, span.start_char)]
    return found[0] if len(found) == 1 else None


def is_definite_description(span: Span) -> bool:
    """"the CIA director", "Ukraine's defence minister": a common noun phrase opened by
    "the" or a possessive, with no name of its own."""
    first = span[0]
    return span.root.pos_ == "NOUN" and not any(t.ent_type_ == "PERSON" for t in span) and (
        first.lower_ == "the" or any(t.dep_ == "poss" for t in span))


def _content_words(span: Span) -> set[str]:
    return {t.lower_ for t in span if t.pos_ in CONTENT_POS and not t.is_stop
            and t.ent_type_ not in LOOSE_ENTS}


def _titles(doc: Doc, entity: Entity, before: int) -> set[str]:
    """The words of the entity's mentions before `before` and of their title modifiers."""
    out: set[str] = set()
    for m in entity.mentions:
        if m.start >= before:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        out |= {t.lower_ for t in span}
        out |= {t.lower_ for t in _modifiers(span.root, depth=3)}
    return out


def _modifiers(tok: Token, depth: int) -> list[Token]:
    if depth == 0:
        return []
    out = []
    for child in tok.children:
        if child.dep_ in TITLE_DEPS:
            out.append(child)
            out += _modifiers(child, depth - 1)
    return out
