"""The `presstrace` command line: thin click wrappers over the Python API.

One module per command group — `analyze`, `gazetteer`, `ingest` (ingest, load, export),
`query`, `corpus` (stories, entities, events), `views` (story, timeline, network, places,
entity), `serve`, `fetch` (fetch, watch, sources) — over `options`, which holds what they share.
"""
from __future__ import annotations

import logging
from typing import Optional

import click

from ..errors import PresstraceError
from ..settings import load_settings
from . import analyze, corpus, fetch, gazetteer, ingest, query, serve, views

__all__ = ["cli", "main"]


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


for _command in (analyze.analyze, gazetteer.gazetteer, ingest.ingest_command, ingest.load_command,
                 ingest.export_command, query.query, corpus.stories_command,
                 corpus.entities_command, corpus.events_command, *views.COMMANDS,
                 serve.serve_command, *fetch.COMMANDS):
    cli.add_command(_command)


def main() -> None:
    """The console script: run the command line as `presstrace`."""
    cli(prog_name="presstrace")


if __name__ == "__main__":
    main()
