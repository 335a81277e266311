"""The reader's framing panel: the article's framing grouped by technique, with counts.

Confident items only by default (`components/framing/confidence.py`): experimental
items, whose class (technique, rule, voice, sentence kind) has a span precision below 0.5
on PTC's tune part, form one group of their own,
listed but not highlighted, unless the `[framing] experimental` setting switches them on.
Items in a quote stay in their group, marked, and are counted apart from the author's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..components.framing.confidence import is_confident

QUOTED = "quoted"
# Naming choices first (one per concept), then hedges, then techniques by how often they occur.
FIRST = ("naming_choice", "hedge")


@dataclass
class Group:
    technique: str
    items: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.technique.replace("_", " ")

    @property
    def quoted(self) -> int:
        return sum(f.voice == QUOTED for f in self.items)

    @property
    def own(self) -> int:
        return len(self.items) - self.quoted


def framing_groups(framing: Iterable, switched_on: Iterable[str] = ()) -> tuple[list[Group], list]:
    """(confident groups in panel order, experimental items in text order)."""
    on = tuple(switched_on)
    by: dict[str, Group] = {}
    experimental = []
    for f in framing:
        if not is_confident(f, on):
            experimental.append(f)
            continue
        by.setdefault(f.technique, Group(f.technique)).items.append(f)
    order = lambda g: (FIRST.index(g.technique) if g.technique in FIRST else len(FIRST), -len(g.items),  # noqa: E731
                       g.technique)
    return sorted(by.values(), key=order), experimental


def shown(f, switched_on: Iterable[str] = ()) -> bool:
    """Whether the reader highlights a framing record in the text."""
    return is_confident(f, switched_on)
