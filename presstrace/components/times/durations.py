"""Durations ("three days" P3D), sets ("every Monday" XXXX-WXX-1) and clock times ("3 p.m.").

A clock time takes its day from the expression itself ("9 a.m. Tuesday"), else the article
date (the component then moves it to a date named in the same sentence); without an
article date the day stays unknown (`XXXX-XX-XXT15:00`).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Optional

from .grammar import TimexMatch
from .lexicon import DAY_OFFSETS, DAY_PARTS, MONTHS, SEASONS, WEEKDAYS, month_number, parse_number, unit_of
from . import values as tv

LOGGER = logging.getLogger(__name__)
Result = Optional[tuple[str, str]]
ADVERB_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "nightly": "P1D", "fortnightly": "P2W", "biweekly": "P2W",
               "semiannually": "P6M", "biannually": "P6M"}
# Units too big to write in years when vague: "decades" is PXDE, "centuries" PXCE.
VAGUE_CODES = {10: "DE", 100: "CE", 1000: "ML"}
NOON = {"noon": 12, "midday": 12, "midnight": 0}


def duration_of(m: TimexMatch) -> Result:
    """DURATION value of a "NUM UNIT" match: "three days" P3D, "two-year" P2Y, "hours" PTXH."""
    info = unit_of(m.get("unit"))
    if info is None:
        return None
    letter, mult, clock = info
    num = parse_number(m.get("num")) if m.get("num") else "X"
    if num is None:
        return None
    word = m.get("unit").lower().rstrip("s")
    if num == 1.0 and word in ("second", "quarter") and not m.get("half"):
        return None  # "a second time", "a quarter of the vote"
    if num == "X" and mult > 1:
        return "DURATION", f"PX{VAGUE_CODES[mult]}"
    half = bool(m.get("half") or m.get("half1"))
    if num != "X":
        num = float(num) * mult
        half_units = 0.5 * mult if half else 0.0
        return "DURATION", tv.duration(num + half_units, letter, clock)
    return "DURATION", tv.duration(num, letter, clock, half)


def _half(m: TimexMatch, ctx) -> Result:
    """"half an hour" PT30M, "half a century" P50Y."""
    info = unit_of(m.get("unit"))
    if info is None:
        return None
    letter, mult, clock = info
    return "DURATION", tv.duration(0.5 * mult, letter, clock)


def _duration(m: TimexMatch, ctx) -> Result:
    if m.get("num").lower() == "half":
        return _half(m, ctx)
    return duration_of(m)


def _bare_units(m: TimexMatch, ctx) -> Result:
    """"for years" PXY, "within hours" PTXH; "in recent years" is PAST_REF."""
    if m.get("rel").lower() == "recent":
        return "DATE", "PAST_REF"
    return duration_of(m)


def _period(m: TimexMatch, ctx) -> Result:
    """"the year ended Aug. 31" lasts a year (P1Y); "the quarter ending June 30" P3M."""
    return {"year": ("DURATION", "P1Y"), "quarter": ("DURATION", "P3M"), "month": ("DURATION", "P1M"),
            "week": ("DURATION", "P1W")}.get(m.get("unit").lower())


def _race_time(m: TimexMatch, ctx) -> Result:
    """"3:07:35" (a finishing time) -> PT3H7M35S."""
    h, mi, s = int(m.get("h")), int(m.get("mi")), int(m.get("s"))
    parts = "".join(f"{n}{u}" for n, u in ((h, "H"), (mi, "M"), (s, "S")) if n)
    return ("DURATION", f"PT{parts}") if parts else None


def _set(m: TimexMatch, ctx) -> Result:
    """"every week" P1W, "every two years" P2Y, "each Monday" XXXX-WXX-1, "each July" XXXX-07."""
    if m.get("wd"):
        return "SET", f"XXXX-WXX-{WEEKDAYS[m.get('wd').lower().rstrip('s')]}"
    unit = m.get("unit").lower()
    if unit in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[unit]}"
    if unit in MONTHS:
        return "SET", f"XXXX-{month_number(unit):02d}"
    if unit in SEASONS:
        return "SET", f"XXXX-{SEASONS[unit]}"
    if unit in DAY_PARTS:
        return "SET", f"XXXX-XX-XXT{DAY_PARTS[unit]}"
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE"
    if unit == "season":
        return "SET", "P3M"
    n = 2.0 if m.get("other") else parse_number(m.get("num")) if m.get("num") else 1.0
    info = unit_of(unit)
    if info is None or n in (None, "X"):
        return None
    letter, mult, clock = info
    return "SET", tv.duration(float(n) * mult, letter, clock)


def _set_adverb(m: TimexMatch, ctx) -> Result:
    value = ADVERB_SETS.get(m.get("w").lower())
    return ("SET", value) if value else None


def _clock_hour(m: TimexMatch) -> Optional[tuple[int, int]]:
    """(hour 0-23, minute) of a clock match."""
    if m.get("nm"):
        return NOON[m.get("nm").lower()], 0
    h = parse_number(m.get("h"))
    if h in (None, "X"):
        return None
    hour, minute = int(h), int(m.get("mi") or 0)
    ap = m.get("ap").lower()
    later = ap == "p" or m.get("part").lower() in ("afternoon", "evening", "night")
    if later and hour < 12:
        hour += 12
    elif ap == "a" and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 else None


def _clock_day(m: TimexMatch, ctx) -> str:
    """The day a clock time falls on: the one named with it, else the article date."""
    if ctx.dct is None:
        wd = m.get("wd")
        return f"XXXX-WXX-{WEEKDAYS[wd.lower()]}" if wd else tv.UNKNOWN_DAY
    if m.get("wd"):
        return tv.weekday_date(ctx.dct, WEEKDAYS[m.get("wd").lower()], ctx.direction).isoformat()
    if m.get("w"):
        return (ctx.dct + dt.timedelta(days=DAY_OFFSETS[m.get("w").lower()])).isoformat()
    if m.get("mon"):
        d = tv.month_day_date(ctx.dct, month_number(m.get("mon")), int(re.sub(r"\D", "", m.get("d"))),
                              ctx.direction)
        if d is not None:
            return d.isoformat()
    return ctx.dct.isoformat()  # the component moves it to a day named in the sentence


def _clock(m: TimexMatch, ctx) -> Result:
    """"3 p.m." -> 2025-03-13T15:00; "noon Saturday"; "4 in the morning"."""
    hm = _clock_hour(m)
    if hm is None:
        return None
    return "TIME", f"{_clock_day(m, ctx)}T{hm[0]:02d}:{hm[1]:02d}"


DURATION_RESOLVERS = {"duration": _duration, "period": _period, "bare_units": _bare_units,
                      "race_time": _race_time, "set": _set, "set_adverb": _set_adverb, "clock": _clock}
