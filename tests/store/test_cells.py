"""Spreadsheet-safe cells (OWASP's CSV-injection rule)."""
from __future__ import annotations

import pytest

from presstrace.store.cells import safe_row, spreadsheet_safe


@pytest.mark.parametrize("value,expected", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"), ("+1", "'+1"), ("-cmd", "'-cmd"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("Kyiv", "Kyiv"), ("", ""),
    (-5, -5), (2.5, 2.5), (None, None),
])
def test_cells_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_cells_safe_row_guards_every_cell():
    assert safe_row(["=1", 3, "ok"]) == ["'=1", 3, "ok"]
