"""The corpus store: one SQLite file holding every analysed article and its layers.

`ingest` reads, deduplicates, analyses and writes; `open_store` gives a connection for the
verb functions in `db` and the questions in `queries`; `export` writes JSONL, CSV,
Parquet and GDELT GKG. See docs/STORE.md.
"""
from __future__ import annotations

from typing import Any

from .db import article_hash, iter_articles, load_article, open_store, save_article
from .errors import QueryError, StoreError, StoreNotFoundError, StoreVersionError

__all__ = ["QueryError", "StoreError", "StoreNotFoundError", "StoreVersionError", "article_hash",
           "ingest", "iter_articles", "load_article", "open_store", "save_article"]


def __getattr__(name: str) -> Any:
    # `ingest` pulls in datasketch (and scipy): loaded on first use, not with the CLI.
    if name == "ingest":
        from .ingest import ingest

        return ingest
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
