"""What an analysis worker process of the server runs (see `analysis.py`).

Kept apart from the app so that a worker, started fresh (spawn), imports the pipeline but
not FastAPI.
"""
from __future__ import annotations

import signal

from ..pipeline import analyze_limited, load_pipeline
from ..records import Article
from ..settings import Settings

_SETTINGS: Settings | None = None


def start(settings: Settings) -> None:
    """Load the model once, before the first analysis. Ctrl-C is the server's to handle:
    the worker leaves when the server shuts its pool down."""
    global _SETTINGS
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _SETTINGS = settings
    load_pipeline(settings)


def run(article: Article):
    """One analysis in this worker's main thread, where SIGALRM can stop it after
    `limits.max_seconds`; an `AnalyzedArticle` or an `ArticleError`."""
    return analyze_limited(article, _SETTINGS)
