"""Calendar arithmetic and TIMEX3 value strings (`2025-03-13`, `2025-W11`, `P3D`, `PT2H`).

Every function takes the article date (`dct`, "document creation time") as a
`datetime.date` or None. Without a date nothing relative can be placed on the calendar,
and the values keep the unknown parts as `X` ("XXXX-08", "XXXX-WXX-5"): never today's date.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Optional, Union

LOGGER = logging.getLogger(__name__)

Number = Union[float, str, None]
UNKNOWN_DAY = "XXXX-XX-XX"
# Seasons in calendar order and the month each one starts in.
SEASON_ORDER = ("WI", "SP", "SU", "FA")
SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
                   8: "SU", 9: "FA", 10: "FA", 11: "FA"}
# Direction words: where a relative expression points from the article date.
PAST, FUTURE, PRESENT = "past", "future", "present"


def parse_date(value: Optional[str]) -> Optional[dt.date]:
    """The article date as a `date`, or None when missing, malformed or outside 1000-2999."""
    if not value:
        return None
    try:
        d = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        LOGGER.warning("article date %r is not YYYY-MM-DD; times stay unresolved", value)
        return None
    if not 1000 <= d.year <= 2999:  # TIMEX3 years have four digits, and arithmetic needs room
        LOGGER.warning("article date %r is out of range; times stay unresolved", value)
        return None
    return d


def day(d: Optional[dt.date]) -> str:
    """`2025-03-13`, or the unknown day."""
    return d.isoformat() if d else UNKNOWN_DAY


def month(year: Optional[int], mon: int) -> str:
    """`2024-08`, or `XXXX-08` when the year is unknown."""
    return f"{year:04d}-{mon:02d}" if year is not None else f"XXXX-{mon:02d}"


def year(y: Optional[int]) -> str:
    """`2025`, or `XXXX` when the year is unknown."""
    return f"{y:04d}" if y is not None else "XXXX"


def week(d: Optional[dt.date]) -> str:
    """ISO week of `d` (`2025-W11`), or `XXXX-WXX`."""
    if d is None:
        return "XXXX-WXX"
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    """(year, month) `n` months after (y, m); `n` may be negative."""
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def add_units(d: dt.date, unit: str, n: int) -> dt.date:
    """`d` moved by `n` days (D), weeks (W), months (M) or years (Y), clamped to month ends."""
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit == "W":
        return d + dt.timedelta(weeks=n)
    months = n * 12 if unit == "Y" else n
    y, m = add_months(d.year, d.month, months)
    last = (dt.date(*add_months(y, m, 1), 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def weekday_date(dct: dt.date, weekday: int, direction: Optional[str], rel: str = "") -> dt.date:
    """The date of a weekday (1 = Monday) named in an article written on `dct`.

    Args:
        dct: the article date.
        weekday: ISO weekday number.
        direction: `past`, `future`, `present` or None, from the verb's tense.
        rel: "last", "next", "this" or "" as written before the name.
    """
    back = (dct.isoweekday() - weekday) % 7  # days back to the most recent one, 0 = today
    if rel == "last":
        return dct - dt.timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return dct + dt.timedelta(days=(7 - back) % 7 or 7)
    if rel == "this":
        return dct - dt.timedelta(days=dct.isoweekday() - weekday)
    if back == 0 or direction in (PAST, None):
        return dct - dt.timedelta(days=back)
    return dct + dt.timedelta(days=7 - back)


def month_year(dct: dt.date, mon: int, direction: Optional[str], rel: str = "") -> int:
    """The year of a month named without one ("in August", "last June", "next May")."""
    if rel == "last":
        return dct.year if mon < dct.month else dct.year - 1
    if rel in ("next", "coming"):
        return dct.year if mon > dct.month else dct.year + 1
    if rel == "this" or mon == dct.month:
        return dct.year
    if direction == PAST:
        return dct.year if mon < dct.month else dct.year - 1
    if direction == FUTURE:
        return dct.year if mon > dct.month else dct.year + 1
    ahead = (mon - dct.month) % 12  # no tense: the nearer of the two
    return (dct.year if mon > dct.month else dct.year + 1) if ahead <= 6 else \
        (dct.year if mon < dct.month else dct.year - 1)


def month_day_date(dct: dt.date, mon: int, dom: int, direction: Optional[str]) -> Optional[dt.date]:
    """The date of "Aug. 5" written without a year: tense first, else the nearer one."""
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cands.append(dt.date(y, mon, dom))
        except ValueError:
            continue
    if not cands:
        return None
    if direction == PAST:
        past = [c for c in cands if c <= dct]
        return past[-1] if past else cands[0]
    if direction == FUTURE:
        future = [c for c in cands if c >= dct]
        return future[0] if future else cands[-1]
    return min(cands, key=lambda c: (abs((c - dct).days), c > dct))


def season(dct: Optional[dt.date], code: str, direction: Optional[str], rel: str = "") -> str:
    """`2024-SU` for "last summer" and the like; `XXXX-SU` without a date."""
    if dct is None:
        return f"XXXX-{code}"
    now = SEASON_ORDER.index(SEASON_OF_MONTH[dct.month])
    idx = SEASON_ORDER.index(code)
    y = dct.year
    if rel == "last" or (rel not in ("this", "next", "coming") and direction == PAST):
        y = y if idx < now else y - 1
    elif rel in ("next", "coming") or direction == FUTURE:
        y = y if idx > now else y + 1
    return f"{y:04d}-{code}"


def quarter(dct: Optional[dt.date], q: int, direction: Optional[str], year_: Optional[int] = None) -> str:
    """`2025-Q1`: a quarter named without a year is this year's, or last year's when it has
    not begun yet and the verb is in the past ("fourth-quarter profit rose", in February)."""
    if year_ is not None:
        return f"{year_:04d}-Q{q}"
    if dct is None:
        return f"XXXX-Q{q}"
    current = (dct.month - 1) // 3 + 1
    y = dct.year - 1 if q > current and direction == PAST else dct.year
    return f"{y:04d}-Q{q}"


def duration(num: Number, unit: str, clock: bool, half: bool = False) -> str:
    """`P3D`, `PT2H`, `PXY`, `PT1M30S`: a TIMEX3 duration of `num` units (X when vague)."""
    prefix = "PT" if clock else "P"
    if num is None or num == "X":
        return f"{prefix}X{unit}"
    value = float(num) + (0.5 if half else 0.0)
    if value != int(value):
        return _fraction(value, unit, clock)
    return f"{prefix}{int(value)}{unit}"


# A unit and the next smaller one, for durations with a half ("a minute and a half").
_SMALLER = {("H", True): (60, "M", True), ("M", True): (60, "S", True), ("Y", False): (12, "M", False),
            ("D", False): (24, "H", True), ("W", False): (7, "D", False)}


def _fraction(value: float, unit: str, clock: bool) -> str:
    """A fractional duration in whole units where possible ("PT1M30S", "P18M")."""
    whole = int(value)
    step = _SMALLER.get((unit, clock))
    if step is None:
        return f"{'PT' if clock else 'P'}{value:g}{unit}"
    factor, small, small_clock = step
    rest = round((value - whole) * factor)
    if clock == small_clock and whole:
        return f"{'PT' if clock else 'P'}{whole}{unit}{rest}{small}"
    total = whole * factor + rest
    return f"{'PT' if small_clock else 'P'}{total}{small}"
