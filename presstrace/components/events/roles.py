"""Who does an event and who undergoes it, read off the parse: subject and object, agent
and patient of a passive, the doer of a verb without a subject (the object of "deter X from
invading", the subject across "in planning to"), the owner and "of" of an event noun, the
object two joined verbs share. The tokens found here become actors in `events.py`.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .actors import NOT_ACTORS, sectors
from .triggers import TERRITORY, UNDERGO_VERBS, Trigger, by_phrase, lexicon, to_infinitive
from ..common.syntax import subject_of

TARGET_PREPS = {"with", "against", "on", "at", "to", "for", "into", "upon"}

# Types whose verbs take no object ("withdraw", "protest"): "of" after their nouns names the doer.
INTRANSITIVE_TYPES = {"RETREAT", "PROTEST", "MOBILIZE", "CONSULT"}

# Verbs whose subject, not object, does what their infinitive says ("promised Kyiv to send").
SUBJECT_CONTROL = {"promise", "vow", "pledge", "threaten", "offer"}




def actors_of(trig: Trigger) -> tuple[Optional[Token], Optional[Token]]:
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
    if source is not None and source.pos_ == "NOUN" \
            and lexicon().get(("n", source.lemma_.lower()), ("",))[0] == "ASSAULT":
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
    if tok.dep_ == "acl" and to_infinitive(tok) \
            and (governor.lemma_.lower() in sectors() or governor.lower_ in sectors()):
        return governor  # "recruits to fight": the recruits fight ("measures to round up men" do not)
    return None


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
    agent = by_phrase(noun)
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
