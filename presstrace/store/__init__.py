"""The corpus store: one SQLite file holding every analysed article and its layers.

A sink: it takes the plain records the pipeline made and never runs the pipeline itself.
`open_store` gives a connection for the verb functions in `db` and the questions in
`queries`; `export` writes JSONL, CSV, Parquet and GDELT GKG. Runs that fill the store
live in `presstrace.runners`, the views over it in `presstrace.corpus`. See docs/STORE.md.
"""
from __future__ import annotations

from .db import article_hash, iter_articles, load_article, open_store, save_article
from .errors import QueryError, StoreError, StoreNotFoundError, StoreVersionError

__all__ = ["QueryError", "StoreError", "StoreNotFoundError", "StoreVersionError", "article_hash",
           "iter_articles", "load_article", "open_store", "save_article"]
