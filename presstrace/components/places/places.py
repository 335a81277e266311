"""Places layer: every toponym of the article resolved to a gazetteer place by context.

`find_toponyms` (places_detect) finds the names, `resolve_toponyms` (places_resolve)
chooses each one's place from the countries, regions and towns around it, and this module
turns them into `Place` records, marking metonymy: a country, capital or seat of
government that says, decides or acts ("Kyiv said", "the Kremlin", "Washington warned")
stands for its government.
"""
from __future__ import annotations

import logging
from bisect import bisect_right
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...gazetteer import GazetteerEntry
from ...records import DEMONYM, TOPONYM, Place
from ..common.gazetteer import gazetteer_for
from ..common.doc import contract, doc_text, get_layer, set_layer
from .data import seat_entry, seats
from .confidence import place_confidence
from .demonyms import demonym_toponyms
from .evidence import supported
from .detect import Toponym, cue_words, find_toponyms, place_cue
from .resolve import resolve_toponyms

LOGGER = logging.getLogger(__name__)

GOVERNMENT = "government"
# Verbs whose subject, when a state's name, is its government.
GOVERNMENT_VERBS = frozenset("""
accuse agree announce approve argue ask authorise authorize ban block blame call claim condemn
confirm criticise criticize decide declare demand deny deploy dismiss expel impose insist
launch negotiate offer order pledge promise propose protest push refuse reject reply respond
retaliate say sanction seek sign state suggest suspend take threaten urge veto vow warn welcome
adopt introduce pass recognise recognize
""".split())
# Nouns whose possessor, when a state's name, is its government ("Moscow's response").
GOVERNMENT_NOUNS = frozenset("""
announcement decision demand government leadership officials offer policy position proposal
refusal response statement stance warning forces troops army military
""".split())
LOCATIVE_BEFORE = {"in", "at", "inside", "outside", "near", "into", "to", "from", "around"}
METONYMIC_FEATURES = {"PCLI", "PPLC"}
# Non-content where a name is no place the article speaks of ("Kremlin handout/AFP").
CREDIT_KINDS = {"photo_credit", "byline", "boilerplate"}


@Language.factory("places", **contract(["places"], requires=["doc.ents"]),
                  default_config={"gazetteer_path": ""})
def make_places(nlp: Language, name: str, gazetteer_path: str):
    """The places component; `gazetteer_path` is empty for the default index."""
    return PlaceResolver(gazetteer_path)


class PlaceResolver:
    """The spaCy component; `extract_places` does the work."""

    def __init__(self, gazetteer_path: str = ""):
        self.gazetteer_path = gazetteer_path

    def __call__(self, doc: Doc) -> Doc:
        """Write the places layer of `doc`."""
        set_layer(doc, "places", extract_places(doc, gazetteer_for(self.gazetteer_path)))
        return doc


def extract_places(doc: Doc, gazetteer) -> list[Place]:
    """The article's places, in text order.

    Args:
        doc: a parsed document with the entities and noncontent layers.
        gazetteer: the `Gazetteer`.
    """
    return [to_place(t, entry, stands_for(doc, t, entry)) for t, entry in resolved_places(doc, gazetteer)]


def resolved_places(doc: Doc, gazetteer) -> list[tuple[Toponym, GazetteerEntry]]:
    """Each toponym with evidence, and each demonym, with its place, in text order (the
    toponyms carry how they were found, for the confidence)."""
    text = doc_text(doc)
    credits = [(n.start, n.end) for n in get_layer(doc, "noncontent") if n.kind in CREDIT_KINDS]
    toponyms = [t for t in find_toponyms(doc, text, gazetteer)
                if not any(a <= t.start < b for a, b in credits)]
    starts = [sent.start_char for sent in doc.sents]
    cues = cue_words(doc)
    for t in toponyms:
        t.cue = place_cue(doc, t, cues)
        t.sentence = bisect_right(starts, t.start) - 1
        if t.source == "seat" or (t.source == "repeat" and t.query in seats()):
            t.fixed = seat_entry(gazetteer, seats()[t.query])
    resolved = resolve_toponyms([t for t in toponyms if t.source != "seat" or t.fixed], gazetteer)
    kept = supported(doc, resolved, gazetteer)
    taken = credits + [(t.start, t.end) for t, _ in kept]
    kept += demonym_toponyms(doc, taken, gazetteer)
    return sorted(kept, key=lambda pair: pair[0].start)


def to_place(t: Toponym, entry: GazetteerEntry, standing: Optional[str]) -> Place:
    """The `Place` record for a resolved toponym."""
    # A negative id is presstrace's own key for a place GeoNames' shipped data lacks (an
    # area, a county), not a GeoNames id: SCHEMA.md gives one only where GeoNames has it.
    return Place(start=t.start, end=t.end, text=t.text, name=entry.name,
                 geonameid=entry.geonameid if entry.geonameid > 0 else None, lat=round(entry.lat, 5), lon=round(entry.lon, 5),
                 country=entry.country or None, admin1=entry.admin1,
                 feature=entry.feature_code, stands_for=standing,
                 kind=DEMONYM if t.source == DEMONYM else TOPONYM,
                 confidence=place_confidence(t, entry))


def stands_for(doc: Doc, t: Toponym, entry: GazetteerEntry) -> Optional[str]:
    """"government" when the name stands for a state's government, else None."""
    is_seat = t.query in seats()
    if t.source == DEMONYM:
        return None
    if not is_seat and entry.feature_code not in METONYMIC_FEATURES:
        return None
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    if before is not None and before.lower_ in LOCATIVE_BEFORE:
        return None
    if is_seat or _acts(span.root):
        return GOVERNMENT
    return None


def _acts(token: Token) -> bool:
    """Whether `token` is the subject of a government verb or owns a government noun."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and (head.lemma_.lower() in GOVERNMENT_VERBS or any(
            x.dep_ == "xcomp" and x.lemma_.lower() in GOVERNMENT_VERBS for x in head.children)):
        return True
    if token.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in GOVERNMENT_VERBS:
        return True
    return token.dep_ == "poss" and (head.lemma_.lower() in GOVERNMENT_NOUNS or head.lower_ in GOVERNMENT_NOUNS)
