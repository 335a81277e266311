"""What the parse says about a time expression: the tense it is used in, and whether an
ambiguous word ("May", "1996", "daily", "Today") is a time expression at all.

The direction a relative expression points ("Friday" = the last Friday or the next one)
comes from the verb that governs it: "said Friday" looks back, "will meet on Monday" and
"is set to resume Monday" look forward.
"""
from __future__ import annotations

import logging
import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .grammar import TimexMatch
from .lexicon import MONTHS
from .values import FUTURE, PAST, PRESENT

LOGGER = logging.getLogger(__name__)

FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "would", "may", "might", "should", "must",
              "can", "ca"}
PERFECT_AUX = {"have", "has", "'ve", "’ve", "having"}
PAST_AUX = {"was", "were", "had", "did", "been", "'d", "’d"}
PRESENT_AUX = {"is", "are", "am", "'s", "’s", "'re", "’re", "'m", "’m", "do", "does"}
# Verbs whose complement happens later: "is set to resume Monday", "plans to visit in May".
FUTURE_GOVERNORS = {"set", "schedule", "plan", "expect", "due", "intend", "hope", "aim", "want",
                    "go", "prepare", "suppose", "likely", "need", "seek", "wish"}
# Words between an expression and its verb that point forward whatever the verb's tense:
# "payable Dec. 7", "postponed until Saturday", "a summit set for April".
FUTURE_CUES = {"payable", "due", "effective", "scheduled", "schedule", "slated", "upcoming",
               "postpone", "delay", "adjourn", "defer", "extend", "until", "soon"}
# A bare month name needs one of these before it, unless it cannot be anything else.
MONTH_CUES = {"in", "by", "since", "until", "till", "through", "throughout", "during", "of", "from",
              "to", "before", "after", "between", "and", "or", "early", "late", "mid", "last", "this",
              "next", "for", "as", "around", "about", "each", "every", "that", "past", "coming",
              "end", "beginning"}
# Month names that are also common words or first names.
AMBIGUOUS_MONTHS = {"may", "march", "april", "june", "august"}
# Words after which a four-digit number is a year even before a plural noun ("in 1996 elections").
YEAR_CUES = {"in", "since", "by", "until", "till", "from", "to", "between", "and", "of", "during",
             "before", "after", "through", "into", "for", "as", "early", "late", "mid", "around",
             "circa", "year", "fiscal", "or", "the", "than", "spring", "summer", "autumn", "fall",
             "winter", "-", "–"}
NOT_YEAR_ENTS = {"MONEY", "PERCENT", "QUANTITY"}
# Kinds made of common words, which in Title case are a name rather than a time.
TITLE_SENSITIVE = {"dayword", "daypart", "rel_unit", "ref", "anaphor", "edge_unit", "weekend"}


def token_span(doc: Doc, start: int, end: int) -> Optional[Span]:
    """The tokens covering characters `[start, end)`, or None."""
    return doc.char_span(start, end, alignment_mode="expand")


def direction(doc: Doc, start: int, end: int) -> Optional[str]:
    """`past`, `future` or `present`: where the verb governing the expression points."""
    span = token_span(doc, start, end)
    if span is None or not len(span):
        return None
    verb, cue = governing_verb(span.root, span)
    if cue:
        return FUTURE
    return tense_of(verb) if verb is not None else None


def governing_verb(tok: Token, inside: Span) -> tuple[Optional[Token], bool]:
    """The nearest verb above `tok` in the parse (outside the expression itself), and
    whether a forward-pointing word ("payable", "postponed", "set for") lies on the way."""
    cue = False
    for _ in range(8):
        outside = not (inside.start <= tok.i < inside.end)
        if outside and (tok.lemma_.lower() in FUTURE_CUES or (tok.lemma_ == "set" and tok.tag_ == "VBN")):
            cue = cue or tok.lower_ != "until" or _perfect(tok.head)
        if tok.tag_.startswith(("VB", "MD")) and outside:
            return tok, cue
        if tok.head.i == tok.i:
            return None, cue
        tok = tok.head
    return None, cue


def _perfect(verb: Token) -> bool:
    """True for a present perfect ("has given them until Tuesday")."""
    return any(c.lower_ in PERFECT_AUX for c in verb.children if c.dep_ == "aux")


def tense_of(verb: Token, depth: int = 0) -> Optional[str]:
    """The direction a verb phrase points, from its auxiliaries, tag and governor."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX:
        return PAST if aux & (PERFECT_AUX | {"had"}) else FUTURE
    if "to" in aux:
        return _infinitive(verb, depth)
    if aux & PAST_AUX or verb.tag_ == "VBD":
        return PAST
    if aux & PERFECT_AUX:
        # A present perfect does not take a definite past time ("has given them until
        # Tuesday", "has scheduled a news conference Thursday"): the time is now or later.
        return PRESENT
    if verb.tag_ == "VBN":
        return PRESENT if aux & PRESENT_AUX else PAST
    if verb.tag_ == "VBG" and aux & PRESENT_AUX:
        return PRESENT
    if verb.tag_ in ("VBZ", "VBP"):
        return PRESENT
    if depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp", "acl") and verb.head.i != verb.i:
        return tense_of(verb.head, depth + 1)
    return None


def _infinitive(verb: Token, depth: int) -> Optional[str]:
    """An infinitive happens after its governor: "is set to resume Monday" and "wants to
    meet in May" look forward; after a past governor ("agreed to sell in October", "asked
    it to respond by Oct. 31") or a noun ("the first to join on Friday") it says nothing."""
    gov = verb.head
    if gov is verb:
        return FUTURE
    if gov.lemma_ in FUTURE_GOVERNORS or (gov.lemma_ == "be" and verb.dep_ == "xcomp"):
        return FUTURE
    if not gov.tag_.startswith("VB") or depth >= 3:
        return None
    return None if tense_of(gov, depth + 1) == PAST else FUTURE


