"""The framing cue lists (`data/framing_lexicon.tsv`), loaded once.

Single words are matched on tokens (form or lemma); entries with a space, hyphen or
apostrophe are compiled into one case-insensitive regular expression per category and
matched on the text, so tokenisation ("so-called" is three spaCy tokens) does not matter.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from spacy.tokens import Token
from ..common.lexicons import data_rows

CATEGORIES = ("loaded", "label", "label_mod", "absolute", "fear", "flag", "cliche", "bandwagon", "hitler",
              "doubt", "authority", "causal", "black_white", "whatabout", "hedge", "slogan", "neutral", "person",
              "figurative_mod", "undertaking")


@dataclass
class Cues:
    """One category: its single words and a regex over its phrases (None when it has none)."""
    words: frozenset[str] = frozenset()
    phrases: Optional[re.Pattern] = None
    # (lower, lemma) string ids -> answer: spaCy builds a new str for every `lower_` and
    # `lemma_` read, and `has` is asked about every token for many categories.
    _seen: dict[tuple[int, int], bool] = field(default_factory=dict, repr=False, compare=False)

    def has(self, tok: Token) -> bool:
        """True when the token's lower-case form or lemma is one of the words."""
        key = (tok.lower, tok.lemma)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = tok.lower_ in self.words or tok.lemma_.lower() in self.words
        return found

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """Character ranges of the phrases in `text`."""
        if self.phrases is not None:
            for m in self.phrases.finditer(text):
                yield m.start(), m.end()


@dataclass
class FramingLexicon:
    cues: dict[str, Cues] = field(default_factory=dict)

    def __getitem__(self, category: str) -> Cues:
        if category not in self.cues:
            raise KeyError(f"no framing cue category {category!r}; valid: {sorted(self.cues)}")
        return self.cues[category]


def phrase_regex(phrases: list[str]) -> Optional[re.Pattern]:
    """One regex for many phrases: longest first, flexible spaces and apostrophes, whole words."""
    if not phrases:
        return None
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = re.escape(phrase)
        body = re.sub(r"(\\ )+", r"\\s+", body)
        body = body.replace("'", "['’]").replace("\\-", "[-‐–]")
        parts.append(body)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _rows(name: str) -> Iterator[list[str]]:
    """The table's rows with every cell stripped (the lexicon's cells may be padded)."""
    for row in data_rows(name):
        yield [part.strip() for part in row]


@functools.lru_cache(maxsize=1)
def framing_lexicon() -> FramingLexicon:
    """The cue lists, read once per process."""
    words: dict[str, set[str]] = {c: set() for c in CATEGORIES}
    phrases: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for row in _rows("framing_lexicon.tsv"):
        category, entry = row[0], row[1].lower()
        if category not in words:
            raise ValueError(f"framing_lexicon.tsv: unknown category {category!r}; valid: {CATEGORIES}")
        if re.search(r"[\s'’-]", entry):
            phrases[category].append(entry)
        else:
            words[category].add(entry)
    return FramingLexicon({c: Cues(frozenset(words[c]), phrase_regex(phrases[c])) for c in CATEGORIES})
