"""Where a claim's content ends: the clause a speech verb reports, without what the
author adds after it.

A reporter hangs background on the end of reported content: a relative clause or an
appositive set off by a comma ("…lead over Ted Cruz, who has 700 delegates"), an adverbial
clause after a comma about the act of saying ("…would never quit, as he left the stage"),
or a second verb phrase of the speaker's own ("suggested the writer be fired and defended
the candidate"). Those are the author's words, not the source's.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

RELATIVE_WORDS = {"who", "whom", "whose", "which", "where", "when"}
ASIDE_BREAKS = {",", "—", "–", "-", ";"}


def without_asides(content: Span, head: Token, verb: Token) -> Span:
    """`content` (the subtree of `head`, what `verb` reports) cut before the first aside."""
    doc = content.doc
    cut = content.end
    for tok in content:
        if tok.i <= head.i:
            continue
        start = _aside_start(tok, content, head, verb)
        if start is not None and start < cut:
            cut = start
    while cut > content.start and doc[cut - 1].is_punct:
        cut -= 1
    return doc[content.start:cut]


def _aside_start(tok: Token, content: Span, head: Token, verb: Token) -> Optional[int]:
    """The index an aside headed by `tok` starts at (its comma or conjunction), if it is one."""
    doc = tok.doc
    left = tok.left_edge.i
    before = doc[left - 1] if left > content.start else None
    runs_to_end = tok.right_edge.i >= content.end - 1
    if not runs_to_end or before is None:
        return None
    if _sets_off(before):
        if tok.dep_ == "relcl" and doc[left].lower_ in RELATIVE_WORDS:
            return left - 1  # ", who has a significant lead": the author's background on a noun
        if tok.dep_ in ("appos", "npadvmod") and tok.head.i >= head.i and tok.head.pos_ in ("NOUN", "PROPN"):
            return left - 1  # ", the latter a reference to …"
        if tok.dep_ == "advcl" and tok.head.i == head.i:
            return left - 1  # ", as he charged into …": when or how it was said
    if tok.dep_ == "conj" and tok.head.i == head.i and _speakers_own(tok, head, verb):
        cc = [c for c in tok.head.children if c.dep_ == "cc" and head.i < c.i < tok.i]
        return cc[-1].i if cc else left
    return None


def _sets_off(tok: Token) -> bool:
    """A comma, semicolon or dash between words; not the hyphen inside "re-equipping"."""
    if tok.text not in ASIDE_BREAKS:
        return False
    return tok.text != "-" or (tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_))


def _speakers_own(conj: Token, head: Token, verb: Token) -> bool:
    """A verb phrase joined to the reported clause that continues the speech verb instead:
    it has no subject of its own and takes the speech verb's form, which the reported verb
    does not have ("suggested the writer be fired and defended …")."""
    if conj.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
        return False
    return conj.tag_ == verb.tag_ and head.tag_ != verb.tag_
