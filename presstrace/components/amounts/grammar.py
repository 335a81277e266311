"""The grammar of amounts in news text: numbers, money, measures, fractions, vague counts.

`find_quantities(text)` yields `Quantity` records: where the amount is written and what it
means (a value, or low/high bounds), before any look at the parse. Conventions:

- Vague plurals cover one order of magnitude: "thousands" is 1,000-9,999, "tens of
  thousands" 10,000-99,999, "hundreds" 100-999, "dozens" 24-143 (two dozen up to a
  gross), "a handful" 2-9. They are approximate.
- Hedges ("some", "about", "an estimated") keep the value and set `approx`.
- Bounds: "at least N" gives low N, "up to N" high N. A strict comparison on a whole count
  moves by one ("more than 40 soldiers": low 41; "well over a dozen": low 13; "fewer than
  40": high 39); on money, measures, fractions and percentages the bound is the number
  itself ("more than 15%": low 15). "nearly/almost N" gives high N, approximate.
- Units: ISO 4217 codes for money (USD, EUR, GBP, …), "percent", "km2", "km", "mi", "t",
  "fold" for multipliers ("four-fold"), "fraction" for "a third of".
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Iterator, Optional

from ..common.numbers import SCALES, SMALL, TENS, words_value

LOGGER = logging.getLogger(__name__)

GLUED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
CURRENCY_SIGNS = {"US$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "$": "USD", "€": "EUR",
                  "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR"}
CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "rubles": "RUB", "roubles": "RUB", "hryvnias": "UAH",
                  "hryvnia": "UAH", "yuan": "CNY", "yen": "JPY", "rupees": "INR", "pounds sterling": "GBP"}
UNITS = {"%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
         "percentage points": "percentage_points", "sq km": "km2", "sq. km": "km2", "km2": "km2",
         "km²": "km2", "square kilometres": "km2", "square kilometers": "km2", "square miles": "mi2",
         "sq miles": "mi2", "kilometres": "km", "kilometers": "km", "km": "km", "miles": "mi",
         "metres": "m", "meters": "m", "feet": "ft", "kg": "kg", "kilograms": "kg", "tonnes": "t",
         "tons": "t", "hectares": "ha", "acres": "acre", "barrels": "barrel", "litres": "l",
         "liters": "l", "MW": "MW", "GW": "GW", "ppts": "percentage_points", "pct points": "percentage_points",
         "kilometre": "km", "kilometer": "km", "square kilometre": "km2", "square kilometer": "km2",
         "mile": "mi", "square mile": "mi2", "metre": "m", "meter": "m", "litre": "l", "liter": "l",
         "tonne": "t", "ton": "t", "hectare": "ha", "acre": "acre", "kW": "kW", "kilowatts": "kW",
         "megawatts": "MW", "hp": "hp", "horsepower": "hp", "foot": "ft", "barrel": "barrel"}
# Vague counts: (low, high); None for an open bound.
VAGUE = {"tens of thousands": (1e4, 99_999), "hundreds of thousands": (1e5, 999_999),
         "tens of millions": (1e7, 99_999_999), "hundreds of millions": (1e8, 999_999_999),
         "thousands": (1e3, 9_999), "hundreds": (100, 999), "millions": (1e6, 9_999_999),
         "billions": (1e9, 9_999_999_999), "dozens": (24, 143), "scores": (40, None),
         "a handful": (2, 9)}
EXACT_WORDS = {"a dozen": 12, "half a dozen": 6, "a couple": 2, "a hundred": 100, "a thousand": 1e3,
               "a million": 1e6, "a billion": 1e9, "a score": 20}
FRACTIONS = {"half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
             "one-third": 1 / 3, "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25,
             "one quarter": 0.25, "three quarters": 0.75, "three-quarters": 0.75, "a fifth": 0.2,
             "one fifth": 0.2, "a tenth": 0.1}
# Hedges and bounds before an amount, longest first: kind is approx, more, atleast, less,
# atmost or nearly.
MODIFIERS = {"more than": "more", "over": "more", "above": "more", "upwards of": "more",
             "in excess of": "more", "at least": "atleast", "no fewer than": "atleast",
             "no less than": "atleast", "not less than": "atleast", "fewer than": "less",
             "less than": "less", "under": "less", "below": "less", "at most": "atmost",
             "up to": "atmost", "no more than": "atmost", "not more than": "atmost",
             "as many as": "atmost", "as much as": "atmost", "nearly": "nearly", "almost": "nearly",
             "close to": "approx", "about": "approx", "around": "approx", "approximately": "approx",
             "roughly": "approx", "some": "approx", "an estimated": "approx", "estimated": "approx",
             "circa": "approx", "an average of": "approx"}
INTENSIFIERS = ("well", "just", "slightly", "far", "much", "a little", "a bit")


def _alt(words) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_NUMWORD = _alt(list(SMALL) + list(TENS))
_WORDNUM = rf"(?:{_NUMWORD})(?:[\s-]+(?:and\s+)?(?:{_NUMWORD}|{_alt(SCALES)}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?<![\w:/.,-])(?P<digits>{_DIGITS})(?P<glued>{_alt(GLUED_SCALES)})?(?![\w:/]|[.,-]\d)"
QUANTITY_RE = re.compile(
    rf"(?:(?P<cur>{_alt(CURRENCY_SIGNS)})\s?)?"
    rf"(?:{_NUMBER}|(?<![\w-])(?P<words>{_WORDNUM}|{_alt(EXACT_WORDS)})(?!\w|-(?!fold)))"
    rf"(?:\s+(?P<scale>{_alt(SCALES)})s?(?!\w))?"
    rf"(?P<fold>[\s-]?fold(?!\w))?"
    rf"(?:(?:\s?|-)(?P<unit>%|{_alt(k for k in UNITS if k != '%')})(?!\w)|\s+(?P<curword>{_alt(CURRENCY_WORDS)})(?!\w))?",
    re.IGNORECASE)
VAGUE_RE = re.compile(rf"(?<![\w-])(?P<vague>{_alt(VAGUE)})(?!\w)", re.IGNORECASE)
FRACTION_RE = re.compile(
    rf"(?<![\w-])(?P<fraction>{_alt(FRACTIONS)})(?=\s+(?:of|the)\b)"
    rf"|(?<![\w-])(?P<plural>{_alt(f for f in FRACTIONS if f.endswith('s'))})(?!\w)", re.IGNORECASE)
HYPHEN_RANGE_RE = re.compile(r"(?<![\w:/.,-])(\d{1,3}(?:,\d{3})+|\d+)[-–](\d{1,3}(?:,\d{3})+|\d+)(?![\w:/.,-])")
UNIT_AFTER_RE = re.compile(rf"\s?(%|{_alt(k for k in UNITS if k != '%')})(?!\w)", re.IGNORECASE)
RANGE_GAP_RE = re.compile(r"\s*(?:-|–|—|to|and|or)\s*", re.I)
MODIFIER_RE = re.compile(rf"(?:(?:{_alt(INTENSIFIERS)})\s+)?(?P<mod>{_alt(MODIFIERS)})\s+$", re.IGNORECASE)


@dataclass
class Quantity:
    """An amount as written: offsets, meaning and what kind of amount it is."""
    start: int
    end: int
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = None
    approx: bool = False
    kind: str = "count"  # count (may take a counted noun), measure, money, percent, fold, fraction
    whole: bool = True   # a whole count: strict bounds move by one
    year_like: bool = False


def find_quantities(text: str) -> Iterator[Quantity]:
    """Every amount in `text`, left to right, with its hedge or bound applied."""
    found = []
    for m in QUANTITY_RE.finditer(text):
        q = _numeric(m)
        if q is not None:
            found.append(q)
    for m in HYPHEN_RANGE_RE.finditer(text):
        low, high = float(m.group(1).replace(",", "")), float(m.group(2).replace(",", ""))
        if low < high:  # "2-0" is a score, not a range
            q = Quantity(m.start(), m.end(), low=low, high=high)
            unit = UNIT_AFTER_RE.match(text, m.end())
            if unit:
                q.end, q.unit = unit.end(), UNITS.get(unit.group(1)) or UNITS.get(" ".join(unit.group(1).lower().split()))
                q.kind, q.whole = ("percent" if q.unit in ("percent", "percentage_points") else "measure"), False
            found.append(q)
    for m in VAGUE_RE.finditer(text):
        low, high = VAGUE[" ".join(m.group("vague").lower().split())]
        found.append(Quantity(m.start(), m.end(), low=low, high=high, approx=True))
    for m in FRACTION_RE.finditer(text):
        value = FRACTIONS[" ".join((m.group("fraction") or m.group("plural")).lower().split())]
        found.append(Quantity(m.start(), m.end(), value=round(value, 3), unit="fraction",
                              kind="fraction", whole=False))
    kept, last_end = [], -1
    for q in sorted(found, key=lambda q: (q.start, -q.end)):
        if q.start >= last_end:
            last_end = q.end
            kept.append(q)
    for q in merge_ranges(text, kept):
        yield apply_modifier(text, q)


def merge_ranges(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Join "between 10 and 15", "10 to 15", "10-15" into one quantity with low and high."""
    out: list[Quantity] = []
    for q in quantities:
        prev = out[-1] if out else None
        if prev is not None and prev.value is not None and q.value is not None and prev.value < q.value:
            gap = text[prev.end:q.start]
            between = re.search(r"\bbetween\s+$", text[max(0, prev.start - 12):prev.start], re.I)
            if RANGE_GAP_RE.fullmatch(gap) and (between or gap.strip().lower() != "and") \
                    and (prev.kind == "count" or prev.kind == q.kind):
                out[-1] = Quantity(prev.start - (len(between.group()) if between else 0), q.end,
                                   low=prev.value, high=q.value, unit=q.unit or prev.unit,
                                   kind=q.kind if q.kind != "count" else prev.kind, whole=q.whole)
                continue
        out.append(q)
    return out


