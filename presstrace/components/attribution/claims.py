"""Claims layer: reported information that is not a direct quote, each with its source.

A claim is the content clause of a speech or belief verb ("Zagorodnyuk said it diverted
…", "War analysts consider it … whether"), the clause an "according to X" or a "by many
accounts" hangs on, the "that"-clause of a report noun ("widespread reports that …"), or
the content of an impersonal passive ("it's been confirmed that …"). Its source is `named`
(a person, outlet or institution the text names, resolved to an entity), `vague` (an
unnamed or collective source) or, for the author's own assertions, `unattributed`.
"""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...records import Claim, ClaimSource, Quote, TextSpan
from ..common.constants import FINITE_TAGS
from ..common.entity_index import EntityIndex
from ..common.sources import denied, who_is
from ..common.speech import according_to, cue_span, is_speech_verb
from ..common.syntax import relative_pronoun, subject_of, word_before
from ..common.doc import contract, get_layer, noncontent_ranges, set_layer
from .claim_extent import without_asides
from .confidence import source_confidence
from .sourcing import sourcing_profile

REPORT_NOUNS = {"report", "account", "claim", "allegation", "rumor", "rumour", "estimate", "assessment",
                "indication", "sign", "suggestion", "speculation", "belief", "fear", "warning", "statement"}
NAMED_LABELS = {"PERSON", "ORG", "GPE", "FAC"}
PERSONAL = {"he", "she", "they", "him", "her", "them", "his", "their"}
MIN_CLAIM_TOKENS = 3
# Speech verbs whose object is not what was said ("said nothing", "told reporters", "a
# convoy threatened the capital").
NO_OBJECT_CLAIM = {"say", "tell", "add", "ask", "write", "post", "tweet", "read", "continue", "end", "begin",
                   "answer", "reply", "respond", "call", "inform", "remind", "advise", "urge", "warn", "plead",
                   "exhort", "chant", "sing", "threaten"}
# Content partly in quotation marks is a (partial) quote of its speaker, not a paraphrase.
MAX_QUOTED_SHARE = 0.15


@Language.component("claims", **contract(["claims", "sourcing"], requires=["doc.sents"]))
def claims_component(doc: Doc) -> Doc:
    """Write the claims layer and the article's sourcing profile."""
    skip = noncontent_ranges(doc)
    quotes = get_layer(doc, "quotes")
    claims = extract_claims(doc, get_layer(doc, "entities"), quotes, skip)
    set_layer(doc, "claims", claims)
    set_layer(doc, "sourcing", sourcing_profile(doc, quotes, claims, skip))
    return doc


def extract_claims(doc: Doc, entities: list, quotes: list[Quote], skip=()) -> list[Claim]:
    """Attributed claims, then the author's own assertions, in text order (ids C1, C2, …)."""
    index = EntityIndex(entities)
    quoted = [(q.start, q.end) for q in quotes if q.kind != "scare"]
    attributed = [c for c in [_headline_claim(doc, index)] if c is not None and not _inside(c.start, skip)]
    for sent in doc.sents:
        if not _inside(sent.start_char, skip):
            attributed += list(_attributed(sent, index))
    attributed = [c for c in attributed if _quoted_share(c, quoted) < MAX_QUOTED_SHARE]
    attributed = _drop_nested(attributed)
    cues = [(q.cue.start, q.cue.end) for q in quotes if q.cue is not None]  # quote attributions
    claims = attributed + list(_unattributed(doc, attributed, quoted + cues, skip))
    claims.sort(key=lambda c: c.start)
    for k, c in enumerate(claims, 1):
        c.id = f"C{k}"
    return claims


# Common nouns that can stand as a headline's source ("Poll: …", "Officials: …").
HEADLINE_SOURCES = {"poll", "survey", "study", "report", "newspaper", "insider", "official", "source", "police",
                    "expert", "analyst", "witness", "aide", "lawmaker", "prosecutor", "court", "judge"}
HEADLINE_SOURCE_MAX_TOKENS = 5


def _headline_claim(doc: Doc, index: EntityIndex) -> Optional[Claim]:
    """"Gingrich: Trump Must Decide …", "Poll: Wealthy Voters Abandon …": a headline (the
    text's first line) that opens with a source and a colon attributes the rest to it. The
    source must be a name the entities layer knows or a source noun, so "The Latest: …"
    and "Bombshell: …" are not sources; a question is no claim."""
    line_end = doc.text.find("\n")
    if line_end <= 0:
        return None
    colon = doc.text.find(": ", 0, line_end)
    if colon <= 0:
        return None
    src = doc.char_span(0, colon, alignment_mode="contract")
    content = doc.char_span(colon + 2, line_end, alignment_mode="contract")
    if src is None or content is None or not 0 < len(src) <= HEADLINE_SOURCE_MAX_TOKENS:
        return None
    if content.text.rstrip(" .’'\"”").endswith("?"):
        return None
    ent = index.at(src.start_char, src.end_char) or index.named(src.text)  # the body names "Gingrich" in full
    named = ent is not None and ent.label in NAMED_LABELS and src.text[:1].isupper()
    if not named and src[-1].lemma_.lower() not in HEADLINE_SOURCES:
        return None
    source = ClaimSource("named" if named else "vague", entity=ent.id if named else None,
                         name=ent.name if named else src.text, start=src.start_char, end=src.end_char, text=src.text)
    return _claim(_trim(content), source, None, "headline")


