"""Whose voice a stretch of the text is in: the author's, or someone the author quotes.

Layers that read wording (framing, tone) tell the two apart, so that an outlet is not
credited with the loaded words of the people it quotes. A quote of kind `direct`,
`partial` or `block` (an excerpt of another outlet) is someone else's voice; a `scare`
quote is the author's own word held at a distance, so it stays the author's voice.
"""
from __future__ import annotations

import bisect
from typing import Iterable

AUTHOR = "author"
QUOTED = "quoted"
QUOTED_KINDS = frozenset({"direct", "partial", "block"})


def quoted_ranges(quotes: Iterable) -> list[tuple[int, int]]:
    """The character ranges of the quotes in someone else's voice, sorted and merged (a
    quote may sit inside a block excerpt).

    Args:
        quotes: the quotes layer (records with `start`, `end` and `kind`).
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted((q.start, q.end) for q in quotes if q.kind in QUOTED_KINDS):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def voice_of(start: int, end: int, ranges: list[tuple[int, int]]) -> str:
    """`quoted` when most of `[start, end)` lies inside `ranges`, else `author`.

    Most, not all: a span may take in the quote's own marks ("'thugs'"), or a clause may
    run from a quote into its attribution ("… a massacre," he said), and it is still the
    speaker's wording; a narrated sentence holding a short partial quote stays the author's.
    """
    return QUOTED if 2 * _covered(start, end, ranges) > end - start else AUTHOR


def in_quote(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether the character at `pos` lies inside one of the sorted, disjoint `ranges`."""
    k = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= pos < ranges[k][1]


def _covered(start: int, end: int, ranges: list[tuple[int, int]]) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in ranges)
