"""The class of a framing item that its confidence is read for: what it is and how it was
found, in terms a reader can check on the page.

A class is the technique, the rule that found the item (`found_by` without the cue word
after its colon: "doubt_cue", not "doubt_cue:allegedly"), whose voice it is in (the
author's or a quoted speaker's) and the kind of sentence it ends in (a question, an
exclamation or a statement). Everything is read from the record and the article's text,
so the calibration (`benchmarks/calibrate_framing.py`) can class the items of stored
output exactly as the pipeline classes them when it runs.

Classes are nested, coarsest first: the technique; the technique and rule; those and the
voice; those and the sentence kind (`levels`). The confidence table holds a figure for each
level a tune item fell in, and an item takes the figure of the finest level listed.
"""
from __future__ import annotations

import re
from typing import Optional

SENTENCE_END = re.compile(r"[.!?](?=[\"”’')\]]*(?:\s|$))|\n")
SENTENCE_KINDS = {"?": "question", "!": "exclamation"}
# A full stop after an initial ("U.S.", "J. Smith") or a title ends no sentence.
ABBREVIATED = re.compile(r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|Prof|No|vs))$")


def sentence_kind(text: str, end: int) -> str:
    """"question", "exclamation" or "statement": the mark that ends the sentence the item
    ends in (the first sentence end at or after `end`; a line break ends a headline)."""
    for m in SENTENCE_END.finditer(text, max(end - 1, 0)):
        if m.group() == "." and ABBREVIATED.search(text, max(m.start() - 5, 0), m.start()):
            continue
        return SENTENCE_KINDS.get(m.group(), "statement")
    return "statement"


def rule_family(found_by: Optional[str]) -> str:
    """The rule without the cue word that fired it: "fear_cue:deadly" -> "fear_cue"."""
    return (found_by or "").split(":", 1)[0]


def levels(technique: str, found_by: Optional[str], voice: Optional[str], text: str, end: int) -> list[str]:
    """The item's classes, coarsest first, as table keys ("loaded_language|loaded_verb|author|statement")."""
    parts = [technique, rule_family(found_by), voice or "author", sentence_kind(text, end)]
    return ["|".join(parts[:k]) for k in range(1, len(parts) + 1)]