def _attributed(sent: Span, index: EntityIndex) -> Iterator[Claim]:
    for tok in sent:
        if is_speech_verb(tok, beliefs=True):
            claim = _verb_claim(tok, index)
        elif tok.lemma_.lower() in REPORT_NOUNS and tok.pos_ == "NOUN":
            claim = _report_noun_claim(tok, index)
        elif tok.lower_ == "according":
            claim = _according_claim(tok, index)
        else:
            claim = None
        if claim is not None:
            yield claim


def _verb_claim(verb: Token, index: EntityIndex) -> Optional[Claim]:
    """The content of a speech or belief verb with its subject as the source."""
    content = _content_of(verb)
    if content is None:
        return None
    subject = subject_of(verb, inverted=True)
    if subject is not None and subject.lower_ == "it" and any(c.dep_ == "auxpass" for c in verb.children):
        subject = None  # impersonal passive: "it's been confirmed that"
    if subject is not None and (subject.lower_ in ("i", "we", "you") or denied(subject)):
        # the author speaking (an own assertion), the reader addressed ("you know"), or
        # no one at all ("No country ought to expect …")
        return None
    if subject is not None and subject.lower_ != "it" and (
            _passive_subject(verb, subject) or _reported_raising(verb, subject)):
        # "the cap is expected to rise", "Trump was asked whether …": the subject is what is
        # reported on or who is asked, and who reports it is unsaid; "the UK is expected to
        # announce that …" is someone's expectation, not the UK's announcement
        return None
    cue = cue_span(verb)
    relative = relative_pronoun(verb, subject)
    if relative is not None:
        return _claim(content, _source(subject, index, mention=relative), cue, "relative")
    if subject is None:
        it = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj") and c.lower_ == "it"]
        if not _impersonal(verb, it):
            return None  # a verb the parse gave no subject: someone said it, but who is unknown
        src = verb.doc[it[0].i:cue.end] if it else cue
        return _claim(content, ClaimSource("vague", start=src.start_char, end=src.end_char, text=src.text), cue,
                      "impersonal")
    return _claim(content, _source(subject, index), cue, "verb")


def _content_of(verb: Token) -> Optional[Span]:
    """What a verb reports: its clausal complement, else (for "X said" after the clause)
    the clause it is attached to, else (belief verbs) what follows it in its phrase."""
    doc = verb.doc
    comp = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i
            and (c.pos_ in ("VERB", "AUX", "ADJ") or (_that_clause(c) and _has_subject(verb)))]
    if comp:
        # a verb reports one clause: two complements in a row are the parse's pieces of it
        # ("insisted that anyone captured | must be considered a prisoner")
        pieces = all(c.dep_ == "ccomp" for c in comp) and not _has_subject(comp[-1])
        last = comp[-1] if pieces else comp[0]
        return _trim(without_asides(doc[comp[0].left_edge.i:last.right_edge.i + 1], last, verb))
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i and not _reported(verb):
        head = verb.head
        return _trim(doc[head.left_edge.i:verb.left_edge.i])
    inner = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if inner:  # "It diverted …, he said": spaCy makes "said" the root,
        # or hangs it on a clause after a semicolon
        return _trim(doc[inner[0].left_edge.i:inner[0].right_edge.i + 1])
    if verb.dep_ == "parataxis" and verb.head.i > verb.i and _has_subject(verb):
        # "Many of the closures, he said, have involved …": the attribution interrupts the
        # clause it reports, which is the claim (one span, so it takes the aside in too);
        # "In any case, X said, the industry was …": after a lead-in, the clause starts after it
        head = verb.head
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i for c in head.children):
            return _trim(doc[verb.right_edge.i + 1:head.right_edge.i + 1])
        return _trim(doc[head.left_edge.i:head.right_edge.i + 1])
    before = _clause_before(verb)
    if before is not None:
        return before
    rights = [c for c in verb.rights if c.dep_ in ("dobj", "oprd", "attr", "acomp") and c.pos_ != "PRON"]
    if rights and (not is_speech_verb(verb) or verb.lemma_.lower() not in NO_OBJECT_CLAIM):
        return _trim(doc[rights[0].left_edge.i:verb.right_edge.i + 1])  # "denied the allegations"
    return None


