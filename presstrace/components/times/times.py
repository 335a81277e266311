"""Times layer: TIMEX3 time expressions, normalised against the article date.

A regex grammar over the text (`timex_grammar`) finds the expressions with TimeML /
TempEval-3 boundaries; the parse decides the ambiguous ones ("May", "1996", "daily") and
the tense that says which way a relative one points (`timex_context`); the resolvers turn
each into a TIMEX3 type and value (`timex_resolve`, `timex_relative`, `timex_durations`).

Without an article date nothing is guessed from today's date: unknown parts stay `X`
("Friday" is `XXXX-WXX-5`, "in August" `XXXX-08`, "yesterday" `XXXX-XX-XX`) and "two
years ago" is `PAST_REF`.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...records import Time
from ..common.doc import article_date, contract, doc_text, set_layer
from .context import direction, keep, word_before
from .durations import duration_of
from .grammar import TimexMatch, find_matches
from .lexicon import NUMBER
from .resolve import Context, resolve
from .values import parse_date

LOGGER = logging.getLogger(__name__)
# "between 12 and 18 months": the number before the duration shares its unit.
DISTRIBUTIVE = re.compile(rf"(?<![\w.,$£€])(?P<num>{NUMBER})\s*(?:and|to|or|-|–)\s*$", re.I)
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


@Language.factory("times", **contract(["times"], requires=["doc.sents"]), default_config={})
def make_times(nlp: Language, name: str):
    """The `times` component (no settings)."""
    return TimeTagger()


class TimeTagger:
    """The spaCy component; `extract_times` does the work."""

    def __call__(self, doc: Doc) -> Doc:
        set_layer(doc, "times", extract_times(doc, article_date(doc)))
        return doc


def extract_times(doc: Doc, date: Optional[str] = None) -> list[Time]:
    """Time expressions of a parsed `doc` in text order, with TIMEX3 types and values.

    Args:
        doc: a parsed document (tags, dependencies and sentences are used).
        date: the article date, YYYY-MM-DD, or None.
    """
    text = doc_text(doc)
    ctx = Context(dct=parse_date(date))
    ctx.reference = ctx.dct.isoformat() if ctx.dct else None
    found: list[Found] = []
    for match in find_matches(text):
        if not keep(doc, text, match):
            continue
        ctx.direction = direction(doc, match.start, match.end)
        ctx.before = word_before(text, match.start)
        result = _resolve_safely(match, ctx, text)
        if result is None:
            continue
        sentence = _sentence_start(doc, match.start)
        first = _distributed(text, match, found)
        if first is not None:
            found.append(Found(first, match, sentence))
        record = Time(start=match.start, end=match.end, text=text[match.start:match.end],
                      type=result[0], value=result[1])
        found.append(Found(record, match, sentence))
        if record.type in ("DATE", "TIME") and record.value[:4].isdigit() and not _anaphoric(match, record):
            ctx.reference = record.value
    if ctx.dct is not None:
        _anchor_clock_times(found)
    return [f.record for f in found]


@dataclass
class Found:
    """A time record with the match it came from and where its sentence starts."""
    record: Time
    match: TimexMatch
    sentence: int


def _sentence_start(doc: Doc, char: int) -> int:
    """Character offset where the sentence holding `char` starts (0 without sentences)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span) or not doc.has_annotation("SENT_START"):
        return 0
    return span[0].sent.start_char


def _anaphoric(match: TimexMatch, record: Time) -> bool:
    """True for expressions placed from another date ("that year", "a year earlier"): they
    do not become the reference the next such expression counts from."""
    if match.kind in ("anaphor", "year_ago") or (match.kind == "ago" and "-Q" in record.value):
        return True
    rel = match.get("rel").lower()
    return (match.kind == "ago" and match.get("dir").lower() == "earlier") or \
        (match.kind == "rel_unit" and bool(match.get("the")) and rel in ("following", "previous", "same"))


def _distributed(text: str, match: TimexMatch, found: list[Found]) -> Optional[Time]:
    """The first number of "between 12 and 18 months" / "two to six days" as a duration."""
    if match.kind != "duration" or match.get("the") or match.get("mod") or not match.get("num"):
        return None
    window = text[max(0, match.start - 40):match.start]
    m = DISTRIBUTIVE.search(window)
    if m is None or m.group("num").lower() in ("a", "an"):
        return None
    start = match.start - len(window) + m.start("num")
    end = start + len(m.group("num"))
    if found and found[-1].record.end > start:
        return None
    result = duration_of(TimexMatch(start, end, "duration", {"num": m.group("num"), "unit": match.get("unit")}))
    if result is None:
        return None
    return Time(start=start, end=end, text=text[start:end], type=result[0], value=result[1])


def _anchor_clock_times(found: list[Found]) -> None:
    """Give a clock time with no day of its own ("at 3 p.m.") the day of the nearest full
    date in its sentence ("Thursday … at 3 p.m."), preferring one before it."""
    for f in found:
        m = f.match
        if m.kind != "clock" or m.get("wd") or m.get("w") or m.get("mon"):
            continue
        same = [g for g in found if g.sentence == f.sentence and g is not f and DAY_VALUE.match(g.record.value)]
        if not same:
            continue
        before = [g for g in same if g.record.start < f.record.start]
        day = (before[-1] if before else same[0]).record.value[:10]
        f.record.value = day + f.record.value[10:]


def _resolve_safely(match: TimexMatch, ctx: Context, text: str) -> Optional[tuple[str, str]]:
    """`resolve`, logging and skipping an expression the rules cannot place."""
    try:
        result = resolve(match, ctx)
        return result if result and result[1] else None
    except (ValueError, KeyError, OverflowError, IndexError) as exc:
        LOGGER.debug("cannot resolve %r (%s): %s", text[match.start:match.end], match.kind, exc)
        return None
