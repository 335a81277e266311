"""Events layer: who did what to whom, where and when, coded with PLOVER event types.

`triggers.py` finds the words that report an event (a shipped lexicon, read in the sense
the arguments give it); `roles.py` reads who does it and to whom off the parse;
`actors.py` codes them (entity, country, sector) and this module keeps only actors that
can act — an entity, a group with a country, a people — and events that name one;
`qualities.py` gives place, date, negation and hypothetical use; `confidence.py` a
calibrated confidence.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Optional

import numpy
from spacy.attrs import POS
from spacy.language import Language
from spacy.parts_of_speech import NOUN, VERB
from spacy.tokens import Doc, Span, Token

from ...records import DEMONYM, Actor, Event
from .actors import GROUP_PRONOUNS, actor_for, alpha3, antecedent
from .confidence import event_confidence
from .qualities import event_date, event_place, is_hypothetical, is_negated, target_or_place
from .roles import actors_of
from .triggers import MILITARY_TYPES, Trigger, counted, find_trigger, lexicon, recode
from ..common.entity_index import EntityIndex
from ..common.syntax import subject_of
from ..common.gazetteer import gazetteer_for
from ..common.doc import contract, doc_text, get_layer, noncontent_ranges, set_layer
from ..common.lexicons import demonyms

# Sectors of actors that are local to where an event happens (see `_actor`).
LOCAL_SECTORS = {"POL", "CVL", "JUD", "OPP"}


@Language.factory("events", **contract(["events"], requires=["doc.sents"]), default_config={"gazetteer_path": ""})
def make_events(nlp: Language, name: str, gazetteer_path: str):
    def events_component(doc: Doc) -> Doc:
        set_layer(doc, "events", extract_events(doc, gazetteer_for(gazetteer_path)))
        return doc
    return events_component


def extract_events(doc: Doc, gazetteer=None) -> list[Event]:
    """Events of `doc` in text order, ids V1, V2, …."""
    skip = noncontent_ranges(doc)
    index = EntityIndex(get_layer(doc, "entities"))
    events, used = [], set()
    text = doc_text(doc)
    for tok in _verbs_and_nouns(doc):  # no other word is a trigger
        trigger = find_trigger(tok)
        if trigger is None or trigger.token.i in used or any(a <= tok.idx < b for a, b in skip):
            continue
        used.update(t.i for t in (trigger.token, trigger.noun) if t is not None)
        event = code_event(doc, trigger, index, gazetteer, text)
        if _says_who(event, trigger):
            events.append(event)
    for k, ev in enumerate(events, 1):
        ev.id = f"V{k}"
    return events


def _verbs_and_nouns(doc: Doc) -> Iterator[Token]:
    """The document's verbs and nouns, found in its POS array (no Token for the others)."""
    if not len(doc):
        return
    pos = doc.to_array([POS])
    for i in numpy.flatnonzero((pos == VERB) | (pos == NOUN)).tolist():
        yield doc[i]


def _says_who(ev: Event, trig: Trigger) -> bool:
    """Keep an event only when the text says who acts or is acted on: "the decision was
    captured" or "tensions eased" code no one. A meeting needs two sides, a warning is a
    threat only when it is addressed to someone, and a withdrawal or build-up is by a force,
    not by a private person ("the reporter retreated several steps")."""
    src, tgt = ev.source_actor, ev.target_actor
    if src is None and tgt is None:
        return False
    if ev.type == "CONSULT" and tgt is None:
        return _plural(trig.token)
    if ev.type in ("RETREAT", "MOBILIZE") and tgt is None and src is not None and not (src.country or src.sector) \
            and _is_person(src, trig):
        return False  # a person stepping back is moving, not a force withdrawing
    if ev.mode in ("warn", "release") and tgt is None:
        return False  # a warning to no one is a statement; "released a letter" frees no one
    tok = trig.token
    if tok.lemma_.lower() == "agree" and any(c.dep_ in ("ccomp",) for c in tok.children):
        return False  # "agreed that X": an opinion shared, not an agreement made
    if tok.lemma_.lower() in ("seek", "grant") and trig.noun is None and any(c.dep_ == "xcomp" for c in tok.children):
        return False  # "sought to walk back": an attempt, not a request
    return True


def _is_person(actor: Actor, trig: Trigger) -> bool:
    ent = next((e for e in get_layer(trig.token.doc, "entities") if e.id == actor.entity), None)
    return ent is not None and ent.label == "PERSON"


def _plural(tok: Token) -> bool:
    """Whether the verb's subject names several parties ("the two sides met")."""
    subject = subject_of(tok)
    return subject is not None and (subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children))


