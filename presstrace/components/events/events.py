"""Events layer: who did what to whom, where and when, coded with PLOVER event types.

Triggers come from a shipped lexicon (`event_triggers.tsv`): verbs ("surrounded", "taken
back"), light verbs with an event noun ("held a phone call", "imposed sanctions", "came
under criticism") and event nouns with an agent ("a Ukrainian withdrawal", "a plea by
Trump"). Actors are read off the parse (subject and object; agent and patient in the
passive) and coded by `actors.py`; the place and date come from the places and times
layers in the same sentence, else the article's date, marked as such.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...records import Actor, Event, Place
from .actors import GROUP_PRONOUNS, NOT_ACTORS, actor_for, alpha3, antecedent, seats, sectors
from .confidence import event_confidence
from .senses import sense
from ..common.entity_index import EntityIndex
from ..common.constants import MODALS
from ..common.speech import is_speech_verb
from ..common.syntax import subject_of
from ..common.gazetteer import gazetteer_for
from ..common.doc import article_date, contract, doc_text, get_layer, noncontent_ranges, set_layer
from ..common.lexicons import data_rows, demonyms

# Verbs whose object noun is the event ("held talks", "imposed sanctions"), including verbs
# of degree and phase ("tightened the blockade", "stepped up attacks", "resumed talks").
LIGHT_VERBS = {"hold", "have", "make", "launch", "carry", "conduct", "stage", "impose", "reach", "issue",
               "tighten", "intensify", "escalate", "extend", "resume", "renew", "expand", "step", "reimpose",
               "send", "provide", "deliver", "give", "open", "begin", "start", "mount", "announce", "order",
               "continue", "grant", "allocate", "place", "remain", "stay", "contribute", "offer"}
UNDERGO_VERBS = {"come", "face", "suffer", "draw", "receive", "put"}  # their subject is the target
GIVING_VERBS = {"send", "provide", "deliver", "give", "grant", "allocate", "contribute", "offer"}
OBJECT_TYPES = {"aid": ("AID", None), "assistance": ("AID", None), "weapons": ("AID", "military aid"),
                "troops": ("MOBILIZE", "deploy"), "forces": ("MOBILIZE", "deploy"), "money": ("AID", None),
                "dollar": ("AID", None), "fund": ("AID", None), "food": ("AID", None), "grant": ("AID", None)}
COOPERATIVE = {"SUPPORT", "AID", "CONSULT", "CONCEDE", "COOPERATE"}
CONFLICTUAL = {"ASSAULT", "SANCTION", "COERCE"}
# Dependencies through which an event can be the content or purpose of another.
EMBED_DEPS = {"advcl", "xcomp", "ccomp", "acl", "relcl", "dobj", "pobj", "prep", "pcomp"}
# "ready to", "willing to": an offer, like "will".
WILLING = {"ready", "willing", "prepared", "able"}
TARGET_PREPS = {"with", "against", "on", "at", "to", "for", "into", "upon"}
# Modals of ability and obligation: with them a verb is possible or required, not intended.
ABILITY_MODALS = {"can", "ca", "must"}
INTENT_HEADS = {"threaten", "plan", "want", "vow", "promise", "intend", "seek", "aim", "prepare", "offer", "hope"}
# Words that put what depends on them out of the real world: conditions, plans, fears.
IRREALIS_WORDS = {"if", "unless", "whether", "any", "potentially", "possibly", "possible", "potential",
                  "imminent", "looming", "likely", "feared", "alleged"}
IRREALIS_HEADS = {"intention", "plan", "decision", "capacity", "capability", "effort", "attempt", "possibility",
                  "risk", "prospect", "threat", "deter", "prevent", "fear", "consider", "weigh", "decide",
                  "avoid", "expect", "ready", "willing", "prepared", "able", "right", "bid", "readiness"}
MILITARY_TYPES = {"ASSAULT", "RETREAT", "MOBILIZE"}
# Deeds, dated by when they were done; the other types are mostly said, dated by the saying.
MATERIAL_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST", "CONSULT", "AID", "SANCTION",
                  "COOPERATE", "CONCEDE"}
# Types whose verbs take no object ("withdraw", "protest"): "of" after their nouns names the doer.
INTRANSITIVE_TYPES = {"RETREAT", "PROTEST", "MOBILIZE", "CONSULT"}
# Verbs whose subject, not object, does what their infinitive says ("promised Kyiv to send").
SUBJECT_CONTROL = {"promise", "vow", "pledge", "threaten", "offer"}
# Particles that make a phrasal verb of the verb they follow ("back off", "hold up").
PARTICLES = {"off", "down", "away", "out", "up"}
# The mode of event nouns that take land ("invasion", "occupation", "annexation").
TERRITORY = "occupy/seize territory"
# "a big deal", "a huge deal": importance, not an agreement.
IMPORTANCE = {"big", "huge", "great", "massive"}
# Sectors of actors that are local to where an event happens (see `_actor`).
LOCAL_SECTORS = {"POL", "CVL", "JUD", "OPP"}
QUANTITY_HEADS = {"thousands", "hundreds", "dozens", "millions", "scores", "number", "group", "lives"}
MEASURE_HEADS = {"ton", "tonne", "amount", "series", "shipment", "package", "batch", "million", "billion"}


@dataclass(frozen=True)
class Trigger:
    token: Token       # the word the event hangs on (the light verb for "held a call")
    type: str
    mode: Optional[str]
    noun: Optional[Token] = None  # the event noun, for light verbs and nominalisations
    origin: str = "lexicon"       # "obligation": a clause saying someone must do something


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], tuple[str, Optional[str]]]:
    out = {}
    for cols in data_rows("event_triggers.tsv"):
        out[(cols[0], cols[1])] = (cols[2], cols[3] if len(cols) > 3 and cols[3] else None)
    return out


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
    for tok in doc:
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


def find_trigger(tok: Token, embedded_check: bool = True) -> Optional[Trigger]:
    """The event trigger at `tok`, if it is one (and not the content of another event)."""
    lex = lexicon()
    if tok.pos_ not in ("VERB", "NOUN") or (embedded_check and _inside_event(tok)):
        return None
    if _obligation(tok):
        return Trigger(tok, "REQUEST", None, origin="obligation")
    if tok.pos_ == "VERB" and tok.lemma_.lower() in LIGHT_VERBS | UNDERGO_VERBS:
        light = _light_verb(tok)  # "ordered patrols" is MOBILIZE before "order" is REQUEST
        if light is not None:
            return light
    if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound"):
        particle = next((c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod") and
                         ("v", f"{tok.lemma_.lower()} {c.lower_}") in lex), None)
        if particle is None and any(c.dep_ == "prt" or (0 < c.i - tok.i <= 2 and c.lower_ in PARTICLES)
                                    for c in tok.children):
            return None  # a phrasal verb is a word of its own: "back off" is not "back"
        key = ("v", f"{tok.lemma_.lower()} {particle}") if particle else ("v", tok.lemma_.lower())
        if key not in lex:
            return None
        etype, mode = lex[key]
        etype_here = sense(tok, etype)
        return Trigger(tok, etype_here, mode) if etype_here else None
    if tok.pos_ == "NOUN" and ("n", tok.lemma_.lower()) in lex and _has_agent(tok):
        etype, mode = lex[("n", tok.lemma_.lower())]
        if etype == "REQUEST" and not _asks_for(tok):
            return None  # "Griner's plea" in court asks for nothing
        return Trigger(tok, etype, mode, noun=tok)
    return None


def _asks_for(noun: Token) -> bool:
    """A request names what it asks: "a plea for a ceasefire", "a call to withdraw"."""
    if any((t.dep_ == "prep" and t.lower_ in ("for", "to")) or t.dep_ in ("acl", "ccomp", "xcomp")
           for t in noun.subtree if t.i != noun.i):
        return True
    # The parser may hang "a plea by Trump for Russia to …" on the verb: read the words after.
    agent = _by_phrase(noun)
    start = (agent.right_edge.i if agent is not None else noun.i) + 1
    follow = noun.doc[start:start + 1]
    return len(follow) == 1 and follow[0].lower_ in ("for", "to", "that")


def _obligation(verb: Token) -> bool:
    """What someone says another must or should do is a demand: "the Red Cross said US forces
    must ensure security" is the Red Cross asking the US forces (PLOVER REQUEST). Not "we
    must": a speaker's own duty asks no one else."""
    if verb.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in ("i", "we", "you", "it", "this", "that", "there"):
        return False
    return is_speech_verb(verb.head, beliefs=True)


