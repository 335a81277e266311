"""Where a quote stands in its text: sentence and line ends around it, whether it sits
inside a sentence of the writer's, and the `Found` record of who (if anyone) said it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from ..common.quotemarks import QuoteSpan
from ..common.speech import TERMINAL, next_terminal


@dataclass
class Found:
    """What the search next to one quote found."""
    quote: QuoteSpan
    verb: Optional[Token] = None
    speaker: Optional[Token] = None
    channel: Optional[str] = None
    inherited: Optional["Found"] = None
    # How the speaker was found: cue (a speech verb next to the quote), governing (the verb
    # whose object the quote is), colon, intro, signature, paragraph (the paragraph before
    # reports it), governor, according; a quote that inherits its speaker counts as
    # "inherited" for its confidence.
    how: str = "cue"


def embedded(text: str, q: QuoteSpan) -> bool:
    """A quote that stands inside running text (a word right before its opening mark)."""
    before = text[:q.open_at].rstrip()
    return bool(before) and before[-1].isalnum()


def sentence_end(text: str, start: int, spans: list[QuoteSpan], stop: int) -> int:
    """End of the sentence that goes on after a quote: quoted stretches are stepped over."""
    pos = start
    while pos < stop:
        m = next_terminal(text, pos, stop)
        if m is None:
            return stop
        inside = next((s for s in spans if s.start <= m.start() < s.end), None)
        if inside is None:
            return m.end()
        pos = max(m.end(), (inside.close_at or inside.end) + 1)
    return stop


def terminal(text: str, q: QuoteSpan) -> bool:
    return bool(TERMINAL.match(text, q.end - 1))


def last_sentence_start(text: str, floor: int, pos: int) -> int:
    """Where the sentence that ends at `pos` begins (not before `floor`)."""
    start = floor
    while True:
        m = next_terminal(text, start, pos)
        if m is None or m.end() >= pos:
            return start
        start = m.end()


def inside_quote(pos: int, spans: list[QuoteSpan]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def is_question(text: str, q: QuoteSpan) -> bool:
    return text[q.start:q.end].rstrip(" ,.").endswith("?")


def fills_its_paragraph(text: str, q: QuoteSpan) -> bool:
    start = text.rfind("\n", 0, q.open_at) + 1
    para = text[start:line_end(text, q.end)].strip()
    return bool(para) and (q.end - q.start) >= 0.7 * len(para)
