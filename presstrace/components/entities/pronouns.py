"""Resolve third-person personal pronouns (he, him, his, she, her …) to person entities.

coreferee cannot load its model offline, so this is a small salience resolver: candidates
are person mentions, and pronouns already resolved, in the same sentence (before the
pronoun) or up to three of the writer's sentences back (a quote's sentences do not count);
the main clause's subject outranks a subordinate clause's, which outranks an object, and
nearer outranks farther; gender must agree with what
the article shows (honorifics, earlier pronouns); a pronoun outside quotation marks never
resolves to a name inside them (a speaker's words name other people); and a non-reflexive
object cannot be its own verb's subject ("Trump praised him" is not Trump).

"they", "them", "their" resolve only to a group or organisation (NORP, ORG) named in the
same or the previous sentence, and only when no plural common noun stands closer
("Russian forces … they" is about the forces, which are no entity).

"It" as the subject of a speech verb is an organisation or state. In a main clause it
carries on the attribution before it ("The agency said … It added that …"): the body that
was the subject of the last main-clause speech verb in the same or the previous sentence,
and nothing when that subject was no such entity ("The report said … It added"). In a
clause it is the subject of the nearest clause above when that is a body ("Moscow …
arrests leaders it calls “neo-Nazis”"), or, after a person as that subject, the body named
last before it ("Yoon offered aid to North Korea if it … after it threatened …");
otherwise nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token

from ..common.constants import SUBJECT_DEPS
from ..common.doc import doc_text, tokens_of
from ..common.name_spans import titles
from ..common.speech import is_speech_verb
from .clustering import Candidate, Cluster

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
MALE_TITLES = {"mr", "mr.", "sir", "king", "prince", "lord", "sheikh", "pope", "sultan", "emperor"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "lady", "queen", "princess", "dame"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
GROUP_LABELS = {"ORG", "NORP"}
SPEAKING_BODIES = {"ORG", "GPE"}
LOOKBACK_SENTENCES = 3
OPENING_MARKS = "\"“«„‘'"


@dataclass
class PronounLink:
    token: Token
    cluster: Cluster


def resolve_pronouns(doc: Doc, clusters: list[Cluster], quoted: list[tuple[int, int]],
                     skip: list[tuple[int, int]] = ()) -> list[PronounLink]:
    """Link he/she-family pronouns to person clusters.

    Args:
        doc: the parsed document.
        clusters: entity clusters of the document.
        quoted: character ranges inside quotation marks.
        skip: character ranges that are not article content (credits, boilerplate).
    """
    people = sorted(((m, cl) for cl in clusters if cl.label == "PERSON" for m in cl.members),
                    key=lambda mc: mc[0].start)
    gender = {id(cl): _gender_from_titles(cl) for cl in clusters}
    sents = list(doc.sents)
    sent_index = _narrative_index(sents, quoted)
    first_start: dict[int, int] = {}  # narrative index -> where its first sentence starts
    for sent in sents:
        first_start.setdefault(sent_index[sent.start], sent.start_char)
    links = []
    for tok in tokens_of(doc, MALE | FEMALE):
        low = tok.lower_
        if _inside(tok.idx, skip):
            continue
        want = "m" if low in MALE else "f"
        best = _best_candidate(tok, people, gender, want, sents, sent_index, quoted, first_start)
        if best is not None:
            gender[id(best)] = want
            links.append(PronounLink(tok, best))
            # a resolved pronoun carries its person on: "Ajay tells me … he says … he says"
            people.append((Candidate(tok.idx, tok.idx + len(tok), tok.text, "PERSON", tok.text, ()), best))
    return links


def resolve_plural(doc: Doc, clusters: list[Cluster], quoted: list[tuple[int, int]],
                   skip: list[tuple[int, int]] = ()) -> list[PronounLink]:
    """Link they/them/their outside quotes to the nearest group or organisation before them."""
    groups = sorted(((m, cl) for cl in clusters if cl.label in GROUP_LABELS for m in cl.members
                     if not _adjective(doc, m)), key=lambda mc: mc[0].start)
    links = []
    for tok in tokens_of(doc, PLURAL):
        if _inside(tok.idx, skip) or _inside(tok.idx, quoted):
            continue
        floor = _previous_sentence_start(doc, tok)
        before = [(m, cl) for m, cl in groups if floor <= m.start < tok.idx]
        if not before:
            continue
        mention, cluster = before[-1]
        first = doc.char_span(mention.start, mention.end, alignment_mode="expand").end
        nouns = [t for t in doc[first:tok.i] if t.tag_ == "NNS" and not t.ent_type_]
        if not nouns and not _inside(mention.start, quoted):
            links.append(PronounLink(tok, cluster))
    return links


def resolve_speaking_it(doc: Doc, clusters: list[Cluster], quoted: list[tuple[int, int]],
                        skip: list[tuple[int, int]] = ()) -> list[PronounLink]:
    """Link "it" as a speech verb's subject to the organisation or state it stands for."""
    speaking = [t for t in tokens_of(doc, {"it"})
                if _speaks(t) and not _inside(t.idx, skip) and not _inside(t.idx, quoted)]
    if not speaking:
        return []
    bodies = sorted(((m.start, m.end, cl) for cl in clusters if cl.label in SPEAKING_BODIES for m in cl.members
                     if not _inside(m.start, quoted)), key=lambda body: body[0])
    people = {m.start for cl in clusters if cl.label == "PERSON" for m in cl.members}
    links = []
    for tok in speaking:
        if _main_clause(tok.head):
            cluster = _carried_on(doc, tok, bodies, quoted)
        else:
            cluster = _of_the_clause_above(tok, bodies, people)
        if cluster is not None:
            links.append(PronounLink(tok, cluster))
    return links