def _light_verb(verb: Token) -> Optional[Trigger]:
    """"held a phone call", "imposed sanctions", "came under criticism", "sent troops"."""
    lemma = verb.lemma_.lower()
    if lemma not in LIGHT_VERBS | UNDERGO_VERBS:
        return None
    objects = [_counted(c) for c in verb.children if c.dep_ in ("dobj", "attr")]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("under", "to", "on")
                for g in c.children if g.dep_ == "pobj"]
    for noun in objects:
        key = ("n", noun.lemma_.lower())
        if any(c.dep_ == "amod" and c.lower_ in IMPORTANCE for c in noun.children):
            continue  # "made a big deal of it": made much of it, agreed nothing
        if key in lexicon():
            return Trigger(verb, *lexicon()[key], noun=noun)
        if noun.lemma_.lower() in OBJECT_TYPES and lemma in GIVING_VERBS:
            return Trigger(verb, *OBJECT_TYPES[noun.lemma_.lower()], noun=noun)
    return None


def _by_phrase(noun: Token) -> Optional[Token]:
    """The "by" right after an event noun, wherever the parser attached it ("a plea by X")."""
    doc = noun.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if by is None and nxt is not None and nxt.lower_ == "by" and nxt.dep_ == "prep":
        by = nxt
    return next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None


