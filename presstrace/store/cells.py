"""Cells that cannot attack a spreadsheet.

A spreadsheet runs a CSV cell that begins with `=`, `+`, `-` or `@` as a formula
(`=HYPERLINK(…)` in a quote or an outlet name is a link that can leak data), and a leading
tab or carriage return can hide one; OWASP's rule is to prefix such a cell with `'`, which
spreadsheets show as text. Article text, quotes, titles, outlets and URLs are untrusted,
so every CSV presstrace writes goes through here unless the caller asks for raw cells.
"""
from __future__ import annotations

from typing import Any, Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """`value` with a `'` before it when it is text a spreadsheet would read as a formula;
    numbers (a negative count) and None pass as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row with every cell made spreadsheet-safe."""
    return [spreadsheet_safe(v) for v in values]
