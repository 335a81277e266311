"""Where, when and how real an event is: negation, hypothetical and intended uses, the place
it happened (not a place that names one of its actors) and its date (not the date of the
verb that reports a deed).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from ...records import Place
from .actors import seats
from .triggers import INTENT_HEADS, MILITARY_TYPES, Trigger, to_infinitive
from ..common.constants import MODALS
from ..common.doc import article_date, get_layer
from ..common.speech import is_speech_verb

# Words that put what depends on them out of the real world: conditions, plans, fears.
IRREALIS_WORDS = {"if", "unless", "whether", "any", "potentially", "possibly", "possible", "potential",
                  "imminent", "looming", "likely", "feared", "alleged"}

IRREALIS_HEADS = {"intention", "plan", "decision", "capacity", "capability", "effort", "attempt", "possibility",
                  "risk", "prospect", "threat", "deter", "prevent", "fear", "consider", "weigh", "decide",
                  "avoid", "expect", "ready", "willing", "prepared", "able", "right", "bid", "readiness"}

# Deeds, dated by when they were done; the other types are mostly said, dated by the saying.
MATERIAL_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST", "CONSULT", "AID", "SANCTION",
                  "COOPERATE", "CONCEDE"}


def is_negated(trig: Trigger) -> bool:
    return _negated_chain(trig.token) or \
        (trig.noun is not None and any(c.lower_ in ("no", "without", "never") for c in trig.noun.children))


def is_hypothetical(tok: Token) -> bool:
    """Future, conditional or intended rather than done: "would attack", "threatened to
    attack", "if there's a Russian invasion", "the decision whether to invade"."""
    node = tok
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
            return True
        if any(c.dep_ in ("mark", "det", "advmod", "amod") and c.lower_ in IRREALIS_WORDS for c in node.children):
            return True
        if node.i != tok.i and node.lemma_.lower() in INTENT_HEADS | IRREALIS_HEADS:
            return True
        if node.dep_ in ("advcl", "acl") and to_infinitive(node):
            return True  # a purpose ("sent trainers to teach them to fight", "recruits to fight") is not yet done
        if node.head.i == node.i or node.dep_ in ("ROOT", "conj", "parataxis"):
            return False
        node = node.head
    return False


def _negated_chain(tok: Token) -> bool:
    """Negation on the event or on the verb it depends on ("doesn't intend to invade")."""
    node = tok
    for _ in range(3):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no" and node.i != tok.i) for c in node.children):
            return True  # "did not attack"; "no sign (that) they met"
        if node.dep_ not in ("xcomp", "ccomp", "advcl", "dobj", "pobj", "prep", "acl", "relcl", "attr") \
                or node.head.i == node.i:
            return False
        node = node.head
    return False


def target_or_place(trig: Trigger, target: Optional[Token], places: list) -> tuple[Optional[Token], Optional[Place]]:
    """A place that an attack, seizure or withdrawal acts on is where the event happens; a
    country is also whom it is done to ("Russia invaded Ukraine"), a town is only where
    ("shelled Kharkiv")."""
    if target is None or trig.type not in MILITARY_TYPES | {"COERCE"}:
        return target, None
    # The place is the target itself, or what "the town of …" names.
    named = [target, *(g for c in target.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj")]
    place = next((p for p in places for t in named if p.start <= t.idx < p.end), None)
    if place is None:
        return target, None
    country = (place.feature or "").startswith("PCL") and place.start <= target.idx < place.end
    return (target if country else None), place


def event_place(trig: Trigger, places: list, *actors: Optional[Token]) -> Optional[Place]:
    """Where the event happened: a place in the trigger's phrase that does not name one of
    its actors ("Russia's invasion" did not happen in Russia); for fighting, else the first
    such place of the sentence."""
    spans = [(a.left_edge.idx, a.idx + len(a.text)) for a in actors if a is not None]
    # "Moscow's invasion", "the Kremlin's troops": a name standing for a government acts.
    free = [p for p in places if not any(s <= p.start < e for s, e in spans) and p.stands_for != "government"]
    if not free:
        return None
    lo, hi = _phrase_chars(trig)
    if trig.type in MILITARY_TYPES:  # fighting happens somewhere, but not at a seat of government
        free = [p for p in free if p.text.lower().removeprefix("the ") not in seats()]
    near = [p for p in free if lo <= p.start <= hi]
    if near:
        return near[0]
    return free[0] if free and trig.type in MILITARY_TYPES else None


def _phrase_chars(trig: Trigger) -> tuple[int, int]:
    """First and last token starts of the trigger's phrase (its verb's and its noun's subtree)."""
    starts = [t.idx for t in trig.token.subtree] + ([t.idx for t in trig.noun.subtree] if trig.noun is not None else [])
    return min(starts), max(starts)


def event_date(doc: Doc, trig: Trigger, sent: Span, hypothetical: bool) -> tuple[Optional[str], Optional[str]]:
    """When the event happened: a date in its sentence, but for a deed done (not a promise,
    threat or demand, which happen when said) not one on the verb that reports it
    ("revealed Friday that he had held a call"); else one the next sentence gives a
    definite mention of its noun ("The call, held Thursday, …"); else the article's date,
    marked as such. `hypothetical`: the event is not (yet) done, as `is_hypothetical` says."""
    times = _dates_in(doc, sent.start_char, sent.end_char)
    lo, hi = _phrase_chars(trig)
    done = trig.type in MATERIAL_TYPES and not hypothetical
    told = [t for t in times if done and not lo <= t.start <= hi and _dates_the_report(doc, t, trig.token)]
    own = [t for t in times if t not in told]
    if not own and trig.noun is not None and sent.end < len(doc):
        own = _dates_of_mention(doc, trig.noun.lemma_.lower(), doc[sent.end].sent)
    if own:
        return own[0].value[:10], "text"
    date = article_date(doc)
    return (date, "article") if date else (None, None)


def _dates_in(doc: Doc, start: int, end: int) -> list:
    return [t for t in get_layer(doc, "times") if start <= t.start < end
            and t.type in ("DATE", "TIME") and t.value and t.value[:1].isdigit()]


def _dates_the_report(doc: Doc, time, trigger: Token) -> bool:
    """A date on a speech verb that the event is reported under."""
    tok = next((t for t in trigger.sent if t.idx == time.start), None)
    head = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None) if tok is not None else None
    if head is None or not is_speech_verb(head, beliefs=True):
        return False
    node = trigger  # reported under it: inside the clause it introduces, not joined to it by "and"
    while node.head.i != node.i and node.i != head.i:
        if node.head.i == head.i:
            return node.dep_ in ("ccomp", "xcomp", "advcl", "parataxis", "dobj")
        node = node.head
    return False


def _dates_of_mention(doc: Doc, noun: str, sent: Span) -> list:
    """Dates inside "the <noun> …" in `sent`: the same event named again."""
    for tok in sent:
        if tok.lemma_.lower() == noun and any(c.lower_ == "the" for c in tok.children):
            sub = list(tok.subtree)
            return _dates_in(doc, sub[0].idx, sub[-1].idx + len(sub[-1].text))
    return []