# What may follow a trailing attribution's verb: when, where and how it was said ("police
# said Tuesday in a statement").
TRAILING_DEPS = {"npadvmod", "prep", "advmod", "punct", "agent"}


def _clause_before(verb: Token) -> Optional[Span]:
    """"A girl was pepper-sprayed by a bystander, police said.": a sentence's closing
    attribution reports everything before its comma, even where the parse hung that clause
    on the verb as a modifier rather than its complement. Only a stretch that holds a
    clause able to stand alone (a finite verb with a subject and no subordinating
    conjunction): "As the talks ended, Macron spoke" reports nothing."""
    doc = verb.doc
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if verb.dep_ != "ROOT" or not subjects or any(c.i > verb.i and c.dep_ not in TRAILING_DEPS
                                                 and not c.is_space for c in verb.children):
        return None
    comma = word_before(subjects[0].left_edge)
    if comma is None or comma.i <= verb.sent.start or comma.text != ",":
        return None
    stretch = doc[verb.sent.start:comma.i]
    return _trim(stretch) if any(_stands_alone(t) for t in stretch) else None


def _stands_alone(tok: Token) -> bool:
    """A finite verb with its own subject and no subordinating conjunction, relative or
    question word ("when Congress cut funding" does not stand alone), that is no one's
    complement ("the outlet acknowledged that the government says …": what it says is
    inside the clause of "acknowledged")."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ROOT", "advcl", "conj", "parataxis"):
        return False
    finite = tok.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS
                                            for c in tok.children)
    kids = list(tok.children)
    subordinate = any(c.dep_ == "mark" or c.tag_ in ("WRB", "WDT", "WP") for c in kids)  # "when", "how"
    return finite and any(c.dep_ in ("nsubj", "nsubjpass") for c in kids) and not subordinate


def _that_clause(comp: Token) -> bool:
    """A complement opened by "that" is a clause whatever the parse made its head ("noted
    that the way states select delegates works against him": "way" as the head). Taken
    only from a verb with a subject of its own: a second parse error (a subject reached by
    climbing) on top of the first would name the wrong source."""
    return comp.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children)


def _passive_subject(verb: Token, subject: Token) -> bool:
    """The verb's own subject in a passive with no agent; "he's said" is "he has said"."""
    passive = any(c.dep_ == "auxpass" and c.lower_ not in ("'s", "’s") for c in verb.children)
    return passive and subject.head.i == verb.i and subject.dep_ == "nsubjpass" \
        and not any(c.dep_ == "agent" for c in verb.children)


def _reported_raising(verb: Token, subject: Token) -> bool:
    """"The UK is expected to announce …", "he is said to have told …": an infinitive under a
    passive verb of saying or believing with no agent is what unnamed others say of the
    subject ("each was seen calling on …", a verb of seeing, is still the subject's act)."""
    head = verb.head
    return verb.dep_ == "xcomp" and is_speech_verb(head, beliefs=True) and _passive_subject(head, subject)


def _impersonal(verb: Token, it: list) -> bool:
    """A passive report with no one behind it: "it is believed that …", "(it) was reported
    that …"; not an active verb the parse lost the subject of, nor "must be considered a
    prisoner", whose subject the parse lost."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return passive and (bool(it) or any(c.dep_ == "ccomp" for c in verb.children))


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _reported(verb: Token) -> bool:
    """"The agency said a search revealed no weapon": a verb in the content clause of a
    speech verb is part of what is reported, not a trailing "…, he said" whose content
    is the clause before it."""
    return verb.dep_ == "ccomp" and is_speech_verb(verb.head, beliefs=True)


def _report_noun_claim(noun: Token, index: EntityIndex) -> Optional[Claim]:
    """"widespread reports that X", "by many accounts X"; not "no signs that X", which
    says there is no such report."""
    doc = noun.doc
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return None
    clause = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and
              any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)]
    src = doc[min(t.i for t in noun.lefts) if list(noun.lefts) else noun.i:noun.i + 1]
    about = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "about")
             for g in c.children if g.dep_ == "pobj"]
    if clause:
        content = _trim(doc[clause[0].left_edge.i:clause[0].right_edge.i + 1])
    elif noun.dep_ == "pobj" and noun.head.lower_ == "by":  # "by many accounts, X": the rest of the sentence
        content = _trim(doc[noun.right_edge.i + 1:noun.sent.end])
    elif about and noun.lemma_.lower() in ("report", "rumor", "rumour", "allegation", "account"):
        content = _trim(doc[about[0].left_edge.i:about[0].right_edge.i + 1])  # "reports of resistance"
    else:
        return None
    if content is None:
        return None
    owner = _owner(noun)
    source = _source(owner, index) if owner is not None else ClaimSource(
        "vague", name=src.text, start=src.start_char, end=src.end_char, text=src.text)  # "widespread reports"
    return _claim(content, source, None, "report_noun")


def _owner(noun: Token) -> Optional[Token]:
    """Whose report it is: a named owner ("Trump's suggestion that …", "the Pentagon
    assessment"), a possessive pronoun ("his claim that …"), or the agent after the noun
    ("a statement from the ministry that …", "allegations by two former aides")."""
    for c in noun.lefts:
        if c.dep_ in ("poss", "compound") and c.ent_type_ in NAMED_LABELS:
            return c
        if c.dep_ == "poss" and c.lower_ in PERSONAL:
            return c
    return next((g for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")
                 for g in c.children if g.dep_ == "pobj"), None)


def _according_claim(tok: Token, index: EntityIndex) -> Optional[Claim]:
    source = according_to([tok])
    if source is None:
        return None
    doc = tok.doc
    prep = doc[tok.i:source.right_edge.i + 1]
    sent = tok.sent
    before, after = doc[sent.start:prep.start], doc[prep.end:sent.end]
    content = _trim(after if len(after) >= len(before) else before)
    return _claim(content, _source(source, index), doc[tok.i:tok.i + 2], "according")  # cue: "according to"


def _source(tok: Token, index: EntityIndex, mention: Optional[Token] = None) -> ClaimSource:
    """A source token as named (a resolved name or person) or vague (a common noun phrase).

    Args:
        mention: the token the attribution itself uses when it is not `tok` ("who" in
            "Carson, who claimed …"): the span points at it, the name and entity stay `tok`'s.
    """
    who = who_is(tok, index)
    head, ent = who.head, who.entity
    named = not who.people and ((ent is not None and ent.label in NAMED_LABELS) or head.pos_ == "PROPN"
                                or head.lower_ in PERSONAL)  # a people ("the Russians") is vague
    where = mention.doc[mention.i:mention.i + 1] if mention is not None else who.span
    return ClaimSource("named" if named else "vague", entity=ent.id if ent else None, name=who.name,
                       start=where.start_char, end=where.end_char, text=where.text)


def _claim(content: Optional[Span], source: ClaimSource, cue, how: str) -> Optional[Claim]:
    """A claim of `content` by `source`; `how` the source was found sets its confidence."""
    if content is None:
        return None
    source.confidence = source_confidence(how, source)
    if isinstance(cue, Span):
        cue = TextSpan(cue.start_char, cue.end_char, cue.text)
    return Claim(start=content.start_char, end=content.end_char, text=content.text, source=source, cue=cue)


def _trim(span: Span) -> Optional[Span]:
    """The span without edge punctuation, "that" and conjunctions; None when too short."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in ("that", "and", "but")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("and", "but")):
        end -= 1
    return doc[start:end] if end - start >= MIN_CLAIM_TOKENS else None


def _drop_nested(claims: list[Claim]) -> list[Claim]:
    """Keep the outermost claim where one lies inside another with the same source, or
    whose own attribution lies inside the other's content ("X said she wanted Y": that she
    wanted Y is what X said, not a second report)."""
    out = []
    for c in sorted(claims, key=lambda c: (c.start, -c.end)):
        if any(o.start <= c.start and c.end <= o.end and (o.source.text == c.source.text or _reported_inside(c, o))
               for o in out):
            continue
        out.append(c)
    return out


def _reported_inside(inner: Claim, outer: Claim) -> bool:
    """An attribution by a verb whose subject lies inside the other claim's content (a
    report noun's owner, "his claim that …", keeps a claim of its own)."""
    return inner.cue is not None and inner.source.start is not None and outer.start <= inner.source.start < outer.end


def _unattributed(doc: Doc, attributed: list[Claim], quoted, skip) -> Iterator[Claim]:
    """Sentences in the author's own voice: assertive, outside quotes and attributions."""
    covered = [(c.start, c.end) for c in attributed] + [(c.source.start, c.source.end) for c in attributed
                                                         if c.source.start is not None]
    for sent in doc.sents:
        span = _trim(sent)
        if span is None or _inside(span.start_char, skip) or span.text.endswith("?"):
            continue
        if not any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") in (["Fin"], []) for t in span):
            continue
        a, b = span.start_char, span.end_char
        if any(x < b and a < y for x, y in covered + list(quoted)) or any(ch in span.text for ch in "\"“”"):
            continue
        yield Claim(start=a, end=b, text=span.text, source=ClaimSource("unattributed"), cue=None)


def _quoted_share(claim: Claim, quoted) -> float:
    inside = sum(max(0, min(b, claim.end) - max(a, claim.start)) for a, b in quoted)
    return inside / max(1, claim.end - claim.start)


def _inside(pos: int, ranges) -> bool:
    return any(a <= pos < b for a, b in ranges)
