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
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...records import Quote, Speaker, TextSpan
from ..common.speech import (ASPECT_VERBS, SPEECH_NOUNS, TERMINAL, according_to, channel_of, cue_span,
                             is_speech_verb, next_terminal)
from ..common.entity_index import EntityIndex
from ..common.syntax import relative_pronoun, speaker_span, subject_of, tokens_between
from ..common.doc import contract, doc_text, ent_of_token, get_layer, set_layer
from ..common.quotemarks import QuoteSpan, find_quotes

SCARE_MAX_WORDS = 4
WINDOW = 250
POST_TERMINAL_TOKENS = 4
NOT_SPEAKERS = {"it", "this", "that", "which", "there", "what"}


@dataclass
class Found:
    """What the search next to one quote found."""
    quote: QuoteSpan
    verb: Optional[Token] = None
    speaker: Optional[Token] = None
    channel: Optional[str] = None
    inherited: Optional["Found"] = None


@Language.factory("quotes", **contract(["quotes"], requires=["doc.sents"]),
                  default_config={"scare_max_words": SCARE_MAX_WORDS})
def make_quotes(nlp: Language, name: str, scare_max_words: int):
    """The quotes component; see `extract_quotes` for its setting."""
    def quotes_component(doc: Doc) -> Doc:
        skip = [(n.start, n.end) for n in get_layer(doc, "noncontent")]
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
        wrapped = _wrapped_signature(doc, text, q)
        if wrapped is not None:
            spans[k], signed[k] = wrapped
    found = [Found(q, None, signed[k], None) if k in signed else attribute(doc, text, q, spans)
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
    post = (after, _sentence_end(text, after, spans, min(_line_end(text, q.end), after + WINDOW)))
    prev = max([(s.close_at if s.close_at is not None else s.end) + 1 for s in spans if s.end <= q.open_at]
               + [line_start, q.open_at - WINDOW])
    pre = (_last_sentence_start(text, prev, q.open_at), q.open_at)
    if _embedded(text, q):  # `Reynolds says that Santilli "broke the story"`: the governing verb
        found = _governing_cue(doc, q, spans)
        if found is not None:
            return Found(q, found[0], found[1], channel_of(text[pre[0]:post[1]]))
    if text[pre[0]:pre[1]].rstrip().endswith(":"):  # `X scolded him: "…"` names X
        subject = _last_verb_subject(tokens_between(doc, *pre), spans)
        if subject is not None:
            # `…: "…," he claimed.`: a speech verb right after the quote still says who spoke
            found = _search_windows(doc, text, q, spans, [(post, True)], (pre, post), after)
            if found is not None:
                return found
            verbs = [t for t in tokens_between(doc, *pre) if t.pos_ in ("VERB", "AUX")]
            verb, subject = _reporting_speaker(verbs[-1], spans) or (verbs[-1], subject)
            return Found(q, verb, subject, channel_of(text[pre[0]:pre[1]]))
    windows = [(post, True), (pre, False)]
    if text[pre[0]:pre[1]].rstrip()[-1:] in (":", ","):
        windows.reverse()
    if pre[0] > prev:  # the sentence before, in the same paragraph ("X agreed. \"…\"")
        windows.append(((_last_sentence_start(text, prev, pre[0] - 1), pre[0]), False))
    found = _search_windows(doc, text, q, spans, windows, (pre, post), after)
    if found is not None and _embedded(text, q) and not _governs(found.verb, doc, q):
        # `Trump defended his manager as a "very decent man" hours after the aide was charged`:
        # a speech verb in another clause does not report a quote that a verb of its own holds
        governor = _governor_subject(doc, q, spans)
        if governor is not None:
            return Found(q, None, governor, found.channel)
    if found is not None:
        return found
    intro = _colon_intro(doc, text, q, line_start, spans) or _signature_line(doc, text, q, line_start)
    if intro is not None:
        return intro
    source = according_to(list(tokens_between(doc, *post)) + list(tokens_between(doc, *pre)))
    if source is None and _embedded(text, q):
        source = _governor_subject(doc, q, spans)  # `He voiced a wish for a "strong …"`
    if source is None:
        return _paragraph_before(doc, text, q, line_start, spans) or Found(q, None, None, None)
    return Found(q, None, source, None)


def _search_windows(doc: Doc, text: str, q: QuoteSpan, spans: list[QuoteSpan], windows, near,
                    after: int) -> Optional[Found]:
    """The first speech verb with a subject in the windows around a quote, in their order.

    Args:
        windows: ((start, end), after_the_quote) pairs, in the order to search.
        near: the windows right before and after the quote (others allow belief verbs too).
        after: where the text after the closing mark begins.
    """
    for (a, b), first in windows:
        verbs = [t for t in tokens_between(doc, a, b) if _is_cue_verb(t, beliefs=(a, b) not in near)
                 and not _inside_quote(t.idx, spans)]
        if first:  # right after a quote, "X continued." attributes it too
            verbs += [t for t in tokens_between(doc, a, b) if _bare_aspect_verb(t, after) and t not in verbs]
            verbs.sort(key=lambda t: t.i)
        elif (a, b) in near:  # and right before one, "She continued, “…”"
            verbs += [t for t in tokens_between(doc, a, b) if _aspect_intro(text, t, q.open_at) and t not in verbs]
            verbs.sort(key=lambda t: t.i)
        if first and _terminal(text, q):
            verbs = [v for v in verbs if _attributes_quote_before(v, after)]
        if first and not verbs:
            tagged_noun = _mistagged_said(tokens_between(doc, a, b), after)
            if tagged_noun is not None:
                return Found(q, tagged_noun[0], tagged_noun[1], channel_of(text[a:b]))
            clause = _clause_after_open_quote(text, q, tokens_between(doc, a, b), spans, after)
            if clause is not None:
                return Found(q, clause[0], clause[1], channel_of(text[a:b]))
        for verb in (verbs if first else verbs[::-1]):
            subject = subject_of(verb, inverted=first)
            named = _named_before(doc, after, verb) if first and subject is not None and subject.i > verb.i else None
            subject = named or subject
            if first and (subject is None or _inside_quote(subject.idx, spans)):
                # the parser may take the quote's last words for the subject ("…, full panic mode,” said X)
                subject = _adjacent_speaker(verb, after)
            if subject is not None and not _inside_quote(subject.idx, spans):
                verb, subject = _outer_named(verb, subject, spans)
                return Found(q, verb, subject, channel_of(text[a:b]))
    return None


# Tokens that may stand in a bare noun phrase naming a speaker ("a New Hampshire Democrat").
NP_POS = {"DET", "ADJ", "PROPN", "NOUN", "NUM"}


def _adjacent_speaker(verb: Token, after: int) -> Optional[Token]:
    """`"…," added a New Hampshire Democrat.` / `"…," Conway notes.`: when the parser gave
    a speech verb right after a quote no subject (it made the name an object or a compound),
    a bare noun phrase between the closing mark and the verb, or right after the verb,
    is still the speaker. Only a few tokens either side are looked at."""
    doc = verb.doc
    # whitespace tokens (a no-break space after the closing mark) are no words
    before = [t for t in doc[max(0, verb.i - 2 * POST_TERMINAL_TOKENS):verb.i]
              if t.idx >= after and not t.is_space][-POST_TERMINAL_TOKENS:]
    if before and all(t.pos_ in NP_POS for t in before) and before[-1].pos_ in ("PROPN", "NOUN"):
        return before[-1]
    run = []
    for tok in doc[verb.i + 1:min(len(doc), verb.i + 1 + 2 * POST_TERMINAL_TOKENS)]:
        if tok.pos_ not in NP_POS:
            break
        run.append(tok)
    nouns = [t for t in run if t.pos_ in ("PROPN", "NOUN")]
    if not nouns or before:
        return None
    return nouns[-1]


def _governing_cue(doc: Doc, q: QuoteSpan, spans: list[QuoteSpan]) -> Optional[tuple[Token, Token]]:
    """The speech verb above a quote embedded in a sentence, with its subject."""
    inner = tokens_between(doc, q.start, q.end)
    if not len(inner):
        return None
    tok = inner.root
    for _ in range(5):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if not _inside_quote(tok.idx, spans) and _is_cue_verb(tok, beliefs=True):
            subject = subject_of(tok)
            if subject is not None and not _inside_quote(subject.idx, spans):
                return _outer_named(tok, subject, spans)
    return None


def _outer_named(verb: Token, subject: Token, spans: list[QuoteSpan]) -> tuple[Token, Token]:
    """"Trump said he'd asked his “people”": the named speaker of the governing speech
    verb, rather than the pronoun of the embedded one."""
    outer = _reporting_speaker(verb, spans)
    if outer is not None:
        return outer
    if subject.pos_ != "PRON":
        return verb, subject
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp", "relcl", "advcl", "conj") or node.head.i == node.i:
            break
        node = node.head
        outer = subject_of(node) if _is_cue_verb(node, beliefs=True) else None
        if outer is not None and outer.pos_ != "PRON" and not _inside_quote(outer.idx, spans):
            return node, outer
    return verb, subject


def _reporting_speaker(verb: Token, spans: list[QuoteSpan]) -> Optional[tuple[Token, Token]]:
    """"Trump said Duterte's comments showed “a lack of respect”", "Podesta told NBC that
    the campaign believes she “is going to …”": a cue inside the content clause of a speech
    verb is part of what that verb reports, so the quote is the outer speaker's to answer
    for. Climbs content clauses (ccomp) only, to the outermost speech verb with a subject."""
    found, node = None, verb
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ == "ccomp":
        node = verb.head  # "X argued that a database would help, saying …": the parser hung the participle low
    for _ in range(3):
        if node.dep_ != "ccomp" or node.head.i == node.i:
            break
        node = node.head
        if _inside_quote(node.idx, spans) or not is_speech_verb(node):
            break
        outer = subject_of(node)
        if outer is None or _inside_quote(outer.idx, spans) or outer.lower_ in NOT_SPEAKERS:
            break
        found = (node, outer)
    return found


def _last_verb_subject(tokens, spans: list[QuoteSpan]) -> Optional[Token]:
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    subject = subject_of(verbs[-1]) if verbs else None
    return subject if subject is not None and not _inside_quote(subject.idx, spans) else None


def _governor_subject(doc: Doc, q: QuoteSpan, spans: list[QuoteSpan]) -> Optional[Token]:
    """For a quote inside a sentence's predicate: the subject of the verb that governs it."""
    inner = tokens_between(doc, q.start, q.end)
    if not len(inner):
        return None
    tok = inner.root
    while tok.head.i != tok.i and (tok.pos_ not in ("VERB", "AUX") or _inside_quote(tok.idx, spans)):
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX") or q.open_at < tok.idx:
        return None  # a quote before its verb names something ("the film “Dark Waters” opened")
    subject = subject_of(tok)
    if subject is None or _inside_quote(subject.idx, spans) or subject.lower_ in NOT_SPEAKERS:
        return None
    return subject if subject.pos_ in ("PROPN", "NOUN", "PRON") else None


def _governs(verb: Optional[Token], doc: Doc, q: QuoteSpan) -> bool:
    """Whether the quote lies in the verb's own clause (under it in the parse)."""
    inner = tokens_between(doc, q.start, q.end)
    if verb is None or not len(inner):
        return True
    root = inner.root
    return root.i == verb.i or any(a.i == verb.i for a in root.ancestors)


def _embedded(text: str, q: QuoteSpan) -> bool:
    """A quote that stands inside running text (a word right before its opening mark)."""
    before = text[:q.open_at].rstrip()
    return bool(before) and before[-1].isalnum()


def _sentence_end(text: str, start: int, spans: list[QuoteSpan], stop: int) -> int:
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


def _attributes_quote_before(verb: Token, after: int) -> bool:
    """After a quote that ended its sentence, only `"…." he said` or `"…," said X` attributes
    it: a verb right after the quote, not one that opens a new sentence with a subject and an
    object of its own ("He mentioned a long list"). An apposition set off by commas does not
    count towards the distance (`"…?" Miller, a retired teacher, said`), nor does the person
    a verb of address speaks to count as its object (`"…?" Obama asked Republican leaders`)."""
    near = _words_before(verb, after) <= POST_TERMINAL_TOKENS
    subject_first = any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children)
    own_object = any(c.dep_ in ("dobj", "ccomp") and c.i > verb.i and not _addressee(verb, c) for c in verb.children)
    return near and not (subject_first and own_object)


