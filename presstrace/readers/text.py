"""Plain text: the whole input is one article, kept exactly as decoded."""
from __future__ import annotations

import logging

from ..records import Article
from .sources import ReadOptions, Source

LOGGER = logging.getLogger(__name__)


def parse_text(text: str, source: Source, options: ReadOptions) -> Article:
    """One article from a plain-text input; it takes the caller's default date, if any.

    Args:
        text: the whole input, decoded and checked, line endings normalised.
        source: where it came from; its stem is the article id (`stdin` for `-`).
        options: read options, for the default date.
    """
    return Article(text=text, id=source.stem, date=options.date)
