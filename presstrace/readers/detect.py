"""Which reader an input needs: its content decides, the file extension is a hint.

Content rules, in order, on the decoded first bytes:
- optional whitespace, `date YYYY-MM-DD`, whitespace → `record`;
- the first non-blank line is a JSON object → `jsonl`;
- starts with `<!doctype html` or `<html`, or starts with a tag and has clear HTML
  structure (`<head>`/`<body>`, or several closing block tags) → `html`;
- anything else is `text`, unless the extension (.jsonl/.ndjson, .html/.htm) says otherwise.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import PurePath

from .decode import decode_preview

LOGGER = logging.getLogger(__name__)

EXTENSION_HINTS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html",
                   ".xhtml": "html"}
RECORD_RE = re.compile(r"\s*date[ \t]+\d{4}-\d{2}-\d{2}(\s|\Z)")
HTML_START_RE = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b",
                           re.IGNORECASE | re.DOTALL)
HTML_FRAME_RE = re.compile(r"<(head|body)\b[^>]*>", re.IGNORECASE)
HTML_BLOCK_END_RE = re.compile(r"</(p|div|article|section|main|h[1-6]|li|ul|ol|table)\s*>",
                               re.IGNORECASE)
JSON_OBJECT_START_RE = re.compile(r'\{\s*("|\})')
MIN_BLOCK_TAGS = 2


def hint_from_name(name: str) -> str | None:
    """The format a file's extension suggests, or None.

    Args:
        name: the file name or path.
    """
    return EXTENSION_HINTS.get(PurePath(name).suffix.lower())


def detect_format(head: bytes, name: str, complete: bool) -> str:
    """The format of an input from its first bytes, its name as a hint.

    Args:
        head: the first bytes of the input.
        name: the file name (its extension is a hint); `<stdin>` gives none.
        complete: whether `head` is the whole input.
    Returns:
        One of `record`, `jsonl`, `html`, `text`.
    """
    preview = decode_preview(head)
    if RECORD_RE.match(preview):
        found = "record"
    elif looks_like_jsonl(preview, complete):
        found = "jsonl"
    elif looks_like_html(preview):
        found = "html"
    else:
        found = hint_from_name(name) or "text"
    LOGGER.debug("%s: detected format %s", name, found)
    return found


def looks_like_jsonl(preview: str, complete: bool) -> bool:
    """Whether the first non-blank line is a JSON object.

    Args:
        preview: the decoded start of the input.
        complete: whether `preview` is the whole input (else its last line may be cut).
    """
    lines = preview.lstrip().split("\n", 1)
    first = lines[0].strip()
    if not first.startswith("{"):
        return False
    if len(lines) == 1 and not complete:  # cut off inside the first line
        return JSON_OBJECT_START_RE.match(first) is not None
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def looks_like_html(preview: str) -> bool:
    """Whether the text is an HTML document or a fragment with clear HTML structure.

    Args:
        preview: the decoded start of the input.
    """
    if HTML_START_RE.match(preview):
        return True
    if not preview.lstrip().startswith("<"):
        return False
    return bool(HTML_FRAME_RE.search(preview)) or \
        len(HTML_BLOCK_END_RE.findall(preview)) >= MIN_BLOCK_TAGS
