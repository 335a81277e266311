"""What the commands share: the --db, --format and date options, the store they open,
presstrace's own errors turned into click errors, and rows written as a table, JSON or CSV.
"""
from __future__ import annotations

import contextlib
import csv
import functools
import json
import sqlite3
import sys
from typing import Any, Callable, Iterator, Optional

import click

from ..errors import PresstraceError
from ..settings import Settings
from ..store import db
from ..store.cells import safe_row

CELL_WIDTH = 70


def db_option(command: Callable) -> Callable:
    """Add `--db FILE` (passed as `db_path`)."""
    return click.option("--db", "db_path", metavar="FILE",
                        help="The store (SQLite file); default: the store.path setting "
                             "(presstrace.db).")(command)


def store_path(settings: Settings, db_path: Optional[str]) -> str:
    """The store a command uses: `--db`, else the store.path setting.

    Args:
        settings: presstrace settings.
        db_path: the `--db` value, or None.
    """
    return db_path or settings.get("store", "path")


@contextlib.contextmanager
def existing_store(settings: Settings, db_path: Optional[str]) -> Iterator[sqlite3.Connection]:
    """A connection to the store the command names, closed afterwards; never creates one.

    Args:
        settings: presstrace settings.
        db_path: the `--db` value, or None.
    Raises:
        StoreNotFoundError: there is no store there.
    """
    conn = db.open_store(store_path(settings, db_path), create=False)
    try:
        yield conn
    finally:
        conn.close()


def with_store(settings: Settings, db_path: Optional[str], function: Callable, **kwargs: Any) -> Any:
    """What `function(conn, **kwargs)` returns on the store the command names.

    Args:
        settings: presstrace settings.
        db_path: the `--db` value, or None.
        function: a query or view over a store connection.
    """
    with existing_store(settings, db_path) as conn:
        return function(conn, **kwargs)


def domain_errors(command: Callable) -> Callable:
    """Turn presstrace's own errors into click errors (a message, exit status 1)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (PresstraceError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
    return wrapper


def dates(command: Callable) -> Callable:
    """Add `--since DATE` and `--until DATE`."""
    command = click.option("--until", metavar="DATE", help="Up to this date (YYYY[-MM[-DD]]).")(command)
    return click.option("--since", metavar="DATE", help="From this date (YYYY[-MM[-DD]]).")(command)


RAW_CSV_HELP = ("With CSV: write cells as they are, for programs. By default a cell that begins with "
                "= + - @ (which a spreadsheet would run as a formula) is prefixed with '.")


def output_options(command: Callable) -> Callable:
    """What every query shares: --db, --format and --raw-csv, the settings object passed
    in, and presstrace's own errors turned into click errors."""
    @functools.wraps(command)
    def wrapper(*args, raw_csv: bool, **kwargs):
        if raw_csv and kwargs.get("fmt") == "csv":
            kwargs["fmt"] = "csv-raw"  # emit's name for unguarded CSV
        return command(*args, **kwargs)

    wrapper = click.pass_obj(domain_errors(wrapper))
    wrapper = click.option("--raw-csv", is_flag=True, help=RAW_CSV_HELP)(wrapper)
    wrapper = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                           default="table", show_default=True, help="How rows are written.")(wrapper)
    return db_option(wrapper)


def emit(rows: list[dict[str, Any]], fmt: str) -> None:
    """Write rows to standard output as a table, a JSON array or CSV.

    Args:
        rows: dicts with the same keys.
        fmt: `table`, `json`, `csv` (spreadsheet-safe cells) or `csv-raw`.
    """
    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt in ("csv", "csv-raw"):
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows if fmt == "csv-raw" else
                             [dict(zip(row, safe_row(row.values()))) for row in rows])
    else:
        out.write(render_table(rows) + "\n")


def echo_json(value: Any) -> None:
    """Write a value as indented JSON (non-ASCII kept)."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=1))


def render_table(rows: list[dict[str, Any]]) -> str:
    """Rows as aligned text columns; long cells are cut with an ellipsis.

    Args:
        rows: dicts with the same keys; the first row's keys are the columns.
    """
    if not rows:
        return "(no rows)"
    names = list(rows[0])
    cells = [[_cell(row[n]) for n in names] for row in rows]
    widths = [max(len(n), *(len(c[k]) for c in cells)) for k, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    """One table cell: whitespace runs made one space, cut at CELL_WIDTH."""
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= CELL_WIDTH else text[:CELL_WIDTH - 1] + "…"
