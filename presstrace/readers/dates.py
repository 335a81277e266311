"""Dates in the input: `YYYY-MM-DD`, or an ISO 8601 datetime whose date part is kept."""
from __future__ import annotations

import datetime as dt
import logging
import re

from dateutil import parser as dateutil_parser

from ..errors import InputError

LOGGER = logging.getLogger(__name__)

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\S+")


def parse_date(value: str, name: str) -> str:
    """The `YYYY-MM-DD` date of a date or ISO datetime string; `bad_date` when invalid.

    Args:
        value: `2025-03-14`, or a datetime such as `2025-03-14T09:30:00Z`.
        name: the file (and line) for the message.
    Returns:
        The date part as written (no time-zone conversion).
    """
    try:
        if DATE_RE.fullmatch(value):
            return dt.date.fromisoformat(value).isoformat()
        if DATETIME_RE.fullmatch(value):
            return dt.datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    raise InputError("bad_date", f"{name}: date {value!r} is not a valid YYYY-MM-DD "
                                 f"calendar date or ISO datetime")


def lenient_date(value, name: str) -> str | None:
    """A JSON Lines `date` field as `YYYY-MM-DD`, or None (logged) when it is not a date.

    A record's date is metadata: a scraper's "Dec 17, 20" must not cost the article, so it is
    analysed without a date (relative dates then stay unresolved) rather than rejected.
    Written dates with a four-digit year ("14 March 2025") are read too.

    Args:
        value: the field's value as decoded from JSON.
        name: the file and line, for the log.
    """
    if isinstance(value, str):
        try:
            return parse_date(value, name)
        except InputError:
            if re.search(r"(?<!\d)\d{4}(?!\d)", value) or re.fullmatch(r"\d{8}", value):
                try:
                    return dateutil_parser.parse(value, default=dt.datetime(1, 1, 1)).date().isoformat()
                except (ValueError, OverflowError):
                    pass
    LOGGER.warning("%s: date %r is not a date; the article is analysed without one", name, value)
    return None


def check_option_date(value: str | dt.date | None) -> str | None:
    """Validate the caller's default date; a bad one is a caller error and raises.

    Args:
        value: `YYYY-MM-DD`, a `datetime.date`, or None.
    Returns:
        The date as `YYYY-MM-DD`, or None.
    """
    if value is None:
        return None
    if isinstance(value, dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if not isinstance(value, str):
        raise TypeError(f"date must be a YYYY-MM-DD string, got {type(value).__name__}")
    try:
        if DATE_RE.fullmatch(value):
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise ValueError(f"date {value!r} is not a valid YYYY-MM-DD calendar date")
