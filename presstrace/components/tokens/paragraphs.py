"""Sentence starts at paragraph breaks, set before the parser so it cannot merge paragraphs.

en_core_web_sm happily runs one sentence across several paragraphs (the seed loses four
paragraphs that way), which wrecks attribution. A blank line always starts a sentence; a
single line break does too unless the text looks hard-wrapped (the line ends mid-sentence
and the next begins in lower case).
"""
from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from ..common.doc import doc_text

SENTENCE_END = set('.!?:;"”’»)]…')


@Language.component("paragraph_sentences", assigns=["token.is_sent_start"])
def paragraph_sentences(doc: Doc) -> Doc:
    """Mark the first token after each paragraph break as a sentence start."""
    text = doc_text(doc)
    # A token's trailing whitespace_ is one space at most, so a line break lies only in a
    # whitespace token: those few are found in one array pass, not by visiting every token.
    spaces = doc.to_array(IS_SPACE)
    for i in spaces[:-1].nonzero()[0].tolist():
        token = doc[i]
        if "\n" not in token.text:
            continue
        nxt = doc[i + 1]
        if nxt.is_space:
            continue
        if is_paragraph_break(text, token, nxt):
            nxt.is_sent_start = True
    return doc


def is_paragraph_break(text: str, token, nxt) -> bool:
    """True when the line break(s) between `token` and `nxt` end a paragraph."""
    gap = text[token.idx:nxt.idx]
    if gap.count("\n") >= 2:
        return True
    before = text[:token.idx + len(token.text)].rstrip()
    if not before:
        return True
    hard_wrapped = before[-1] not in SENTENCE_END and nxt.text[:1].islower()
    return not hard_wrapped
