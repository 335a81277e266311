"""Which entity a mention stands for: by its position among the entities layer's mentions
and resolved pronouns, or by a name the tagger missed. Quotes, claims and events resolve
their speakers, sources and actors through it."""
from __future__ import annotations

from typing import Optional

from ...names import name_key
from ...records import Entity

# Entity labels a speaker, source or actor can have.
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")


class EntityIndex:
    """Find the entity (by mention or resolved pronoun) at a character position."""

    def __init__(self, entities: list[Entity]):
        self.spans = sorted((m.start, m.end, e) for e in entities for m in e.mentions + e.references)
        self.entities = entities
        # each candidate's name keys, made once: `named` is asked for every speaker, source
        # and actor phrase
        self._keys = [(e, [name_key(n) for n in [e.name, *e.aliases]]) for e in entities
                      if e.label in SPEAKER_LABELS]

    def named(self, text: str) -> Optional[Entity]:
        """The one person or organisation this name, or its last word (a surname), names
        in full: a speaker the tagger missed ("- Trump ended with") is still that entity."""
        key = name_key(text)
        if not key:
            return None
        found = {id(e): e for e, keys in self._keys if any(_names(key, k) for k in keys)}
        return next(iter(found.values())) if len(found) == 1 else None

    def of_phrase(self, head_start: int, head_end: int, phrase: str) -> Optional[Entity]:
        """The entity a speaker, source or actor phrase stands for: the one whose mention
        covers the phrase's head word ("Kuleba" in "Dmytro Kuleba, the foreign minister"; a
        resolved "he"), else the person or organisation the phrase names in full. A name
        inside a description is not who the description is: "the Russian leader", "a NATO
        diplomat", "White House officials" stand for no entity.

        Args:
            head_start, head_end: the head word's characters.
            phrase: the whole phrase's text.
        """
        found = self.at(head_start, head_end)
        return found if found is not None else self.named(phrase)

    def at(self, start: int, end: int) -> Optional[Entity]:
        """The entity whose mention overlaps `[start, end)` most, or None."""
        best, best_overlap = None, 0
        for s, e, ent in self.spans:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = ent, overlap
        return best


def _names(key: tuple[str, ...], entity_key: tuple[str, ...]) -> bool:
    return key == entity_key or (len(key) == 1 and len(entity_key) > 1 and key[-1] == entity_key[-1])
