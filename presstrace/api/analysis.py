"""The analysis service behind `POST /api/analyze` and the workbench's "Analyze a text".

Analyses run in `server.analysis_workers` worker processes, each with its own model, so a
long analysis holds neither the event loop, nor the thread pool, nor the interpreter lock
that page and API reads need. At most `server.analysis_queue` more wait for a worker;
beyond that a request is answered 503 with Retry-After at once instead of queueing without
end. Each analysis stops after `limits.max_seconds`, as in `analyze_many`: the worker runs
it in its main thread, where SIGALRM reaches it.
"""
from __future__ import annotations

import asyncio
import json
import multiprocessing
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Optional

from ..errors import InputError, SettingsError
from ..records import AnalyzedArticle, Article, ArticleError
from ..settings import Settings
from .errors import ApiError

RETRY_AFTER_SECONDS = 2


class Busy(ApiError):
    """Every worker is busy and the queue is full, or the pool is being replaced."""

    def __init__(self, message: str):
        super().__init__(503, "unavailable", message)
        self.headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}


class AnalysisService:
    """Admits an analysis while fewer than `workers + queue` are running or waiting."""

    def __init__(self, settings: Settings, workers: int, queue: int,
                 make_executor: Optional[Callable[[], Executor]] = None,
                 task: Optional[Callable[[Article], object]] = None):
        """Args:
            settings: the analysis settings, `limits.max_seconds` among them.
            workers, queue: worker processes, and analyses that may wait for one.
            make_executor: builds the executor; default: the worker processes.
            task: what the executor runs on an article; default: `worker.run`.
        """
        self.settings = settings
        self.capacity = workers + queue
        self._make_executor = make_executor or (lambda: _process_pool(settings, workers))
        self._task = task
        self._executor: Optional[Executor] = None
        self._pending = 0
        self._lock = threading.Lock()  # the count is released from the executor's thread

    async def analyze(self, article: Article) -> AnalyzedArticle:
        """The analysis, or: InputError (bad input, 400), ApiError 422 `timeout`, 503 busy."""
        from ..pipeline import check_article

        check_article(article, self.settings)  # cheap, and spares a worker the bad input
        future = self._submit(article)
        try:
            result = await asyncio.wrap_future(future)
        except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
            self._executor = None
            raise Busy("the analysis worker stopped; it is being restarted") from None
        return _answer(result)

    def _submit(self, article: Article):
        with self._lock:
            if self._pending >= self.capacity:
                raise Busy(f"{self._pending} analyses are running or waiting; try again shortly")
            self._pending += 1
            if self._executor is None:
                self._executor = self._make_executor()
            executor = self._executor
        try:
            future = executor.submit(self._task or _worker_task(), article)
        except Exception:
            self._release()
            raise
        # Released when the worker is done, not when a client gives up: the work still runs.
        future.add_done_callback(lambda _: self._release())
        return future

    def _release(self) -> None:
        with self._lock:
            self._pending -= 1


def _answer(result) -> AnalyzedArticle:
    if not isinstance(result, ArticleError):
        return result
    if result.code == "timeout":  # the text, not the server: retrying will not help
        raise ApiError(422, "timeout", result.message)
    if result.code == "analysis_failed":
        raise RuntimeError(f"analysis failed: {result.message}")  # logged, answered 500
    raise InputError(result.code, result.message)


def _worker_task() -> Callable[[Article], object]:
    # Imported here: the pipeline (spaCy) loads only once an analysis is asked for.
    from .worker import run
    return run


def _process_pool(settings: Settings, workers: int) -> Executor:
    from .worker import start

    # spawn: a fork of a server with threads running could inherit a held lock.
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=start, initargs=(settings,))


_SERVICES: dict[str, AnalysisService] = {}
_SERVICES_LOCK = threading.Lock()


def analysis_service(settings: Settings) -> AnalysisService:
    """The service for these settings, one per process like the pipeline cache: apps built
    over the same settings (tests build many) share its workers instead of each loading
    the model again."""
    workers = _count(settings, "analysis_workers", least=1)
    queue = _count(settings, "analysis_queue", least=0)
    key = json.dumps(settings.values, sort_keys=True)
    with _SERVICES_LOCK:
        if key not in _SERVICES:
            _SERVICES[key] = AnalysisService(settings, workers, queue)
        return _SERVICES[key]


def _count(settings: Settings, key: str, least: int) -> int:
    value = settings.get("server", key)
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise SettingsError(f"server.{key} must be a whole number of at least {least}, not {value!r}")
    return value
