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

from spacy.attrs import IDX, IS_ALPHA, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc, Token
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

    def has_ids(self, lower: int, lemma: int, strings) -> bool:
        """`has` for a token given as its lower-case form's and lemma's string ids."""
        key = (lower, lemma)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = strings[lower] in self.words or strings[lemma].lower() in self.words
        return found

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """Character ranges of the phrases in `text`."""
        if self.phrases is not None:
            for m in self.phrases.finditer(text):
                yield m.start(), m.end()


@dataclass
class FramingLexicon:
    cues: dict[str, Cues] = field(default_factory=dict)
    # Answers derived from this lexicon, kept by the detectors that ask them (`memo`).
    _memos: dict[str, dict] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, name: str) -> dict:
        """A dict for the answers `name` derives from this lexicon, kept with it."""
        return self._memos.setdefault(name, {})

    def __getitem__(self, category: str) -> Cues:
        if category not in self.cues:
            raise KeyError(f"no framing cue category {category!r}; valid: {sorted(self.cues)}")
        return self.cues[category]


WORD_ATTRS = [IDX, LENGTH, LOWER, LEMMA, IS_ALPHA]


def word_rows(doc: Doc) -> list[list[int]]:
    """Per token [start char, length, lower id, lemma id, is_alpha], read as one array:
    the cue tests below need no Token objects (building one per token per test was most
    of the framing layer's time)."""
    return doc.to_array(WORD_ATTRS).tolist() if len(doc) else []


_LOWER: dict[int, str] = {}  # string id -> its string lower-cased (ids are hashes of the text)


def lower_text(strings, string_id: int) -> str:
    """The string of `string_id`, lower-cased (lemmas are compared in lower case)."""
    found = _LOWER.get(string_id)
    if found is None:
        found = _LOWER[string_id] = strings[string_id].lower()
    return found


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
    return re.compile(r"(?<![\w-])" + _first_chars(phrases) + "(?:" + _by_first_letter(parts) + r")(?![\w-])",
                      re.IGNORECASE)


def _by_first_letter(parts: list[str]) -> str:
    """The alternation `parts`, grouped by their first letter or digit ("a(?:x|y)|b(?:z)").

    The regex engine tries alternatives one by one at every word start; grouped, it tries
    only those that begin with the character there. The matches are the same: alternatives
    that can match at one place begin with the same letter (case aside: the regex ignores
    it) and keep their order within their group, and that order is what picks between two
    that match; one that begins with ASCII punctuation (an escape, a class of apostrophes)
    matches where no letter does and keeps its order among its kind. A non-ASCII first
    character, whose case folding could reach an ASCII letter, leaves the alternation as
    it is."""
    groups: dict[str, list[str]] = {}
    for part in parts:
        first = part[0].lower()
        if not first.isascii():
            return "|".join(parts)
        groups.setdefault(first if first.isalnum() else "", []).append(part[1:] if first.isalnum() else part)
    return "|".join(first + "(?:" + "|".join(rests) + ")" if first else "|".join(rests)
                    for first, rests in groups.items())


def _first_chars(phrases: list[str]) -> str:
    """A lookahead for the characters a phrase can begin with: it changes no match, but the
    regex engine then tries its many alternatives only at words that could begin one."""
    firsts: set[str] = set()
    for phrase in phrases:
        first = phrase[:1]
        if not first or first.isspace():
            return ""
        firsts.update("'’" if first == "'" else "-‐–" if first == "-" else first)
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(firsts)) + "])"


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