# Verbs whose direct object is the person spoken to, not what was said.
ADDRESS_VERBS = {"ask", "tell", "assure", "remind", "urge", "press", "answer", "inform", "warn", "thank"}


def _addressee(verb: Token, obj: Token) -> bool:
    """`asked Republican leaders`: the bare object of a verb of address with no clause after it."""
    return (obj.dep_ == "dobj" and verb.lemma_.lower() in ADDRESS_VERBS and obj.pos_ in ("PROPN", "NOUN")
            and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children))


def _words_before(verb: Token, after: int) -> int:
    """Tokens between a quote's closing mark and a verb, an apposition between commas
    right before the verb left out (`Miller, a retired teacher from Ohio, said`)."""
    before = [t for t in verb.doc[:verb.i] if t.idx >= after and not t.is_space]
    if len(before) > POST_TERMINAL_TOKENS and before[-1].text == ",":
        commas = [k for k, t in enumerate(before[:-1]) if t.text == ","]
        if commas and 0 < commas[0] <= POST_TERMINAL_TOKENS and len(commas) == 1:
            return commas[0]
    return len(before)


# Punctuation that, ending the words inside the marks, leaves the sentence open for the
# attribution that follows (`"…," she said`, `"…?" he asked`).
OPEN_ENDINGS = ",?!"


