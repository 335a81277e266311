"""The corpus views as JSON endpoints under `/api`: a story's outlet comparison, an
entity's page, timelines, networks and map data. Thin wrappers over the store functions
(`presstrace.corpus.compare`, `profile`, `timeline`, `network`, `mapdata`), with the list
and error conventions of `routes.py`: lists answer `{"items", "limit", "offset",
"next_offset"}`, an unknown story, entity or place is a 404 `not_found`, any other query
the store cannot run a 400 `bad_query`.
"""
from __future__ import annotations

import contextlib
from typing import Annotated, Any, Iterator, Literal, Optional

from fastapi import APIRouter, Path, Query

from ..corpus.compare import SIMILAR, compare_story
from ..corpus.lookup import UnknownError
from ..corpus.mapdata import place_counts
from ..corpus.network import actor_edge_reports, actor_network, quoted_alongside, speaker_edge_quotes
from ..corpus.profile import entity_profile
from ..corpus.timeline import timeline
from ..store.placeview import CONFIDENT_PLACE
from .errors import ApiError
from .shapes import EdgeReport, EntityProfile, Graph, Page, PlaceRow, StoryComparison, TimelineItem, answers
from .routes import ERRORS, MAX_LIMIT, MAX_OFFSET, Conn, Limit, Offset, Since, Until, page

router = APIRouter(responses=ERRORS)

StoryRef = Annotated[Optional[str], Query(max_length=40, description="A story: s12 or 12.")]
EntityRef = Annotated[Optional[str], Query(max_length=200,
                                           description="A corpus entity: id, name or alias.")]
PlaceRef = Annotated[Optional[str], Query(max_length=200, description="GeoNames id or place name "
                                          "(a /places row's ref).")]
PlaceConfidence = Annotated[Optional[float], Query(ge=0, le=1, description=(
    f"Only places given at least this confidence (default {CONFIDENT_PLACE}; places stored "
    "without one are listed)."))]
Demonyms = Annotated[bool, Query(description="List demonyms too ('Russian troops': Russia), "
                                             "as rows of kind demonym.")]


@contextlib.contextmanager
def not_found() -> Iterator[None]:
    """An unknown story, entity or place is a 404, not a bad query."""
    try:
        yield
    except UnknownError as exc:
        raise ApiError(404, "not_found", str(exc)) from None


@router.get("/stories/{story_id}", summary="One story with its outlets compared",
             response_model=None, responses=answers(StoryComparison))
def get_story(conn: Conn, story_id: Annotated[str, Path(max_length=40, description="s12 or 12")],
              similar: Annotated[float, Query(gt=0, le=1, description="Containment at which another "
                                              "outlet carries a claim too.")] = SIMILAR,
              claims_limit: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Most unique claims "
                                                 "listed per outlet.")] = 50) -> dict[str, Any]:
    with not_found():
        found = compare_story(conn, story_id, similar=similar, claims_limit=claims_limit)
    # `articles` as in /api/stories (the members' input ids); the count beside it.
    inputs = story_inputs(conn, found["story"])
    return {"id": found["story"], **found, "articles": inputs, "article_count": found["articles"]}


def story_inputs(conn, story: str) -> list[str]:
    """The input ids of a story's articles, as `iter_stories` lists them: oldest first,
    each article's own id, then the ids of the copies it stands for."""
    ids: list[str] = []
    for row in conn.execute(
            "SELECT a.input_id, ai.input_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            "LEFT JOIN article_ids ai ON ai.article_id = a.id WHERE sa.story_id = ? "
            "ORDER BY a.date, a.id, ai.rowid", (int(story.removeprefix("s")),)):
        for value in row:
            if value is not None and str(value) not in ids:
                ids.append(str(value))
    return ids


@router.get("/entities/{entity_id}", summary="One corpus entity: aliases, quotes, events, mentions by month",
             response_model=None, responses=answers(EntityProfile))
