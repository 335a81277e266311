"""Hedging: the author's sentences that soften a statement or rest on a vague source.

One measure for both profiles: a sentence in the author's voice counts once when it holds a
hedge cue of the framing lexicon ("reportedly", "it is believed", "by many accounts") or a
claim whose source is vague ("war analysts say", "widespread reports"). The sourcing profile
stores it (`hedged`, `hedged_sentences`) and the framing profile reports the same figure,
so the two cannot disagree; the framing layer's `hedge` spans are the cue words behind it.
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from ...records import Claim
from ..common.doc import doc_text
from ..common.voice import in_quote
from ..framing.lexicon import framing_lexicon
from ..framing.naming import hedges


def hedged_sentences(doc: Doc, claims: Iterable[Claim], quoted: list[tuple[int, int]],
                     content: list[tuple[int, int]]) -> int:
    """How many `content` sentences (char ranges) hedge or source vaguely in the author's voice."""
    cues = [c.start for c in hedges(doc, framing_lexicon(), doc_text(doc)) if not in_quote(c.start, quoted)]
    cues += [_anchor(c) for c in claims if c.source.kind == "vague" and not in_quote(_anchor(c), quoted)]
    return sum(any(a <= pos < b for pos in cues) for a, b in content)


def _anchor(claim: Claim) -> int:
    """Where the vague sourcing is written: its source phrase, else its cue, else the claim."""
    for part in (claim.source, claim.cue):
        if part is not None and part.start is not None and part.end:
            return part.start
    return claim.start