def _clause_after_open_quote(text: str, q: QuoteSpan, tokens, spans: list[QuoteSpan],
                             after: int) -> Optional[tuple[Token, Token]]:
    """`"…," an angry Hollande retaliated.`, `"…?" Hannity pressed.`, `"…," agrees X.`: a
    quote that opens its sentence and ends inside its marks with a comma, question or
    exclamation mark leaves the sentence open, so the short clause right after it reports
    the quote whatever its verb, when that verb takes no clause or object of its own."""
    if _embedded(text, q) or text[q.end - 1:q.end] not in OPEN_ENDINGS or q.close_at is None:
        return None
    verb = next((t for t in list(tokens)[:2 * POST_TERMINAL_TOKENS]
                 if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP")), None)
    if verb is None or _inside_quote(verb.idx, spans):
        return None
    before = [t for t in verb.doc[:verb.i] if t.idx >= after and not t.is_space]
    if _words_before(verb, after) > POST_TERMINAL_TOKENS and not _long_subject(before):
        return None  # only a noun phrase ("a furious Mayor Daniel Brooks") may stand longer
    subject = subject_of(verb, inverted=True)
    if subject is None or subject.idx < after or _inside_quote(subject.idx, spans):
        subject = _adjacent_speaker(verb, after)
    if subject is None or subject.lower_ in NOT_SPEAKERS:
        return None
    if any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.i != subject.i and not _addressee(verb, c))
           for c in verb.children if c.i > verb.i):
        return None
    return verb, subject