def word_before(text: str, start: int) -> str:
    """The word (lower case) right before `start`, "" at the start of the text."""
    m = re.search(r"([\w'’-]+)[\s,]*$", text[max(0, start - 40):start])
    return m.group(1).lower() if m else ""


def word_after(text: str, end: int) -> str:
    """The word (lower case) right after `end`, "" at the end of the text."""
    m = re.match(r"\s*([\w'’-]+)", text[end:end + 40])
    return m.group(1).lower() if m else ""


def keep(doc: Doc, text: str, match: TimexMatch) -> bool:
    """False for a match that is an ordinary word or a number, not a time expression."""
    if match.kind in TITLE_SENSITIVE and _title_cased(text[match.start:match.end]):
        return False  # a name or title: ABC's "This Week", the "Today" programme
    check = _CHECKS.get(match.kind)
    return check(doc, text, match) if check else True


def _title_cased(words_text: str) -> bool:
    """True for two or more words all in Title case ("This Week", "Last Night")."""
    found = re.findall(r"[A-Za-z]+", words_text)
    return len(found) > 1 and all(w[0].isupper() and not w.isupper() for w in found)


def _keep_month(doc: Doc, text: str, m: TimexMatch) -> bool:
    """A month named alone: after a cue word ("in May", "last March") or unambiguous."""
    if m.get("rel"):
        return True
    name = m.get("mon").rstrip(".").lower()
    if word_before(text, m.start) in MONTH_CUES:
        return True
    return name in MONTHS and name not in AMBIGUOUS_MONTHS


def _keep_year(doc: Doc, text: str, m: TimexMatch) -> bool:
    """A four-digit number is a year unless it counts things ("2000 people", "$1996")."""
    if m.get("sy") or m.get("mod") or m.get("pp") or m.get("era"):
        return True
    before = word_before(text, m.start)
    span = token_span(doc, m.start, m.end)
    if span is None:
        return False
    tok = span[-1]
    if tok.ent_type_ in NOT_YEAR_ENTS:
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    counts = nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.dep_ != "npadvmod"
    if before in YEAR_CUES:
        return not (counts and before in ("than", "the", "and", "or", "to"))
    return not counts and tok.ent_type_ != "CARDINAL"


def _keep_dayword(doc: Doc, text: str, m: TimexMatch) -> bool:
    """"Today" inside a name ("USA Today", the "Today Show") is not a date."""
    word = m.get("w")
    if not word[:1].isupper() or word.isupper() or m.get("mod") or m.get("around"):
        return True
    before = text[:m.start].rstrip(" \"'“‘")
    if not before or before[-1] in ".!?:;\n":
        return True  # sentence start: "Today, Russia said…"
    if re.search(r"[A-Z][\w.&]*$", before):
        return False
    return re.match(r"\s+[A-Z][a-z]", text[m.end:]) is None


def _keep_adverb(doc: Doc, text: str, m: TimexMatch) -> bool:
    """"daily" as an adverb ("meets daily"), not the noun or adjective ("the daily Granma")."""
    span = token_span(doc, m.start, m.end)
    if span is None or span.root.pos_ != "ADV" or span.root.dep_ != "advmod":
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is None or nxt.pos_ != "PROPN"


def _keep_ref(doc: Doc, text: str, m: TimexMatch) -> bool:
    """"soon" but not "as soon as" / "soon after"; "the past" only as a time ("in the past")."""
    word = m.get("w").lower()
    if word == "soon":
        return word_before(text, m.start) != "as" and word_after(text, m.end) not in ("after", "as")
    if word == "the past":
        return word_before(text, m.start) in ("in", "of", "from", "than")
    if "future" in word or "present" in word:  # not "the future company", "the present crisis"
        span = token_span(doc, m.start, m.end)
        return span is None or span[-1].dep_ != "amod"
    return True


def _keep_season(doc: Doc, text: str, m: TimexMatch) -> bool:
    """A season named alone needs "in" or "the" before it and is not "the fall of Kabul"."""
    if m.get("y") or m.get("sy"):
        return True
    if m.get("s").lower() == "fall" and word_after(text, m.end) in ("of", "in", "to", "from"):
        return False
    rel = m.get("rel").lower()
    if rel and rel != "the":
        return True
    return word_before(text, m.start) in ("in", "during", "over", "through", "this", "until", "by",
                                          "since", "the", "early", "late", "throughout")


_CHECKS = {"month": _keep_month, "year": _keep_year, "dayword": _keep_dayword,
           "set_adverb": _keep_adverb, "ref": _keep_ref, "season": _keep_season}
