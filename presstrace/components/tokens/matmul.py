"""The model's matrix products through numpy's BLAS instead of BLIS.

thinc's `NumpyOps` multiplies matrices with BLIS by default. The small model's layers
(tok2vec, the NER model's own tok2vec, the tagger's and parser's output layers) multiply
long thin matrices, a batch's tokens by a few hundred columns, where numpy's OpenBLAS
with one thread takes about a quarter less CPU for the whole stock pipeline on this
project's news articles; tags, heads, dependencies and entities came out identical on
300 dev articles (docs/PERFORMANCE.md). The parser's per-state step keeps BLIS: spaCy
calls it directly, not through the ops.

OpenBLAS is kept to one thread: several threads spin between the small products and cost
CPU without shortening a run, and `-j N` already gives each core a process.
"""
from __future__ import annotations

import ctypes
import logging
from pathlib import Path

import numpy  # noqa: F401  (loads its BLAS, so that its path is in the process's map)
from spacy.language import Language
from thinc.api import Model, NumpyOps

LOGGER = logging.getLogger(__name__)
# OpenBLAS's thread setter under the names numpy's own build (scipy-openblas, 64-bit
# integers) and a system OpenBLAS give it.
THREAD_SETTERS = ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_",
                  "scipy_openblas_set_num_threads", "openblas_set_num_threads")


def use_numpy_matmul(nlp: Language) -> bool:
    """Give every thinc layer of `nlp`'s components numpy-backed ops; False where numpy's
    BLAS is not OpenBLAS (its speed was not measured) or its threads cannot be set."""
    if not single_thread_openblas():
        return False
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                if type(node.ops) is NumpyOps:  # a GPU's or another platform's ops stay
                    node.ops = ops
    return True


def single_thread_openblas() -> bool:
    """Set the OpenBLAS that numpy loaded to one thread; False when none is found."""
    for path in _loaded_openblas():
        try:
            lib = ctypes.CDLL(str(path))
        except OSError:
            continue
        for name in THREAD_SETTERS:
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return True
    LOGGER.debug("no OpenBLAS thread setter found; the model keeps BLIS")
    return False


def _loaded_openblas() -> list[Path]:
    """Paths of the OpenBLAS libraries mapped into this process (Linux); none elsewhere."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return []
    paths = {line.split(None, 5)[-1] for line in maps.splitlines() if "openblas" in line.lower()}
    return sorted(Path(p) for p in paths if p.startswith("/"))
