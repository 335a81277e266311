"""Every list page of the workbench as a CSV download: `/articles.csv`, `/entities.csv`,
`/stories.csv`, `/search.csv`, `/entities/{id}/quotes.csv` and `/events.csv`, `/map.csv`,
`/timeline.csv`, `/network/reports.csv` and `/sources.csv` (the network and attention
pages have theirs in their own modules).

Each takes its page's filters, checked the same way (a bad one is the page's 400), and
lists the rows the page lists, in its order, but all of them rather than a page of 50, up
to `MAX_ROWS`. Titles, names, quotes and outlets are untrusted: every cell goes through
`store.cells`, so none can run as a spreadsheet formula. HEAD, the Host check and the
security headers come from the app's middleware, as for every other path.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Annotated, Any, Iterable, Optional
from urllib.parse import urlencode

from fastapi import Query
from fastapi.responses import Response

from ..corpus.entities import list_corpus_entities
from ..corpus.mapdata import place_counts
from ..corpus.profile import entity_profile
from ..corpus.timeline import timeline
from ..fetch.state import has_sources, list_sources
from ..store import queries
from ..store.cells import safe_row
from . import data
from .corpus_pages import Date, Family, Name, ask
from .map_page import Confidence
from .network_page import Key, Kind, edge_reports
from .pages import TEMPLATES, Conn, FormDate, Id, router, stored_outlet

MAX_ROWS = 100_000  # a spreadsheet opens this many; past it a user wants the export CLI


def csv_response(filename: str, columns: list[str], rows: Iterable[dict[str, Any]]) -> Response:
    """`rows` as a UTF-8 CSV attachment with a header row, every cell spreadsheet-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for n, row in enumerate(rows):
        if n == MAX_ROWS:
            break
        writer.writerow(safe_row(row.get(c) for c in columns))
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "-", filename)  # no quote or separator escapes
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{safe_name}"'})


def csv_query(params: dict[str, Any]) -> str:
    """A page's filters as its CSV link's query: empty ones left out (an empty date is no
    filter to the CSV's checks either way), a set switch as `1`."""
    return urlencode({k: "1" if v is True else v for k, v in params.items()
                      if v is not None and v is not False and v != ""})  # 0.0 is a value


TEMPLATES.env.filters["csv_query"] = csv_query


@router.get("/articles.csv")
def articles_csv(conn: Conn, outlet: Annotated[str, Query(max_length=500)] = "",
                 since: FormDate = "", until: FormDate = "", quotes: bool = False) -> Response:
    """The article list under its filters, newest first."""
    stored = stored_outlet(data.outlets(conn), outlet)
    rows = ask(data.articles_page, conn, MAX_ROWS, 0, outlet=stored or None, since=since or None,
               until=until or None, quoted=quotes, missing=400)
    return csv_response("articles.csv", ["id", "date", "source", "title", "chars"], rows)


@router.get("/entities.csv")
def entities_csv(conn: Conn, q: Name = "", family: Family = "") -> Response:
    """The entities index under its name search and type, most written about first."""
    rows = ask(list_corpus_entities, conn, top=MAX_ROWS, family=family or None,
               q=(q or "").strip() or None, missing=400)
    for row in rows:
        row["aliases"] = "; ".join(a for a in row["aliases"] if a != row["name"])
    return csv_response("entities.csv", ["id", "family", "name", "articles", "mentions",
                                         "geonameid", "aliases"], rows)


@router.get("/stories.csv")
def stories_csv(conn: Conn) -> Response:
    """Stories, the largest first, with their outlets."""
    rows = data.stories_page(conn, MAX_ROWS, 0)
    return csv_response("stories.csv", ["id", "title", "first", "last", "articles", "outlets",
                                        "sources"], rows)


SEARCH_COLUMNS = {"articles": ["article_id", "date", "source", "title", "snippet"],
                  "quotes": ["article_id", "date", "source", "speaker", "quote"]}


