"""Shared fixtures (the only fixtures file)."""
from __future__ import annotations

from pathlib import Path

import pytest

from presstrace import Article, analyze, load_settings
from presstrace.records import AnalyzedArticle

SAMPLES = Path(__file__).resolve().parent.parent / "presstrace" / "samples"


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def run(settings):
    """Analyse a text (optionally with a date) and return the AnalyzedArticle."""
    def _run(text: str, date: str | None = None, id: str = "t") -> AnalyzedArticle:
        return analyze(Article(text=text, id=id, date=date), settings)
    return _run


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SAMPLES / "seed.txt"


@pytest.fixture(scope="session")
def spans_of():
    """A function yielding every (where, record) pair that carries offsets."""
    return _spans_of


def _spans_of(art: AnalyzedArticle):
    """Every (where, record) pair that carries offsets, in every layer."""
    for ent in art.entities:
        for m in ent.mentions + ent.references:
            yield f"entity {ent.name}", m
    for layer in ("quotes", "claims", "times", "places", "amounts", "events", "framing", "noncontent"):
        for rec in getattr(art, layer):
            yield layer, rec
            for part in ("speaker", "cue"):
                sub = getattr(rec, part, None)
                if sub is not None and getattr(sub, "start", None) is not None:
                    yield f"{layer}.{part}", sub
