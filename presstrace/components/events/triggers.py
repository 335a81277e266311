"""Event triggers: the words that report an event, with their PLOVER type and mode.

A verb of the shipped lexicon (`event_triggers.tsv`), read in the sense its arguments give
it (`senses.py`); a light or degree verb with an event noun ("held a phone call",
"tightened the blockade"); an event noun whose doer the text names ("Russia's invasion",
"a plea by Trump for …"); or a clause saying what someone must do, which is the speaker's
demand. A trigger that is the content of another ("rejected a request for talks") is no
event of its own, and intent or willingness recodes cooperation as AGREE and force as
THREATEN.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from spacy.tokens import Token

from .senses import sense
from ..common.constants import MODALS
from ..common.lexicons import data_rows
from ..common.speech import is_speech_verb

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

# Modals of ability and obligation: with them a verb is possible or required, not intended.
ABILITY_MODALS = {"can", "ca", "must"}

INTENT_HEADS = {"threaten", "plan", "want", "vow", "promise", "intend", "seek", "aim", "prepare", "offer", "hope"}

MILITARY_TYPES = {"ASSAULT", "RETREAT", "MOBILIZE"}

# Particles that make a phrasal verb of the verb they follow ("back off", "hold up").
PARTICLES = {"off", "down", "away", "out", "up"}

# "a big deal", "a huge deal": importance, not an agreement.
IMPORTANCE = {"big", "huge", "great", "massive"}

# The mode of event nouns that take land ("invasion", "occupation", "annexation").
TERRITORY = "occupy/seize territory"

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


def find_trigger(tok: Token, embedded_check: bool = True) -> Optional[Trigger]:
    """The event trigger at `tok`, if it is one (and not the content of another event)."""
    lex = lexicon()
    if tok.pos_ not in ("VERB", "NOUN") or not _may_trigger(tok) or (embedded_check and _inside_event(tok)):
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


@lru_cache(maxsize=1)
def _trigger_lemmas() -> tuple[frozenset[str], frozenset[str]]:
    """(lemmas a verb trigger can have: light verbs and the lexicon's verbs, alone or before
    a particle; lemmas of the lexicon's event nouns)."""
    verbs, nouns = set(LIGHT_VERBS | UNDERGO_VERBS), set()
    for kind, entry in lexicon():
        if kind == "v":
            words = entry.split(" ")
            verbs.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
        elif kind == "n":
            nouns.add(entry)
    return frozenset(verbs), frozenset(nouns)


def _may_trigger(tok: Token) -> bool:
    """A cheap test `find_trigger` passes only where it may find a trigger: a demand's clause
    (ccomp), else a verb or noun whose lemma some trigger has. Most words fail it, before
    the walk up the parse that `_inside_event` makes."""
    if tok.dep_ == "ccomp":
        return True
    verbs, nouns = _trigger_lemmas()
    return tok.lemma_.lower() in (verbs if tok.pos_ == "VERB" else nouns)


def _asks_for(noun: Token) -> bool:
    """A request names what it asks: "a plea for a ceasefire", "a call to withdraw"."""
    if any((t.dep_ == "prep" and t.lower_ in ("for", "to")) or t.dep_ in ("acl", "ccomp", "xcomp")
           for t in noun.subtree if t.i != noun.i):
        return True
    # The parser may hang "a plea by Trump for Russia to …" on the verb: read the words after.
    agent = by_phrase(noun)
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
    objects = [counted(c) for c in verb.children if c.dep_ in ("dobj", "attr")]
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


def by_phrase(noun: Token) -> Optional[Token]:
    """The "by" right after an event noun, wherever the parser attached it ("a plea by X")."""
    doc = noun.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    if by is None and nxt is not None and nxt.lower_ == "by" and nxt.dep_ == "prep":
        by = nxt
    return next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None


def _has_agent(noun: Token) -> bool:
    """An event noun counts on its own only when the text says whose event it is."""
    if by_phrase(noun) is not None:
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


def counted(tok: Optional[Token]) -> Optional[Token]:
    """"thousands of Ukrainian troops": the troops, not the number."""
    heads = QUANTITY_HEADS | MEASURE_HEADS
    if tok is not None and (tok.pos_ == "NUM" or tok.lemma_.lower() in heads or tok.lower_ in heads):
        return next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), tok)
    return tok


def to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)

