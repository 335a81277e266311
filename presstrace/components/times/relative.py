"""Relative dates: "yesterday", "Friday", "last week", "two years ago", "that year", "now".

Calendar-relative expressions count from the article date; anaphoric ones ("that year",
"the next morning", "a year earlier") from the last date the article placed. Without an
article date the unknown parts stay `X`: "yesterday" is `XXXX-XX-XX`, "Friday" is
`XXXX-WXX-5`, "last week" is `XXXX-WXX`, "two years ago" is `PAST_REF`.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Optional

from .grammar import TimexMatch
from .durations import duration_of
from .lexicon import DAY_OFFSETS, DAY_PARTS, WEEKDAYS, parse_number, unit_of
from . import values as tv

LOGGER = logging.getLogger(__name__)
Result = Optional[tuple[str, str]]
REFS = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
        "currently": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
        "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
        "at this moment": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
        "the past": "PAST_REF", "soon": "FUTURE_REF"}
# How far each calendar unit moves, as (add_units letter, count).
STEPS = {"day": ("D", 1), "week": ("W", 1), "weekend": ("W", 1), "month": ("M", 1), "quarter": ("M", 3),
         "season": ("M", 3), "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100)}
UNIT_NAMES = {"D": "day", "W": "week", "M": "month", "Y": "year"}
# Prepositions that make "the past year" or "the following decade" a stretch of time.
LASTING = {"over", "for", "throughout", "within"}


def shift(d: Optional[dt.date], unit: str, n: int) -> Optional[dt.date]:
    """`d` moved by `n` calendar units ("week", "quarter", "decade"…); None stays None."""
    if d is None:
        return None
    letter, size = STEPS.get(unit, ("D", 1))
    return tv.add_units(d, letter, n * size)


def calendar_value(d: Optional[dt.date], unit: str) -> str:
    """The TIMEX3 value of the `unit` containing `d`: week `2025-W11`, quarter `2025-Q1`…"""
    if unit == "day":
        return tv.day(d)
    if unit in ("week", "weekend"):
        return tv.week(d) + ("-WE" if unit == "weekend" else "")
    if d is None:
        return {"month": "XXXX-XX", "quarter": "XXXX-QX", "season": "XXXX-XX", "decade": "XXX",
                "century": "XX"}.get(unit, "XXXX")
    return {"month": f"{d.year:04d}-{d.month:02d}", "quarter": f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}",
            "season": f"{d.year:04d}-{tv.SEASON_OF_MONTH[d.month]}", "decade": f"{d.year // 10:03d}",
            "century": f"{d.year // 100:02d}"}.get(unit, f"{d.year:04d}")


def reference_date(value: Optional[str]) -> Optional[tuple[dt.date, str]]:
    """(first day, granularity) of a placed TIMEX3 value: `1989-Q3` -> (1989-07-01, quarter)."""
    if not value or not value[:4].isdigit():
        return None
    y = int(value[:4])
    rest = value[4:]
    try:
        if re.fullmatch(r"-\d\d-\d\d(T.*)?", rest):
            return dt.date.fromisoformat(value[:10]), "day"
        if re.fullmatch(r"-\d\d", rest):
            return dt.date(y, int(rest[1:]), 1), "month"
        if re.fullmatch(r"-W\d\d(-WE|-\d)?", rest):
            return dt.date.fromisocalendar(y, int(rest[2:4]), 1), "week"
        if re.fullmatch(r"-Q[1-4]", rest):
            return dt.date(y, 3 * int(rest[2]) - 2, 1), "quarter"
        if rest == "":
            return dt.date(y, 1, 1), "year"
    except ValueError:
        return None
    return None


def _with_part(day_value: str, part: str) -> tuple[str, str]:
    """DATE for a day; TIME with the TIMEX3 part-of-day code when "morning" etc. is named."""
    code = DAY_PARTS.get(part.lower()) if part else None
    return ("TIME", f"{day_value}T{code}") if code else ("DATE", day_value)


def _dayword(m: TimexMatch, ctx) -> Result:
    """"yesterday", "today", "tomorrow", "tonight", "the day before yesterday"."""
    word = m.get("w").lower()
    offset = DAY_OFFSETS[word]
    around = m.get("around").lower()
    offset += -1 if "before" in around else 1 if "after" in around else 0
    d = ctx.dct + dt.timedelta(days=offset) if ctx.dct else None
    part = m.get("part") or ("night" if word == "tonight" else "")
    return _with_part(tv.day(d), part)


def _daypart(m: TimexMatch, ctx) -> Result:
    """"this morning", "last night", "yesterday afternoon"."""
    rel = m.get("rel").lower()
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    d = ctx.dct + dt.timedelta(days=offset) if ctx.dct else None
    return _with_part(tv.day(d), m.get("part"))


def _weekday(m: TimexMatch, ctx) -> Result:
    """"Friday", "last Wednesday", "Thursday morning"."""
    n = WEEKDAYS[m.get("wd").lower()]
    if ctx.dct is None:
        return _with_part(f"XXXX-WXX-{n}", m.get("part"))
    rel = m.get("rel").lower()
    rel = "last" if rel == "past" else rel if rel in ("last", "next", "this", "coming") else ""
    d = tv.weekday_date(ctx.dct, n, ctx.direction, rel)
    around = m.get("around").lower()
    d += dt.timedelta(days=-1 if "before" in around else 1 if "after" in around else 0)
    return _with_part(d.isoformat(), m.get("part"))


def _one_unit(unit: str) -> tuple[str, str]:
    """DURATION of one calendar unit: "the past decade" P10Y, "the weekend" P2D."""
    letter, size = STEPS.get(unit, ("D", 1))
    return "DURATION", f"P{size}{letter}" if unit != "weekend" else "P2D"


def week_base(dct: Optional[dt.date]) -> Optional[dt.date]:
    """The day weeks are counted from: on a Sunday, "last week" is the one just ending
    (news weeks run Sunday to Saturday, ISO weeks Monday to Sunday)."""
    return dct + dt.timedelta(days=1) if dct and dct.isoweekday() == 7 else dct


def _rel_unit(m: TimexMatch, ctx) -> Result:
    """"last week", "this year", "next month", "earlier this year"; "the past decade" lasts."""
    rel, unit = m.get("rel").lower(), m.get("unit").lower()
    unit = "year" if unit == "fiscal year" else unit
    if rel == "past" or (ctx.before in LASTING and rel not in ("this", "current")):
        return _one_unit(unit)  # "over the past year", "for the next month"
    if m.get("the") and rel in ("following", "previous", "preceding", "same", "latest"):
        return _anaphor_value(rel, unit, ctx)
    offset = {"last": -1, "previous": -1, "preceding": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    base = week_base(ctx.dct) if unit in ("week", "weekend") else ctx.dct
    return "DATE", calendar_value(shift(base, unit, offset), unit)


def _weekend(m: TimexMatch, ctx) -> Result:
    """"the weekend": the last one, or the coming one when the verb looks forward."""
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE"
    saturday = tv.weekday_date(ctx.dct, 6, ctx.direction)
    if ctx.dct.isoweekday() == 7:
        saturday = ctx.dct - dt.timedelta(days=1)
    return "DATE", tv.week(saturday) + "-WE"


def _edge_unit(m: TimexMatch, ctx) -> Result:
    """"the end of the year", "year-end", "the beginning of next month"; told in the past
    tense early in a year, "the end of the year" is last year's end."""
    rel = m.get("rel").lower()
    unit = m.get("unit").lower()
    offset = {"next": 1, "last": -1}.get(rel, 0)
    if not rel and m.get("edge").lower() == "end" and ctx.direction == tv.PAST and ctx.dct:
        offset = -1 if unit != "year" or ctx.dct.month <= 6 else 0
    return "DATE", calendar_value(shift(ctx.dct, unit, offset), unit)


