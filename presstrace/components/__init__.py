"""presstrace's spaCy components, one module per layer.

`register_all()` imports every component module, which registers its factory with
spaCy; the pipeline then adds them by name in the order the settings give.
"""
import importlib

COMPONENT_MODULES = ("fast_attributes", "paragraphs", "noncontent", "ner_fixes", "entities", "quotes", "claims", "times",
                     "places", "amounts", "events", "tone", "framing")


def register_all() -> None:
    """Import each component module so its `Language.factory` registration runs."""
    for name in COMPONENT_MODULES:
        importlib.import_module(f"{__name__}.{name}")
