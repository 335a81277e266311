"""The `presstrace` command line: thin click wrappers over the Python API.

One module per command group — `analyze`, `gazetteer`, `ingest` (ingest, load, export),
`query`, `corpus` (stories, entities, events), `views` (story, timeline, network, places,
entity), `serve`, `fetch` (fetch, watch, sources) — over `options`, which holds what they share.
"""
from __future__ import annotations

import importlib
import logging
from collections.abc import MutableMapping
from typing import Iterator, Optional

import click

from ..errors import PresstraceError
from ..settings import load_settings

__all__ = ["cli", "main"]

# Each command by name: the module that defines it and the command's name there. A module
# is imported only when one of its commands is asked for, so `presstrace analyze` does not
# pay for SciPy (stories), the web server or the fetcher at start-up.
COMMANDS = {
    "analyze": ("analyze", "analyze"), "gazetteer": ("gazetteer", "gazetteer"),
    "ingest": ("ingest", "ingest_command"), "load": ("ingest", "load_command"),
    "export": ("ingest", "export_command"), "query": ("query", "query"),
    "stories": ("corpus", "stories_command"), "entities": ("corpus", "entities_command"),
    "events": ("corpus", "events_command"), "story": ("views", "story_command"),
    "timeline": ("views", "timeline_command"), "network": ("views", "network_command"),
    "places": ("views", "places_command"), "entity": ("views", "entity_command"),
    "attention": ("attention", "attention_command"), "serve": ("serve", "serve_command"),
    "fetch": ("fetch", "fetch_command"), "watch": ("fetch", "watch_command"),
    "sources": ("fetch", "sources_command"),
}


class LazyCommands(MutableMapping):
    """A group's commands by name, each imported from its module on first use."""

    def __init__(self, where: dict[str, tuple[str, str]]):
        """Args:
            where: command name -> (module under presstrace.cli, attribute of the command).
        """
        self._where = dict(where)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module, attribute = self._where[name]  # KeyError: no such command
            self._loaded[name] = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._where and name not in self._loaded:
            raise KeyError(name)
        self._where.pop(name, None)
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._where, *self._loaded]))

    def __len__(self) -> int:
        return len(set(self._where) | set(self._loaded))


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


cli.commands = LazyCommands(COMMANDS)


def main() -> None:
    """The console script: run the command line as `presstrace`."""
    cli(prog_name="presstrace")


if __name__ == "__main__":
    main()
