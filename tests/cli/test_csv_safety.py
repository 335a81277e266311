"""CSV and GKG written from untrusted text cannot run as spreadsheet formulas."""
from __future__ import annotations

import csv
import io

import pytest

from presstrace.records import AnalyzedArticle, Quote, Speaker
from presstrace.store import db

TEXT = '"=HYPERLINK(""http://evil.example"",""click"")," he said. More text follows here.'


@pytest.fixture()
def hostile_store(tmp_path):
    """A store of one article whose quote, outlet, title and URL begin like formulas."""
    path = tmp_path / "hostile.db"
    end = TEXT.index('," he')
    art = AnalyzedArticle(text=TEXT, id="h1", date="2025-03-14", source="@evil outlet", title="=1+1",
                          url="javascript:alert(1)\x00",
                          quotes=[Quote(1, end, TEXT[1:end], id="Q1", speaker=Speaker(end + 3, end + 5, "he"))])
    conn = db.open_store(path)
    with db.transaction(conn):
        db.save_article(conn, art, 1, db.article_hash(art.text))
    conn.close()
    return path


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _formulas(cells: list[str]) -> list[str]:
    return [c for c in cells if c[:1] and c[:1] in "=+-@"]


@pytest.mark.parametrize("extra,guarded", [((), True), (("--raw-csv",), False)])
def test_csv_safety_query_csv_prefixes_formula_cells(invoke, hostile_store, extra, guarded):
    result = invoke("query", "quotes", "--db", hostile_store, "--format", "csv", *extra)
    cells = _cells(result.output)
    assert bool(_formulas(cells)) is not guarded, cells
    if guarded:
        assert "'@evil outlet" in cells and any(c.startswith("'=HYPERLINK") for c in cells)


@pytest.mark.parametrize("extra,guarded", [((), True), (("--raw-csv",), False)])
def test_csv_safety_export_csv_prefixes_formula_cells(invoke, hostile_store, tmp_path, extra, guarded):
    invoke("export", "--db", hostile_store, "--format", "csv", "--out", tmp_path / "csv", *extra)
    cells = _cells((tmp_path / "csv" / "articles.csv").read_text("utf-8"))
    cells += _cells((tmp_path / "csv" / "quotes.csv").read_text("utf-8"))
    assert bool(_formulas(cells)) is not guarded


def test_csv_safety_gkg_keeps_no_formula_no_control_character_and_no_non_web_url(invoke, hostile_store):
    row = invoke("export", "--db", hostile_store, "--format", "gkg").output.rstrip("\n").split("\t")
    assert row[2] == "" and row[3] == "'@evil outlet" and row[4] == "h1"
    assert "\x00" not in "\t".join(row) and "javascript" not in "\t".join(row)
