"""The analysis pipeline: spaCy's model plus presstrace's components, built from settings.

`analyze` runs one article; `analyze_many` runs a stream of them, in order, loading the
model once per worker process. Bad articles become `ArticleError` records and never stop
the stream.
"""
from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import threading
from collections import deque
from typing import Any, Iterable, Iterator, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .components import register_all
from .components.tokens.attributes import replace_attribute_ruler
from .components.tokens.lemmas import replace_lemmatizer
from .components.tokens.matmul import use_numpy_matmul
from .components.common.doc import layers as layers_of, set_article_meta
from .errors import InputError, PipelineError, SettingsError
from .layers import LAYERS
from .records import AnalyzedArticle, Article, ArticleError
from .settings import Settings, load_settings
from .timelimit import TimeLimitExceeded, time_limit

LOGGER = logging.getLogger(__name__)
Result = Union[AnalyzedArticle, ArticleError]
# A component that sets sentence starts goes before the parser, which then keeps them.
BEFORE_PARSER = "token.is_sent_start"


def build_pipeline(settings: Optional[Settings] = None) -> Language:
    """Load the spaCy model and add presstrace's components in the configured order.

    Raises:
        PipelineError: a component reads a layer (or attribute) that no earlier component
            writes (`check_pipeline`).
        SettingsError: a `[components.NAME]` setting the component does not take.
    """
    settings = settings or load_settings()
    register_all()
    nlp = spacy.load(settings.get("model", "name"))
    use_numpy_matmul(nlp)  # the same annotations, about a quarter less CPU in the model
    replace_attribute_ruler(nlp)  # same output as the model's ruler, a fraction of its time
    replace_lemmatizer(nlp)  # likewise the model's lemmatizer
    for name in settings.get("pipeline", "components"):
        meta = Language.get_factory_meta(name)
        where = {"before": "parser"} if BEFORE_PARSER in meta.assigns else {}
        nlp.add_pipe(name, config=component_config(settings, name), **where)
    check_pipeline(nlp)
    nlp.max_length = max(nlp.max_length, settings.get("limits", "max_chars") + 1)
    return nlp


def component_config(settings: Settings, name: str) -> dict[str, Any]:
    """The config component `name` is built with: the gazetteer's path where its factory takes
    one, then the user's `[components.NAME]` settings (spaCy fills in the rest from the
    factory's `default_config`)."""
    accepted = Language.get_factory_meta(name).default_config or {}
    config = {"gazetteer_path": settings.get("gazetteer", "path")} if "gazetteer_path" in accepted else {}
    user = settings.values.get("components", {}).get(name, {})
    unknown = sorted(set(user) - set(accepted))
    if unknown:
        raise SettingsError(f"component {name!r} has no setting {', '.join(unknown)}; "
                            f"valid: {', '.join(sorted(accepted)) or 'none'}")
    return {**config, **user}


def check_pipeline(nlp: Language) -> None:
    """Fail when a component requires what no earlier component assigns.

    Each component declares the layers and attributes it reads and writes (`requires`,
    `assigns`); what it reads must be written before it runs, else it would read nothing.
    Raises:
        PipelineError: naming the component, what it needs and where (if anywhere) that is made.
    """
    made: set[str] = set()
    for k, name in enumerate(nlp.pipe_names):
        meta = nlp.get_pipe_meta(name)
        for attr in meta.requires:
            if attr not in made:
                later = [n for n in nlp.pipe_names[k + 1:] if attr in nlp.get_pipe_meta(n).assigns]
                where = f"{later[0]!r} assigns it later" if later else "no component in the pipeline assigns it"
                raise PipelineError(f"component {name!r} requires {attr}, but {where}: "
                                    f"pipeline {', '.join(nlp.pipe_names)}")
        made.update(meta.assigns)


_PIPELINES: dict[str, Language] = {}
_WARMED: set[int] = set()  # ids of the cached pipelines `warm_pipeline` has run


def _cached_pipeline(settings: Settings) -> Language:
    """One pipeline per distinct settings in this process."""
    key = json.dumps(settings.values, sort_keys=True)
    if key not in _PIPELINES:
        _PIPELINES[key] = build_pipeline(settings)
    return _PIPELINES[key]


