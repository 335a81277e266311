"""Reading the shipped word lists and tables."""
from __future__ import annotations

import pytest

from presstrace.components.common.lexicons import agencies, data_lines, data_rows


@pytest.mark.parametrize("name", ["speech_verbs.txt", "titles.txt", "event_triggers.tsv", "places_areas.tsv"])
def test_lexicons_entries_leave_out_comments_and_blank_lines(name):
    lines = data_lines(name)
    assert lines and all(line.strip() and not line.startswith("#") for line in lines)


@pytest.mark.parametrize("name,columns", [("event_triggers.tsv", 3), ("actor_sectors.tsv", 2)])
def test_lexicons_tables_split_on_tabs(name, columns):
    assert all(len(row) >= columns for row in data_rows(name))


def test_lexicons_agencies_longest_first():
    names = agencies()
    assert "Reuters" in names and [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)
