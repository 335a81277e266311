"""Absolute dates: each matched expression to a TIMEX3 (type, value) against the article date.

`resolve(match, ctx)` dispatches on the kind of match; calendar-relative expressions
("last week", "Friday") count from the article date, anaphoric ones ("that year", "a year
earlier", "the next morning") from the last date the article placed (`ctx.reference`).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Optional

from .grammar import TimexMatch, holidays
from .durations import DURATION_RESOLVERS
from .lexicon import ORDINALS, SEASONS, month_number, spoken_year
from . import values as tv
from .relative import RELATIVE_RESOLVERS, calendar_value, shift

LOGGER = logging.getLogger(__name__)
Result = Optional[tuple[str, str]]


@dataclass
class Context:
    """What an expression is resolved against.

    Attributes:
        dct: the article date, or None.
        direction: `past`, `future`, `present` or None, from the governing verb.
        reference: the value of the last DATE/TIME the article placed (for "that year").
        before: the word before the expression, lower case ("over" in "over the past year").
    """
    dct: Optional[dt.date]
    direction: Optional[str] = None
    reference: Optional[str] = None
    before: str = ""


def resolve(match: TimexMatch, ctx: Context) -> Result:
    """(type, value) for a match, or None when it cannot be a time expression after all."""
    fn = RESOLVERS.get(match.kind) or RELATIVE_RESOLVERS.get(match.kind) or DURATION_RESOLVERS.get(match.kind)
    if fn is None:
        LOGGER.debug("no resolver for timex kind %r", match.kind)
        return None
    return fn(match, ctx)


def _full_year(text: str, dct: Optional[dt.date]) -> Optional[int]:
    """2024 for "2024", "24" or "'24" (two digits: the century nearest the article date)."""
    digits = re.sub(r"\D", "", text or "")
    if len(digits) == 4:
        return int(digits)
    if len(digits) != 2:
        return None
    base = (dct.year if dct else 2000) // 100 * 100
    y = base + int(digits)
    return y - 100 if dct and y > dct.year + 20 else y


def _date_or_none(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _iso(m: TimexMatch, ctx: Context) -> Result:
    d = _date_or_none(int(m.get("y")), int(m.get("m")), int(m.get("d")))
    if d is None:
        return None
    if m.get("hh"):
        return "TIME", f"{d.isoformat()}T{m.get('hh')}:{m.get('mm')}"
    return "DATE", d.isoformat()


def _numeric(m: TimexMatch, ctx: Context) -> Result:
    """08/05/2024 in US order (month first) unless the first number cannot be a month."""
    a, b = int(m.get("a")), int(m.get("b"))
    y = _full_year(m.get("y"), ctx.dct)
    mon, dom = (b, a) if a > 12 else (a, b)
    d = _date_or_none(y, mon, dom) if y else None
    return ("DATE", d.isoformat()) if d else None


def _month_day(m: TimexMatch, ctx: Context) -> Result:
    """"Aug. 5, 2024", "5 August", "March 13": the year from the text, else the article date."""
    mon, dom = month_number(m.get("mon")), int(re.sub(r"\D", "", m.get("d")))
    if m.get("y"):
        d = _date_or_none(int(m.get("y")), mon, dom)
        return ("DATE", d.isoformat()) if d else None
    if _date_or_none(2000, mon, dom) is None:
        return None
    if ctx.dct is None:
        return "DATE", f"XXXX-{mon:02d}-{dom:02d}"
    d = tv.month_day_date(ctx.dct, mon, dom, ctx.direction)
    return ("DATE", d.isoformat()) if d else None


def _week_of(m: TimexMatch, ctx: Context) -> Result:
    found = _month_day(m, ctx)
    if found is None or found[1].startswith("X"):
        return ("DATE", "XXXX-WXX") if found else None
    return "DATE", tv.week(dt.date.fromisoformat(found[1]))


def _month_year(m: TimexMatch, ctx: Context) -> Result:
    mon = month_number(m.get("mon"))
    if m.get("y"):
        return "DATE", tv.month(int(m.get("y")), mon)
    if m.get("sy"):
        return "DATE", tv.month(spoken_year(m.get("sy")), mon)
    if ctx.dct is None:
        return "DATE", tv.month(None, mon)
    offset = {"this": 0, "last": -1, "next": 1}[m.get("rel").lower()]
    return "DATE", tv.month(ctx.dct.year + offset, mon)


def _month(m: TimexMatch, ctx: Context) -> Result:
    """A month without a year: "in August", "last June", "mid-March"."""
    mon = month_number(m.get("mon"))
    if ctx.dct is None:
        return "DATE", tv.month(None, mon)
    rel = m.get("rel").lower()
    rel = "last" if rel == "past" else rel if rel in ("last", "next", "this", "coming") else ""
    return "DATE", tv.month(tv.month_year(ctx.dct, mon, ctx.direction, rel), mon)


def _year(m: TimexMatch, ctx: Context) -> Result:
    y = spoken_year(m.get("sy")) if m.get("sy") else int(m.get("y"))
    if y is None or m.get("era").upper() in ("BC", "BCE"):
        return None
    return "DATE", tv.year(y)


def _decade(m: TimexMatch, ctx: Context) -> Result:
    """"the 1990s" -> 199; "the '90s" -> 199 (the most recent such decade)."""
    dec = re.sub(r"\D", "", m.get("dec"))
    if len(dec) == 2:
        now = ctx.dct.year if ctx.dct else 2000
        century = now // 100 if int(dec[0]) <= (now % 100) // 10 else now // 100 - 1
        return "DATE", f"{century:02d}{dec[0]}"
    return "DATE", dec[:3]


def _century(m: TimexMatch, ctx: Context) -> Result:
    """"the 20th century" -> 19."""
    word = m.get("ord").lower()
    n = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    return ("DATE", f"{n - 1:02d}") if 0 < n <= 21 else None


def _fiscal(m: TimexMatch, ctx: Context) -> Result:
    """"fiscal 2024", "FY2025", "the current fiscal year" -> the year."""
    if m.get("y"):
        y = _full_year(m.get("y"), ctx.dct)
        return ("DATE", tv.year(y)) if y else None
    rel = m.get("rel").lower().replace("the ", "")
    if not m.get("fy") or not rel:
        return None
    offset = {"current": 0, "this": 0, "last": -1, "previous": -1, "past": -1, "next": 1}[rel]
    return "DATE", tv.year(ctx.dct.year + offset if ctx.dct else None)


def _quarter_year(m: TimexMatch, ctx: Context) -> Optional[int]:
    """The year a quarter is placed in by the text itself, or None."""
    if m.get("y") or m.get("y0"):
        return int(m.get("y") or m.get("y0"))
    rel = m.get("rel").lower()
    if (rel or m.get("fy")) and ctx.dct:
        return ctx.dct.year + {"": 0, "this": 0, "last": -1, "next": 1}[rel]
    return None


def _quarter(m: TimexMatch, ctx: Context) -> Result:
    """"the first quarter" -> 2025-Q1; "the first half of 2024" -> 2024-H1; "Q3 2024"."""
    y = _quarter_year(m, ctx)
    if m.get("q"):
        return "DATE", tv.quarter(ctx.dct, int(m.get("q")), ctx.direction, y)
    word, unit = m.get("ord").lower(), m.get("unit").lower()
    if unit == "half":
        n = {"first": 1, "1st": 1, "second": 2, "2nd": 2}.get(word)
        if n is None or y is None:
            return None
        return "DATE", f"{y:04d}-H{n}"
    if word in ("last", "final") and y is None:
        return "DATE", calendar_value(shift(ctx.dct, "quarter", -1), "quarter")
    return "DATE", tv.quarter(ctx.dct, ORDINALS[word], ctx.direction, y)


def _season(m: TimexMatch, ctx: Context) -> Result:
    code = SEASONS[m.get("s").lower()]
    if m.get("y") or m.get("sy"):
        y = int(m.get("y")) if m.get("y") else spoken_year(m.get("sy"))
        return "DATE", f"{y:04d}-{code}"
    rel = m.get("rel").lower()
    rel = "last" if rel == "past" else rel if rel in ("last", "next", "this", "coming") else ""
    return "DATE", tv.season(ctx.dct, code, ctx.direction, rel)


def _holiday(m: TimexMatch, ctx: Context) -> Result:
    """A holiday's date: fixed ("12-25") or the Nth weekday of a month ("11/4/4")."""
    name = re.sub(r"\s+", " ", m.get("h")).replace("’", "'").lower()
    rule = holidays().get(name)
    if rule is None:
        return None
    if m.get("y"):
        y = int(m.get("y"))
    elif ctx.dct is None:
        return "DATE", "XXXX-" + rule if "/" not in rule else "XXXX-XX-XX"
    else:
        y = _holiday_year(rule, ctx, m.get("rel").lower())
    d = _holiday_date(rule, y)
    return ("DATE", d.isoformat()) if d else None


