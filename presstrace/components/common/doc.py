"""The one Doc extension presstrace writes: `doc._.presstrace`, a dict of plain layers.

Components store plain records (from `presstrace.records`) under a layer name; the
pipeline reads them back out. Keeping one dict avoids a registry of many extensions.
"""
from __future__ import annotations

from typing import Any, Optional

from spacy.tokens import Doc, Span

EXTENSION = "presstrace"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def layers(doc: Doc) -> dict[str, Any]:
    """The layer dict of `doc`, created on first use."""
    store = doc._.get(EXTENSION)
    if store is None:
        store = {}
        doc._.set(EXTENSION, store)
    return store


def doc_text(doc: Doc) -> str:
    """`doc.text`, read once per document: spaCy rebuilds the string from the tokens on every
    access, which cost presstrace's components a quarter of their time."""
    store = layers(doc)
    if "_text" not in store:
        store["_text"] = doc.text
    return store["_text"]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, built once per document: spaCy makes a new Span for every entity on
    each access, and components asked for it dozens of times per article. `ner_fixes`
    sets the entities and forgets this copy, so every later component sees its result."""
    store = layers(doc)
    if "_ents" not in store:
        store["_ents"] = tuple(doc.ents)
    return store["_ents"]


def ent_of_token(doc: Doc) -> dict[int, Span]:
    """Token index -> the entity it is part of (entities never overlap)."""
    store = layers(doc)
    if "_ent_of" not in store:
        store["_ent_of"] = {i: ent for ent in doc_ents(doc) for i in range(ent.start, ent.end)}
    return store["_ent_of"]


def span_ents(span: Span) -> list[Span]:
    """`span.ents` from the cached entities, with spaCy's own rule (stop at the first
    entity that starts inside the span but runs past its end)."""
    found = []
    for ent in doc_ents(span.doc):
        if ent.start >= span.start:
            if ent.end > span.end:
                break
            found.append(ent)
    return found


def forget_ents(doc: Doc) -> None:
    """Drop the cached entities (after `doc.ents` is set)."""
    store = layers(doc)
    store.pop("_ents", None)
    store.pop("_ent_of", None)


def get_layer(doc: Doc, name: str, default: Any = None) -> Any:
    """One layer of `doc`, or `default` when no component has written it."""
    return layers(doc).get(name, [] if default is None else default)


def set_layer(doc: Doc, name: str, records: Any) -> None:
    layers(doc)[name] = records


def set_article_meta(doc: Doc, date: Optional[str], article_id: Any = None) -> None:
    """Record the article's metadata on `doc` before the components run."""
    layers(doc)["meta"] = {"date": date, "id": article_id}


def article_date(doc: Doc) -> Optional[str]:
    """The article's date (YYYY-MM-DD) or None: times are normalised against it."""
    return (layers(doc).get("meta") or {}).get("date")
