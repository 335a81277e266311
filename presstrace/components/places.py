"""places layer: PLACEHOLDER being replaced in this session (writes an empty layer)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .layers import set_layer


@Language.factory("places", assigns=["doc._.presstrace"], default_config={"gazetteer_path": ""})
def make_places(nlp: Language, name: str, gazetteer_path: str):
    def places_component(doc: Doc) -> Doc:
        set_layer(doc, "places", [])
        return doc
    return places_component
