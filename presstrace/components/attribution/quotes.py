"""Quotes layer: every quotation with its kind, speaker, cue and channel.

For each quoted stretch the attribution is sought next to it, in the same paragraph: after
the closing mark up to the end of that sentence (`"…," Kariakin said`, `"…" - Trump ended
with`, a partial quote inside reported speech) and before the opening mark back to the
previous sentence end or quote (`he stated in all caps, "…"`, `before continuing, "…"`).
A quote with no attribution of its own continues the previous speaker's words when it
follows that speaker's quote in the same paragraph, or fills the next paragraph. A short
quote nobody is said to have said is a scare quote. A paragraph after one that ends with a
colon and names a source with a speech verb is a block excerpt of that source.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...records import Quote, Speaker, TextSpan
from ..common.doc import contract, doc_text, get_layer, noncontent_ranges, set_layer
from ..common.entity_index import EntityIndex
from ..common.lexicons import is_demonym
from ..common.sources import Who, can_speak, possessor, who_is
from ..common.quotemarks import QuoteSpan, find_quotes
from ..common.speech import according_to, channel_of, cue_span, is_speech_verb
from ..common.syntax import description, relative_pronoun, subject_of, tokens_between
from .quote_cues import (governing_cue, governor_subject, governs, last_verb_subject, reporting_speaker,
                         search_windows)
from .quote_intros import colon_intro, paragraph_before, signature_line, wrapped_signature
from .confidence import speaker_confidence
from .quote_text import (Found, embedded, fills_its_paragraph, is_question, last_sentence_start, line_end,
                         sentence_end)

SCARE_MAX_WORDS = 4
# Titles and names in quotation marks: at most this many words, and the small words a
# title leaves in lower case.
NAME_MAX_WORDS = 6
TITLE_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "la", "von", "van"}


WINDOW = 250


@Language.factory("quotes", **contract(["quotes"], requires=["doc.sents"]),
                  default_config={"scare_max_words": SCARE_MAX_WORDS})
def make_quotes(nlp: Language, name: str, scare_max_words: int):
    """The quotes component; see `extract_quotes` for its setting."""
    def quotes_component(doc: Doc) -> Doc:
        skip = noncontent_ranges(doc)
        set_layer(doc, "quotes", extract_quotes(doc, get_layer(doc, "entities"), skip, scare_max_words))
        return doc
    return quotes_component


def extract_quotes(doc: Doc, entities: list, skip=(), scare_max_words: int = SCARE_MAX_WORDS) -> list[Quote]:
    """Quotes of `doc` in text order, ids Q1, Q2, ….

    Args:
        doc: the parsed document.
        entities: the entities layer (speakers resolve to these).
        skip: non-content character ranges; quotes there are ignored.
        scare_max_words: a quote nobody is said to have said is a scare quote up to this
            many words ("the 'special operation'"), a direct quote beyond.
    """
    text = doc_text(doc)
    spans = [q for q in find_quotes(text) if not any(a <= q.start < b for a, b in skip)]
    signed = {}
    for k, q in enumerate(spans):
        wrapped = wrapped_signature(doc, text, q)
        if wrapped is not None:
            spans[k], signed[k] = wrapped
    found = [Found(q, None, signed[k], None, how="signature") if k in signed else attribute(doc, text, q, spans)
             for k, q in enumerate(spans)]
    inherit_speakers(text, found)
    index = EntityIndex(entities)
    quotes = [to_quote(doc, text, f, index, scare_max_words) for f in found]
    quotes += block_excerpts(doc, text, spans, index, skip)
    quotes.sort(key=lambda q: q.start)
    carry_channels(text, quotes)
    for k, q in enumerate(quotes, 1):
        q.id = f"Q{k}"
    return quotes


def attribute(doc: Doc, text: str, q: QuoteSpan, spans: list[QuoteSpan]) -> Found:
    """Look for the speech verb after the quote and before it, then in the sentence before."""
    line_start = text.rfind("\n", 0, q.open_at) + 1
    after = (q.close_at + 1) if q.close_at is not None else q.end
    post = (after, sentence_end(text, after, spans, min(line_end(text, q.end), after + WINDOW)))
    prev = max([(s.close_at if s.close_at is not None else s.end) + 1 for s in spans if s.end <= q.open_at]
               + [line_start, q.open_at - WINDOW])
    pre = (last_sentence_start(text, prev, q.open_at), q.open_at)
    if embedded(text, q):  # `Reynolds says that Santilli "broke the story"`: the governing verb
        found = governing_cue(doc, q, spans)
        if found is not None:
            return Found(q, found[0], found[1], channel_of(text[pre[0]:post[1]]), how="governing")
    if text[pre[0]:pre[1]].rstrip().endswith(":"):  # `X scolded him: "…"` names X
        subject = last_verb_subject(tokens_between(doc, *pre), spans)
        if subject is not None:
            # `…: "…," he claimed.`: a speech verb right after the quote still says who spoke
            found = search_windows(doc, text, q, spans, [(post, True)], (pre, post), after)
            if found is not None:
                return found
            verbs = [t for t in tokens_between(doc, *pre) if t.pos_ in ("VERB", "AUX")]
            verb, subject = reporting_speaker(verbs[-1], spans) or (verbs[-1], subject)
            return Found(q, verb, subject, channel_of(text[pre[0]:pre[1]]), how="colon")
    windows = [(post, True), (pre, False)]
    if text[pre[0]:pre[1]].rstrip()[-1:] in (":", ","):
        windows.reverse()
    if pre[0] > prev:  # the sentence before, in the same paragraph ("X agreed. \"…\"")
        windows.append(((last_sentence_start(text, prev, pre[0] - 1), pre[0]), False))
    found = search_windows(doc, text, q, spans, windows, (pre, post), after)
    if found is not None and embedded(text, q) and not governs(found.verb, doc, q):
        # `Trump defended his manager as a "very decent man" hours after the aide was charged`:
        # a speech verb in another clause does not report a quote that a verb of its own holds
        governor = governor_subject(doc, q, spans)
        if governor is not None:
            return Found(q, None, governor, found.channel, how="governor")
    if found is not None:
        return found
    intro = colon_intro(doc, text, q, line_start, spans) or signature_line(doc, text, q, line_start)
    if intro is not None:
        return intro
    source, how = according_to(list(tokens_between(doc, *post)) + list(tokens_between(doc, *pre))), "according"
    if source is None and embedded(text, q):
        source, how = governor_subject(doc, q, spans), "governor"  # `He voiced a wish for a "strong …"`
    if source is None:
        return paragraph_before(doc, text, q, line_start, spans) or Found(q, None, None, None)
    return Found(q, None, source, None, how=how)


def inherit_speakers(text: str, found: list[Found]) -> None:
    """Unattributed quotes continue the previous quote's speaker where the layout says so;
    a quote left open at its paragraph's end takes the speaker of the quote that goes on."""
    for cur, nxt in reversed(list(zip(found, found[1:]))):
        if cur.speaker is None and cur.quote.close_at is None and (nxt.speaker is not None or nxt.inherited):
            if text.count("\n", cur.quote.end, nxt.quote.open_at) <= 2:
                cur.inherited = nxt.inherited or nxt
    for prev, cur in zip(found, found[1:]):
        if cur.verb is not None or cur.speaker is not None or cur.inherited is not None:
            continue
        source = prev.inherited or prev
        if source.speaker is None or cur.quote.start - prev.quote.end > 600:
            continue
        between = text[(prev.quote.close_at or prev.quote.end):cur.quote.open_at]
        same_paragraph = "\n" not in between
        fills_paragraph = between.count("\n") <= 2 and fills_its_paragraph(text, cur.quote)
        if same_paragraph or fills_paragraph:
            cur.inherited = source
    for cur, nxt in zip(found, found[1:]):
        if cur.speaker is None and cur.inherited is None and _signed_in_next_paragraph(text, cur, nxt):
            cur.inherited = nxt


