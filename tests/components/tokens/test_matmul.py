"""The model's matrix products through numpy's OpenBLAS give the annotations BLIS gives."""
from __future__ import annotations

import ctypes

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, TAG
from thinc.api import NumpyOps

from presstrace.components.tokens.matmul import THREAD_SETTERS, _loaded_openblas, use_numpy_matmul

PARSE_ATTRS = [TAG, HEAD, DEP, ENT_IOB, ENT_TYPE]
TEXTS = [
    "President Joe Biden told reporters in Kyiv on Thursday that 3,000 troops had left.",
    "Russia's defence ministry said its forces had taken Avdiivka, a claim Ukraine denied.\n\n"
    "The European Union will meet in Brussels on March 14 to discuss $50 billion in aid.",
    "",
]


@pytest.fixture(scope="module")
def numpy_backed(settings):
    nlp = spacy.load(settings.get("model", "name"))
    if not use_numpy_matmul(nlp):
        pytest.skip("numpy's BLAS here is not an OpenBLAS whose threads can be set")
    return nlp


@pytest.mark.parametrize("batch_size", [1, 3])
def test_numpy_matmul_gives_the_stock_annotations(stock, numpy_backed, batch_size):
    a = [d.to_array(PARSE_ATTRS) for d in stock.pipe(TEXTS, batch_size=batch_size)]
    b = [d.to_array(PARSE_ATTRS) for d in numpy_backed.pipe(TEXTS, batch_size=batch_size)]
    assert all(numpy.array_equal(x, y) for x, y in zip(a, b))


@pytest.mark.parametrize("component", ["tok2vec", "tagger", "parser", "ner"])
def test_numpy_matmul_reaches_every_layer(numpy_backed, component):
    model = numpy_backed.get_pipe(component).model
    assert all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis for node in model.walk())


@pytest.mark.parametrize("getters", [("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
                                      "openblas_get_num_threads")])
def test_numpy_matmul_leaves_openblas_one_thread(numpy_backed, getters):
    libs = [ctypes.CDLL(str(p)) for p in _loaded_openblas()]
    found = [getattr(lib, g) for lib in libs for g in getters if hasattr(lib, g)]
    assert found, f"an OpenBLAS whose threads were set ({THREAD_SETTERS}) has a getter"
    assert all(get() == 1 for get in found)
