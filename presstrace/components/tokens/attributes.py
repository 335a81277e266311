"""The model's attribute ruler (tag → POS and morphology, lemma exceptions), memoised.

spaCy's `attribute_ruler` runs a Matcher of ~180 patterns over every token of every
document, though almost all of them look at one token only (its TAG, LOWER, DEP,
IS_SPACE): for those, what the ruler sets on a token depends on those four values alone.
This component takes the model's own patterns, decides each distinct (tag, lower, dep,
is_space) once, and finds the few patterns of two tokens from their keys too. It applies
the same attributes in the same order (pattern order; later patterns win), so the output
is the stock ruler's, at a fraction of its cost (it was 11% of the pipeline's time).
Patterns with a shape it does not know leave the stock ruler in place.

Two things keep it cheap on a cold start (every worker process starts cold): a word or
dependency label that no pattern names is replaced in the key by one stand-in (the
patterns cannot tell such words apart), so the memo holds a few thousand keys instead of one per
word; and the document is read and written as arrays (`Doc.to_array`/`from_array`), not
token by token.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Optional

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

Predicate = Callable[[tuple], bool]
FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # positions in a token's key
READ = [TAG, LOWER, DEP, IS_SPACE]
# What a pattern may set: token attributes only (a lexical one would change the word's
# entry in the vocabulary, which writing arrays does not); others leave the stock ruler.
WRITABLE = (LEMMA, POS, TAG, DEP, MORPH)
OTHER = "\x00other"  # the key's stand-in for a word or label no pattern names


def replace_attribute_ruler(nlp: Language) -> bool:
    """Swap the model's `attribute_ruler` for the memoised one; False when it stays."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("attribute_ruler")
    fast = MemoAttributeRuler.from_ruler(stock)
    if fast is None:
        return False
    nlp.replace_pipe("attribute_ruler", "presstrace_attributes")
    nlp.get_pipe("attribute_ruler").use(fast)
    return True


class FieldValues:
    """The values of one key field that some pattern can tell apart from the rest.

    A value no pattern names (by equality or IN/NOT_IN) and no REGEX matches behaves
    exactly as OTHER does, so it is keyed as OTHER. `exact` is True when OTHER itself is
    named or matched (then every value is kept as it is).
    """

    def __init__(self):
        self.named: set[str] = set()
        self.regexes: list[re.Pattern] = []
        self.memo: dict[int, int] = {}

    def add(self, value: Any) -> None:
        if isinstance(value, str):
            self.named.add(value)
        elif isinstance(value, dict):
            (op, arg), = value.items()
            if op == "REGEX":
                self.regexes.append(re.compile(arg))
            else:
                self.named.update(arg)

    @property
    def exact(self) -> bool:
        return self.telling(OTHER)

    def telling(self, text: str) -> bool:
        return text in self.named or any(rx.search(text) for rx in self.regexes)

    def reduce(self, values: numpy.ndarray, strings, other: int) -> numpy.ndarray:
        """The column with every value no pattern can tell apart replaced by `other`."""
        distinct, where = numpy.unique(values, return_inverse=True)
        kept = []
        for value in distinct.tolist():
            if value not in self.memo:
                self.memo[value] = value if self.telling(strings[value]) else other
            kept.append(self.memo[value])
        return numpy.array(kept, dtype=values.dtype)[where]


