"""tone layer: PLACEHOLDER being replaced in this session (writes an empty layer)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("tone", assigns=["doc._.presstrace"])
def tone_component(doc: Doc) -> Doc:
    return doc
