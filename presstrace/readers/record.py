"""The seed record format: optional whitespace, `date YYYY-MM-DD`, whitespace, the text.

The article text starts at the first character after the whitespace that follows the date
and is kept exactly as read from there on (trailing whitespace included).
"""
from __future__ import annotations

import logging
import re

from ..errors import InputError
from ..records import Article
from .dates import parse_date
from .sources import ReadOptions, Source

LOGGER = logging.getLogger(__name__)

HEADER_RE = re.compile(r"\s*date[ \t]+(\S*)")
AFTER_DATE_RE = re.compile(r"\s+|\Z")


def parse_record(text: str, source: Source, options: ReadOptions) -> Article:
    """One article from a record file's decoded text.

    Args:
        text: the whole file, line endings normalised.
        source: where it came from; its stem is the article id.
        options: read options (the default date is not used: records carry a date).
    Returns:
        The article; raises InputError `bad_record`, `bad_date` or `empty`.
    """
    header = HEADER_RE.match(text)
    if header is None:
        raise InputError("bad_record", f"{source.name}: a record must start with "
                                       f"'date YYYY-MM-DD', found {text.lstrip()[:40]!r}")
    date = parse_date(header.group(1), source.name)
    gap = AFTER_DATE_RE.match(text, header.end())  # always matches: \S* stopped there
    body = text[gap.end():]
    if not body.strip():
        raise InputError("empty", f"{source.name}: record dated {date} has no text")
    return Article(text=body, id=source.stem, date=date)
