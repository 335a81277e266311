"""Who a speaker or source phrase is: the token that names it, its mention, its entity and
the name a reader is shown. Quotes and claims resolve their speakers and sources here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from ...records import Entity
from .descriptions import described_person, is_definite_description
from .entity_index import EntityIndex
from .speech import utterer
from .syntax import description, naming_token, speaker_span


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
