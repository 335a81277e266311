"""Naming choices: for each contested concept an article names, the variant its author chose.

The concept table is `data/framing_naming.tsv` (concept, variant, optional kind), extended
by the user's `[components.framing] naming` rows. An article gets one record per concept:
the variant the author uses most (the first used on a tie), how often, the other variants
the text uses (in any voice) and whether the concept is named only inside quotes. The
record points at the first use of the chosen variant.

No record when the variant is the only form there is: the concept's own name with no rival
form in the text ("Kyiv" alone is the plain name, not a choice), or, for a concept of kind
`spelling` (its variants are neutral spellings of one name: "Zelensky", "Zelenskyy"), any
variant with no rival in the text. A marked variant on its own ("Kiev", "regime",
"special military operation") is a choice.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator, NamedTuple, Optional

from spacy.tokens import Doc

from ..common.doc import doc_text, ent_of_token
from ..common.lexicons import data_rows
from ..common.voice import QUOTED, voice_of
from .lexicon import phrase_regex
from .spans import Candidate

KINDS = ("contested", "spelling")
# Entity labels of names a variant can be part of without naming the concept.
NAME_LABELS = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}


class Use(NamedTuple):
    start: int
    end: int
    variant: str
    quoted: bool


@dataclass
class NamingTable:
    concept_of: dict[str, tuple[str, str]] = field(default_factory=dict)  # lower variant -> (concept, variant)
    spelling: frozenset[str] = frozenset()  # concepts whose variants are all neutral spellings
    regex: Optional[re.Pattern] = None

    def find(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, concept, variant as the table writes it) for each use in `text`."""
        if self.regex is not None:
            for m in self.regex.finditer(text):
                yield (m.start(), m.end(), *self.concept_of[_key(m.group())])


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'"))


def _check(row: list[str], where: str) -> list[str]:
    if len(row) not in (2, 3) or not all(row) or (len(row) == 3 and row[2] not in KINDS):
        raise ValueError(f"{where}: a naming row is [concept, variant] or [concept, variant, kind] "
                         f"with kind one of {KINDS}; got {row!r}")
    return row


@functools.lru_cache(maxsize=8)
def naming_table(extra: tuple[tuple[str, ...], ...] = ()) -> NamingTable:
    """The shipped table, then the user's rows (a user row may re-assign a variant)."""
    shipped = [[c.strip() for c in row] for row in data_rows("framing_naming.tsv")]
    rows = [_check(r, "framing_naming.tsv") for r in shipped]
    rows += [_check([c.strip() for c in r], "[components.framing] naming") for r in extra]
    table = NamingTable()
    spelling = set()
    for row in rows:
        table.concept_of[_key(row[1])] = (row[0], row[1])
        if len(row) == 3 and row[2] == "spelling":
            spelling.add(row[0])
    table.spelling = frozenset(spelling)
    table.regex = phrase_regex([v for _, v in table.concept_of.values()])
    return table


def naming_choices(doc: Doc, table: NamingTable, quoted: list[tuple[int, int]]) -> Iterator[Candidate]:
    """One `naming_choice` candidate per concept the text chooses a variant of."""
    uses: dict[str, list[Use]] = defaultdict(list)
    for start, end, concept, variant in table.find(doc_text(doc)):
        if not names_the_concept(doc, start, end):
            continue
        uses[concept].append(Use(start, end, variant, voice_of(start, end, quoted) == QUOTED))
    for concept, found in uses.items():
        cand = choice(concept, found, concept in table.spelling)
        if cand is not None:
            yield cand


def names_the_concept(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at `[start, end)` name the concept: not when they are part of a
    longer name ("the Ukrainian Insurgent Army"), a verb ("guards torture them"), or the head of
    a compound whose first noun makes a term of it ("the sanctions regime")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    ent = ent_of_token(doc).get(span.start)
    if ent is not None and span.end <= ent.end and ent.label_ in NAME_LABELS and len(ent) > len(span):
        return False
    root = span.root
    if root.pos_ == "VERB":
        return False  # "guards torture prisoners": a verb names an act, not the concept
    return not any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_lower and c.i < span.start
                   for c in root.children)


def choice(concept: str, found: Iterable[Use], spelling: bool) -> Optional[Candidate]:
    """The author's variant of `concept` (the quoted one when the author never names it);
    None when it is the only form there is (see the module's doc)."""
    found = list(found)
    own = [u for u in found if not u.quoted]
    pool = own or found
    chosen = Counter(u.variant for u in pool).most_common(1)[0][0]
    rivals = Counter(u.variant for u in found if u.variant != chosen)
    if not rivals and (spelling or chosen.lower() == concept.lower()):
        return None
    first = next(u for u in pool if u.variant == chosen)
    return Candidate(first.start, first.end, "naming_choice", "naming", concept=concept, variant=chosen,
                     count=sum(u.variant == chosen for u in pool), quoted_only=not own,
                     alternatives=dict(rivals.most_common()) or None)
