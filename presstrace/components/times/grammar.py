"""The timex grammar: regular expressions over the article text, one per kind of expression.

Each pattern names its parts (`mon`, `d`, `y`, `num`, `unit`, `rel`, …) for the resolver;
a `core` group, where a pattern has one, is the expression itself and the rest is context
that must be there but stays outside the span ("for *years*"). Spans follow TimeML /
TempEval-3: modifiers such as "early", "about", "the past" and "ago" are inside,
prepositions ("on", "in", "since") are outside. Overlapping matches are settled longest
first, then by the order of the table.

Every pattern also has key words, one of which is in each of its matches, and runs only
within `REACH` characters of them: Python's regex engine would otherwise try all the
patterns at every word of the article.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (APPROX_MOD, CENTURY_ORDINALS, DAY, DAY_PARTS, MONTH, MONTH_ABBREVIATIONS,
                      MONTH_BEFORE_DAY, MONTH_FULL, MONTHS, NUMBER, SEASONS, SPOKEN_YEAR, TIMEZONE, UNIT,
                      WEEKDAY, WEEKDAYS, YEAR, cased, words)
from ..common.lexicons import data_rows

LOGGER = logging.getLogger(__name__)

L, R = r"(?<![\w'’])", r"(?![\w])"  # word edges that also work next to "." and "'"
PART = r"(?P<part>morning|afternoon|evening|night)"
EDGE_MODS = r"early|late|mid|earlier|later|the end of|the middle of|the beginning of|the start of" \
            r"|the turn of|the close of|end-|end of|the first half of|the second half of"
DAY_WORD = r"yesterday|today|tomorrow|tonight"
REL = r"last|next|this|coming|past|previous|following|current|same|preceding|latest"
ANAPHOR = r"that|the same|the following|the previous|the next|the preceding|the prior|the latest"
ANAPHOR_UNIT = r"day|morning|afternoon|evening|night|week|weekend|month|year|quarter|period"
CALENDAR_UNIT = r"week|weekend|month|year|decade|century|quarter|season|fiscal year"
PLURAL_UNIT = r"seconds|minutes|hours|days|nights|weeks|months|years|decades|centuries"
REF_WORDS = (r"right now|just now|now|currently|at present|presently|nowadays|these days"
             r"|at the moment|at this moment|recently|lately|the past|the near future"
             r"|the distant future|the foreseeable future|the future|soon")

ADVERBS = ["daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "fortnightly",
           "biweekly", "semiannually", "biannually"]
# Keys: every match of a pattern contains one of its key words (lower case; "#" stands for
# any number), so a pattern only runs near its keys.
DIGITS = frozenset("#")
UNIT_KEY = frozenset(u + s for u in ("second", "minute", "hour", "day", "night", "week", "fortnight",
                                     "month", "quarter", "year", "decade") for s in ("", "s")) \
    | {"century", "centuries", "millennium", "millennia"}
MONTH_KEY = frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS)
WEEKDAY_KEY = frozenset(WEEKDAYS) | frozenset(w + "s" for w in WEEKDAYS)
# How far an expression reaches from its key, in characters (more than any expression).
REACH = 100
TOKEN = re.compile(r"[^\W\d_]+|\d+")
TABLE = list[tuple[str, str, frozenset]]


@dataclass(frozen=True)
class TimexMatch:
    """One matched expression: `[start, end)` in the text, its kind and its named parts."""
    start: int
    end: int
    kind: str
    parts: dict = field(default_factory=dict, hash=False, compare=False)

    def get(self, name: str) -> str:
        """The text of part `name`, "" when the pattern did not match it."""
        return self.parts.get(name) or ""


@lru_cache(maxsize=1)
def holidays() -> dict[str, str]:
    """Holiday name (lower case, plain apostrophe) -> rule, from `timex_holidays.tsv`."""
    return {name.lower(): rule.strip() for name, rule in data_rows("timex_holidays.tsv")}


def _holiday_names() -> str:
    names = [n.title().replace("'S", "'s") for n in holidays()]
    return "(?-i:" + "|".join(re.escape(n).replace("'", "['’]").replace(r"\ ", r"\s+")
                              for n in sorted(names, key=len, reverse=True)) + ")"


def key_words(text: str) -> frozenset:
    """A key: the words of `text`, lower case, split as `key_positions` splits the article."""
    return frozenset("#" if w[0].isdigit() else w.lower() for w in TOKEN.findall(text))


def _date_patterns() -> TABLE:
    """Calendar dates, months, years, decades, centuries, seasons, quarters, holidays."""
    y = f"(?P<y>{YEAR})"
    edge = rf"(?:(?P<mod>{EDGE_MODS})[\s-]*)?"
    wd = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"
    mon, d = f"(?P<mon>{MONTH_BEFORE_DAY})", f"(?P<d>{DAY})"
    return [
        ("iso", r"(?<![\w-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
                r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d))?(?![\w-])", DIGITS),
        ("numeric", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", DIGITS),
        ("week_of", rf"{L}the\s+week\s+of\s+{mon}\s+{d}(?:,?\s+{y})?", key_words("week")),
        ("mdy", rf"{L}{wd}{edge}{mon}\s+{d}(?:,?\s+{y})?{R}", MONTH_KEY),
        ("dmy", rf"{L}{wd}(?:the\s+)?{d}(?:\s+of)?\s+{mon}(?:,?\s+{y})?{R}", MONTH_KEY),
        ("month_year", rf"{L}{edge}(?P<mon>{MONTH}),?\s+(?:of\s+)?(?:{y}|(?P<sy>{SPOKEN_YEAR})"
                       rf"|(?P<rel>this|last|next)\s+year){R}", MONTH_KEY),
        ("month", rf"{L}(?:(?P<rel>last|next|this|coming|past|{EDGE_MODS})[\s-]*)?(?P<mon>{MONTH}){R}",
         MONTH_KEY),
        ("decade", rf"{L}(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>(?:1\d|20)\d0|['’]\d0)s{R}",
         DIGITS),
        ("century", rf"{L}(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|"
                    rf"{words(CENTURY_ORDINALS)})[\s-]+century{R}", key_words("century")),
        ("fiscal", rf"{L}(?:(?P<rel>the current|this|last|next|the next|the last|the previous|the past)\s+)?"
                   rf"(?:fiscal|financial)(?P<fy>\s+year)?(?:\s+(?P<y>{YEAR}|['’]?\d\d))?{R}",
         key_words("fiscal financial")),
        ("fiscal", r"(?<![\w-])(?-i:FY)\s?-?(?P<y>\d{4}|\d{2})(?![\w-])", key_words("fy")),
        ("quarter", rf"{L}(?:the\s+)?(?:(?P<y0>{YEAR})\s+)?(?P<ord>first|second|third|fourth|final|last"
                    rf"|1st|2nd|3rd|4th)[\s-]+(?P<unit>quarter|half)(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|"
                    rf"(?P<rel>this|last|next)\s+year|(?:the\s+)?(?P<fy>fiscal\s+year)))?{R}",
         key_words("quarter half")),
        ("quarter", rf"(?<![\w-])(?-i:Q(?P<q>[1-4]))(?:\s+(?P<y>{YEAR}))?{R}", key_words("q")),
        ("season", rf"{L}(?:(?P<rel>last|next|this|early|late|the|coming|past|mid)[\s-]+)?"
                   rf"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})"
                   rf"|(?P<sy>{SPOKEN_YEAR})))?{R}", key_words(" ".join(SEASONS))),
        ("holiday", rf"{L}(?:(?P<rel>last|next|this)\s+)?(?P<h>{_holiday_names()})(?:\s+{y})?{R}",
         key_words(" ".join(holidays()))),
        ("year", rf"{L}{edge}(?:(?P<pp>post|pre)-)?{y}(?:\s*(?P<era>BC|BCE|AD|CE)(?![\w]))?", DIGITS),
        ("year", rf"{L}{edge}(?P<sy>{SPOKEN_YEAR}){R}", key_words("nineteen twenty")),
    ]


def _relative_patterns() -> TABLE:
    """Days, weekdays, "last week", "two years ago", "that year", now / recently."""
    mod = r"(?:(?P<mod>early|late|earlier|later)\s+)?"
    around = r"(?:(?P<around>the\s+day\s+(?:before|after))\s+)?"
    amount = rf"(?P<num>{NUMBER})(?P<half1>\s+and\s+a\s+half)?\s+(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?"
    return [
        ("dayword", rf"{L}{mod}{around}(?P<w>{DAY_WORD})(?:\s+{PART})?{R}", key_words(DAY_WORD)),
        ("daypart", rf"{L}{mod}(?P<rel>this|last|yesterday|tomorrow)\s+{PART}{R}",
         key_words(" ".join(DAY_PARTS))),
        ("weekday", rf"{L}{around}(?:(?P<rel>last|next|this|coming|past|early|late|earlier|later)\s+)?"
                    rf"(?P<wd>{WEEKDAY})(?:\s+{PART})?{R}", WEEKDAY_KEY),
        ("rel_unit", rf"{L}(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?(?:(?P<the>the)\s+)?"
                     rf"(?P<rel>{REL})[\s-]+(?P<unit>{CALENDAR_UNIT}){R}", key_words(CALENDAR_UNIT)),
        ("weekend", rf"{L}(?P<the>the)\s+weekend{R}", key_words("weekend")),
        ("edge_unit", rf"{L}(?:the\s+)?(?P<edge>end|beginning|start|middle|turn|close)\s+of\s+"
                      rf"(?:(?P<the>the)\s+|(?P<rel>this|next|last|the\s+current)\s+)?"
                      rf"(?P<unit>year|month|week|decade|century){R}",
         key_words("end beginning start middle turn close")),
        ("edge_unit", rf"{L}(?P<unit>year|month|week)[\s-](?P<edge>end){R}", key_words("end")),
        ("anaphor", rf"{L}{mod}(?P<rel>{ANAPHOR})\s+(?P<unit>{ANAPHOR_UNIT}){R}", key_words(ANAPHOR_UNIT)),
        ("ago", rf"{L}(?:(?P<mod>{APPROX_MOD})\s+)?{amount}\s+(?:or\s+so\s+)?(?P<dir>ago|earlier){R}"
                rf"(?!\s+than{R})", key_words("ago earlier")),
        ("year_ago", rf"{L}(?:(?:the|a)\s+)?(?P<unit>year|month|week)[\s-](?P<dir>earlier|ago)(?:\s+"
                     rf"(?P<what>quarter|period|month|year|week|(?P<num>{NUMBER})\s+(?P<span>{UNIT})))?"
                     rf"{R}(?!\s+than{R})", key_words("ago earlier")),
        ("ref", rf"{L}(?P<w>{REF_WORDS}){R}", key_words(REF_WORDS)),
        ("ref", rf"{L}(?:in\s+)?(?P<core>(?P<w>recent\s+(?:days|weeks|months|years|times|decades))){R}",
         key_words("recent")),
        ("ref", rf"{L}(?P<w>the\s+coming\s+(?:days|weeks|months|years)){R}", key_words("coming")),
        ("ref", rf"{L}(?P<w>the\s+(?:short|near|long)\s+term){R}", key_words("term")),
    ]


def _duration_patterns() -> TABLE:
    """Durations: "three days", "the past 20 years", "two-year", "for years", "3:07:35"."""
    rel = r"past|last|next|first|coming|previous|following|final|remaining|same|latest|initial|ensuing"
    not_age = rf"(?![\s-]+(?:old|and\s+older|or\s+older|of\s+age){R}|-round)"
    return [
        ("duration", rf"{L}(?:(?P<mod>{APPROX_MOD})\s+)?(?:(?P<the>the)\s+(?:(?P<rel>{rel})\s+)?)?"
                     rf"(?P<num>{NUMBER})(?P<half1>\s+and\s+a\s+half)?[\s-]+(?P<unit>{UNIT})"
                     rf"(?P<half>\s+and\s+a\s+half)?{R}{not_age}", UNIT_KEY),
        ("duration", rf"{L}(?:(?P<mod>{APPROX_MOD})\s+)?(?P<num>half)\s+(?:an?\s+)?(?P<unit>{UNIT}){R}",
         key_words("half")),
        ("bare_units", rf"{L}(?:for|within|over|in|after|during|throughout|from)\s+(?P<core>(?:the\s+)?"
                       rf"(?:(?P<rel>past|last|next|coming|following|previous|early|first|ensuing)\s+)?"
                       rf"(?P<unit>{PLURAL_UNIT})){R}(?!\s+ago{R})", UNIT_KEY),
        ("period", rf"{L}(?P<core>the\s+(?:fiscal\s+)?(?P<unit>year|quarter|month|week))\s+"
                   rf"(?:ended|ending|to\s+date){R}", key_words("ended ending date")),
        ("bare_units", rf"{L}(?P<core>(?P<unit>{PLURAL_UNIT}))\s+(?:or|and)\s+(?:{PLURAL_UNIT}){R}", UNIT_KEY),
        ("race_time", r"(?<![\d:.])(?P<h>\d{1,2}):(?P<mi>[0-5]\d):(?P<s>[0-5]\d)(?![\d:])", DIGITS),
    ]


def _set_patterns() -> TABLE:
    """Sets: "every week", "each Monday", "twice a year", "daily", "on Mondays"."""
    plural_wd = cased([w + "s" for w in WEEKDAYS])
    what = (rf"second|minute|hour|day|night|week|weekend|month|quarter|year|decade|morning|afternoon"
            rf"|evening|{WEEKDAY}|{MONTH_FULL}|spring|summer|autumn|fall|winter|season")
    return [
        ("set", rf"{L}(?P<q>every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUMBER})\s+)?"
                rf"(?P<unit>{what})s?{R}(?!\s+of\s)", key_words("every each")),
        ("set", rf"{L}(?P<freq>once|twice|thrice|\w+\s+times)\s+(?:a|an|per|every|each)\s+(?P<unit>{what}){R}",
         key_words("once twice thrice times")),
        ("set_adverb", rf"{L}(?P<w>{'|'.join(ADVERBS)}){R}", key_words(" ".join(ADVERBS))),
        ("set", rf"{L}(?P<wd>{plural_wd})(?:\s+and\s+(?:{plural_wd}))?{R}", WEEKDAY_KEY),
    ]


def _time_patterns() -> TABLE:
    """Clock times: "3 p.m.", "15:00 GMT Saturday", "noon", "4 in the morning"."""
    day = (rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<w>{DAY_WORD})|(?P<mon>{MONTH_BEFORE_DAY})"
           rf"\s+(?P<d>{DAY})))?{R}")
    mod = (r"(?:(?P<mod>about|around|approximately|roughly|shortly before|shortly after|just before"
           r"|just after)\s+)?")
    ampm = r"(?P<ap>[ap])\.?\s?m(?:\.|(?![\w]))"
    hour12 = r"(?P<h>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    return [
        ("clock", rf"{L}{mod}(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*{ampm}"
                  rf"(?:\s+(?P<tz>{TIMEZONE}))?{day}", key_words("am pm m")),
        ("clock", rf"{L}{mod}(?P<h>[01]?\d|2[0-3])[:h](?P<mi>[0-5]\d)\s*"
                  rf"(?P<tz>{TIMEZONE}|local time|hours|hrs){day}", DIGITS),
        ("clock", rf"{L}{mod}(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>GMT|UTC|hours|hrs){day}", DIGITS),
        ("clock", rf"(?<=\bat\s)(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:]){day}", DIGITS),
        ("clock", rf"{L}{mod}(?P<nm>noon|midday|midnight){day}", key_words("noon midday midnight")),
        ("clock", rf"{L}{mod}{hour12}\s+o['’]clock(?:\s+in\s+the\s+{PART})?{day}", key_words("clock")),
        ("clock", rf"{L}{mod}{hour12}\s+in\s+the\s+(?P<part>morning|afternoon|evening){R}",
         key_words("morning afternoon evening")),
    ]


@lru_cache(maxsize=1)
def compiled() -> tuple[tuple[str, re.Pattern, frozenset], ...]:
    """(kind, pattern, key) in priority order; patterns ignore case (names do not)."""
    table = _time_patterns() + _date_patterns() + _relative_patterns() + _duration_patterns() + _set_patterns()
    return tuple((kind, re.compile(rx, re.I), key) for kind, rx, key in table)


@lru_cache(maxsize=1)
def _all_keys() -> frozenset:
    return frozenset().union(*(key for _, _, key in compiled()))


def key_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each key word occurs in `text` (one pass over its words)."""
    keys = _all_keys()
    out: dict[str, list[tuple[int, int]]] = {}
    for m in TOKEN.finditer(text):
        word = m.group()
        word = "#" if word[0].isdigit() else word.lower()
        if word in keys:
            out.setdefault(word, []).append(m.span())
    return out