def _long_subject(tokens: list[Token]) -> bool:
    """A noun phrase, possibly with a prepositional phrase of its own ("a welcome message
    on the website"): it opens with a noun-phrase word and holds no verb or pronoun subject."""
    return bool(tokens) and (tokens[0].pos_ in NP_POS or tokens[0].tag_ == "PRP$") and \
        all(t.pos_ in NP_POS or t.tag_ == "PRP$" or (t.pos_ == "ADP" and k) for k, t in enumerate(tokens))


def _colon_intro(doc: Doc, text: str, q: QuoteSpan, line_start: int, spans: list[QuoteSpan]) -> Optional[Found]:
    """`X wrote:` then a paragraph that opens with the quote: the intro names the speaker."""
    if text[line_start:q.open_at].strip():
        return None
    prev_end = len(text[:line_start].rstrip())
    if not text[:prev_end].endswith(":"):
        return None
    intro = tokens_between(doc, text.rfind("\n", 0, prev_end) + 1, prev_end)
    verbs = [t for t in intro if _is_cue_verb(t, beliefs=True)]
    subject = subject_of(verbs[-1]) if verbs else None
    if subject is None:
        subject = according_to(intro) or _last_verb_subject(intro, spans) or _text_introduced(intro)
    if subject is None or _inside_quote(subject.idx, spans):
        return None
    return Found(q, verbs[-1] if verbs else None, subject, channel_of(intro.text))


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