def _signed_in_next_paragraph(text: str, cur: Found, nxt: Found) -> bool:
    """`“…”` / `“…,” Viguerie notes.`: a quote paragraph nobody is said to have said, right
    before a quote paragraph attributed just after its first quote, is the same speaker's:
    the reporter lets one attribution serve a run of quote paragraphs."""
    if nxt.speaker is None or nxt.verb is None or not fills_its_paragraph(text, cur.quote):
        return False
    between = text[(cur.quote.close_at or cur.quote.end) + 1:nxt.quote.open_at]
    if between.strip() or not 1 <= between.count("\n") <= 2:
        return False
    if is_question(text, cur.quote) != is_question(text, nxt.quote):
        return False  # an answer and a question are two sides of an interview
    return text.rfind("\n", 0, nxt.speaker.idx) < nxt.quote.open_at


def to_quote(doc: Doc, text: str, f: Found, index: EntityIndex, scare_max_words: int = SCARE_MAX_WORDS) -> Quote:
    q = f.quote
    if is_name(text[q.start:q.end]) and not _in_headline(text, q):  # nobody says a title
        return Quote(start=q.start, end=q.end, text=text[q.start:q.end], kind="scare")
    source = f.inherited or f
    speaker = _attributed_speaker(text, source, index) if source.speaker is not None else None
    if speaker is not None:
        speaker.confidence = speaker_confidence("inherited" if f.inherited else f.how, speaker)
    cue = None
    if f.verb is not None:
        span = cue_span(f.verb)
        cue = TextSpan(span.start_char, span.end_char, span.text)
    return Quote(start=q.start, end=q.end, text=text[q.start:q.end], speaker=speaker, cue=cue,
                 channel=source.channel,
                 kind=_kind(text, q, source.speaker is not None or f.verb is not None, scare_max_words))