class MemoAttributeRuler:
    """The ruler's patterns as predicates over a token's key, decided once per key.

    A pattern of one token sets attributes wherever a token's key satisfies it; a pattern
    of several tokens matches where consecutive tokens' keys satisfy its steps in turn
    (the model's patterns are fixed sequences: no operators).
    """

    def __init__(self, vocab, attrs: list[dict], sequences: list[tuple[int, list[Predicate]]],
                 indices: list[int], fields: Optional[dict[int, FieldValues]] = None):
        """Args:
            vocab: the model's vocabulary.
            attrs: each pattern's attributes, {attribute id: value}, in pattern order.
            sequences: (pattern id, one predicate per token) for every alternative.
            indices: per pattern, which token of a match it sets.
            fields: per key position, the values its patterns can tell apart.
        """
        self.vocab = vocab
        self.attrs = attrs
        self.singles = [(i, steps[0]) for i, steps in sequences if len(steps) == 1]
        self.multis = [(i, steps) for i, steps in sequences if len(steps) > 1]
        self.steps = [step for _, steps in self.multis for step in steps]
        self.indices = indices
        self.fields = {k: f for k, f in (fields or {}).items() if not f.exact}
        self.other = vocab.strings.add(OTHER)
        self.written = [a for a in WRITABLE if any(a in attr for attr in attrs)]
        self.memo: dict[tuple, tuple[list, list, list]] = {}

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> Optional["MemoAttributeRuler"]:
        sequences = []
        fields = {FIELDS["LOWER"]: FieldValues(), FIELDS["DEP"]: FieldValues()}
        if any(set(attrs) - set(WRITABLE) for attrs in ruler.attrs):
            return None
        for attr_id, pattern in enumerate(ruler.patterns):
            for alternative in pattern["patterns"]:
                steps = [_token_predicate(spec) for spec in alternative]
                if not steps or any(step is None for step in steps):
                    return None
                sequences.append((attr_id, steps))
                for attr, value in (item for spec in alternative for item in spec.items()):
                    if attr in ("LOWER", "DEP"):
                        fields[FIELDS[attr]].add(value)
        return cls(ruler.vocab, list(ruler.attrs), sequences, list(ruler.indices), fields)

    def __call__(self, doc: Doc) -> Doc:
        """Set each token's attributes from its key's memoised decision, as arrays."""
        if not len(doc):
            return doc
        strings = self.vocab.strings
        keys = doc.to_array(READ)
        for k, field in self.fields.items():
            keys[:, k] = field.reduce(keys[:, k], strings, self.other)
        distinct, where = numpy.unique(keys, axis=0, return_inverse=True)
        where = where.ravel()
        decided = [self._decided(tuple(key), strings) for key in distinct.tolist()]
        values = numpy.array([d[0] for d in decided], dtype=numpy.uint64)[where]
        given = numpy.array([d[1] for d in decided], dtype=bool)[where]
        out = numpy.where(given, values, doc.to_array(self.written))
        if self.multis:
            steps = numpy.array([d[2] for d in decided], dtype=bool).reshape(len(decided), -1)[where]
            for i, extra in self._multi_token(steps).items():
                merged = self._decide(tuple(keys[i].tolist()), strings, tuple(extra))
                out[i] = [merged.get(a, out[i, col]) for col, a in enumerate(self.written)]
        doc.from_array(self.written, out)
        return doc

    def _decided(self, key: tuple, strings) -> tuple[list, list, list]:
        """For a key: the value each written attribute gets from the one-token patterns (0
        if none), whether they set it, and which steps of longer patterns the key meets."""
        found = self.memo.get(key)
        if found is None:
            merged = self._decide(key, strings)
            words = self._words(key, strings)
            found = self.memo[key] = ([merged.get(a, 0) for a in self.written],
                                      [a in merged for a in self.written],
                                      [step(words) for step in self.steps])
        return found

    @staticmethod
    def _words(key: tuple, strings) -> tuple:
        return (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))

    def _decide(self, key: tuple, strings, extra: tuple = ()) -> dict:
        """The attributes of every one-token pattern matching `key` (and of the given
        longer pattern ids), merged in pattern order as the stock ruler applies them."""
        words = self._words(key, strings)
        ids = sorted([i for i, matches in self.singles if matches(words)] + list(extra))
        merged: dict = {}
        for attr_id in ids:
            merged.update(self.attrs[attr_id])
        return merged

    def _multi_token(self, steps: numpy.ndarray) -> dict[int, list[int]]:
        """token index -> ids of the longer patterns that set its attributes, from each
        token's met steps (one column per step of every longer pattern, in order)."""
        found: dict[int, list[int]] = {}
        n, col = len(steps), 0
        for attr_id, seq in self.multis:
            size = len(seq)
            hits = numpy.ones(max(n - size + 1, 0), dtype=bool)
            for j in range(size):
                hits &= steps[j:n - size + 1 + j, col + j]
            col += size
            for start in numpy.flatnonzero(hits).tolist():
                found.setdefault(range(start, start + size)[self.indices[attr_id]], []).append(attr_id)
        return found


def _any(preds: list[Predicate]) -> Predicate:
    return preds[0] if len(preds) == 1 else (lambda words: any(p(words) for p in preds))


def _token_predicate(spec: dict) -> Optional[Predicate]:
    """A test over (tag, lower, dep, is_space) for one token pattern; None if unsupported."""
    tests = []
    for attr, value in spec.items():
        if attr not in FIELDS:
            return None
        test = _value_test(value)
        if test is None:
            return None
        tests.append((FIELDS[attr], test))
    return lambda words: all(test(words[k]) for k, test in tests)


def _value_test(value: Any) -> Optional[Callable[[Any], bool]]:
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda v: v in allowed
    if op == "NOT_IN":
        banned = frozenset(arg)
        return lambda v: v not in banned
    if op == "REGEX":
        pattern = re.compile(arg)
        return lambda v: bool(pattern.search(v))
    return None


@Language.factory("presstrace_attributes")
def make_attributes(nlp: Language, name: str) -> "AttributesPipe":
    return AttributesPipe()


class AttributesPipe:
    """The pipeline slot; `replace_attribute_ruler` hands it the memoised ruler."""

    def __init__(self):
        self.ruler: Optional[MemoAttributeRuler] = None

    def use(self, ruler: MemoAttributeRuler) -> None:
        self.ruler = ruler

    def __call__(self, doc: Doc) -> Doc:
        return self.ruler(doc)