def _speaks(tok: Token) -> bool:
    return tok.dep_ == "nsubj" and is_speech_verb(tok.head)


def _main_clause(verb: Token) -> bool:
    """The sentence's own verb, one joined to it, or an attribution set in it (", it said,")."""
    return verb.dep_ in ("ROOT", "parataxis") or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _body_at(tok: Token, bodies) -> Optional[Cluster]:
    """The body whose mention holds the token itself (not a possessor in its phrase)."""
    return next((cl for a, b, cl in bodies if a <= tok.idx < b), None)


def _carried_on(doc: Doc, tok: Token, bodies, quoted) -> Optional[Cluster]:
    """"The IAEA said … It added …": the subject of the last main-clause speech verb in this
    or the previous sentence, when that names a body ("The report said … It added": none;
    "The Independent reports that Russia declared … It reports": the Independent)."""
    first = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
    before = [t for t in doc[first:tok.i] if _speaks(t) and _main_clause(t.head) and t.lower_ != "it"
              and not _inside(t.idx, quoted)]
    return _body_at(before[-1], bodies) if before else None  # an "it" between names the same body


def _of_the_clause_above(tok: Token, bodies, people: set[int]) -> Optional[Cluster]:
    """"Moscow … arrests leaders it calls “neo-Nazis”", "Kyiv said …, while Moscow heralded what
    it said was a victory": in a clause, the subject of the nearest clause above it when that
    is a body; where a person is ("Yoon offered aid to North Korea if it … after it
    threatened"), "it" is not the person, and the body named last before it is, as it is
    where the parse gives no clause above a subject; where the subject is anything else ("the
    government has offered Kyiv what it calls"), none."""
    last_named = next((cl for a, b, cl in reversed(bodies) if tok.sent.start_char <= a < tok.idx), None)
    verb = tok.head
    while verb.head.i != verb.i:
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
        if subjects:
            break
    else:
        return last_named  # no clause above has a subject before it: the parse is lost
    subject = subjects[0]
    body = _body_at(subject, bodies)
    person = subject.idx in people or subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she") \
        or (subject.lower_,) in titles()  # "The president offered aid to …"
    return body if body is not None or not person else last_named


def _adjective(doc: Doc, mention: Candidate) -> bool:
    """"Russian" in "Russian territory" names no group that "they" could be."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and (span.root.pos_ == "ADJ" or span.root.dep_ == "amod")


def _previous_sentence_start(doc: Doc, tok: Token) -> int:
    start = tok.sent.start
    return doc[start - 1].sent.start_char if start > 0 else tok.sent.start_char


def _narrative_index(sents: list, quoted: list[tuple[int, int]]) -> dict[int, int]:
    """Sentence start token -> the number of sentences up to it that the writer speaks in:
    the sentences of a long quote are the speaker's, and a "he said" after them still looks
    back past them to the sentence that named him."""
    index, k = {}, 0
    for sent in sents:
        if not _inside(_first_word(sent), quoted):
            k += 1
        index[sent.start] = k
    return index


def _first_word(sent) -> int:
    """Where a sentence's words begin: a sentence that opens with a quotation mark is the
    quote's (the quoted range starts after the mark), not the writer's."""
    text = doc_text(sent.doc)[sent.start_char:sent.end_char]
    return sent.start_char + len(text) - len(text.lstrip(OPENING_MARKS + " \t\n"))


def _best_candidate(tok: Token, people, gender, want, sents, sent_index, quoted,
                    first_start: dict[int, int]) -> Optional[Cluster]:
    here = sent_index[tok.sent.start]
    window_start = first_start.get(here - LOOKBACK_SENTENCES, 0)  # absent: before the first one
    in_quote = _inside(tok.idx, quoted)
    best, best_score = None, None
    for mention, cl in people:
        if not window_start <= mention.start < tok.idx:
            continue
        if gender[id(cl)] not in (None, want) or (not in_quote and _inside(mention.start, quoted)):
            continue
        if _bound_in_clause(tok, mention):
            continue
        score = _salience(tok, mention, sents, sent_index)
        if best_score is None or score > best_score:
            best, best_score = cl, score
    return best


def _salience(tok: Token, mention: Candidate, sents, sent_index) -> float:
    doc = tok.doc
    head = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    distance = sent_index[tok.sent.start] - sent_index[head.sent.start]
    # Sentence distance dominates; the main clause's subject beats a subordinate clause's,
    # which beats an object ("Biden said he believed Putin would attack. … he said" is
    # Biden); recency breaks ties.
    return -10.0 * distance + _subject_weight(head.root) + mention.start / 1e9


def _subject_weight(root: Token) -> float:
    """6 for the subject of the sentence's main verb, 3 for a subordinate clause's subject
    (or the possessor of either), 0 otherwise."""
    if root.dep_ == "poss":
        root = root.head
    if root.dep_ not in SUBJECT_DEPS:
        return 0.0
    verb = root.head
    main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    return 6.0 if main else 3.0


def _bound_in_clause(tok: Token, mention: Candidate) -> bool:
    """A non-reflexive object pronoun cannot refer to the subject of its own verb."""
    if tok.lower_.endswith("self") or tok.dep_ not in ("dobj", "iobj", "pobj", "dative"):
        return False
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return any(mention.start <= s.idx < mention.end for s in subj)


def _gender_from_titles(cl: Cluster) -> Optional[str]:
    words = {w.lower() for m in cl.members for w in m.text.split()[:-1]}
    if words & MALE_TITLES:
        return "m"
    if words & FEMALE_TITLES:
        return "f"
    return None


def _inside(pos: int, ranges) -> bool:
    return any(a <= pos < b for a, b in ranges)
