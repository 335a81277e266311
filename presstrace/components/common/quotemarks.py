"""Find stretches of text inside quotation marks: straight and curly doubles, guillemets,
and single marks used as quotes (British style, scare quotes).

News mixes straight and curly marks and, when a quote runs over several paragraphs, opens
it again at each paragraph and closes it only at the end; so an unclosed quote ends at its
paragraph break and never swallows the rest of the article. Single marks count only where
they cannot be apostrophes ("don’t", "troops’") and only outside double-quoted text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

OPENERS = {'"': '"', "“": "”", "«": "»", "„": "“"}
PARAGRAPH = re.compile(r"\n\s*\n")
# A single-mark quote: opened after a space or bracket, closed before a non-letter.
SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))(['‘])(?=[^\s'‘’])([^\n'‘’]{1,300}?[^\s'‘’])(['’])(?![\w])")
MAX_SINGLE_WORDS = {"'": 12, "‘": 80}


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted content `[start, end)` (marks excluded) and where its marks stand."""
    start: int
    end: int
    open_at: int
    close_at: Optional[int]  # None when the quote ran to its paragraph's end unclosed
    mark: str


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quoted stretch of `text`, in order."""
    doubles = [q for para in _paragraphs(text) for q in _doubles_in(text, *para)]
    singles = [q for q in _singles(text) if not any(d.open_at <= q.open_at <= (d.close_at or d.end) for d in doubles)]
    return sorted(doubles + singles, key=lambda q: q.start)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges `[start, end)` of quoted content, marks excluded."""
    return [(q.start, q.end) for q in find_quotes(text)]


def _paragraphs(text: str):
    start = 0
    for m in PARAGRAPH.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _doubles_in(text: str, start: int, end: int) -> list[QuoteSpan]:
    out, i = [], start
    while i < end:
        ch = text[i]
        if ch not in OPENERS or (ch == '"' and _is_inch_mark(text, i)):
            i += 1
            continue
        closers = {OPENERS[ch], '"'} if ch == "“" else {OPENERS[ch]}
        j = next((k for k in range(i + 1, end) if text[k] in closers or (ch == "“" and _turned_closer(text, k))
                  or (ch == '"' and text[k] == "”" and "“" not in text[i + 1:k])), None)
        stop = end if j is None else j
        content_end = len(text[i + 1:stop].rstrip()) + i + 1
        if content_end > i + 1:
            out.append(QuoteSpan(i + 1, content_end, i, j, ch))
        i = stop + 1
    return out


def _singles(text: str) -> list[QuoteSpan]:
    out = []
    for m in SINGLE.finditer(text):
        if len(m.group(2).split()) <= MAX_SINGLE_WORDS[m.group(1)]:
            out.append(QuoteSpan(m.start(2), m.end(2), m.start(1), m.start(3), m.group(1)))
    return out


def _turned_closer(text: str, k: int) -> bool:
    """`“It's unusual,“ said X`: an opening curly mark typed where the closing one belongs.
    It closes when it is glued to the words before it and followed by a space or the end,
    the shape of a closing mark, never of an opening one (`said “It`)."""
    return (text[k] == "“" and k > 0 and not text[k - 1].isspace()
            and (k + 1 == len(text) or text[k + 1].isspace()))


def _is_inch_mark(text: str, i: int) -> bool:
    """A straight double mark right after a digit (6'2") is a unit, not a quote."""
    return i > 0 and text[i - 1].isdigit() and (i + 1 == len(text) or not text[i + 1].isalnum())