def _holiday_year(rule: str, ctx: Context, rel: str) -> int:
    """The year of a holiday named without one: by `rel`, else tense, else the nearest."""
    dates = {y: _holiday_date(rule, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)}
    if rel == "last" or (not rel and ctx.direction == tv.PAST):
        return max(y for y, d in dates.items() if d and (d < ctx.dct if rel else d <= ctx.dct))
    if rel == "next" or (not rel and ctx.direction == tv.FUTURE):
        return min(y for y, d in dates.items() if d and (d > ctx.dct if rel else d >= ctx.dct))
    if rel == "this":
        return ctx.dct.year
    return min(dates, key=lambda y: abs((dates[y] - ctx.dct).days) if dates[y] else 10 ** 6)


def _holiday_date(rule: str, y: int) -> Optional[dt.date]:
    if "/" not in rule:
        mon, dom = (int(x) for x in rule.split("-"))
        return _date_or_none(y, mon, dom)
    mon, weekday, nth = (int(x) for x in rule.split("/"))
    first = dt.date(y, mon, 1)
    if nth > 0:
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = tv.add_units(first, "M", 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


RESOLVERS = {"iso": _iso, "numeric": _numeric, "mdy": _month_day, "dmy": _month_day, "week_of": _week_of,
             "month_year": _month_year, "month": _month, "year": _year, "decade": _decade,
             "century": _century, "fiscal": _fiscal, "quarter": _quarter, "season": _season,
             "holiday": _holiday}
