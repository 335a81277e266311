"""Shared fixtures (the only fixtures file)."""
from __future__ import annotations

from pathlib import Path

import pytest

from presstrace import Article, analyze, build_pipeline, load_settings
from presstrace.layers import SPAN_LAYERS
from presstrace.records import AnalyzedArticle

SAMPLES = Path(__file__).resolve().parent.parent / "presstrace" / "samples"


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def nlp(settings):
    """The default spaCy pipeline, built once for the session."""
    return build_pipeline(settings)


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
    for layer in SPAN_LAYERS[1:]:  # after the entities
        for rec in getattr(art, layer):
            yield layer, rec
            for part in ("speaker", "cue"):
                sub = getattr(rec, part, None)
                if sub is not None and getattr(sub, "start", None) is not None:
                    yield f"{layer}.{part}", sub


HOSTILE = {
    "id": "hostile-1", "date": "2025-03-15", "source": "<b>Evil & Co</b>",
    "title": "<img src=x onerror=alert('title')> Mayor quits",
    "url": "javascript:alert('url')",
    "text": ("Mayor Anna Kovalenko resigned in Lviv on Friday. \"<script>alert('quote')</script> "
             "I am leaving office,\" Kovalenko said. Officials said the council would meet on "
             "Monday <img src=x onerror=alert('text')>."),
}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, settings):
    """A store for the workbench's tests: the seed article, four bundled press releases
    and one article whose title, outlet, URL and text carry HTML and script."""
    import itertools
    import json

    from corpus_files import corpus_store, write_jsonl

    folder = tmp_path_factory.mktemp("web")
    with open(SAMPLES / "ua_ru_press_sample.jsonl", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in itertools.islice(lines, 4)]
    sample = write_jsonl(folder / "sample.jsonl", rows + [HOSTILE])
    path = folder / "web.db"
    return path, corpus_store(path, [SAMPLES / "seed.txt", sample], settings)
