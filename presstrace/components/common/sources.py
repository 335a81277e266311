"""Who a speaker or source phrase is: the token that names it, its mention, its entity and
the name a reader is shown. Quotes and claims resolve their speakers and sources here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from ...records import Entity
from .descriptions import described_person, is_definite_description
from .entity_index import EntityIndex
from .lexicons import english_lemmas, speaker_nouns
from .speech import utterer
from .syntax import description, naming_token, partitive_group, speaker_span


@dataclass
class Who:
    """A resolved speaker or source."""
    head: Token               # the token that names it ("Kuleba", "he", "leader")
    span: Span                # its mention
    entity: Optional[Entity]  # the entity it stands for, if any
    people: bool              # a people ("the Russians"): no one person or body
    name: Optional[str]       # the entity's name, else the phrase; None for a bare pronoun


def who_is(tok: Token, index: EntityIndex) -> Who:
    """The speaker or source a subject token stands for: the possessor of a speech noun
    ("Biden's comments"), a name in apposition, the entity covering the head word, the one
    person a definite description fits ("the CIA director"), else the phrase itself ("the
    Russian leader"); a people is named by its phrase."""
    head = naming_token(utterer(tok))
    span = speaker_span(head)
    entity = index.of_phrase(head.idx, head.idx + len(head), span.text)
    if entity is None and is_definite_description(span):
        entity = described_person(span, index.entities)  # "the CIA director"
    people = head.ent_type_ == "NORP" or (entity is not None and entity.label == "NORP")
    name = entity.name if entity is not None and not people else description(span)
    return Who(head, span, entity, people, name)


NEGATIVE_SUBJECTS = {"nobody", "none", "noone", "nothing", "neither"}
# Endings of nouns for people ("chairwoman", "analyst", "politician", "tradespeople").
PERSON_ENDINGS = ("man", "men", "woman", "women", "person", "persons", "people")
AGENT_ENDINGS = ("ist", "ists", "ian", "ians")


def can_speak(who: Who) -> bool:
    """Whether the phrase names something that can say anything: a name, a pronoun, or a
    common noun for people, their bodies or their writings ("the spokeswoman", "the
    ministry", "the statement", "the 24-year-old", "84%"); not "the incident", "tears", a
    verb or an adjective the parse took for a subject ("his phone rang", "free-market")."""
    head = who.head
    if denied(head):
        return False  # "No one has claimed responsibility …": a denied subject says nothing
    head = partitive_group(head) or head  # "one of the officials" speaks as an official would
    if who.entity is not None or head.pos_ in ("PRON", "PROPN") or head.ent_type_:
        return True
    low, lemma = head.lower_, head.lemma_.lower()
    if head.text[:1].isupper() and lemma not in english_lemmas("noun") and low not in english_lemmas("noun"):
        return True  # a name the tagger took for a common noun ("Hannity pressed"), unlike "Tears"
    if any(ch.isdigit() for ch in low) or low == "%" or (low == "old" and "year" in who.span.text.lower()):
        return True
    if head.pos_ not in ("NOUN", "NUM", "ADJ", "DET") and head.tag_ != "NNS":
        return False
    if low in speaker_nouns() or lemma in speaker_nouns():
        return True
    return low.endswith(PERSON_ENDINGS) or (len(low) >= 6 and low.endswith(AGENT_ENDINGS)) or agent_noun(lemma)


def denied(head: Token) -> bool:
    """A subject that says no one: "nobody", "no country", "none of them"."""
    return head.lower_ in NEGATIVE_SUBJECTS or any(c.lower_ == "no" and c.dep_ == "det" for c in head.children)


def agent_noun(noun: str) -> bool:
    """A noun made of a verb and -er/-or, the one who does it ("impersonator", "endorser",
    "shopper"), the verb found in the English model's own verb list."""
    if len(noun) < 5 or not noun.endswith(("er", "or")):
        return False
    stem = noun[:-2]
    candidates = {stem, stem + "e", noun[:-1]}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.add(stem[:-1])  # "shopper"
    return bool(candidates & english_lemmas("verb"))


def possessor(head: Token) -> Optional[Token]:
    """The person or body a noun belongs to ("Rubio" of "Rubio's catch phrase", "his" of
    "his eyes"), if the parse gives one that is a name or a pronoun."""
    return next((c for c in head.children if c.dep_ == "poss" and (c.pos_ in ("PROPN", "PRON") or c.ent_type_)),
                None)