def _attributed_speaker(text: str, source: Found, index: EntityIndex) -> Optional[Speaker]:
    """The speaker the attribution's subject names, if it is someone who can speak: a
    nationality is not ("Ukrainians got “special treatment”"), nor is `"…" the incident
    showed`; `Rubio's catch phrase, "…"` is its owner's words."""
    who = who_is(source.speaker, index)
    if is_demonym(who.head.text):
        return None
    if can_speak(who):
        return _speaker(text, source.speaker, index, source.verb, who)
    owner = possessor(who.head)
    return _speaker(text, owner, index) if owner is not None else None


def _in_headline(text: str, q: QuoteSpan) -> bool:
    """The quote stands in a line set in title case (a headline capitalises its words, so
    there a capitalised quote is speech): four in five of the line's other words, at least
    three of them, begin with a capital."""
    start = text.rfind("\n", 0, q.open_at) + 1
    end = text.find("\n", q.end)
    line = text[start:q.open_at] + " " + text[q.end + 1:len(text) if end == -1 else end]
    words = re.findall(r"[^\W\d_][\w’'-]*", line)
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def is_name(content: str) -> bool:
    """Quoted words that are a name or a title, not speech: a few capitalised words with no
    sentence punctuation ("This Week", "The Faulkner Focus", "Beryozkas", "BINUH"), small
    words of a title allowed ("Bank of England"). A shouted line in capitals is speech."""
    words = content.split()
    if not 1 <= len(words) <= NAME_MAX_WORDS or content.rstrip()[-1:] in ".,;:!?…-–—":
        return False
    if len(words) > 2 and all(w.isupper() for w in words):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in words) \
        and words[0][:1].isupper()


def carry_channels(text: str, quotes: list[Quote]) -> None:
    """A speaker's quotes with no channel of their own keep the one just named for them
    (a statement that "began" on Truth Social goes on there), within three paragraphs."""
    last: dict[str, Quote] = {}
    for q in quotes:
        key = q.speaker.entity if q.speaker else None
        if key is None:
            continue
        prev = last.get(key)
        if q.channel is None and prev is not None and prev.channel and text.count("\n", prev.end, q.start) <= 6:
            q.channel = prev.channel
        last[key] = q


def _speaker(text: str, tok: Token, index: EntityIndex, verb: Optional[Token] = None,
             who: Optional[Who] = None) -> Speaker:
    """The speaker mention (the relative pronoun in "Obama, who called it “unfit”") and the
    entity it resolves to (through the noun the pronoun hangs on); `who` is `tok`'s, when
    the caller has it already."""
    rel = relative_pronoun(verb, tok) if verb is not None else None
    who = who if who is not None else who_is(tok, index)
    start, end = (rel.idx, rel.idx + len(rel)) if rel is not None else (who.span.start_char, who.span.end_char)
    # a speaker is named by its entity unless that is a people; the head's own NER label,
    # which claims also weigh, is not consulted here
    ent = who.entity
    return Speaker(start=start, end=end, text=text[start:end], entity=ent.id if ent else None,
                   name=ent.name if ent is not None and ent.label != "NORP" else description(who.span))


def _kind(text: str, q: QuoteSpan, attributed: bool, scare_max_words: int) -> str:
    words = text[q.start:q.end].split()
    if not attributed:
        return "scare" if len(words) <= scare_max_words else "direct"
    if embedded(text, q) and (text[q.start:q.start + 1].islower() or len(words) <= 6):
        return "partial"
    return "direct"


def block_excerpts(doc: Doc, text: str, spans: list[QuoteSpan], index: EntityIndex, skip) -> list[Quote]:
    """Paragraphs set off by a colon after a source and a speech verb: block quotes."""
    out = []
    for m in re.finditer(r":[ \t]*\n\s*\n?", text):
        intro = tokens_between(doc, text.rfind("\n", 0, m.start()) + 1, m.start())
        verbs = [t for t in intro if is_speech_verb(t)]
        subject = subject_of(verbs[-1]) if verbs else None
        start = m.end()
        end = line_end(text, start)
        para = text[start:end].rstrip()
        if subject is None or not para or para[:1] in "\"“«'‘" or any(a <= start < b for a, b in skip):
            continue
        if any(s.open_at >= start and s.start < start + len(para) for s in spans):
            continue  # the paragraph quotes someone itself
        cue = cue_span(verbs[-1])
        out.append(Quote(start=start, end=start + len(para), text=para, speaker=_speaker(text, subject, index),
                         cue=TextSpan(cue.start_char, cue.end_char, cue.text), channel=None, kind="block"))
    return out