def windows(key: frozenset, positions: dict, text: str) -> list[tuple[int, int]]:
    """Stretches of `text` within `REACH` of a key word, merged, ends moved out to white space."""
    hits = sorted(span for word in key for span in positions.get(word, ()))
    out: list[tuple[int, int]] = []
    for hit_start, hit_end in hits:
        start, end = max(0, hit_start - REACH), min(len(text), hit_end + REACH)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return [(_space_before(text, s), _space_after(text, e)) for s, e in out]


def _space_before(text: str, i: int) -> int:
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _space_after(text: str, i: int) -> int:
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


def find_matches(text: str) -> list[TimexMatch]:
    """Non-overlapping matches of the grammar in `text`, in text order."""
    found = []
    positions = key_positions(text)
    for priority, (kind, rx, key) in enumerate(compiled()):
        for ws, we in windows(key, positions, text):
            for m in rx.finditer(text, ws, we):
                start, end = m.span("core") if "core" in rx.groupindex else m.span()
                if end > start:
                    parts = {k: v for k, v in m.groupdict().items() if v is not None}
                    found.append((-(end - start), priority, TimexMatch(start, end, kind, parts)))
    found.sort(key=lambda t: (t[0], t[1], t[2].start))
    chosen: list[TimexMatch] = []
    taken: list[tuple[int, int]] = []
    for _, _, match in found:
        if all(match.end <= s or match.start >= e for s, e in taken):
            chosen.append(match)
            taken.append((match.start, match.end))
    return sorted(chosen, key=lambda m: m.start)
