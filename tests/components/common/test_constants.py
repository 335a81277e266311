"""Facts several layers share are stated once: a second definition drifts (it did: two
modal lists, two scare-quote lengths, two number parsers, five table loaders)."""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[3] / "presstrace"
SHARED = ("MODALS", "SUBJECT_DEPS", "PLACE_LABELS", "DAY_OFFSETS", "SCARE_MAX_WORDS", "words_value",
          "data_rows", "data_lines", "name_key", "fold")


@lru_cache(maxsize=1)
def definitions() -> dict[str, list[str]]:
    """Top-level names of the package -> the modules that define them."""
    found: dict[str, list[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.parse(path.read_text("utf-8")).body:
            names = []
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            for name in names:
                found.setdefault(name, []).append(str(path.relative_to(PACKAGE)))
    return found


@pytest.mark.parametrize("name", SHARED)
def test_constants_shared_facts_are_defined_once(name):
    assert len(definitions().get(name, [])) == 1, definitions().get(name)