def get_entity(conn: Conn, entity_id: Annotated[str, Path(max_length=200, description="Id, name or alias.")],
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most quotes and events.")] = 50,
               offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Quotes and events "
                                            "to skip.")] = 0) -> dict[str, Any]:
    """Its quotes and events a page at a time (`quote_count` and `event_count` are all of
    them); `next_offset` is null once both lists are through."""
    with not_found():
        found = entity_profile(conn, entity_id, limit=0)
    more = max(found["quote_count"], found["event_count"]) > offset + limit
    return {**found, "quotes": found["quotes"][offset:offset + limit],
            "events": found["events"][offset:offset + limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


@router.get("/timeline", summary="Events and quotes by date for an entity, a place or a story",
             response_model=None, responses=answers(Page[TimelineItem]))
def get_timeline(conn: Conn, entity: EntityRef = None, place: PlaceRef = None, story: StoryRef = None,
                 since: Since = None, until: Until = None, limit: Limit = 50,
                 offset: Offset = 0) -> dict[str, Any]:
    with not_found():
        return page(lambda n: timeline(conn, entity=entity, place=place, story=story, since=since,
                                       until=until, limit=n), limit, offset)


@router.get("/network", summary="Actor network (merged events) or speakers quoted together",
             response_model=None, responses=answers(Graph))
def get_network(conn: Conn, kind: Literal["actors", "quotes"] = "actors", story: StoryRef = None,
                entity: EntityRef = None,
                type: Annotated[Optional[str], Query(max_length=40, description="actors: PLOVER type.")] = None,
                by: Annotated[Literal["article", "story"], Query(description="quotes: together in "
                                                                 "one article or one story.")] = "article",
                min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                since: Since = None, until: Until = None,
                limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most edges.")] = 200
                ) -> dict[str, Any]:
    with not_found():
        if kind == "actors":
            return actor_network(conn, story=story, entity=entity, event_type=type, since=since,
                                 until=until, min_weight=min_weight, limit=limit)
        if entity or type:
            raise ApiError(400, "bad_query", "entity and type apply to kind=actors only")
        return quoted_alongside(conn, story=story, since=since, until=until, by=by,
                                min_weight=min_weight, limit=limit)


EdgeEnd = Annotated[str, Query(min_length=1, max_length=200, description="An edge's end as the "
                                "network's edges name it: an actor key (c12, RUS-MIL) or a speaker id.")]


@router.get("/network/reports", summary="The reports behind one network edge: events or quotes",
             response_model=None, responses=answers(Page[EdgeReport]))
def get_edge_reports(conn: Conn, source: EdgeEnd, target: EdgeEnd,
                     kind: Literal["actors", "quotes"] = "actors",
                     type: Annotated[Optional[str], Query(max_length=40, description="actors: the "
                                                          "edge's PLOVER type (required).")] = None,
                     by: Annotated[Literal["article", "story"], Query(description="quotes: as the "
                                                                      "network grouped them.")] = "article",
                     story: StoryRef = None, since: Since = None, until: Until = None,
                     limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """actors: the event records merged into the edge; quotes: what either speaker said in
    the articles (stories) quoting both. Newest first; the filters are the network's."""
    with not_found():
        if kind == "actors":
            if not type:
                raise ApiError(400, "bad_query", "an actor edge needs its type")
            return page(lambda n: actor_edge_reports(conn, source, target, type, story=story,
                                                     since=since, until=until, limit=n), limit, offset)
        if not all(k.isascii() and k.isdigit() for k in (source, target)):
            raise ApiError(400, "bad_query", "speakers are corpus entity ids")
        return page(lambda n: speaker_edge_quotes(conn, int(source), int(target), story=story,
                                                  since=since, until=until, by=by, limit=n),
                    limit, offset)


@router.get("/places", summary="Places with coordinates and mention counts (map data)",
             response_model=None, responses=answers(Page[PlaceRow]))
def get_places(conn: Conn, story: StoryRef = None, since: Since = None, until: Until = None,
               min_confidence: PlaceConfidence = None, demonyms: Demonyms = False,
               limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Confident toponyms by default; each row's `ref` is what `/timeline?place=` takes."""
    with not_found():
        return page(lambda n: place_counts(conn, story=story, since=since, until=until, limit=n,
                                           min_confidence=min_confidence, demonyms=demonyms),
                    limit, offset)
