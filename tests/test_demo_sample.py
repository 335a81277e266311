"""The bundled sample `make demo` ingests: well formed, credited, and chosen so that stories
have two or more articles (the full check, with analysis, is benchmarks/demo_sample.py;
here story clustering reads the words alone, which needs no analysis)."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from presstrace.corpus.stories import StoryParams, cluster

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "presstrace" / "samples"
SAMPLE = SAMPLES / "ua_ru_press_sample.jsonl"
FIELDS = {"id", "date", "source", "title", "url", "text"}
SITES = {"Kremlin (President of Russia)": "http://en.kremlin.ru/",
         "Office of the President of Ukraine": "https://www.president.gov.ua/"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def make_sample():
    path = REPO / "scripts" / "make_sample.py"
    spec = importlib.util.spec_from_file_location("make_sample", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_rows_are_whole_records_of_the_two_sites(rows, make_sample):
    assert 20 <= len(rows) <= 60
    assert SAMPLE.stat().st_size <= make_sample.MAX_BYTES
    assert all(set(row) == FIELDS and all(row[f] for f in FIELDS) for row in rows)
    assert len({row["id"] for row in rows}) == len(rows)
    assert rows == sorted(rows, key=lambda row: (row["date"], row["id"]))
    assert {row["source"] for row in rows} == set(SITES)
    assert all(row["url"].startswith(SITES[row["source"]]) for row in rows)


def test_attribution_credits_the_sample_as_it_is(rows):
    note = (SAMPLES / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in note and "en.kremlin.ru" in note and "president.gov.ua" in note
    # The note's counts are the file's: per source and in all.
    assert re.search(rf"\b{len(rows)} press releases", note)
    for source in SITES:
        count = sum(row["source"] == source for row in rows)
        assert re.search(rf"\| {re.escape(source)} \|[^\n]*\| {count} \|", note), source


def test_sample_words_alone_make_stories_both_presidencies_report(rows, make_sample):
    params = StoryParams()
    placed = cluster(make_sample.text_docs(rows, params), params)
    stories = make_sample.groups(placed).values()
    several = [[rows[i] for i in members] for members in stories if len(members) > 1]
    assert len(several) >= 3
    assert any(len({row["source"] for row in story}) == 2 for story in several)


def test_story_core_keeps_each_source_and_the_best_linked(make_sample):
    short, fit = "x" * 10, "x" * make_sample.STORY_MIN_CHARS
    window = [{"id": f"r{i}", "source": source, "text": text}
              for i, (source, text) in enumerate([("A", fit), ("A", fit), ("A", fit),
                                                  ("A", fit), ("B", fit), ("A", short)])]
    placed = {0: (1, 0.9), 1: (1, 0.8), 2: (1, 0.7), 3: (1, 0.6), 4: (1, 0.2), 5: (1, 0.95)}
    # B's only member stays in though it links least; the too-short one is left out.
    assert make_sample.story_core(window, list(range(6)), placed) == [0, 1, 2, 4]
    assert make_sample.story_core(window, [0], placed) == []
