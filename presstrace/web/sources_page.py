"""The workbench's sources page (`/sources`): what `presstrace fetch` and `watch` read —
each feed, sitemap or page source with its kind, outlet, last fetch and outcome, the links
it listed, the pages it gave last run and in all, and its pages per day over the last week.
Everything shown came from the web (URLs, outlet names, servers' error text): the template
escapes it, and a URL is a link only when it is http(s)."""
from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse

from ..fetch.state import has_sources, list_sources, pages_by_day
from .pages import Conn, router, show

DAYS = 7


def _linkable(url: str) -> bool:
    return urlsplit(url or "").scheme.lower() in ("http", "https")


def source_rows(conn) -> tuple[list[str], list[dict]]:
    """The page's days and one row per source, with its counts on those days."""
    if not has_sources(conn):
        return [], []
    days, counts = pages_by_day(conn, DAYS)
    rows = list_sources(conn)
    for row in rows:
        row["link"] = _linkable(row["url"])
        row["per_day"] = counts.get(row["url"], [0] * len(days))
    return days, rows


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, conn: Conn) -> HTMLResponse:
    days, rows = source_rows(conn)
    failing = sum(1 for row in rows if row["last_error"])
    return show(request, "sources.html", days=days, rows=rows, failing=failing)
