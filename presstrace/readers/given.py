"""Text handed over directly — the API's `POST /api/analyze` body, the workbench's form —
read as a file's text is read, so that the same words give the same analysis whichever
way they came in (a browser sends a textarea's line breaks as `\\r\\n`)."""
from __future__ import annotations

from typing import Any

from ..records import Article
from ..settings import Settings
from .decode import check_text


def given_article(text: str, settings: Settings, origin: str, **fields: Any) -> Article:
    """An article of `text` checked and with line endings normalised as `check_text` does
    for every reader (binary, too large and empty text raise `InputError`).

    Args:
        text: the text as received.
        settings: for `limits.max_chars`.
        origin: where it came from, for messages ("request body", "form").
        fields: the article's other fields (`id`, `date`, `source`, `title`, `url`).
    """
    return Article(text=check_text(text, origin, settings.get("limits", "max_chars")), **fields)