def _numeric(m: re.Match) -> Optional[Quantity]:
    """A `Quantity` from a QUANTITY_RE match, or None for no number."""
    if m.group("digits"):
        digits = m.group("digits")
        value = float(digits.replace(",", ""))
        whole = "." not in digits
        year_like = whole and "," not in digits and 1800 <= value <= 2100
    else:
        words = " ".join(m.group("words").lower().split())
        value = EXACT_WORDS.get(words, words_value(words))
        whole, year_like = True, False
    if value is None:
        return None
    glued = (m.group("glued") or "").lower()
    if glued and not m.group("cur") and glued not in ("bn", "mn", "mln", "tn", "trn"):
        return None  # "5m" alone is five metres or minutes as often as five million
    value *= GLUED_SCALES.get(glued, 1)
    if m.group("scale"):
        value *= SCALES[m.group("scale").lower()]
    q = Quantity(m.start(), m.end(), value=value, whole=whole, year_like=year_like)
    _unit(m, q)
    return q


def _unit(m: re.Match, q: Quantity) -> None:
    """Set the unit and kind of `q` from a QUANTITY_RE match."""
    if m.group("cur") or m.group("curword"):
        sign = m.group("cur")
        # the pattern ignores case, so "a$5" matches the "A$" sign
        q.unit = CURRENCY_SIGNS[sign.upper()] if sign else CURRENCY_WORDS[" ".join(m.group("curword").lower().split())]
        q.kind, q.whole = "money", False
    elif m.group("fold"):
        q.unit, q.kind, q.whole = "fold", "fold", False
    elif m.group("unit"):
        unit = m.group("unit")
        q.unit = UNITS.get(unit) or UNITS.get(" ".join(unit.lower().split()))
        q.kind = "percent" if q.unit in ("percent", "percentage_points") else "measure"
        q.whole = False


def apply_modifier(text: str, q: Quantity) -> Quantity:
    """Widen `q` over a hedge or bound written just before it and apply its meaning."""
    m = MODIFIER_RE.search(text[max(0, q.start - 40):q.start])
    if m is None:
        return q
    kind = MODIFIERS[" ".join(m.group("mod").lower().split())]
    q.start -= len(m.group())
    step = 1 if q.whole and q.value is not None and q.value == int(q.value) else 0
    base, low, high = q.value, q.low, q.high
    if kind == "approx":
        q.approx = True
    elif kind in ("more", "atleast"):
        q.value, q.high = None, None
        q.low = (base if base is not None else low) + (step if kind == "more" else 0)
    elif kind in ("less", "atmost"):
        q.value, q.low = None, None
        q.high = (base if base is not None else high) - (step if kind == "less" else 0)
    elif kind == "nearly":
        q.value, q.low, q.high, q.approx = None, None, base if base is not None else high, True
    return q
