"""presstrace: news articles to source-attributed records, every item traced to its characters.

Public API:
    analyze(article_or_text, settings=None) -> AnalyzedArticle
    analyze_many(articles, n_process=1, settings=None) -> Iterator[AnalyzedArticle | ArticleError]
    read_inputs(paths, input_format=None, date=None) -> Iterator[Article | ArticleError]
"""
from typing import Any

from .records import AnalyzedArticle, Article, ArticleError
from .settings import Settings, load_settings

__version__ = "0.1.0"

# The pipeline loads spaCy: it is imported on first use, so that the store, the readers
# and the commands that never analyse start without it.
PIPELINE_NAMES = ("analyze", "analyze_many", "build_pipeline")


def __getattr__(name: str) -> Any:
    if name in PIPELINE_NAMES:
        from . import pipeline

        value = getattr(pipeline, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_inputs(*args, **kwargs):
    """Read articles from files, folders, patterns, WARC archives or stdin; see
    `presstrace.readers.read_inputs`."""
    from .readers import read_inputs as _read

    return _read(*args, **kwargs)


__all__ = ["analyze", "analyze_many", "build_pipeline", "read_inputs", "AnalyzedArticle",
           "Article", "ArticleError", "Settings", "load_settings", "__version__"]
