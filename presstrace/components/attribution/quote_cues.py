"""The speech verb that attributes a quote and its subject, in the sentence around the quote:
after the closing mark (`"…," Kariakin said`), before the opening one (`he stated, "…"`), or
the verb that governs a quote embedded in the writer's sentence."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ..common.doc import ent_of_token
from ..common.quotemarks import QuoteSpan
from ..common.speech import ASPECT_VERBS, SPEECH_NOUNS, channel_of, is_speech_verb
from ..common.syntax import subject_of, tokens_between, word_before
from .quote_text import Found, embedded, inside_quote, terminal

POST_TERMINAL_TOKENS = 4


NOT_SPEAKERS = {"it", "this", "that", "which", "there", "what"}


def search_windows(doc: Doc, text: str, q: QuoteSpan, spans: list[QuoteSpan], windows, near,
                    after: int) -> Optional[Found]:
    """The first speech verb with a subject in the windows around a quote, in their order.

    Args:
        windows: ((start, end), after_the_quote) pairs, in the order to search.
        near: the windows right before and after the quote (others allow belief verbs too).
        after: where the text after the closing mark begins.
    """
    for (a, b), first in windows:
        verbs = [t for t in tokens_between(doc, a, b) if is_cue_verb(t, beliefs=(a, b) not in near)
                 and not inside_quote(t.idx, spans)]
        if first:  # right after a quote, "X continued." attributes it too
            verbs += [t for t in tokens_between(doc, a, b) if _bare_aspect_verb(t, after) and t not in verbs]
            verbs.sort(key=lambda t: t.i)
        elif (a, b) in near:  # and right before one, "She continued, “…”"
            verbs += [t for t in tokens_between(doc, a, b) if _aspect_intro(text, t, q.open_at) and t not in verbs]
            verbs.sort(key=lambda t: t.i)
        if first and terminal(text, q):
            verbs = [v for v in verbs if _attributes_quote_before(v, after)]
        if first and not verbs:
            tagged_noun = _mistagged_said(tokens_between(doc, a, b), after)
            if tagged_noun is not None:
                return Found(q, tagged_noun[0], tagged_noun[1], channel_of(text[a:b]))
            clause = _clause_after_open_quote(text, q, tokens_between(doc, a, b), spans, after)
            if clause is not None:
                return Found(q, clause[0], clause[1], channel_of(text[a:b]))
        for verb in _search_order(verbs, first, (a, b) in near):
            subject = subject_of(verb, inverted=first and right_after_quote(verb, after))
            if not first and (subject is None or inside_quote(subject.idx, spans)):
                subject = _participle_host(verb, q.open_at, spans)
            lost = subject is None or inside_quote(subject.idx, spans)  # the parse took the quote's words
            named = _named_before(doc, after, verb) if first and (lost or subject.i > verb.i) else None
            subject = named or subject
            if first and (subject is None or inside_quote(subject.idx, spans)):
                # the parser may take the quote's last words for the subject ("…, full panic mode,” said X)
                subject = _adjacent_speaker(verb, after)
            if subject is not None and not inside_quote(subject.idx, spans):
                verb, subject = _outer_named(verb, subject, spans)
                return Found(q, verb, subject, channel_of(text[a:b]))
    return None


def right_after_quote(verb: Token, after: int) -> bool:
    """Whether only punctuation stands between the quote's closing mark and the verb, as in
    `"…," said X`; after `"…," an official, who …, told Fox News` the name after the verb is
    its object, not its subject."""
    return all(t.is_punct or t.is_space for t in _since(verb, after))


def _since(verb: Token, after: int) -> list[Token]:
    """The tokens from the character offset `after` up to the verb."""
    doc, k = verb.doc, verb.i
    while k > 0 and doc[k - 1].idx >= after:
        k -= 1
    return list(doc[k:verb.i])


def _search_order(verbs: list[Token], first: bool, near: bool) -> list[Token]:
    """The order to try a window's verbs in: after a quote, in text order, a subordinate
    clause's verb after the rest ("…," X said when Boyle asked him"); right before a quote,
    the nearest first; in the sentence before, the one highest in the parse first, the
    main clause's ("Trump assured Jones, after Jones assured Trump …")."""
    if first:
        return sorted(verbs, key=lambda t: (_subordinate(t), t.i))
    if near:
        return verbs[::-1]
    return sorted(verbs, key=lambda t: (len(list(t.ancestors)), -t.i))


