"""HTML pages: trafilatura extracts the main text (no scripts, styles or boilerplate)
and the metadata: title, publication date, canonical URL and site name (the source)."""
from __future__ import annotations

import logging

from ..errors import InputError
from ..records import Article
from .dates import parse_date
from .decode import check_text
from .sources import ReadOptions, Source

LOGGER = logging.getLogger(__name__)

# Publication date from the page's metadata only; never guessed from the body text.
DATE_PARAMS = {"original_date": True, "extensive_search": False}


def parse_html(text: str, source: Source, options: ReadOptions) -> Article:
    """One article from an HTML page.

    Args:
        text: the decoded page.
        source: where it came from; its stem is the article id.
        options: limits and the default date (used when the page has none).
    Returns:
        The article; raises InputError `empty` when no main text is found.
    """
    import trafilatura  # imported on the first page: it costs ~0.6 s that text input need not pay

    try:
        document = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS)
    except Exception as exc:  # a third-party failure on one page must not end the batch
        LOGGER.exception("%s: trafilatura failed", source.name)
        raise InputError("analysis_failed", f"{source.name}: HTML extraction failed: "
                                            f"{type(exc).__name__}: {exc}") from exc
    if document is None or not (document.text or "").strip():
        raise InputError("empty", f"{source.name}: no article text found in the HTML")
    body = check_text(document.text, source.name, options.max_chars)
    date = _page_date(document.date, source) or options.date
    return Article(text=body, id=source.stem, date=date,
                   source=document.sitename or None, title=document.title or None,
                   url=document.url or None)


def _page_date(value: str | None, source: Source) -> str | None:
    """The page's date as YYYY-MM-DD, or None when it has none or an unreadable one.

    Args:
        value: the date trafilatura found.
        source: the page, for the log.
    """
    if not value:
        return None
    try:
        return parse_date(value, source.name)
    except InputError as exc:
        LOGGER.warning("%s; ignored", exc.message)
        return None
