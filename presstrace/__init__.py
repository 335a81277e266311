"""presstrace: news articles to source-attributed records, every item traced to its characters.

Public API:
    analyze(article_or_text, settings=None) -> AnalyzedArticle
    analyze_many(articles, n_process=1, settings=None) -> Iterator[AnalyzedArticle | ArticleError]
    read_inputs(paths, input_format=None, date=None) -> Iterator[Article | ArticleError]
"""
from .pipeline import analyze, analyze_many, build_pipeline
from .records import AnalyzedArticle, Article, ArticleError
from .settings import Settings, load_settings

__version__ = "0.1.0"


def read_inputs(*args, **kwargs):
    """Read articles from files, folders or stdin; see `presstrace.readers.read_inputs`."""
    from .readers import read_inputs as _read

    return _read(*args, **kwargs)


__all__ = ["analyze", "analyze_many", "build_pipeline", "read_inputs", "AnalyzedArticle",
           "Article", "ArticleError", "Settings", "load_settings", "__version__"]
