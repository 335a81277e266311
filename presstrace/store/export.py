"""Exports of a store: JSONL (presstrace/1), CSV and Parquet (one file per table), GDELT GKG.

JSONL and GKG write one line per analysed article (near-duplicates and failed articles
have no layers and are left out; their rows are in the CSV/Parquet `articles` table).
CSV and Parquet write every data table and the corpus tables (stories, corpus entities,
merged events, with the tables linking them to articles); Parquet column types follow
the SQLite schema, so DuckDB and pandas read the files as they are.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Iterator, Optional, TextIO

from ..settings import Settings
from . import db
from .cells import safe_row
from .gkg import gazetteer_admin1, gkg_row, write_gkg

FORMATS = ("jsonl", "csv", "parquet", "gkg")
# What the corpus step computes from the articles: often what an analyst wants most.
CORPUS_TABLES = ("stories", "story_articles", "corpus_entities", "corpus_entity_aliases",
                 "corpus_entity_links", "merged_events", "merged_event_reports")
EXPORT_TABLES = db.DATA_TABLES + CORPUS_TABLES
PARQUET_ROWS = 50_000  # rows per Parquet row group (memory stays bounded)


def export_jsonl(conn: sqlite3.Connection, out: TextIO) -> int:
    """Write each analysed article as one `presstrace/1` JSON line, in store order."""
    count = 0
    for art in db.iter_articles(conn):
        out.write(json.dumps(art.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def export_gkg(conn: sqlite3.Connection, out: TextIO, settings: Optional[Settings] = None,
               min_confidence: Optional[float] = None) -> int:
    """Write one GDELT GKG 2.1 row per analysed article; `min_confidence` as `gkg.locations`."""
    admin1 = gazetteer_admin1(settings)
    return write_gkg((gkg_row(row["id"], art, admin1, min_confidence)
                      for row, art in db.iter_stored(conn)), out)


def table_columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, declared type) of a table's columns."""
    return [(r[1], (r[2] or "").upper()) for r in conn.execute(f"PRAGMA table_info({table})")]


def _table_rows(conn: sqlite3.Connection, table: str, size: int) -> Iterator[list[tuple]]:
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
    while chunk := cursor.fetchmany(size):
        yield [tuple(r) for r in chunk]


def export_csv(conn: sqlite3.Connection, folder: str | Path, raw: bool = False) -> dict[str, int]:
    """Write `<table>.csv` (with a header row) for every data and corpus table; return row counts.

    Args:
        conn: the store.
        folder: where the files go.
        raw: write text cells as they are; by default a cell a spreadsheet would run as a
            formula is prefixed with `'` (`cells.spreadsheet_safe`).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in EXPORT_TABLES:
        names = [name for name, _ in table_columns(conn, table)]
        with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(names)
            counts[table] = 0
            for chunk in _table_rows(conn, table, 5000):
                writer.writerows(chunk if raw else [safe_row(r) for r in chunk])
                counts[table] += len(chunk)
    return counts


def parquet_schema(columns: list[tuple[str, str]]):
    """Arrow types from SQLite declared types; an untyped column (input ids) is a string."""
    import pyarrow as pa

    types = {"INTEGER": pa.int64(), "REAL": pa.float64(), "NUMERIC": pa.float64(),
             "TEXT": pa.string(), "BLOB": pa.binary()}
    return pa.schema([(name, types.get(kind, pa.string())) for name, kind in columns])


def _coerce(value, arrow_type):
    import pyarrow as pa

    if value is None:
        return None
    if arrow_type == pa.string() and not isinstance(value, str):
        return str(value)
    if arrow_type == pa.float64():
        return float(value)
    return value


def export_parquet(conn: sqlite3.Connection, folder: str | Path) -> dict[str, int]:
    """Write `<table>.parquet` for every data and corpus table; return row counts."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in EXPORT_TABLES:
        schema = parquet_schema(table_columns(conn, table))
        counts[table] = 0
        with pq.ParquetWriter(folder / f"{table}.parquet", schema) as writer:
            for chunk in _table_rows(conn, table, PARQUET_ROWS):
                columns = {field.name: [_coerce(row[k], field.type) for row in chunk]
                           for k, field in enumerate(schema)}
                writer.write_table(pa.table(columns, schema=schema))
                counts[table] += len(chunk)
            if counts[table] == 0:
                writer.write_table(schema.empty_table())
    return counts
