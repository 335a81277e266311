"""The accuracy gate: today's figures on a fixed sample of each check part stay above the
floors pinned in floors.json (trafilatura's eval gate, with presstrace's own scorer)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.accuracy


def test_accuracy_floors_cover_every_pinned_figure(floors, gold_sets):
    """floors.json holds exactly the sets and figures the gate measures, each floor a little
    under its measured value (no floor above it, none more than 0.15 or one item under)."""
    problems = []
    expected = {s.name: {m.name for m in s.metrics} for s in gold_sets}
    if set(floors["sets"]) != set(expected):
        problems.append(f"sets {sorted(floors['sets'])} != gate's {sorted(expected)}")
    for name, metrics in expected.items():
        pinned = floors["sets"].get(name, {}).get("metrics", {})
        if set(pinned) != metrics:
            problems.append(f"{name}: figures {sorted(pinned)} != gate's {sorted(metrics)}")
        for metric, fig in pinned.items():
            slack = fig["value"] - fig["floor"]
            allowed = 1 if metric.startswith("seed.") else max(0.15, 1 / max(fig["items"], 1)) + 0.001
            if not 0 <= slack <= allowed:
                problems.append(f"{name} {metric}: floor {fig['floor']} against value {fig['value']}")
    assert not problems, "floors.json out of step with the gate:\n" + "\n".join(problems)


def test_accuracy_sample_is_the_one_measured(gold_set, accuracy_run, floors):
    """The sample drawn today is the one the floors were measured on (same documents), so
    a changed check part is noticed instead of silently moving the figures."""
    run = accuracy_run.get(gold_set.name)
    if run is None:
        pytest.skip(f"{gold_set.file} is not in the shared evaluation data")
    pinned = floors["sets"][gold_set.name]
    drawn = {k: run[k] for k in ("file", "every", "documents", "ids_sha256")}
    measured = {k: pinned[k] for k in drawn}
    assert drawn == measured, (f"{gold_set.name}: sample {drawn} differs from the one measured {measured}; "
                               "re-measure with PRESSTRACE_UPDATE_FLOORS=1")


def test_accuracy_every_sampled_document_analysed(gold_set, accuracy_run):
    """Every sampled gold document comes out analysed, not as an error."""
    run = accuracy_run.get(gold_set.name)
    if run is None:
        pytest.skip(f"{gold_set.file} is not in the shared evaluation data")
    assert not run["errors"], f"{gold_set.name}: " + "; ".join(run["errors"])


def test_accuracy_figures_above_floors(gold_set, accuracy_run, floors):
    """Each pinned figure of the set is at or above its floor; all drops are named at once."""
    run = accuracy_run.get(gold_set.name)
    if run is None:
        pytest.skip(f"{gold_set.file} is not in the shared evaluation data")
    pinned = floors["sets"][gold_set.name]["metrics"]
    drops = [f"{gold_set.name} {metric}: {fig['value']} < floor {pinned[metric]['floor']} "
             f"(measured {pinned[metric]['value']})"
             for metric, fig in run["figures"].items() if fig["value"] < pinned[metric]["floor"]]
    assert not drops, "accuracy below its floor:\n" + "\n".join(drops)