@router.get("/search.csv")
def search_csv(conn: Conn, q: str = "",
               target: Annotated[str, Query(alias="in", pattern="^(articles|quotes)$")] = "articles"
               ) -> Response:
    """Every search result, best first (the page shows the best 50); a malformed
    expression is a 400, as on the page."""
    rows = ask(queries.search, conn, q, target=target, limit=MAX_ROWS, missing=400) if q.strip() else []
    return csv_response(f"search-{target}.csv", SEARCH_COLUMNS[target], rows)


@router.get("/entities/{entity_id}/quotes.csv")
def entity_quotes_csv(conn: Conn, entity_id: Id) -> Response:
    """Every quote by a corpus entity, newest first."""
    found = ask(entity_profile, conn, entity_id, limit=MAX_ROWS)
    return csv_response(f"entity-{entity_id}-quotes.csv",
                        ["article_id", "date", "outlet", "kind", "cue", "text"], found["quotes"])


@router.get("/entities/{entity_id}/events.csv")
def entity_events_csv(conn: Conn, entity_id: Id) -> Response:
    """Every event a corpus entity is in, newest first."""
    found = ask(entity_profile, conn, entity_id, limit=MAX_ROWS)
    return csv_response(f"entity-{entity_id}-events.csv",
                        ["article_id", "date", "outlet", "type", "role", "source_actor",
                         "target_actor", "place", "negated", "text"], found["events"])


@router.get("/map.csv")
def map_csv(conn: Conn, story: Name = None, since: Date = None, until: Date = None,
            top: Annotated[int, Query(ge=1, le=2000)] = 300, min_confidence: Confidence = None,
            demonyms: bool = False) -> Response:
    """The places the map draws (its `top`: the map's choice, not a page), demonyms
    marked in `kind`, most mentioned first."""
    rows = ask(place_counts, conn, story=story or None, since=since, until=until, limit=top,
               min_confidence=min_confidence, demonyms=demonyms, missing=400)
    return csv_response("places.csv", ["name", "kind", "country", "mentions", "articles", "lat",
                                       "lon", "geonameid", "ref"],
                        (p for p in rows if p["lat"] is not None and p["lon"] is not None))


@router.get("/timeline.csv")
def timeline_csv(conn: Conn, entity: Name = None, place: Name = None, story: Name = None,
                 since: Date = None, until: Date = None) -> Response:
    """The timeline's events and quotes by date; none until one of entity, place or story
    is given, as on the page."""
    rows: list = []
    if entity or place or story:
        rows = ask(timeline, conn, entity=entity or None, place=place or None, story=story or None,
                   since=since, until=until, limit=MAX_ROWS, missing=400)
    return csv_response("timeline.csv", ["date", "kind", "type", "source_actor", "target_actor",
                                         "place", "negated", "speaker", "text", "outlet",
                                         "article_id"], rows)


REPORT_COLUMNS = {"actors": ["article_id", "date", "outlet", "title", "type", "source_actor",
                             "target_actor", "place", "text"],
                  "quotes": ["article_id", "date", "outlet", "title", "speaker", "text"]}


@router.get("/network/reports.csv")
def network_reports_csv(conn: Conn, source: Key, target: Key, kind: Kind = "actors",
                        type: Annotated[Optional[str], Query(max_length=40)] = None,
                        story: Name = None, since: Date = None, until: Date = None) -> Response:
    """The reports behind one edge of the network, newest first."""
    rows = edge_reports(conn, kind, source, target, type, story, since, until, MAX_ROWS, 0)
    return csv_response(f"network-reports-{kind}.csv", REPORT_COLUMNS[kind], rows)


@router.get("/sources.csv")
def sources_csv(conn: Conn) -> Response:
    """The fetched sources with their state, by URL."""
    rows = list_sources(conn) if has_sources(conn) else []
    return csv_response("sources.csv", ["url", "kind", "outlet", "last_fetch", "last_status",
                                        "last_error", "links", "new_articles", "articles"], rows)
