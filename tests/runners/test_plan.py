"""The one planner and the one write policy (`runners/plan.py`, `runners/write.py`), on a
lookup and a sink in memory: what each input becomes, and the calls its step makes."""
from __future__ import annotations

import pytest

from presstrace.records import AnalyzedArticle, Article, ArticleError
from presstrace.runners.plan import Planner
from presstrace.runners.progress import IngestStats
from presstrace.runners.write import count_step, write_step
from presstrace.store.db import article_hash


class Recorder:
    """A lookup of stored texts (hash -> (id, status)) and a sink that records its calls."""

    def __init__(self, stored=None, first_id=1):
        self.stored = dict(stored or {})
        self.next_id = first_id
        self.calls = []

    def find(self, digest):
        return self.stored.get(digest)

    def new_id(self):
        self.next_id += 1
        return self.next_id - 1

    def __getattr__(self, name):
        if name.startswith(("save_", "add_")):
            return lambda *args: self.calls.append((name, args[0] if name != "save_error" else args[0].code))
        raise AttributeError(name)


def article(text, id="a"):
    return Article(text=text, id=id)


@pytest.mark.parametrize("stored, force, text, kind, article_id", [
    ({}, False, "Kyiv said so.", "analyse", 7),
    ({}, False, "   ", "error", None),
    ({"Kyiv said so.": (3, "analysed")}, False, "Kyiv  said so.", "mapping", 3),
    ({"Kyiv said so.": (3, "failed")}, False, "Kyiv said so.", "analyse", 3),
    ({"Kyiv said so.": (3, "analysed")}, True, "Kyiv said so.", "analyse", 3),
    ({"Kyiv said so.": (3, "duplicate")}, True, "Kyiv said so.", "mapping", 3),
])
def test_plan_decides_each_input(settings, stored, force, text, kind, article_id):
    lookup = Recorder({article_hash(t): found for t, found in stored.items()}, first_id=7)
    step = Planner(lookup, settings, force=force).plan(article(text))
    assert (step.kind, step.article_id) == (kind, article_id)


@pytest.mark.parametrize("redo_failed, kind", [(True, "analyse"), (False, "mapping")])
def test_plan_failed_texts_are_redone_unless_told_not_to(settings, redo_failed, kind):
    lookup = Recorder({article_hash("Kyiv said so."): (3, "failed")})
    assert Planner(lookup, settings, redo_failed=redo_failed).plan(article("Kyiv said so.")).kind == kind


@pytest.mark.parametrize("texts", [["Kyiv said so.", "Kyiv said so.", "Lviv said so."]])
def test_plan_a_text_planned_earlier_in_the_run_maps_to_it(settings, texts):
    planner = Planner(Recorder(), settings)
    steps = [planner.plan(article(t, id=str(k))) for k, t in enumerate(texts)]
    assert [(s.kind, s.article_id) for s in steps] == [("analyse", 1), ("mapping", 1), ("analyse", 2)]
    assert planner.is_pending(steps[1])
    planner.written(steps[1])  # a copy written first (a shard's rows) keeps its original pending
    assert planner.is_pending(steps[1])
    planner.written(steps[0])
    assert not planner.is_pending(steps[0])


@pytest.mark.parametrize("result, calls, counts", [
    (AnalyzedArticle(text="Kyiv said so.", id="a"), ["save_article", "add_input_id"], (1, 0)),
    (ArticleError("analysis_failed", "boom", id="a"), ["save_failed", "add_input_id"], (0, 1)),
])
def test_write_policy_orders_the_calls_and_counts(settings, result, calls, counts):
    sink = Recorder()
    step = Planner(sink, settings).plan(article("Kyiv said so."))
    step.result = result
    write_step(sink, step)
    stats = IngestStats()
    count_step(stats, step)
    assert [name for name, _ in sink.calls] == calls
    assert (stats.analysed, stats.failed, stats.inputs) == (*counts, 1)


def test_write_policy_an_error_is_one_error_record(settings):
    sink = Recorder()
    step = Planner(sink, settings).plan(ArticleError("bad_record", "not JSON", id="x"))
    write_step(sink, step)
    stats = IngestStats()
    count_step(stats, step)
    assert sink.calls == [("save_error", "bad_record")] and (stats.errors, stats.inputs) == (1, 1)
