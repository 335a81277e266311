"""Entities layer: spaCy's named entities clustered into one entity per real thing.

Mentions keep the words the article uses, titles included ("Russian President Vladimir
Putin"); entity names drop titles, determiners and possessives; pronouns that refer to a
person are kept with it as `references`.
"""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...records import Entity, Mention
from ..common.constants import PLACE_LABELS
from .clustering import Candidate, Cluster, canonical_name, cluster_candidates
from ..common.gazetteer import gazetteer_for
from ..common.doc import contract, doc_text, noncontent_ranges, set_layer
from ...names import display_name, is_pronoun, name_key
from ..common.name_spans import title_start, trim_span
from .pronouns import resolve_plural, resolve_pronouns, resolve_speaking_it
from ..common.quotemarks import quoted_ranges

# Numeric and temporal labels belong to the times and amounts layers, not to entities.
ENTITY_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                 "WORK_OF_ART", "LAW", "LANGUAGE"}


@Language.factory("entities", **contract(["entities"], requires=["doc.ents", "doc.sents"]),
                  default_config={"gazetteer_path": "", "resolve_pronouns": True})
def make_entities(nlp: Language, name: str, gazetteer_path: str, resolve_pronouns: bool):
    return EntityClusterer(gazetteer_path, resolve_pronouns)


class EntityClusterer:
    """The spaCy component; `extract_entities` does the work."""

    def __init__(self, gazetteer_path: str = "", pronouns: bool = True):
        self.gazetteer_path = gazetteer_path
        self.pronouns = pronouns

    def __call__(self, doc: Doc) -> Doc:
        skip = noncontent_ranges(doc)
        gaz = gazetteer_for(self.gazetteer_path)
        set_layer(doc, "entities", extract_entities(doc, gaz, skip if self.pronouns else None))
        return doc


def extract_entities(doc: Doc, gazetteer=None, skip: Optional[list] = ()) -> list[Entity]:
    """Entities of `doc` in order of first mention, ids E1, E2, ….

    Args:
        doc: a parsed document with named entities.
        gazetteer: a `Gazetteer` to merge place-name variants, or None.
        skip: non-content character ranges (pronouns there are not resolved); None turns
            pronoun resolution off.
    """
    clusters = cluster_candidates(list(collect_candidates(doc, gazetteer)))
    pronoun_mentions: dict[int, list[Mention]] = {}
    if skip is not None:
        quoted = quoted_ranges(doc_text(doc))
        links = [link for resolve in (resolve_pronouns, resolve_plural, resolve_speaking_it)
                 for link in resolve(doc, clusters, quoted, skip)]
        for link in links:
            tok = link.token
            pronoun_mentions.setdefault(id(link.cluster), []).append(
                Mention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, kind="pronoun"))
    return [_to_entity(k, cl, pronoun_mentions.get(id(cl), [])) for k, cl in enumerate(clusters, 1)]


def _to_entity(number: int, cl: Cluster, pronouns: list[Mention]) -> Entity:
    name = canonical_name(cl)
    mentions = [Mention(start=m.start, end=m.end, text=m.text, kind="name") for m in cl.members]
    aliases = sorted({m.name for m in cl.members} - {name})
    return Entity(id=f"E{number}", name=name, label=cl.label, mentions=mentions, aliases=aliases,
                  references=sorted(pronouns, key=lambda m: m.start))


def collect_candidates(doc: Doc, gazetteer=None) -> Iterator[Candidate]:
    """One candidate per named entity span, trimmed, with titles for people."""
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        span = trim_span(ent)
        if not len(span) or not any(ch.isalpha() for ch in span.text) or is_pronoun(display_name(span.text)):
            continue
        start_tok = span.start
        if ent.label_ == "PERSON":
            start_tok = title_start(doc, span.start, floor=span.sent.start)
        mention = doc[start_tok:span.end]
        yield _candidate(mention, span, ent.label_, gazetteer)


def _candidate(mention: Span, name_span: Span, label: str, gazetteer) -> Candidate:
    name = display_name(name_span.text)
    key = name_key(name)
    if label == "NORP" and key and key[-1].endswith("s"):
        key = key[:-1] + (key[-1][:-1],)  # "Ukrainians" and "Ukrainian" are one group
    cand = Candidate(start=mention.start_char, end=mention.end_char, text=mention.text,
                     label=label, name=name, key=key)
    if label in PLACE_LABELS and gazetteer is not None:
        entries = gazetteer.lookup(name)
        if entries:
            cand.place_id, cand.place_name = entries[0].geonameid, entries[0].name
    return cand
