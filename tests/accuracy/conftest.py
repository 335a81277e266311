"""The accuracy gate: a fixed sample of each gold set's check part, analysed once and scored.

The gold data lives outside the repository (its licences forbid copying it in): in
`<repo>/../shared/eval`, as on CI, or in the shared folder `$PRESSTRACE_SHARED` names (when
that variable is set, it is the only place looked at). Where neither holds
`eval/score.py`, every test that needs the data is skipped.

The sample of each set is every `every`-th document of its `check.jsonl` in id order,
starting with the first: deterministic, spread over the whole part (all seven PolNeAR
publishers), and small enough that the whole gate takes about half a minute.

`PRESSTRACE_UPDATE_FLOORS=1 .venv/bin/python -m pytest tests/accuracy` re-measures and
rewrites `floors.json` (value, items behind it, and the floor a little under it).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import math
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from presstrace import Article, analyze_many, load_settings

REPO = Path(__file__).resolve().parents[2]
FLOORS_PATH = Path(__file__).with_name("floors.json")
SHARED_ENV = "PRESSTRACE_SHARED"
UPDATE_ENV = "PRESSTRACE_UPDATE_FLOORS"
MARGIN = 0.02  # a floor sits this far under the measured figure, or one item's worth if more


@dataclass(frozen=True)
class Metric:
    """One pinned figure: `task` scored by score.py, the figure at `path` in its result,
    and how many items it rests on (gold items, or the matches an accuracy is taken over)."""
    task: str
    path: str
    items: Callable[[dict], int]

    @property
    def name(self) -> str:
        return f"{self.task}.{self.path}"


@dataclass(frozen=True)
class GoldSet:
    """A gold file under eval/, the stride of its sample, and the figures pinned on it."""
    name: str
    file: str
    every: int
    metrics: tuple[Metric, ...]


def _key(name: str) -> Callable[[dict], int]:
    return lambda result: result[name]


def _matched(result: dict) -> int:
    return round(result["recall"] * result["gold"])


TOPONYMS = (Metric("toponyms", "acc@161km_end_to_end", _key("gold")),)
SEED_COUNTS = ("quotes_found", "quote_speakers_right", "time_values_right", "places_within_50km",
               "amounts_found", "claim_sources_right", "event_types_right", "framing_found",
               "noncontent_found", "entities_clustered")

GOLD_SETS = (
    GoldSet("polnear", "quotes/polnear/check.jsonl", 3, (
        Metric("quotes", "f1", _key("gold_quotes")),
        Metric("quotes", "speaker_accuracy", _key("speaker_checked")),
        Metric("claims", "f1", _key("gold")),
        Metric("claims", "source_accuracy", _matched))),
    GoldSet("te3_platinum", "timex/te3_platinum/check.jsonl", 1,
            (Metric("timex", "value.f1", _key("gold")),)),
    GoldSet("tbaq", "timex/tbaq/check.jsonl", 1, (Metric("timex", "value.f1", _key("gold")),)),
    GoldSet("lgl", "toponyms/lgl/check.jsonl", 2, TOPONYMS),
    GoldSet("gwn", "toponyms/gwn/check.jsonl", 1, TOPONYMS),
    GoldSet("trnews", "toponyms/trnews/check.jsonl", 1, TOPONYMS),
    GoldSet("geovirus", "toponyms/geovirus/check.jsonl", 1, TOPONYMS),
    GoldSet("conll2003_testb", "entities/conll2003_testb/check.jsonl", 1,
            (Metric("entities", "labelled.f1", _key("gold")),)),
    GoldSet("plover_gsr", "events/plover_gsr/check.jsonl", 1, (Metric("events", "f1", _key("gold")),)),
    GoldSet("ptc2020_train", "techniques/ptc2020_train/check.jsonl", 2,
            (Metric("techniques", "span.f1", _key("gold")),)),
    GoldSet("seed", "seed/seed_gold.json", 1,
            tuple(Metric("seed", count, lambda r, c=count: int(r[c].split("/")[1])) for count in SEED_COUNTS)),
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "accuracy: the accuracy gate on ../shared/eval (skipped where the data is absent)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "gold_set" in metafunc.fixturenames:
        metafunc.parametrize("gold_set", GOLD_SETS, ids=[s.name for s in GOLD_SETS])


@pytest.fixture(scope="session")
def gold_sets() -> tuple[GoldSet, ...]:
    """The sets the gate measures and the figures it pins on each."""
    return GOLD_SETS


@pytest.fixture(scope="session")
def floors(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The committed floors file (rewritten first when re-measuring)."""
    if os.environ.get(UPDATE_ENV):
        request.getfixturevalue("accuracy_run")
    return json.loads(FLOORS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """The shared eval/ folder; skips when it cannot be found."""
    configured = os.environ.get(SHARED_ENV)
    shared = Path(configured) if configured is not None else REPO.parent / "shared"
    if not (shared / "eval" / "score.py").is_file():
        where = f"${SHARED_ENV}={configured}" if configured is not None else str(shared)
        pytest.skip(f"accuracy gate skipped: no shared evaluation data ({where} has no eval/score.py; "
                    f"set {SHARED_ENV} to the shared folder to run it)")
    return shared / "eval"


@pytest.fixture(scope="session")
def scorer(shared_eval: Path):
    """The project's scorer, `eval/score.py`, imported from the shared folder."""
    spec = importlib.util.spec_from_file_location("presstrace_shared_score", shared_eval / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def accuracy_run(shared_eval: Path, scorer) -> dict[str, dict]:
    """Every set's sample analysed in one `analyze_many` pass and scored; per set its sample
    (documents, characters, ids digest), analysis errors and pinned figures."""
    samples = {s.name: read_sample(shared_eval / s.file, s.every) for s in GOLD_SETS
               if (shared_eval / s.file).is_file()}
    started = time.perf_counter()
    predictions = analyse(samples)
    seconds = time.perf_counter() - started
    run = {}
    for gold_set in GOLD_SETS:
        if gold_set.name in samples:
            run[gold_set.name] = score_set(gold_set, samples[gold_set.name], predictions[gold_set.name], scorer)
    if os.environ.get(UPDATE_ENV):
        write_floors(run, seconds)
    return run


def read_sample(path: Path, every: int) -> list[dict]:
    """Every `every`-th gold document of `path` in id order, starting with the first."""
    if path.suffix == ".json":
        return [json.loads(path.read_text(encoding="utf-8"))]
    with open(path, encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines if line.strip()]
    return sorted(docs, key=lambda doc: doc["id"])[::every]


def analyse(samples: dict[str, list[dict]]) -> dict[str, list]:
    """All samples through the pipeline in one pass; results per set, in sample order."""
    order = [(name, doc) for name, docs in samples.items() for doc in docs]
    articles = [Article(text=doc["text"], id=doc["id"], date=iso_date(doc.get("date"))) for _, doc in order]
    results: dict[str, list] = {name: [] for name in samples}
    for (name, _), result in zip(order, analyze_many(articles, n_process=1, settings=load_settings())):
        results[name].append(result)
    return results


def iso_date(value: Optional[str]) -> Optional[str]:
    """A gold `date` as YYYY-MM-DD, read as presstrace's JSONL reader reads it: ISO, or a
    written date with a four-digit year; None for none or a scraper's "Dec 17, 20"."""
    if not value:
        return None
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    if not re.search(r"(?<!\d)\d{4}(?!\d)", value):
        return None
    from dateutil import parser

    try:
        return parser.parse(value, default=dt.datetime(1, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        return None


def is_error(result: Any) -> bool:
    """An `ArticleError` (it has a `code`) in place of an analysed article."""
    return hasattr(result, "code")


def score_set(gold_set: GoldSet, docs: list[dict], results: list, scorer) -> dict:
    """The sample's description, its analysis errors and each pinned figure with its items."""
    gold = {doc["id"]: doc for doc in docs}
    pred = {doc["id"]: res.to_dict() for doc, res in zip(docs, results) if not is_error(res)}
    errors = [f"{res.id}: {res.code}: {res.message}" for res in results if is_error(res)]
    if len(results) != len(docs):
        errors.append(f"{len(docs)} documents in, {len(results)} results out")
    scored = {task: scorer.TASKS[task](gold, pred) for task in {m.task for m in gold_set.metrics}}
    figures = {}
    for metric in gold_set.metrics:
        result = scored[metric.task]
        value = result
        for part in metric.path.split("."):
            value = value[part]
        if metric.task == "seed":
            value = int(value.split("/")[0])
        figures[metric.name] = {"value": value, "items": metric.items(result)}
    ids = "\n".join(doc["id"] for doc in docs)
    return {"file": gold_set.file, "every": gold_set.every, "documents": len(docs),
            "characters": sum(len(doc["text"]) for doc in docs),
            "ids_sha256": hashlib.sha256(ids.encode("utf-8")).hexdigest()[:16],
            "errors": errors, "figures": figures}


def floor_for(value: float | int, items: int, count: bool) -> float | int:
    """A little under `value`: MARGIN below, or one item's worth where that is more; for the
    seed's counts one item less, except where the layer has fewer than three items."""
    if count:
        return value - 1 if items >= 3 else value
    margin = max(MARGIN, 1 / items if items else MARGIN)
    return max(0.0, math.floor((value - margin) * 1000) / 1000)


def write_floors(run: dict[str, dict], seconds: float) -> None:
    """Rewrite floors.json from this run's figures."""
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO,
                            capture_output=True, text=True).stdout.strip() or "unknown"
    sets = {}
    for name, measured in run.items():
        metrics = {metric: {**fig, "floor": floor_for(fig["value"], fig["items"], metric.startswith("seed."))}
                   for metric, fig in measured["figures"].items()}
        sets[name] = {k: measured[k] for k in ("file", "every", "documents", "characters", "ids_sha256")}
        sets[name]["metrics"] = metrics
    doc = {"about": ("Accuracy floors for tests/accuracy, measured by that gate on the samples below "
                     "(every `every`-th document of each check part in id order) and scored by "
                     "../shared/eval/score.py. floor = value - max(0.02, 1/items), rounded down "
                     "to 0.001; a seed count keeps one item of slack (none under three items). "
                     "Re-measure: PRESSTRACE_UPDATE_FLOORS=1 .venv/bin/python -m pytest tests/accuracy"),
           "measured_at": commit, "measured_on": dt.date.today().isoformat(),
           "analysis_seconds": round(seconds, 1), "sets": sets}
    FLOORS_PATH.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
