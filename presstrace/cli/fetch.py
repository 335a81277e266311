"""`presstrace fetch`, `watch` and `sources`: the news from feeds, sitemaps and pages into
the store (presstrace/fetch/, docs/FETCH.md)."""
from __future__ import annotations

import re
import sys
import time
from typing import Optional

import click

from ..settings import Settings
from .options import db_option, domain_errors, existing_store, store_path


@click.command("fetch")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Analysis worker processes (default: all cores).")
@click.option("--quiet", is_flag=True, help="No summary.")
@click.pass_obj
@domain_errors
def fetch_command(settings: Settings, sources: tuple[str, ...], db_path: Optional[str],
                  jobs: Optional[int], quiet: bool) -> None:
    """Fetch the new articles of feeds, sitemaps and pages politely, archive them (WARC,
    beside the store) and analyse them into the store.

    SOURCES are RSS/Atom feed URLs, sitemap URLs, page URLs, or files listing them one a
    line with an optional outlet name after the URL.

    Example:

        presstrace fetch https://example.org/rss.xml sources.txt --db news.db
    """
    stats = _fetch_once(settings, sources, store_path(settings, db_path), jobs, quiet)
    if stats.failed_sources and len(stats.failed_sources) == stats.sources:
        sys.exit(1)


def _fetch_once(settings, sources, path, jobs, quiet):
    from ..fetch.run import fetch

    stats = fetch(list(sources), path, settings, n_process=jobs)
    if not quiet:
        click.echo(stats.summary(), err=True)
        for failure in stats.failed_sources:
            click.echo(f"failed source: {failure}", err=True)
    return stats


EVERY = re.compile(r"(\d+(?:\.\d+)?)([smh]?)")


def _seconds(value: str) -> float:
    match = EVERY.fullmatch(value.strip())
    if not match or float(match.group(1)) <= 0:
        raise click.BadParameter("a duration such as 90s, 15m or 1h")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


@click.command("watch")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--every", default="15m", show_default=True, help="Time between rounds (90s, 15m, 1h).")
@click.option("--rounds", type=click.IntRange(min=1), help="Stop after this many rounds (default: never).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Analysis worker processes.")
@click.option("--quiet", is_flag=True, help="No summary per round.")
@click.pass_obj
@domain_errors
def watch_command(settings: Settings, sources: tuple[str, ...], db_path: Optional[str], every: str,
                  rounds: Optional[int], jobs: Optional[int], quiet: bool) -> None:
    """Fetch the sources again every --every until stopped; safe to kill at any moment
    (each round stores as `fetch` does, and a cut round is redone by the next).

    Example:

        presstrace watch sources.txt --db news.db --every 15m
    """
    wait, path, done = _seconds(every), store_path(settings, db_path), 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        _fetch_once(settings, sources, path, jobs, quiet)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(max(0.0, wait - (time.monotonic() - started)))


@click.command("sources")
@db_option
@click.pass_obj
@domain_errors
def sources_command(settings: Settings, db_path: Optional[str]) -> None:
    """List the fetched sources: kind, outlet, last fetch, last status or error, pages
    stored, and pages per day over the week ending on the last fetch day.

    Example:

        presstrace sources --db news.db
    """
    from ..fetch.state import list_sources, pages_by_day

    with existing_store(settings, db_path) as conn:
        days, counts = pages_by_day(conn, WEEK)
        for row in list_sources(conn):
            outcome = row["last_error"] or f"HTTP {row['last_status']}"
            per_day = sum(counts.get(row["url"], ())) / WEEK
            click.echo(f"{row['url']}\t{row['kind'] or '-'}\t{row['outlet'] or '-'}\t"
                       f"{row['last_fetch'] or '-'}\t{outcome}\t{row['articles']} pages stored\t"
                       f"{per_day:.1f}/day")


WEEK = 7


COMMANDS = (fetch_command, watch_command, sources_command)