def _has_agent(noun: Token) -> bool:
    """An event noun counts on its own only when the text says whose event it is."""
    if _by_phrase(noun) is not None:
        return True
    for c in noun.children:
        if c.dep_ == "poss":
            return True
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN"):
            return True
    return False


def recode(trig: Trigger) -> Trigger:
    """PLOVER codes a promise of cooperation as AGREE and a stated intent to use force or
    pressure as THREATEN; a hunger or general strike is a PROTEST."""
    noun = trig.noun
    if noun is not None and noun.lemma_.lower() == "strike" and any(
            c.lower_ in ("hunger", "general", "labor", "labour") for c in noun.children):
        return replace(trig, type="PROTEST", mode="strike")
    if not _intended(trig.token) and not _willing(trig.token):
        return trig
    if trig.type in COOPERATIVE:
        return replace(trig, type="AGREE", mode="promise")
    if trig.type in CONFLICTUAL:
        return replace(trig, type="THREATEN")
    return trig


def _intended(tok: Token) -> bool:
    """Stated as the actor's own future or intent: "will support", "threatened to cut"."""
    if any(c.dep_ == "aux" and c.lower_ in MODALS - ABILITY_MODALS for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in INTENT_HEADS


def _willing(tok: Token) -> bool:
    head = tok.head
    return tok.dep_ in ("xcomp", "advcl") and (head.lower_ in WILLING or head.lemma_.lower() == "offer")


def _inside_event(tok: Token) -> bool:
    """A trigger that is the content or purpose of another event is not an event of its own:
    "rejected a U.S. request", "threatened to break off relations", "staged demonstrations
    to demand reforms", "complained over two air raids"."""
    node = tok
    for _ in range(3):
        if node.dep_ not in EMBED_DEPS or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "NOUN") and find_trigger(node, embedded_check=False) is not None:
            return True
    return False


def code_event(doc: Doc, trig: Trigger, index: EntityIndex, gazetteer, text: str) -> Event:
    """The event record for a trigger (`text` is `doc.text`, which spaCy rebuilds per read)."""
    trig = recode(trig)
    source, target = (_counted(t) for t in _actors(trig))
    sent = trig.token.sent  # Token.sent walks the sentence: look it up once
    places = [p for p in get_layer(doc, "places") if sent.start_char <= p.start < sent.end_char]
    target, where = _target_or_place(trig, target, places)
    place = where or _place(trig, places, source, target)
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
    date, date_source = _date(doc, said, sent)
    ev = Event(start=start, end=end, text=text[start:end], type=trig.type, mode=trig.mode,
               source_actor=src, target_actor=tgt, place=place.name if place is not None else None,
               date=date, negated=_negated(said), date_source=date_source,
               hypothetical=_hypothetical(said.token), reported_by=reported_by)
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