def _paragraph_before(doc: Doc, text: str, q: QuoteSpan, line_start: int,
                      spans: list[QuoteSpan]) -> Optional[Found]:
    """`Ash argued in his email that the incident shows why …` / `“In light of this …”`: a
    quote paragraph with no attribution of its own, right after a paragraph whose last
    sentence reports what someone said or thinks without quoting it, is that source's."""
    if text[line_start:q.open_at].strip() or not _fills_its_paragraph(text, q):
        return None
    prev_end = len(text[:line_start].rstrip())
    prev_start = _last_sentence_start(text, text.rfind("\n", 0, prev_end) + 1, prev_end)
    if prev_end <= prev_start or any(s.open_at < prev_end and (s.close_at or s.end) >= prev_start for s in spans):
        return None  # the sentence quotes someone itself: the quote's source is left to the layout rules
    verbs = [t for t in tokens_between(doc, prev_start, prev_end) if _is_cue_verb(t, beliefs=True)]
    if not verbs:
        return None
    verb = min(verbs, key=lambda t: len(list(t.ancestors)))  # the main clause's, not a reported one's
    subject = subject_of(verb)
    if subject is None or subject.lower_ in NOT_SPEAKERS or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return Found(q, verb, subject, channel_of(text[prev_start:prev_end]))


SIGNATURE = re.compile(r"\n\s*[—–-]+ ?(?=[A-Z])")
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _signature_line(doc: Doc, text: str, q: QuoteSpan, line_start: int) -> Optional[Found]:
    """A quote that fills its paragraph, signed on the next line with a dash and a name and
    no clause of its own (`"…"` / `— President Obama, tweeting after the speech.`)."""
    if text[line_start:q.open_at].strip():
        return None
    end = _line_end(text, q.end)
    if text[q.close_at + 1 if q.close_at is not None else q.end:end].strip(" .,\t\"”"):
        return None  # more text follows the quote on its line
    m = SIGNATURE.match(text, end)
    if m is None:
        return None
    head = _signature_head(tokens_between(doc, m.end(), _line_end(text, m.end())))
    return Found(q, None, head, None) if head is not None else None


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


def _wrapped_signature(doc: Doc, text: str, q: QuoteSpan) -> Optional[tuple[QuoteSpan, Token]]:
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


def _terminal(text: str, q: QuoteSpan) -> bool:
    return bool(TERMINAL.match(text, q.end - 1))


def _last_sentence_start(text: str, floor: int, pos: int) -> int:
    """Where the sentence that ends at `pos` begins (not before `floor`)."""
    start = floor
    while True:
        m = next_terminal(text, start, pos)
        if m is None or m.end() >= pos:
            return start
        start = m.end()


