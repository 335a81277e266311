"""Find stretches of text inside quotation marks: straight and curly doubles, guillemets,
and single marks used as quotes (British style, scare quotes).

News mixes straight and curly marks and, when a quote runs over several paragraphs, opens
it again at each paragraph and closes it only at the end; so an unclosed quote ends at its
paragraph break and never swallows the rest of the article. Scrapers often join paragraphs
with a space, so the same holds where a new opening mark follows the end of a sentence
inside an open quote (`…first paragraph. “Second …”`): the quote ends there and a new one
opens. A straight mark's shape tells which way it faces: after a space and before a word it
opens, after a word or punctuation and before a space it closes; a mark that can only close
opens nothing. Single marks count only where they cannot be apostrophes ("don’t",
"troops’") and only outside double-quoted text.
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
# The end of a sentence, before a closing mark that a scraper may have left out.
TERMINAL_END = re.compile(r"[.!?…][\"'’”)\]]*$")


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
        if ch not in OPENERS or (ch == '"' and (_is_inch_mark(text, i) or _only_closes(text, i))):
            i += 1
            continue
        j, reopens = _closing(text, i, end)
        stop = end if j is None else j
        content_end = len(text[i + 1:stop].rstrip()) + i + 1
        if content_end > i + 1:
            out.append(QuoteSpan(i + 1, content_end, i, None if reopens else j, ch))
        i = stop if reopens else stop + 1
    return out


def _closing(text: str, i: int, end: int) -> tuple[Optional[int], bool]:
    """Where the quote opened at `i` stops, and whether a new quote opens there (a paragraph
    joined to the previous one) rather than the mark closing this one."""
    ch = text[i]
    closers = {OPENERS[ch], '"'} if ch == "“" else {OPENERS[ch]}
    for k in range(i + 1, end):
        mark = text[k]
        if (mark == ch or mark == '"') and _reopens(text, i, k):
            return k, True
        if mark in closers or (ch == "“" and _turned_closer(text, k)) \
                or (ch == '"' and mark == "”" and "“" not in text[i + 1:k]):
            return k, False
    return None, False


def _reopens(text: str, i: int, k: int) -> bool:
    """The mark at `k`, inside the quote opened at `i`, opens a new quote: it faces forward
    (a space before it, a word after it) and the quote so far ends a sentence."""
    if not _only_opens(text, k):
        return False
    return bool(TERMINAL_END.search(text[i + 1:k].rstrip()))


def _only_opens(text: str, k: int) -> bool:
    """A mark with a space (or nothing) before it and a letter or digit after it."""
    return (k == 0 or text[k - 1].isspace()) and k + 1 < len(text) and text[k + 1].isalnum()


def _only_closes(text: str, k: int) -> bool:
    """A straight mark glued to the word or punctuation before it, with a space (or
    nothing) after it: it can close a quote but never opens one."""
    return (k > 0 and not text[k - 1].isspace() and text[k - 1] not in "([{—–-/"
            and (k + 1 == len(text) or text[k + 1].isspace()))


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
