"""Find stretches of text inside double quotation marks (straight, curly, guillemets).

News mixes straight and curly marks and leaves a quote open at a paragraph end when it
goes on in the next paragraph, so an unclosed quote ends at its paragraph break.
"""
from __future__ import annotations

import re

OPENERS = {'"': '"', "“": "”", "«": "»", "„": "“"}
PARAGRAPH = re.compile(r"\n\s*\n")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges `[start, end)` of quoted content, marks excluded."""
    out = []
    for para in _paragraphs(text):
        out.extend(_ranges_in(text, *para))
    return out


def _paragraphs(text: str):
    start = 0
    for m in PARAGRAPH.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _ranges_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, i = [], start
    while i < end:
        ch = text[i]
        if ch not in OPENERS or (ch == '"' and _is_inch_mark(text, i)):
            i += 1
            continue
        closers = {OPENERS[ch], '"'} if ch == "“" else {OPENERS[ch]}
        j = next((k for k in range(i + 1, end) if text[k] in closers), end)
        if j > i + 1:
            out.append((i + 1, j))
        i = j + 1
    return out


def _is_inch_mark(text: str, i: int) -> bool:
    """A straight double mark right after a digit (6'2") is a unit, not a quote."""
    return i > 0 and text[i - 1].isdigit() and (i + 1 == len(text) or not text[i + 1].isalnum())