def _inside_quote(pos: int, spans: list[QuoteSpan]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


SAID_FORMS = {"says", "notes", "adds", "writes", "tells", "recalls", "explains", "insists", "argues", "warns",
              "states", "observes", "concludes", "continues", "tweets", "posts"}


def _mistagged_said(tokens, after: int) -> Optional[tuple[Token, Token]]:
    """`"…," Conway notes.`: the small model sometimes tags "notes" a noun; a speech form
    right after a name that follows the quote is still the attribution."""
    toks = list(tokens)[:POST_TERMINAL_TOKENS]
    for prev, tok in zip(toks, toks[1:]):
        if tok.lower_ in SAID_FORMS and tok.pos_ == "NOUN" and prev.pos_ in ("PROPN", "PRON"):
            return tok, prev
    return None


def _named_before(doc: Doc, after: int, verb: Token) -> Optional[Token]:
    """`"…," Brent Bozell III, founder of X, tells Breitbart News`: the name between the quote
    and the verb is the speaker, not the name after the verb."""
    for tok in doc[:verb.i]:
        if tok.idx >= after and tok.ent_type_ in ("PERSON", "ORG") and tok.ent_iob_ == "B":
            ent = ent_of_token(doc).get(tok.i)
            return ent[-1] if ent is not None and ent.start == tok.i else tok
    return None


def _aspect_intro(text: str, tok: Token, open_at: int) -> bool:
    """`She continued, “…”`: an aspect verb whose only complement is the quote that follows
    it after a comma or colon."""
    if tok.lemma_.lower() not in ASPECT_VERBS or tok.pos_ != "VERB":
        return False
    between = text[tok.idx + len(tok):open_at]
    return bool(between.strip()) and not between.strip(" \t,:")


def _bare_aspect_verb(tok: Token, after: int) -> bool:
    """`"…," Scarborough continued.`: an aspect verb with no complement just after a quote."""
    if tok.lemma_.lower() not in ASPECT_VERBS or tok.pos_ != "VERB":
        return False
    near = len([t for t in tok.doc[:tok.i] if t.idx >= after]) <= POST_TERMINAL_TOKENS
    return near and not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep") and c.i > tok.i for c in tok.children)


def _is_cue_verb(tok: Token, beliefs: bool = False) -> bool:
    """A speech verb, or any verb whose object is a statement ("began a statement").

    Aspect verbs count only as participles or with "with" ("before continuing, …", "ended
    with"): "the war would end" attributes nothing.
    """
    statement = any(c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS for c in tok.children)
    if tok.pos_ == "VERB" and statement:
        return True
    if tok.lemma_.lower() in ASPECT_VERBS:
        return is_speech_verb(tok) and (tok.tag_ == "VBG" or any(c.lower_ == "with" for c in tok.children))
    return is_speech_verb(tok, beliefs)


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
        fills_paragraph = between.count("\n") <= 2 and _fills_its_paragraph(text, cur.quote)
        if same_paragraph or fills_paragraph:
            cur.inherited = source
    for cur, nxt in zip(found, found[1:]):
        if cur.speaker is None and cur.inherited is None and _signed_in_next_paragraph(text, cur, nxt):
            cur.inherited = nxt


def _signed_in_next_paragraph(text: str, cur: Found, nxt: Found) -> bool:
    """`“…”` / `“…,” Viguerie notes.`: a quote paragraph nobody is said to have said, right
    before a quote paragraph attributed just after its first quote, is the same speaker's:
    the reporter lets one attribution serve a run of quote paragraphs."""
    if nxt.speaker is None or nxt.verb is None or not _fills_its_paragraph(text, cur.quote):
        return False
    between = text[(cur.quote.close_at or cur.quote.end) + 1:nxt.quote.open_at]
    if between.strip() or not 1 <= between.count("\n") <= 2:
        return False
    if _is_question(text, cur.quote) != _is_question(text, nxt.quote):
        return False  # an answer and a question are two sides of an interview
    return text.rfind("\n", 0, nxt.speaker.idx) < nxt.quote.open_at


def _is_question(text: str, q: QuoteSpan) -> bool:
    return text[q.start:q.end].rstrip(" ,.").endswith("?")


def _fills_its_paragraph(text: str, q: QuoteSpan) -> bool:
    start = text.rfind("\n", 0, q.open_at) + 1
    para = text[start:_line_end(text, q.end)].strip()
    return bool(para) and (q.end - q.start) >= 0.7 * len(para)


def to_quote(doc: Doc, text: str, f: Found, index: EntityIndex, scare_max_words: int = SCARE_MAX_WORDS) -> Quote:
    source = f.inherited or f
    speaker = _speaker(text, source.speaker, index, source.verb) if source.speaker is not None else None
    cue = None
    if f.verb is not None:
        span = cue_span(f.verb)
        cue = TextSpan(span.start_char, span.end_char, span.text)
    q = f.quote
    return Quote(start=q.start, end=q.end, text=text[q.start:q.end], speaker=speaker, cue=cue,
                 channel=source.channel,
                 kind=_kind(text, q, speaker is not None or f.verb is not None, scare_max_words))


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


def _speaker(text: str, tok: Token, index: EntityIndex, verb: Optional[Token] = None) -> Speaker:
    """The speaker mention (the relative pronoun in "Obama, who called it “unfit”") and the
    entity it resolves to (through the noun the pronoun hangs on)."""
    span = speaker_span(tok)
    ent = index.at(span.start_char, span.end_char) or index.named(span.text)
    rel = relative_pronoun(verb, tok) if verb is not None else None
    start, end = (rel.idx, rel.idx + len(rel)) if rel is not None else (span.start_char, span.end_char)
    return Speaker(start=start, end=end, text=text[start:end],
                   entity=ent.id if ent else None, name=ent.name if ent else span.text)


def _kind(text: str, q: QuoteSpan, attributed: bool, scare_max_words: int) -> str:
    words = text[q.start:q.end].split()
    if not attributed:
        return "scare" if len(words) <= scare_max_words else "direct"
    if _embedded(text, q) and (text[q.start:q.start + 1].islower() or len(words) <= 6):
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
        end = _line_end(text, start)
        para = text[start:end].rstrip()
        if subject is None or not para or para[:1] in "\"“«'‘" or any(a <= start < b for a, b in skip):
            continue
        if any(s.open_at >= start and s.start < start + len(para) for s in spans):
            continue  # the paragraph quotes someone itself
        cue = cue_span(verbs[-1])
        out.append(Quote(start=start, end=start + len(para), text=para, speaker=_speaker(text, subject, index),
                         cue=TextSpan(cue.start_char, cue.end_char, cue.text), channel=None, kind="block"))
    return out