def _counted(tok: Optional[Token]) -> Optional[Token]:
    """"thousands of Ukrainian troops": the troops, not the number."""
    heads = QUANTITY_HEADS | MEASURE_HEADS
    if tok is not None and (tok.pos_ == "NUM" or tok.lemma_.lower() in heads or tok.lower_ in heads):
        return next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), tok)
    return tok


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


def _actors(trig: Trigger) -> tuple[Optional[Token], Optional[Token]]:
    """(source head, target head) for a trigger."""
    tok, noun = trig.token, trig.noun
    if trig.origin == "obligation":  # the one who says it asks the one who must
        return subject_of(tok.head), next(c for c in tok.children if c.dep_ == "nsubj")
    if noun is not None and noun.i == tok.i:  # a nominalisation: "a plea by Trump for Russia"
        return _noun_actors(noun, trig.type)
    if tok.lemma_.lower() in UNDERGO_VERBS:  # "Zelensky came under criticism"
        return (_noun_source(noun) if noun is not None else None), subject_of(tok)
    if tok.tag_ == "VBN" and (tok.dep_ in ("oprd", "acomp") or (tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in tok.children))):  # "people were reported (as) wounded"
        return None, subject_of(tok)
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and _shared_object(tok) is None \
            and not any(c.dep_ == "dobj" for c in tok.children):  # "men mobilised to fight": the men undergo it
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        return agent, tok.head
    if _passive(tok) or (tok.dep_ == "conj" and tok.tag_ == "VBN" and _passive(tok.head)):  # "killed or wounded"
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        return agent, next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    target = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and (noun is None or c.i != noun.i)), None)
    source = _controller(tok) or subject_of(tok)
    if source is not None and source.pos_ == "NOUN" and lexicon().get(("n", source.lemma_.lower()), ("",))[0] == "ASSAULT":
        source = _noun_source(source)  # "US drone strikes killed …": the strikes' doer
    return source, target or _shared_object(tok) or _prep_object(noun or tok)


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _shared_object(tok: Token) -> Optional[Token]:
    """"arrested and charged a man": a verb with no complement of its own, joined by "and"
    to the next, shares that one's object."""
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i - tok.i <= 3 \
                and not any(g.dep_ in ("nsubj", "nsubjpass", "aux") for g in c.children) \
                and not any(g.dep_ in ("xcomp", "ccomp", "prep", "dobj") and g.i < c.i for g in tok.children):
            return next((g for g in c.children if g.dep_ == "dobj"), None)
    return None


