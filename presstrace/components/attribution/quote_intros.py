"""Attributions beyond the quote's own sentence: a colon intro (`Read his statement:`), a
signature line (`— Jane Doe, Kyiv`), or the source the paragraph before reports."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Token

from ..common.constants import FINITE_TAGS
from ..common.quotemarks import QuoteSpan
from ..common.speech import SPEECH_NOUNS, according_to, channel_of
from ..common.syntax import subject_of, tokens_between
from .quote_cues import NOT_SPEAKERS, NP_POS, is_cue_verb, last_verb_subject
from .quote_text import Found, fills_its_paragraph, inside_quote, last_sentence_start, line_end


def colon_intro(doc: Doc, text: str, q: QuoteSpan, line_start: int, spans: list[QuoteSpan]) -> Optional[Found]:
    """`X wrote:` then a paragraph that opens with the quote: the intro names the speaker."""
    if text[line_start:q.open_at].strip():
        return None
    prev_end = len(text[:line_start].rstrip())
    if not text[:prev_end].endswith(":"):
        return None
    intro = tokens_between(doc, text.rfind("\n", 0, prev_end) + 1, prev_end)
    verbs = [t for t in intro if is_cue_verb(t, beliefs=True)]
    subject = subject_of(verbs[-1]) if verbs else None
    if subject is None:
        subject = according_to(intro) or last_verb_subject(intro, spans) or _text_introduced(intro)
    if subject is None or inside_quote(subject.idx, spans):
        return None
    return Found(q, verbs[-1] if verbs else None, subject, channel_of(intro.text), how="intro")


# Nouns naming a text whose words a colon intro sets out ("Partial transcript as follows:").
TEXT_NOUNS = SPEECH_NOUNS | {"transcript", "excerpt", "text", "update", "passage", "email", "memo", "release"}


def _text_introduced(intro) -> Optional[Token]:
    """A colon intro with no speaker that names the text it sets out: a verbless heading
    ("Partial transcript as follows:") or an imperative with the text as object ("Read the
    latest updates below:"). The text is then the source of what follows."""
    if not len(intro):
        return None
    root = intro.root
    if root.pos_ == "VERB" and root.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux") for c in root.children):
        root = next((c for c in root.children if c.dep_ == "dobj"), root)
    return root if root.pos_ == "NOUN" and root.lemma_.lower() in TEXT_NOUNS else None


def paragraph_before(doc: Doc, text: str, q: QuoteSpan, line_start: int,
                      spans: list[QuoteSpan]) -> Optional[Found]:
    """`Ash argued in his email that the incident shows why …` / `“In light of this …”`: a
    quote paragraph with no attribution of its own, right after a paragraph whose last
    sentence reports what someone said or thinks without quoting it, is that source's."""
    if text[line_start:q.open_at].strip() or not fills_its_paragraph(text, q):
        return None
    prev_end = len(text[:line_start].rstrip())
    prev_start = last_sentence_start(text, text.rfind("\n", 0, prev_end) + 1, prev_end)
    if prev_end <= prev_start or any(s.open_at < prev_end and (s.close_at or s.end) >= prev_start for s in spans):
        return None  # the sentence quotes someone itself: the quote's source is left to the layout rules
    verbs = [t for t in tokens_between(doc, prev_start, prev_end) if is_cue_verb(t, beliefs=True)]
    if not verbs:
        return None
    verb = min(verbs, key=lambda t: len(list(t.ancestors)))  # the main clause's, not a reported one's
    subject = subject_of(verb)
    if subject is None or subject.lower_ in NOT_SPEAKERS or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return Found(q, verb, subject, channel_of(text[prev_start:prev_end]), how="paragraph")


SIGNATURE = re.compile(r"\n\s*[—–-]+ ?(?=[A-Z])")


def signature_line(doc: Doc, text: str, q: QuoteSpan, line_start: int) -> Optional[Found]:
    """A quote that fills its paragraph, signed on the next line with a dash and a name and
    no clause of its own (`"…"` / `— President Obama, tweeting after the speech.`)."""
    if text[line_start:q.open_at].strip():
        return None
    end = line_end(text, q.end)
    if text[q.close_at + 1 if q.close_at is not None else q.end:end].strip(" .,\t\"”"):
        return None  # more text follows the quote on its line
    m = SIGNATURE.match(text, end)
    if m is None:
        return None
    head = _signature_head(tokens_between(doc, m.end(), line_end(text, m.end())))
    return Found(q, None, head, None, how="signature") if head is not None else None


def _signature_head(line) -> Optional[Token]:
    """The name a signature line opens with ("Dean Lowe, Center for Tax Policy"): a line
    of a few words with no finite verb, whose first noun phrase ends in a proper name."""
    if not len(line) or len(line) > 20 or any(t.tag_ in FINITE_TAGS for t in line):
        return None
    head = None
    for tok in line:
        if tok.pos_ not in NP_POS:
            break
        if tok.pos_ in ("PROPN", "NOUN"):
            head = tok
    if head is None or (head.pos_ != "PROPN" and head.ent_type_ != "PERSON"):
        return None  # a signature names someone
    return head


def wrapped_signature(doc: Doc, text: str, q: QuoteSpan) -> Optional[tuple[QuoteSpan, Token]]:
    """A pull quote whose marks wrap its signature line too (`"Budgets matter.` / `Jane
    Porter, Institute for Fiscal Studies."`): the quote ends at the line break and the name
    on the last line is its speaker. Only for a quote that opens its paragraph and is closed."""
    line_start = text.rfind("\n", 0, q.open_at) + 1
    if q.close_at is None or text[line_start:q.open_at].strip():
        return None
    cut = text.rfind("\n", q.start, q.end)
    if cut <= q.start:
        return None
    sig_start = cut + 1 + (len(text[cut + 1:q.end]) - len(text[cut + 1:q.end].lstrip()))
    head = _signature_head(tokens_between(doc, sig_start, q.end))
    end = len(text[:cut].rstrip())
    if head is None or end <= q.start:
        return None
    return QuoteSpan(q.start, end, q.open_at, None, q.mark), head
