"""Words of English time expressions and the regex pieces the timex grammar is built from.

Month and weekday names are matched case-sensitively (Title or UPPER case), so the verbs
"may" and "march" and the noun "sun" never start a time expression; every other word is
matched without regard to case.
"""
from __future__ import annotations

import logging
import re
from typing import Optional, Union

from ..common import numbers

LOGGER = logging.getLogger(__name__)

MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
          "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                       "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
            "saturday": 6, "sunday": 7}
# Days named by their distance from the article's date.
DAY_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# Parts of the day and their TIMEX3 codes.
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
            "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
            "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "final": 4, "last": 4}
CENTURY_ORDINALS = [w for w in ORDINALS if w not in ("final", "last")]
# Number words for the grammar's patterns: one to nine, ten to nineteen, the tens.
ONES = [w for w, n in numbers.SMALL.items() if 1 <= n <= 9]
TEENS = [w for w, n in numbers.SMALL.items() if 10 <= n <= 19]
TENS = list(numbers.TENS)
# Quantities too vague for a number: "a few days" is P`X`D.
VAGUE = {"a few", "few", "several", "many", "a number of", "countless", "numerous"}

# A unit word (singular, lower case) -> (TIMEX3 unit letter, multiplier, is a clock unit).
UNITS = {"second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
         "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
         "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("M", 3, False),
         "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
         "millennium": ("Y", 1000, False)}
UNIT_PLURALS = {"centuries": "century", "millennia": "millennium"}

# Modifiers that TimeML keeps inside the expression: "about two years", "early next year".
APPROX = ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "just",
          "more than", "less than", "fewer than", "over", "under", "at least", "at most", "up to",
          "just over", "just under", "well over", "close to", "barely", "only", "a little over",
          "a little more than", "little more than", "no more than", "no less than")


def words(options) -> str:
    """A regex matching any of `options` (longest first), spaces matching any white space.

    The alternation is factored into a prefix tree ("t(?:wo|hree|en)") because Python's
    regex engine tries alternatives one by one at every word start.
    """
    trie: dict = {}
    for word in set(options):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie) + ")"


def _trie_regex(node: dict) -> str:
    """The regex of one prefix-tree node; a word ending here makes the rest optional."""
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child)
            for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def cased(names) -> str:
    """A case-sensitive alternation of names in Title case or UPPER case."""
    forms = [n.capitalize() for n in names] + [n.upper() for n in names]
    return "(?-i:" + words(forms)[3:]


def number_words() -> list[str]:
    """English number words from one to ninety-nine ("twenty-one", "twenty one")."""
    out = ONES + TEENS + TENS
    for ten in TENS:
        out += [f"{ten}-{one}" for one in ONES] + [f"{ten} {one}" for one in ONES]
    return out


MONTH_FULL = cased(MONTHS)
# Abbreviations need a full stop ("Aug.") unless a day number follows (see MONTH_DAY_NAME).
MONTH_ABBR = cased(MONTH_ABBREVIATIONS) + r"\."
MONTH = f"(?:{MONTH_ABBR}|{MONTH_FULL})"
MONTH_BEFORE_DAY = f"(?:{MONTH_ABBR}|{MONTH_FULL}|{cased(MONTH_ABBREVIATIONS)})"
WEEKDAY = cased(WEEKDAYS)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?<![\d,.$£€#/])(?:1[0-9]\d\d|20\d\d|21\d\d)(?!\d|,\d|\.\d|%)"
SPOKEN_YEAR = r"(?:nineteen|twenty)[- ](?:" + words(TEENS + TENS) + r"(?:[- ]" + words(ONES) + ")?)"
NUMBER = (r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + words(number_words()) + r"(?:[\s-]+(?:hundred|thousand))?|"
          + words(["a hundred", "hundred", "a thousand", "thousand", "a dozen", "dozen", "a couple of",
                   "a couple", "couple of"]) + r"|(?:a|an)(?=\s)|" + words(VAGUE) + ")")
UNIT = words(list(UNITS) + [u + "s" for u in UNITS] + list(UNIT_PLURALS))
APPROX_MOD = words(APPROX)
TIMEZONE = r"(?-i:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-Z]{2,4}T)"


def month_number(word: str) -> Optional[int]:
    """1-12 for a month name or abbreviation ("Sept.", "AUGUST"), else None."""
    key = word.strip().rstrip(".").lower()
    return MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key)


def unit_of(word: str) -> Optional[tuple[str, int, bool]]:
    """(unit letter, multiplier, is clock unit) for "days", "Decade", "centuries"…, else None."""
    key = word.lower()
    key = UNIT_PLURALS.get(key, key)
    if key not in UNITS and key.endswith("s"):
        key = key[:-1]
    return UNITS.get(key)


def parse_number(text: str) -> Union[float, str, None]:
    """The number a quantity phrase states: 3.0 for "three", "X" for "several", None if none."""
    t = re.sub(r"\s+", " ", text.strip().lower()).replace(",", "")
    if t in VAGUE:
        return "X"
    if t in ("a", "an", "one", "a single"):
        return 1.0
    if t in ("a couple", "a couple of", "couple of"):
        return 2.0
    if t in ("a dozen", "dozen"):
        return 12.0
    if t in ("a hundred", "hundred"):
        return 100.0
    if t in ("a thousand", "thousand"):
        return 1000.0
    try:
        return float(t)
    except ValueError:
        return numbers.words_value(t)


def spoken_year(text: str) -> Optional[int]:
    """1996 for "nineteen ninety-six"; None when `text` is not a spoken year."""
    parts = re.split(r"[- ]+", text.lower().strip(), maxsplit=1)
    if len(parts) != 2 or parts[0] not in ("nineteen", "twenty"):
        return None
    rest = numbers.words_value(parts[1])
    return None if rest is None else (19 if parts[0] == "nineteen" else 20) * 100 + int(rest)
