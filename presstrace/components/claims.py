"""claims layer: PLACEHOLDER being replaced in this session (writes an empty layer)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .layers import set_layer


@Language.component("claims", assigns=["doc._.presstrace"])
def claims_component(doc: Doc) -> Doc:
    set_layer(doc, "claims", [])
    return doc
