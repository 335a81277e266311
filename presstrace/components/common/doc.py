"""Where components keep their layers on the Doc, and the contract they declare.

Components store plain records (from `presstrace.records`) under a layer name in one dict,
`doc._.presstrace`; the pipeline reads them back out. Each layer of `presstrace.layers` is
also a read-only attribute, `doc._.quotes`, so a component declares the layers it reads and
writes in spaCy's own terms (`requires=["doc._.entities"]`, `assigns=["doc._.quotes"]`), the
pipeline checks that order when it is built, and reading a layer that has not run raises.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

import numpy
from spacy.tokens import Doc, Span, Token

from ...errors import PipelineError
from ...layers import BY_NAME, layer

EXTENSION = "presstrace"
LAYER_ATTR = "doc._."  # how spaCy names a Doc extension in requires/assigns

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)
for _name in BY_NAME:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=lambda doc, name=_name: get_layer(doc, name))


def contract(assigns: Iterable[str], requires: Iterable[str] = ()) -> dict[str, list[str]]:
    """A component's `requires`/`assigns` for `Language.component` or `Language.factory`.

    Args:
        assigns: the layers it writes (names of `presstrace.layers`) or spaCy attributes it
            sets (`doc.ents`); a layer brings the layers it requires (from the registry).
        requires: further layers or spaCy attributes it reads (`doc.sents`).
    Returns:
        {"assigns": [...], "requires": [...]} in spaCy's attribute names.
    """
    assigns, requires = list(assigns), list(requires)
    for name in assigns:
        if name in BY_NAME:
            requires += [r for r in layer(name).requires if r not in requires]
    return {"assigns": [_attr(n) for n in assigns], "requires": [_attr(n) for n in requires]}


def _attr(name: str) -> str:
    """`quotes` -> `doc._.quotes`; a spaCy attribute (`doc.sents`) stays as it is."""
    if "." in name:
        return name
    return LAYER_ATTR + layer(name).name


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


def tokens_of(doc: Doc, words: Iterable[str]) -> list[Token]:
    """The tokens whose lower-case form is one of `words`, in order, found from the token
    array rather than by a Python test on every token."""
    wanted = numpy.array([doc.vocab.strings[w] for w in words], dtype="uint64")
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(doc.to_array("LOWER"), wanted))]


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


def get_layer(doc: Doc, name: str) -> Any:
    """One layer of `doc`.

    Raises:
        PipelineError: no component has written the layer (yet): the component that reads
            it is missing from the pipeline or comes after the reader.
    """
    found = layers(doc)
    if name not in found:
        raise PipelineError(f"the {name} layer has not run on this document: add its component "
                            f"({layer(name).component!r}) to the pipeline before the one reading it")
    return found[name]


def noncontent_ranges(doc: Doc) -> list[tuple[int, int]]:
    """The character ranges of the non-content layer (credits, bylines, boilerplate), which
    the content layers leave alone."""
    return [(n.start, n.end) for n in get_layer(doc, "noncontent")]


def set_layer(doc: Doc, name: str, records: Any) -> None:
    layers(doc)[name] = records


def set_article_meta(doc: Doc, date: Optional[str], article_id: Any = None) -> None:
    """Record the article's metadata on `doc` before the components run."""
    layers(doc)["meta"] = {"date": date, "id": article_id}


def article_date(doc: Doc) -> Optional[str]:
    """The article's date (YYYY-MM-DD) or None: times are normalised against it."""
    return (layers(doc).get("meta") or {}).get("date")