def _subordinate(verb: Token) -> bool:
    """A verb opened by a subordinating conjunction or a "when"/"where" word."""
    return any(c.dep_ == "mark" or c.tag_ == "WRB" for c in verb.children)


# Words a participle may take between itself and the quote it introduces (its addressee:
# ", telling the crowd, “…”").
PARTICIPLE_REACH = 6


def _participle_host(verb: Token, open_at: int, spans: list[QuoteSpan]) -> Optional[Token]:
    """`Clinton seemed ready to riff on it, telling the crowd, “…”`: a participle set off by
    a comma at the end of a clause takes that clause's subject, as English leaves it
    unsaid. Used where the parse hung the participle inside the quote or made it a
    subject; only for a participle close before the quote, with no verb in between."""
    doc = verb.doc
    comma = word_before(verb)
    if verb.tag_ != "VBG" or comma is None or comma.text != ",":
        return None
    between = [t for t in doc[verb.i + 1:] if t.idx < open_at and not t.is_space and not t.is_punct]
    if len(between) > PARTICIPLE_REACH or any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    clause = doc[verb.sent.start:comma.i]
    if not len(clause) or clause.root.pos_ not in ("VERB", "AUX") or inside_quote(clause.root.idx, spans):
        return None
    subject = subject_of(clause.root)
    return subject if subject is not None and not inside_quote(subject.idx, spans) else None


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


# How many heads up from an embedded quote a governing speech verb may stand ("have said
# that the men face the death penalty for fighting as “mercenaries”"); fitted on PolNeAR tune.
GOVERNOR_DEPTH = 6


def governing_cue(doc: Doc, q: QuoteSpan, spans: list[QuoteSpan]) -> Optional[tuple[Token, Token]]:
    """The speech verb above a quote embedded in a sentence, with its subject."""
    inner = tokens_between(doc, q.start, q.end)
    if not len(inner):
        return None
    tok = inner.root
    for _ in range(GOVERNOR_DEPTH):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if not inside_quote(tok.idx, spans) and is_cue_verb(tok, beliefs=True):
            subject = subject_of(tok)
            if subject is not None and not inside_quote(subject.idx, spans):
                return _outer_named(tok, subject, spans)
    return None


def _outer_named(verb: Token, subject: Token, spans: list[QuoteSpan]) -> tuple[Token, Token]:
    """"Trump said he'd asked his “people”": the named speaker of the governing speech
    verb, rather than the pronoun of the embedded one."""
    outer = reporting_speaker(verb, spans)
    if outer is not None:
        return outer
    if subject.pos_ != "PRON":
        return verb, subject
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp", "relcl", "advcl", "conj") or node.head.i == node.i:
            break
        node = node.head
        outer = subject_of(node) if is_cue_verb(node, beliefs=True) else None
        if outer is not None and outer.pos_ != "PRON" and not inside_quote(outer.idx, spans):
            return node, outer
    return verb, subject


def reporting_speaker(verb: Token, spans: list[QuoteSpan]) -> Optional[tuple[Token, Token]]:
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
        if inside_quote(node.idx, spans) or not is_speech_verb(node):
            break
        outer = subject_of(node)
        if outer is None or inside_quote(outer.idx, spans) or outer.lower_ in NOT_SPEAKERS:
            break
        found = (node, outer)
    return found


def last_verb_subject(tokens, spans: list[QuoteSpan]) -> Optional[Token]:
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    subject = subject_of(verbs[-1]) if verbs else None
    return subject if subject is not None and not inside_quote(subject.idx, spans) else None


