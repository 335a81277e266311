"""Pages over the whole corpus: stories and their outlet comparison, entities and
timelines (the networks are `network_page.py`, the map `map_page.py`). They draw what
`presstrace.corpus`'s views return (`compare`, `profile`, `timeline`); this module only
shapes it for the templates."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Callable, Optional
from urllib.parse import unquote, urlparse

from fastapi import Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..corpus.compare import compare_story
from ..corpus.entities import list_corpus_entities
from ..corpus.profile import entity_profile
from ..corpus.story_edits import merge_stories, split_story
from ..corpus.story_evidence import story_evidence
from ..corpus.timeline import timeline
from ..api.routes import MAX_SQL_INT
from ..store.db import open_store
from ..store.errors import QueryError
from . import charts, data
from .pages import (ANALYZE_HEADERS, PAGE, Conn, Id, Offset, PageError, experimental_on, router,
                    show)

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Date = Annotated[Optional[str], Query(pattern=DATE)]
Name = Annotated[Optional[str], Query(max_length=200)]


def ask(query: Callable, *args, missing: int = 404, **kwargs):
    """Run a store query; an unknown id or bad filter becomes an error page."""
    try:
        return query(*args, **kwargs)
    except QueryError as exc:
        raise PageError(missing, str(exc)) from exc


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, conn: Conn, offset: Offset = 0) -> HTMLResponse:
    rows = data.stories_page(conn, PAGE + 1, offset)
    return show(request, "stories.html", rows=rows[:PAGE], offset=offset, page=PAGE,
                next_offset=offset + PAGE if len(rows) > PAGE else None)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, conn: Conn, story_id: Id) -> HTMLResponse:
    found = ask(compare_story, conn, story_id, experimental=experimental_on(request))
    for outlet in found["outlets"]:
        outlet["bar"] = charts.stacked_shares(outlet["sourcing"]["shares"])
    members = sorted((a for o in found["outlets"] for a in o["articles"]
                      if a.get("status") != "duplicate"), key=lambda a: (a["date"] or "", a["id"]))
    # same-origin referrer: the split and merge forms' Origin must reach the write check
    return show(request, "story.html", headers=ANALYZE_HEADERS, story=found, story_id=story_id,
                evidence=story_evidence(conn, story_id), members=members,
                needs_token=request.app.state.write_token_set)


EditAction = Annotated[str, Form(pattern="^(split|merge)$")]


@router.post("/stories/edit")
def story_edit(request: Request, story: Annotated[int, Form(ge=1, le=MAX_SQL_INT)],
               action: EditAction, article: Annotated[list[int], Form()] = [],
               other: Annotated[Optional[int], Form(ge=1, le=MAX_SQL_INT)] = None,
               token: Annotated[Optional[str], Form(max_length=1000)] = None) -> RedirectResponse:
    """Split some articles off a story, or merge another story into it; the edit is
    pinned, so it outlives re-clustering (corpus/story_edits.py)."""
    refusal = request.app.state.write_refusal(token)
    if refusal is not None:  # a browser form cannot send the Authorization header
        raise PageError(refusal[0], refusal[2])
    if action == "merge" and other is None:
        raise PageError(400, "to merge, give the number of the other story")
    conn = open_store(Path(unquote(urlparse(request.app.state.db_uri).path)), create=False)
    try:
        shown = ask(split_story if action == "split" else merge_stories, conn, story,
                    article if action == "split" else other, missing=400)
    finally:
        conn.close()
    return RedirectResponse(f"/stories/{shown}", status_code=303)


# The families corpus entities come in (`corpus/entities.py`), as the index's menu names them.
FAMILY_NAMES = {"person": "People", "org": "Organisations", "place": "Places"}
Family = Annotated[str, Query(pattern="^(|person|org|place)$")]


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, conn: Conn, q: Name = "", family: Family = "",
             offset: Offset = 0) -> HTMLResponse:
    """Corpus entities, most written about first, by a name or spelling and a family."""
    rows = ask(list_corpus_entities, conn, top=PAGE + 1, family=family or None,
               q=(q or "").strip() or None, offset=offset, missing=400)
    return show(request, "entities.html", rows=rows[:PAGE], offset=offset, page=PAGE,
                next_offset=offset + PAGE if len(rows) > PAGE else None, q=q or "",
                family=family, families=FAMILY_NAMES,
                params={k: v for k, v in (("q", q), ("family", family)) if v})


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, conn: Conn, entity_id: Id, quotes_offset: Offset = 0,
           events_offset: Offset = 0) -> HTMLResponse:
    """An entity's page; its quotes and events a page at a time each (the profile reads
    them all anyway, so a page is a slice)."""
    found = ask(entity_profile, conn, entity_id, limit=0)
    months = found["mentions_by_month"]
    chart = charts.chart_data("bars", [m["month"] for m in months],
                              [{"label": "mentions", "values": [m["mentions"] for m in months]}],
                              xlabel="month")
    pages = {name: _slice(found[name], offset)
             for name, offset in (("quotes", quotes_offset), ("events", events_offset))}
    return show(request, "entity.html", entity=found, chart=chart, months=months, pages=pages,
                offsets={"quotes_offset": quotes_offset, "events_offset": events_offset})


def _slice(rows: list, offset: int) -> dict:
    """One page of `rows` from `offset`, with where the previous and next pages start."""
    return {"rows": rows[offset:offset + PAGE], "offset": offset,
            "previous": max(offset - PAGE, 0) if offset > 0 else None,
            "next": offset + PAGE if len(rows) > offset + PAGE else None}


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, conn: Conn, entity: Name = None, place: Name = None,
                  story: Name = None, since: Date = None, until: Date = None) -> HTMLResponse:
    items: list = []
    if entity or place or story:
        items = ask(timeline, conn, entity=entity or None, place=place or None,
                    story=story or None, since=since, until=until, limit=500, missing=400)
    return show(request, "timeline.html", items=items, entity=entity or "", place=place or "",
                story=story or "", since=since or "", until=until or "",
                people=data.most_quoted(conn, 15))
