"""The sourcing profile of an article: how much of it rests on named, vague or no sources.

Shares are of the article's content characters (non-content such as credits left out).
Each character counts once, by the strongest attribution covering it: a quote or claim
with a named source, then one with a vague source; the rest is unattributed. `quoted` is
the share inside quotation marks (scare quotes aside). `hedged_sentences` counts the
author's sentences that hedge or rest on a vague source (`hedging.py`), `hedged` their share
of the content sentences: the one hedging measure the framing profile reports too.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ...records import Claim, Quote, Sourcing
from ..common.doc import doc_text
from ..common.voice import quoted_ranges
from .hedging import hedged_sentences

UNATTRIBUTED, VAGUE, NAMED = 0, 1, 2


def sourcing_profile(doc: Doc, quotes: list[Quote], claims: list[Claim], skip=()) -> Sourcing:
    """Named / vague / unattributed / quoted shares and speakers' quote counts."""
    content = [(s.start_char, s.end_char) for s in doc.sents if not any(a <= s.start_char < b for a, b in skip)]
    total = sum(b - a for a, b in content)
    if not total:
        return Sourcing()
    marks = [(q.start, q.end, NAMED if q.speaker and q.speaker.entity else VAGUE if q.speaker else UNATTRIBUTED)
             for q in quotes if q.kind != "scare"]
    marks += [(c.start, c.end, {"named": NAMED, "vague": VAGUE}.get(c.source.kind, UNATTRIBUTED)) for c in claims]
    level = bytearray(len(doc_text(doc)))
    for start, end, value in sorted(marks, key=lambda m: m[2]):  # stronger sources written last win
        level[start:end] = bytes([value]) * (end - start)
    quoted = sum(q.end - q.start for q in quotes if q.kind != "scare")
    counts = Counter(b for a, z in content for b in level[a:z])
    speakers = Counter(q.speaker.name for q in quotes if q.kind != "scare" and q.speaker and q.speaker.name)
    hedged = hedged_sentences(doc, claims, quoted_ranges(quotes), content)
    return Sourcing(named=round(counts[NAMED] / total, 4), vague=round(counts[VAGUE] / total, 4),
                    unattributed=round(counts[UNATTRIBUTED] / total, 4), quoted=round(min(1.0, quoted / total), 4),
                    quoted_speakers=dict(speakers.most_common()), hedged_sentences=hedged,
                    hedged=round(hedged / len(content), 4))