# Conjunctions that put a case rather than report what happened.
CONDITIONS = {"if", "unless", "whether", "lest"}


def governor_subject(doc: Doc, q: QuoteSpan, spans: list[QuoteSpan]) -> Optional[Token]:
    """For a quote inside a sentence's predicate: the subject of the verb that governs it."""
    inner = tokens_between(doc, q.start, q.end)
    if not len(inner):
        return None
    tok = inner.root
    while tok.head.i != tok.i and (tok.pos_ not in ("VERB", "AUX") or inside_quote(tok.idx, spans)):
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX") or q.open_at < tok.idx:
        return None  # a quote before its verb names something ("the film “Dark Waters” opened")
    clause = tok.head if tok.dep_ == "conj" else tok  # "if Russia engages in or supports “…”"
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children):
        return None  # "sanctions if Russia supports “an escalation”": a case put, not Russia's words
    subject = subject_of(tok)
    if subject is None or inside_quote(subject.idx, spans) or subject.lower_ in NOT_SPEAKERS:
        return None
    return subject if subject.pos_ in ("PROPN", "NOUN", "PRON") else None


def governs(verb: Optional[Token], doc: Doc, q: QuoteSpan) -> bool:
    """Whether the quote lies in the verb's own clause (under it in the parse)."""
    inner = tokens_between(doc, q.start, q.end)
    if verb is None or not len(inner):
        return True
    root = inner.root
    if verb.dep_ == "parataxis":  # `The problem, the soldier said, is "…"`: said of the clause it interrupts
        verb = verb.head
    return root.i == verb.i or any(a.i == verb.i for a in root.ancestors)


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
    if embedded(text, q) or text[q.end - 1:q.end] not in OPEN_ENDINGS or q.close_at is None:
        return None
    verb = next((t for t in list(tokens)[:2 * POST_TERMINAL_TOKENS]
                 if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP")), None)
    if verb is None or inside_quote(verb.idx, spans):
        return None
    before = [t for t in verb.doc[:verb.i] if t.idx >= after and not t.is_space]
    if _words_before(verb, after) > POST_TERMINAL_TOKENS and not _long_subject(before):
        return None  # only a noun phrase ("a furious Mayor Daniel Brooks") may stand longer
    subject = subject_of(verb, inverted=True)
    if subject is None or subject.idx < after or inside_quote(subject.idx, spans):
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
    and the verb is the speaker, not the name after the verb; nor a name inside a
    prepositional phrase (`"…" for Clinton, said Kunin`)."""
    for tok in _since(verb, after):
        if tok.ent_type_ in ("PERSON", "ORG") and tok.ent_iob_ == "B":
            ent = ent_of_token(doc).get(tok.i)
            name = ent[-1] if ent is not None and ent.start == tok.i else tok
            while name.dep_ == "compound" and name.i < name.head.i < verb.i:
                name = name.head  # "UN Secretary-General António Guterres": the person, not "UN"
            if name.dep_ != "pobj":
                return name
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


def _puts_it(tok: Token) -> bool:
    """"as the prosecutor put it, “…”", "she put it bluntly": "put it" is an idiom of
    wording, its "it" standing for what was said."""
    return tok.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)


def is_cue_verb(tok: Token, beliefs: bool = False) -> bool:
    """A speech verb, or any verb whose object is a statement ("began a statement").

    Aspect verbs count only as participles or with "with" ("before continuing, …", "ended
    with"): "the war would end" attributes nothing.
    """
    statement = any(c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS for c in tok.children)
    if tok.pos_ == "VERB" and (statement or _puts_it(tok)):
        return True
    if tok.lemma_.lower() in ASPECT_VERBS:
        return is_speech_verb(tok) and (tok.tag_ == "VBG" or any(c.lower_ == "with" for c in tok.children))
    return is_speech_verb(tok, beliefs)