def _controller(tok: Token) -> Optional[Token]:
    """Who does what a verb without a subject says, when it is not the governing verb's
    subject: the governing verb's object in "deter Putin from invading", "criticised Biden
    for blaming …", "taught Ukrainians (how) to fight" (but "promised Kyiv to send arms" is
    the promiser's); the governing verb's subject across a preposition ("is taking a gamble
    in planning to visit")."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    if tok.dep_ == "pcomp" and tok.head.lower_ in ("from", "for"):
        return next((c for c in tok.head.head.children if c.dep_ == "dobj"), None)
    governor = tok.head
    if tok.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
            and governor.lemma_.lower() not in SUBJECT_CONTROL:
        obj = next((c for c in governor.children if c.dep_ in ("dobj", "dative") and c.i < tok.i), None)
        if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
            return obj
    if tok.dep_ == "xcomp" and governor.dep_ == "pcomp":  # "is taking a gamble in planning to visit"
        verb = next((a for a in governor.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return subject_of(verb) if verb is not None else None
    if tok.dep_ == "acl" and _to_infinitive(tok) and (governor.lemma_.lower() in sectors() or governor.lower_ in sectors()):
        return governor  # "recruits to fight": the recruits fight ("measures to round up men" do not)
    return None


def _to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _noun_actors(noun: Token, etype: str) -> tuple[Optional[Token], Optional[Token]]:
    """Who does and who undergoes an event noun. Of a noun whose verb takes an object, "of"
    names the object ("Russia's invasion of Ukraine"); of one whose verb takes none, "of"
    names the doer ("the withdrawal of Russian troops")."""
    source, target = _noun_source(noun), _prep_object(noun)
    of = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj"), None)
    if etype in INTRANSITIVE_TYPES:
        return source or of, target
    if source is not None and source.dep_ == "compound" and source.ent_type_ in ("GPE", "LOC") \
            and lexicon().get(("n", noun.lemma_.lower()), ("", ""))[1] == TERRITORY:
        return None, target or of or source  # "the Ukraine invasion": the land invaded
    return source, target or of


def _noun_source(noun: Token) -> Optional[Token]:
    """Whose event a noun is: "a plea by Trump", "Russia's invasion", "US Predator strikes"
    (the weapon's owner, not the weapon)."""
    agent = _by_phrase(noun)
    if agent is not None:
        return agent
    found = next((c for c in noun.children if c.dep_ == "poss" or (
        c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ or c.pos_ == "PROPN"))), None)
    if found is not None and found.ent_type_ in NOT_ACTORS | {""}:
        owner = next((c for c in found.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                      and c.ent_type_ in ("GPE", "NORP", "ORG")), None)
        return owner or (found if not found.ent_type_ else None)
    return found


def _prep_object(head: Optional[Token]) -> Optional[Token]:
    if head is None:
        return None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON") and \
                    obj.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
                return obj
    return None


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


def _negated(trig: Trigger) -> bool:
    return _negated_chain(trig.token) or \
        (trig.noun is not None and any(c.lower_ in ("no", "without", "never") for c in trig.noun.children))


def _hypothetical(tok: Token) -> bool:
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
        if node.dep_ in ("advcl", "acl") and _to_infinitive(node):
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


def _target_or_place(trig: Trigger, target: Optional[Token], places: list) -> tuple[Optional[Token], Optional[Place]]:
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
    return (target if (place.feature or "").startswith("PCL") and place.start <= target.idx < place.end else None), place


def _place(trig: Trigger, places: list, *actors: Optional[Token]) -> Optional[Place]:
    """Where the event happened: a place in the trigger's phrase that does not name one of
    its actors ("Russia's invasion" did not happen in Russia); for fighting, else the first
    such place of the sentence."""
    spans = [(a.left_edge.idx, a.idx + len(a.text)) for a in actors if a is not None]
    # "Moscow's invasion", "the Kremlin's troops": a name standing for a government acts.
    free = [p for p in places if not any(s <= p.start < e for s, e in spans) and p.stands_for != "government"]
    if not free:
        return None
    sub = [t.idx for t in trig.token.subtree] + ([t.idx for t in trig.noun.subtree] if trig.noun is not None else [])
    if trig.type in MILITARY_TYPES:  # fighting happens somewhere, but not at a seat of government
        free = [p for p in free if p.text.lower().removeprefix("the ") not in seats()]
    near = [p for p in free if min(sub) <= p.start <= max(sub)]
    if near:
        return near[0]
    return free[0] if free and trig.type in MILITARY_TYPES else None


def _date(doc: Doc, trig: Trigger, sent: Span) -> tuple[Optional[str], Optional[str]]:
    """When the event happened: a date in its sentence, but for a deed done (not a promise,
    threat or demand, which happen when said) not one on the verb that reports it
    ("revealed Friday that he had held a call"); else one the next sentence gives a
    definite mention of its noun ("The call, held Thursday, …"); else the article's date,
    marked as such."""
    times = _dates_in(doc, sent.start_char, sent.end_char)
    phrase = [t.idx for t in trig.token.subtree] + ([t.idx for t in trig.noun.subtree] if trig.noun is not None else [])
    done = trig.type in MATERIAL_TYPES and not _hypothetical(trig.token)
    told = [t for t in times if done and not min(phrase) <= t.start <= max(phrase)
            and _dates_the_report(doc, t, trig.token)]
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