def code_event(doc: Doc, trig: Trigger, index: EntityIndex, gazetteer, text: str) -> Event:
    """The event record for a trigger (`text` is `doc.text`, which spaCy rebuilds per read)."""
    trig = recode(trig)
    source, target = (counted(t) for t in actors_of(trig))
    sent = trig.token.sent  # Token.sent walks the sentence: look it up once
    places = [p for p in get_layer(doc, "places")
              if p.kind != DEMONYM and sent.start_char <= p.start < sent.end_char]
    target, where = target_or_place(trig, target, places)
    place = where or event_place(trig, places, source, target)
    local = alpha3(place.country) if place is not None else None
    reported_by = _reported_by(doc, trig.token.idx)
    src = _speaker_actor(doc, source, reported_by) or _actor(source, index, gazetteer, local, places)
    tgt = _actor(target, index, gazetteer, local, places, victim=trig.type in ("ASSAULT", "COERCE"))
    for actor in (src, tgt):
        bare_nation = actor is not None and (actor.text or "").lower() in demonyms()
        if actor is not None and actor.sector is None and actor.country and trig.type in MILITARY_TYPES \
                and (actor.entity is None or bare_nation):
            actor.sector = "MIL"  # "a Ukrainian withdrawal": a military move by that country
    start, end = _extent(trig, src, tgt, sent)
    # A demand is as real, and as dated, as its saying: "must" marks what is asked.
    said = replace(trig, token=trig.token.head, noun=None) if trig.origin == "obligation" else trig
    hypothetical = is_hypothetical(said.token)
    date, date_source = event_date(doc, said, sent, hypothetical)
    ev = Event(start=start, end=end, text=text[start:end], type=trig.type, mode=trig.mode,
               source_actor=src, target_actor=tgt, place=place.name if place is not None else None,
               date=date, negated=is_negated(said), date_source=date_source,
               hypothetical=hypothetical, reported_by=reported_by)
    ev.key = "|".join(str(x or "") for x in (ev.type, _actor_key(src), _actor_key(tgt), ev.place, date))
    ev.found_by = _found_by(trig)
    ev.confidence = event_confidence(ev.found_by, src, tgt)
    return ev


def _found_by(trig: Trigger) -> str:
    if trig.origin == "obligation":
        return "demand"
    if trig.noun is None:
        return "verb"
    return "noun" if trig.noun.i == trig.token.i else "light_verb"


def _actor(tok: Optional[Token], index: EntityIndex, gazetteer, local: Optional[str] = None,
           places: tuple = (), victim: bool = False) -> Optional[Actor]:
    """The actor, or None for a phrase that names no one who can act: an actor is an
    entity, a group with a country ("Russian troops", "the Russians") or a people
    ("Islamic militants").
    Police, protesters, residents or courts with no country named are those of a place in
    their phrase ("a Colorado Springs man") or else of the place where the event happens
    (`local`, alpha-3): news names the country of local actors only when it differs. The
    `victim` of violence may be a person of no stated country."""
    if tok is not None and ("n", tok.lemma_.lower()) in lexicon():
        return None  # "attacking the US and relentless bombing": an event is no actor
    country = _the_country(tok, places)
    actor = actor_for(country if country is not None else tok, index, gazetteer)
    if country is not None and actor is not None:  # named at "the country", standing for the country
        start, end = tok.left_edge.idx, tok.idx + len(tok.text)
        actor.start, actor.end, actor.text = start, end, tok.doc.text[start:end]
    if actor is None or actor.entity or (actor.country and (actor.sector or tok.lower_ in demonyms())):
        return actor  # not "Russian territory": a country's land is a place, not a party
    own = next((p for p in places if actor.start is not None and actor.start <= p.start < actor.end), None)
    if actor.sector in LOCAL_SECTORS and (own is not None or local):
        actor.country = alpha3(own.country) if own is not None else local
        return actor
    if victim and actor.sector == "CVL":
        return actor  # "shot a nine-year-old girl": the victim, whoever's she is
    named = antecedent(tok) if tok.lower_ in GROUP_PRONOUNS else tok  # "the Fijian rebels said they …"
    if named is not None and named.tag_ in ("NNS", "NNPS") \
            and any(t.ent_type_ == "NORP" for t in tok.doc[named.left_edge.i:named.i + 1]):
        return actor  # a people ("Palestinian youths"), not a people's thing ("Russian territory")
    return None


def _the_country(tok: Optional[Token], places: tuple) -> Optional[Token]:
    """"the country" stands for the last country the sentence named before it ("its shops in
    Russia closed over the country's invasion of Ukraine")."""
    if tok is None or tok.lemma_.lower() != "country" or not any(c.lower_ == "the" for c in tok.children) \
            or any(c.dep_ in ("amod", "compound") for c in tok.children):
        return None
    sent = tok.sent
    before = [p for p in places if (p.feature or "").startswith("PCL") and sent.start_char <= p.start < tok.idx]
    if not before:
        return None
    return next((t for t in sent if t.idx == before[-1].start), None)


def _speaker_actor(doc: Doc, tok: Optional[Token], reported_by: Optional[str]) -> Optional[Actor]:
    """"I" or "we" in a quote is its speaker."""
    if tok is None or tok.lower_ not in ("i", "we") or not reported_by or not reported_by.startswith("Q"):
        return None
    quote = next((q for q in get_layer(doc, "quotes") if q.id == reported_by), None)
    if quote is None or quote.speaker is None:
        return None
    s = quote.speaker
    return Actor(entity=s.entity, name=s.name, start=s.start, end=s.end, text=s.text)


def _extent(trig: Trigger, src: Optional[Actor], tgt: Optional[Actor], sent: Span) -> tuple[int, int]:
    """Characters from the first to the last of trigger, event noun phrase and actors."""
    tok = trig.token
    parts = [(tok.idx, tok.idx + len(tok.text))]
    if trig.noun is not None:
        sub = list(trig.noun.subtree)
        parts.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    for actor in (src, tgt):
        if actor is not None and actor.start is not None and sent.start_char <= actor.start < sent.end_char:
            parts.append((actor.start, actor.end))
    return min(a for a, _ in parts), max(b for _, b in parts)


def _reported_by(doc: Doc, pos: int) -> Optional[str]:
    for rec in get_layer(doc, "claims") + get_layer(doc, "quotes"):
        kind = getattr(getattr(rec, "source", None), "kind", None)
        if rec.start <= pos < rec.end and kind != "unattributed" and getattr(rec, "kind", "") != "scare":
            return rec.id
    return None


def _actor_key(actor: Optional[Actor]) -> str:
    if actor is None:
        return ""
    return "-".join(x for x in (actor.country, actor.sector) if x) or (actor.name or "")