def _anaphor(m: TimexMatch, ctx) -> Result:
    """"that year", "the following year", "the next morning", "the latest quarter"."""
    rel = m.get("rel").lower().replace("the ", "")
    unit = m.get("unit").lower()
    if ctx.before in LASTING and unit in STEPS and rel != "that":
        return _one_unit(unit)  # "over the following decade"
    if unit in DAY_PARTS:
        typ, value = _anaphor_value(rel, "day", ctx)
        return _with_part(value, unit)
    return _anaphor_value(rel, unit, ctx)


def _anaphor_value(rel: str, unit: str, ctx) -> Result:
    """The `unit` containing the reference date, moved one unit for following / previous."""
    ref = reference_date(ctx.reference)
    if unit == "period":
        return ("DATE", ctx.reference) if ref and ref[1] in ("quarter", "month", "year") else None
    if unit == "quarter" and rel == "latest" and (ref is None or ref[1] != "quarter"):
        return "DATE", calendar_value(shift(ctx.dct, "quarter", -1), "quarter")
    offset = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(rel, 0)
    base = ref[0] if ref else None
    return "DATE", calendar_value(shift(base, unit, offset), unit)


def _amount(m: TimexMatch) -> Optional[tuple[float, str, str]]:
    """(count, calendar unit name, unit letter) of "two and a half years"; None when vague."""
    num = parse_number(m.get("num"))
    info = unit_of(m.get("unit"))
    if num in (None, "X") or info is None:
        return None
    letter, mult, clock = info
    count = (float(num) + (0.5 if m.get("half") or m.get("half1") else 0)) * mult
    if clock:
        return 0.0, "day", "D"  # "two hours ago": the article's day
    if count != int(count) and letter == "Y":
        return count * 12, "month", "M"
    return count, UNIT_NAMES[letter], letter


