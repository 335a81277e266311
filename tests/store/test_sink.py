"""The store is a sink: it holds what the pipeline made and never runs the pipeline, reads
inputs, or reaches the runs and views built on top of it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

# What the store must never load, by its own imports or any import under them.
ABOVE_THE_STORE = ("presstrace.pipeline", "presstrace.components", "presstrace.readers",
                   "presstrace.runners", "presstrace.corpus", "presstrace.cli", "presstrace.api",
                   "presstrace.web")


def _within(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_store_modules_load_neither_spacy_nor_the_pipeline(import_graph):
    modules = sorted(m for m in import_graph if _within(m, ["presstrace.store"]))
    code = ("import importlib, json, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    assert "presstrace.store.db" in loaded
    assert [m for m in loaded if _within(m, ("spacy", *ABOVE_THE_STORE))] == []


@pytest.mark.parametrize("start", ["presstrace.store"])
def test_store_no_import_under_it_reaches_above_it(import_graph, start):
    """Function-local imports count: a query that imported the pipeline when called would
    load spaCy into the API as surely as a top-level import."""
    seen, todo = set(), [m for m in import_graph if _within(m, [start])]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(import_graph[module])
    assert sorted(m for m in seen if _within(m, ABOVE_THE_STORE)) == []