def analyze(article: Union[Article, str], settings: Optional[Settings] = None) -> AnalyzedArticle:
    """Analyse one article (or a bare text); raises `InputError` on bad input."""
    if isinstance(article, str):
        article = Article(text=article)
    if not isinstance(article, Article):
        raise TypeError(f"analyze() takes an Article or a str, not {type(article).__name__}")
    settings = settings or load_settings()
    check_article(article, settings)
    nlp = _cached_pipeline(settings)
    return doc_to_article(nlp(make_doc(nlp, article)), article)


def load_pipeline(settings: Settings) -> None:
    """Build (and cache in this process) the pipeline for these settings ahead of use."""
    _cached_pipeline(settings)


def analyze_limited(article: Article, settings: Settings) -> Result:
    """`analyze`, but bad input, a failure or a run past `limits.max_seconds` comes back as
    an `ArticleError` (the limit holds only in a process's main thread: see timelimit)."""
    try:
        check_article(article, settings)
    except InputError as exc:
        return ArticleError(exc.code, exc.message, id=article.id)
    return _run_one(_cached_pipeline(settings), article, settings.get("limits", "max_seconds"))


def check_article(article: Article, settings: Settings) -> None:
    """Raise `InputError` for text the pipeline must not run on, or that cannot be stored."""
    for field in ("text", "id", "date", "source", "title", "url"):
        _check_encodable(article, field)
    if not article.text.strip():
        raise InputError("empty", f"article {article.id!r} has no text")
    limit = settings.get("limits", "max_chars")
    if len(article.text) > limit:
        raise InputError("too_large", f"article {article.id!r} has {len(article.text)} characters; "
                                      f"the limit (limits.max_chars) is {limit}")


def _check_encodable(article: Article, field: str) -> None:
    """A lone surrogate (JSON's "\\ud800") is a string Python holds but UTF-8 cannot write:
    the article is refused on its own rather than failing the store or the server later."""
    value = getattr(article, field)
    if not isinstance(value, str):
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError("bad_record", f"article {article.id!r}: its {field} holds a character UTF-8 cannot "
                                       f"encode (U+{ord(value[exc.start]):04X} at {exc.start})") from None


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise the article and attach its metadata (the date times are resolved against)."""
    doc = nlp.make_doc(article.text)
    set_article_meta(doc, article.date, article.id)
    return doc


def doc_to_article(doc: Doc, article: Article) -> AnalyzedArticle:
    """Plain records from a processed `Doc`: no spaCy objects leave the pipeline. A layer
    whose component is not in the pipeline (switched off in the settings) stays empty."""
    found = layers_of(doc)
    values = {layer.name: (list(found[layer.name]) if layer.many else found[layer.name])
              for layer in LAYERS if layer.name in found}
    return AnalyzedArticle(text=article.text, id=article.id, date=article.date, source=article.source,
                           title=article.title, url=article.url, **values)


def analyze_many(articles: Iterable[Union[Article, ArticleError]], n_process: int = 1,
                 settings: Optional[Settings] = None, batch_size: Optional[int] = None,
                 checked: bool = False) -> Iterator[Result]:
    """Analyse a stream of articles in input order; errors pass through as `ArticleError`.

    Args:
        articles: articles (or reader errors, passed through unchanged).
        n_process: worker processes; each starts from this process's loaded pipeline
            where the platform allows (`_pool`), else loads the model once.
        settings: settings; the defaults when None.
        batch_size: articles per batch given to spaCy; a worker's task is a fraction
            of it (`_task_size`).
        checked: every article has passed `check_article` already (a runner's planner
            checks each input before it decides what to do with it).
    """
    settings = settings or load_settings()
    batch_size = batch_size or settings.get("pipeline", "batch_size")
    if n_process <= 1:
        for batch in _batches(articles, batch_size):
            yield from _run_batch(batch, settings, checked)
        return
    with _pool(n_process, settings, checked) as pool:
        # A bounded window of batches in flight: Pool.imap would read the whole input
        # ahead of the workers, and inputs can be millions of articles. Tasks are smaller
        # than a batch so that both workers stay busy to the end of a short run.
        pending: deque = deque()
        for batch in _batches(articles, _task_size(batch_size, n_process)):
            pending.append(pool.apply_async(_worker_batch, (batch,)))
            if len(pending) >= TASKS_IN_FLIGHT * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


# Worker tasks: a few per worker in flight, each a fraction of a batch (but not tiny:
# spaCy's models run a batch of documents at once).
TASKS_IN_FLIGHT = 4
SMALLEST_TASK = 4


def _task_size(batch_size: int, n_process: int) -> int:
    return min(batch_size, max(SMALLEST_TASK, batch_size // n_process // 2))


def _pool(n_process: int, settings: Settings, checked: bool):
    """Worker processes that start from this process's loaded pipeline where they can.

    With the `fork` start method (Linux, and only while this process runs one thread:
    forking a threaded process can deadlock) the pipeline is built and warmed here, once,
    and every worker starts as a copy of it, sharing its memory pages: no imports, model
    load or lexicons per worker. Elsewhere each worker is spawned and builds its own.
    """
    if start_method() == "fork":
        warm_pipeline(settings)
        gc.freeze()  # the loaded objects move out of the collector's sight, so the
        try:          # workers' collections do not touch (and copy) their pages
            return multiprocessing.get_context("fork").Pool(
                n_process, initializer=_init_worker, initargs=(settings, checked))
        finally:
            gc.unfreeze()
    return multiprocessing.get_context("spawn").Pool(
        n_process, initializer=_init_worker, initargs=(settings, checked))


def start_method() -> str:
    """`fork` where the platform has it and this process runs one thread, else `spawn`."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


