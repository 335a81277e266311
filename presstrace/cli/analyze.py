"""`presstrace analyze`: articles in, one presstrace/1 result per article out, in input order."""
from __future__ import annotations

import json
import logging
import sys
from typing import Iterator, Optional

import click

from ..readers import FORMATS as INPUT_FORMATS
from ..records import ArticleError
from ..settings import Settings
from .options import domain_errors

# Log lines name the command line (`presstrace.cli`), whichever of its modules writes them.
LOGGER = logging.getLogger(__package__)


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl",
              show_default=True, help="jsonl: one presstrace/1 object a line; json: a JSON array; "
                                      "table: a readable report.")
@click.option("--input", "input_format", type=click.Choice(list(INPUT_FORMATS)),
              help="Read every input as this format instead of detecting it.")
@click.option("--date", help="YYYY-MM-DD date for articles that have none.")
@click.option("-j", "--jobs", type=int, default=1, show_default=True, help="Worker processes.")
@click.option("--summary", is_flag=True, help="With --format table: one line per article and totals.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any input fails.")
@click.pass_obj
@domain_errors
def analyze(settings: Settings, paths: tuple[str, ...], fmt: str, input_format: Optional[str],
            date: Optional[str], jobs: int, summary: bool, strict: bool) -> None:
    """Analyse articles and write one result per article, in input order.

    PATHS are files, folders or - for standard input (the default).

    Example:

        presstrace analyze --format table article.txt

        presstrace analyze --date 2025-03-14 < articles.jsonl > records.jsonl
    """
    from ..pipeline import analyze_many
    from ..readers import read_inputs

    articles = read_inputs(list(paths) or ["-"], input_format=input_format, date=date,
                           settings=settings)
    results = analyze_many(articles, n_process=jobs, settings=settings)
    ok, failed = _write(results, fmt, summary, tuple(settings.get("framing", "experimental")))
    if (failed and strict) or (failed and not ok):
        sys.exit(1)


def _write(results: Iterator, fmt: str, summary: bool, experimental: tuple[str, ...] = ()) -> tuple[int, int]:
    """Write results as they come; return (analysed, failed) counts.

    Args:
        results: AnalyzedArticle and ArticleError records, in input order.
        fmt: `jsonl`, `json` or `table`.
        summary: with `table`, one line per article and the totals.
        experimental: framing techniques the report counts though below the confidence bar.
    """
    from .. import report

    ok = failed = 0
    kept = []
    out = sys.stdout
    for k, res in enumerate(results):
        is_error = isinstance(res, ArticleError)
        failed += is_error
        ok += not is_error
        if is_error:
            LOGGER.warning("%s: %s: %s", res.id or res.origin, res.code, res.message)
        if fmt == "jsonl":
            out.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "json":
            out.write(("[\n" if k == 0 else ",\n") + json.dumps(res.to_dict(), ensure_ascii=False, indent=1))
        elif summary:
            kept.append(res)
            out.write(report.render_summary_line(res) + "\n")
        else:
            body = report.render_error(res) if is_error else report.render_article(res, experimental)
            out.write(body + "\n\n")
        out.flush()
    if fmt == "json":
        out.write("\n]\n" if ok + failed else "[]\n")
    if fmt == "table" and summary:
        out.write(report.render_totals(kept) + "\n")
    return ok, failed