def _ago(m: TimexMatch, ctx) -> Result:
    """"two years ago" -> 2023; "a year earlier" counts from the last placed date."""
    direction = m.get("dir").lower()
    if direction not in ("ago", "earlier"):
        return duration_of(m)
    amount = _amount(m)
    if amount is None:
        return "DATE", "PAST_REF"
    count, unit, letter = amount
    ref = reference_date(ctx.reference)
    if ref and ref[1] == "quarter" and unit == "year" and count == int(count):
        # In results news, "a year ago" after "the third quarter" is that quarter last year.
        return "DATE", calendar_value(shift(ref[0], "quarter", -4 * int(count)), "quarter")
    base = ref[0] if ref and direction == "earlier" else ctx.dct
    if base is None:
        return "DATE", "PAST_REF"
    value_unit = "day" if unit == "week" else unit
    return "DATE", calendar_value(tv.add_units(base, letter, -int(round(count))), value_unit)


def _year_ago(m: TimexMatch, ctx) -> Result:
    """"year-earlier", "the year-ago quarter": the same period a year before the reference."""
    if m.get("span"):  # "the year-earlier nine months" lasts nine months
        return duration_of(TimexMatch(m.start, m.end, "duration", {"num": m.get("num"), "unit": m.get("span")}))
    ref = reference_date(ctx.reference)
    unit = m.get("unit").lower()
    if ref and ref[1] in ("quarter", "month") and unit == "year":
        return "DATE", calendar_value(tv.add_units(ref[0], "Y", -1), ref[1])
    return "DATE", calendar_value(shift(ctx.dct, unit, -1), unit)


def _ref(m: TimexMatch, ctx) -> Result:
    """"now" PRESENT_REF, "recently" PAST_REF, "the future" FUTURE_REF."""
    word = re.sub(r"\s+", " ", m.get("w").lower())
    if word in REFS:
        return "DATE", REFS[word]
    if "future" in word or "coming" in word or "next" in word:
        return "DATE", "FUTURE_REF"
    if "recent" in word or "past" in word:
        return "DATE", "PAST_REF"
    return None


RELATIVE_RESOLVERS = {"dayword": _dayword, "daypart": _daypart, "weekday": _weekday, "rel_unit": _rel_unit,
                      "weekend": _weekend, "edge_unit": _edge_unit, "anaphor": _anaphor, "ago": _ago,
                      "year_ago": _year_ago, "ref": _ref}
