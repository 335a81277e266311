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


@pytest.fixture(scope="session")
def write_warc():
    """A function writing a gzipped WARC file: an optional warcinfo record, then one HTTP
    200 response per (url, content type, body); the path back. Skips without warcio."""
    pytest.importorskip("warcio")
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def _write(path: Path, responses, warcinfo: bool = False) -> Path:
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            if warcinfo:
                writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
            for url, kind, body in responses:
                headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=headers))
        return path
    return _write


@pytest.fixture(scope="session")
def import_graph() -> dict[str, set[str]]:
    """presstrace's module import graph from the source (every import, function-local ones
    included): module -> the presstrace modules it names. A package's `__init__` counts
    only where a module imports the package itself."""
    import ast

    root = Path(__file__).resolve().parent.parent / "presstrace"
    files = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        files[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    graph = {}
    for module, (path, is_package) in files.items():
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names.update(_imported_names(module, is_package, node))
        graph[module] = {n for n in names if n in files and n != module}
    return graph


def _imported_names(module: str, is_package: bool, node) -> list[str]:
    """The dotted names an import statement can load (a `from` import's names may be
    modules too)."""
    import ast

    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module
    return [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]
