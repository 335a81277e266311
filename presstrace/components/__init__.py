"""presstrace's spaCy components: one sub-package per layer, helpers they share in `common`.

`register_all()` imports every module that registers a factory with spaCy; the pipeline
then adds the components by name in the order the settings give.
"""
import importlib

# Modules (relative to this package) whose import registers a spaCy factory.
FACTORY_MODULES = ("tokens.attributes", "tokens.paragraphs", "noncontent.noncontent", "entities.ner_fixes",
                   "entities.entities", "attribution.quotes", "attribution.claims", "times.times",
                   "places.places", "amounts.amounts", "events.events", "tone.tone", "framing.framing")


def register_all() -> None:
    """Import each factory module so its `Language.factory` registration runs."""
    for name in FACTORY_MODULES:
        importlib.import_module(f"{__name__}.{name}")