WARM_UP_TEXT = ("President Joe Biden told reporters in Kyiv on Thursday that 3,000 troops had "
                "\"nearly\" left the region, officials said.")


def warm_pipeline(settings: Settings) -> Language:
    """The pipeline for these settings, built and run once on a short text so that what its
    components load on first use (lexicons, the gazetteer) is loaded too."""
    nlp = _cached_pipeline(settings)
    if id(nlp) not in _WARMED:
        nlp(make_doc(nlp, Article(text=WARM_UP_TEXT, date="2025-03-14")))
        _WARMED.add(id(nlp))
    return nlp


_WORKER_SETTINGS: Optional[Settings] = None
_WORKER_CHECKED = False


def _init_worker(settings: Settings, checked: bool) -> None:
    global _WORKER_SETTINGS, _WORKER_CHECKED
    _WORKER_SETTINGS, _WORKER_CHECKED = settings, checked
    _cached_pipeline(settings)


def _worker_batch(batch: list) -> list[Result]:
    return list(_run_batch(batch, _WORKER_SETTINGS, _WORKER_CHECKED))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_batch(batch: list, settings: Settings, checked: bool = False) -> Iterator[Result]:
    """Run one batch through `nlp.pipe`; on failure, retry article by article."""
    results: list[Optional[Result]] = [None] * len(batch)
    todo = []
    for k, item in enumerate(batch):
        if isinstance(item, ArticleError):
            results[k] = item
            continue
        try:
            if not checked:
                check_article(item, settings)
            todo.append(k)
        except InputError as exc:
            results[k] = ArticleError(exc.code, exc.message, id=item.id)
    nlp = _cached_pipeline(settings)
    limit = settings.get("limits", "max_seconds")
    try:
        with time_limit(limit * len(todo)):
            docs = nlp.pipe((make_doc(nlp, batch[k]) for k in todo), batch_size=len(batch))
            for k, doc in zip(todo, docs):
                results[k] = doc_to_article(doc, batch[k])
    except Exception:  # one bad or slow article must not lose the batch: redo it one by one
        LOGGER.warning("batch failed; analysing its %d articles one at a time", len(todo))
        for k in todo:
            results[k] = _run_one(nlp, batch[k], limit)
    yield from results


def _run_one(nlp: Language, article: Article, limit: float = 0) -> Result:
    try:
        with time_limit(limit):
            return doc_to_article(nlp(make_doc(nlp, article)), article)
    except TimeLimitExceeded as exc:
        LOGGER.warning("article %r %s (limits.max_seconds)", article.id, exc)
        return ArticleError("timeout", f"analysis {exc}; the limit is limits.max_seconds", id=article.id)
    except Exception as exc:  # noqa: BLE001 - reported as the article's error record
        LOGGER.warning("analysis failed for article %r: %s: %s", article.id, type(exc).__name__, exc)
        LOGGER.debug("traceback for article %r", article.id, exc_info=True)
        return ArticleError("analysis_failed", f"{type(exc).__name__}: {exc}", id=article.id)
