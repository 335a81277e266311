"""The API's JSON endpoints, all under `/api`; thin wrappers over `presstrace.store.queries`.

Lists answer `{"items": [...], "limit", "offset", "next_offset"}` (`next_offset` is null
on the last page); names match as case-insensitive substrings; dates are `YYYY`,
`YYYY-MM` or `YYYY-MM-DD`, inclusive, as in `presstrace query`.
"""
from __future__ import annotations

import contextlib
import datetime
import sqlite3
from typing import Annotated, Any, Callable, Iterator, Literal, Optional, Union

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..corpus.events import iter_merged_events
from ..corpus.stories import iter_stories
from ..errors import InputError
from ..readers.given import given_article
from ..store import db, queries
from ..store.errors import QueryError
from ..store.placeview import public_geonameid
from .deps import get_conn
from .errors import ApiError
from .shapes import (ArticlePage, ClaimRow, EntityRow, EventRow, MergedEventRow, Page, QuoteRow,
                     SearchRow, StoryRow, answers)


class ErrorDetail(BaseModel):
    code: str
    message: str
    status: int


class ErrorBody(BaseModel):
    """The shape of every error answer."""
    error: ErrorDetail


ERRORS: dict = {status: {"model": ErrorBody} for status in (400, 404, 422, 500)}
router = APIRouter(responses=ERRORS)

MAX_LIMIT = 500
# SQLite integers are 64-bit: a larger id, offset or count would raise OverflowError (a 500),
# so validation refuses it (422). Offsets stop well short, as `page` adds limit + 1 to them.
MAX_SQL_INT = 2**63 - 1
MAX_OFFSET = 2**62
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most items on a page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Since = Annotated[Optional[str], Query(pattern=DATE, description="From this date (inclusive).")]
Until = Annotated[Optional[str], Query(pattern=DATE, description="Up to this date (inclusive).")]
Name = Optional[str]
# The publication is the `outlet` everywhere in the API, as on the pages and in /api/attention
# ("source" also names a claim's source, an event's source actor and a network edge's end);
# `source`, its older name, is still read and still answered beside it.
Outlet = Annotated[Name, Query(description="Outlet name (any part, any case).")]
OldOutlet = Annotated[Name, Query(description="The older name of outlet; outlet wins.")]
MinConfidence = Annotated[Optional[float], Query(ge=0, le=1, description="Only speakers, sources or events "
                                                                         "given at least this confidence.")]
ARTICLE_COLUMNS = ("a.id, a.input_id, a.date, a.source AS outlet, a.source, a.title, a.url, "
                   "a.status, a.chars, a.duplicate_of")


def with_outlet(rows: list[dict]) -> list[dict]:
    """Rows that name their article's outlet `source` also name it `outlet`."""
    return [{"outlet": row.get("source"), **row} for row in rows]


def page(fetch: Callable[[int], list], limit: int, offset: int) -> dict[str, Any]:
    """One page of the rows `fetch(n)` returns (the first n), and where the next starts."""
    rows = fetch(offset + limit + 1)
    more = len(rows) > offset + limit
    return {"items": rows[offset:offset + limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


@contextlib.contextmanager
def search_errors() -> Iterator[None]:
    """A full-text expression SQLite cannot parse is the caller's error (400), not ours."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad search expression: {exc}") from exc


@router.get("/articles", summary="List articles, newest first, or by relevance with q",
             response_model=None, responses=answers(ArticlePage))
def list_articles(conn: Conn, limit: Limit = 50, offset: Offset = 0, outlet: Outlet = None,
                  source: OldOutlet = None, since: Since = None, until: Until = None,
                  q: Annotated[Optional[str], Query(description="Full-text search (FTS5).")] = None,
                  status: Optional[Literal["analysed", "duplicate", "failed"]] = None) -> dict:
    where = queries.Filters().like("a.source", outlet or source).dates("a.date", since, until)
    base, order = "FROM articles a", "a.date IS NULL, a.date DESC, a.id"
    if q:
        base = "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        where.add("articles_fts MATCH ?", q)
        order = "articles_fts.rank"
    if status:
        where.add("a.status = ?", status)
    with search_errors():
        total = queries.fetch_rows(conn, f"SELECT count(*) AS n {base}{where.sql()}", where.params)[0]["n"]
        rows = queries.fetch_rows(conn, f"SELECT {ARTICLE_COLUMNS} {base}{where.sql()} ORDER BY {order} "
                                        "LIMIT ? OFFSET ?", (*where.params, limit, offset))
    return {"items": rows, "limit": limit, "offset": offset, "total": total,
            "next_offset": offset + limit if offset + limit < total else None}


@router.get("/articles/{article_id}", summary="One article: the full presstrace/1 object")
def get_article(conn: Conn, article_id: Annotated[int, Path(ge=1, le=MAX_SQL_INT)]) -> JSONResponse:
    try:
        article = db.load_article(conn, article_id)
    except KeyError:
        raise ApiError(404, "not_found", f"no article with id {article_id}") from None
    for place in article.places:  # older stores hold presstrace's internal (negative) ids
        place.geonameid = public_geonameid(place.geonameid)
    return JSONResponse(article.to_dict())


@router.get("/quotes", summary="Quotes with speaker, cue, outlet and date, newest first",
             response_model=None, responses=answers(Page[QuoteRow]))
def list_quotes(conn: Conn, limit: Limit = 50, offset: Offset = 0, speaker: Name = None,
                outlet: Outlet = None, source: OldOutlet = None, since: Since = None,
                until: Until = None,
                kind: Optional[Literal["direct", "partial", "block", "scare"]] = None,
                min_confidence: MinConfidence = None) -> dict:
    return page(lambda n: with_outlet(queries.quotes(
        conn, speaker=speaker, source=outlet or source, since=since, until=until, kind=kind,
        limit=n, min_confidence=min_confidence)), limit, offset)


@router.get("/claims", summary="Claims and who they are attributed to, newest first",
             response_model=None, responses=answers(Page[ClaimRow]))
def list_claims(conn: Conn, limit: Limit = 50, offset: Offset = 0,
                kind: Optional[Literal["named", "vague", "unattributed"]] = None,
                by: Annotated[Name, Query(description="Claimed-by name.")] = None,
                outlet: Outlet = None, source: OldOutlet = None, since: Since = None,
                until: Until = None, min_confidence: MinConfidence = None) -> dict:
    return page(lambda n: with_outlet(queries.claims(
        conn, kind=kind, name=by, source=outlet or source, since=since, until=until, limit=n,
        min_confidence=min_confidence)), limit, offset)


@router.get("/events", summary="Events by PLOVER type, actor, place and date",
             response_model=None, responses=answers(Page[Union[EventRow, MergedEventRow]]))
def list_events(conn: Conn, limit: Limit = 50, offset: Offset = 0,
                type: Annotated[Optional[str], Query(description="PLOVER type, any case.")] = None,
                actor: Name = None, place: Name = None, since: Since = None, until: Until = None,
                merged: Annotated[bool, Query(description="Merged events across articles "
                                              "(as computed by `presstrace events --merged`).")] = False,
                min_articles: Annotated[int, Query(ge=1, le=MAX_SQL_INT, description="With merged: "
                                                   "least reporting articles.")] = 1,
                min_confidence: MinConfidence = None) -> dict:
    if not merged:
        return page(lambda n: queries.events(conn, type=type, actor=actor, place=place, since=since,
                                             until=until, limit=n, min_confidence=min_confidence),
                    limit, offset)
    rows = [{**m, "articles": with_outlet(m["articles"])}
            for m in iter_merged_events(conn, event_type=type, min_articles=min_articles)
            if _merged_matches(m, actor, place, since, until)]
    return page(lambda n: rows[:n], limit, offset)


def _merged_matches(event: dict, actor: Name, place: Name, since: Name, until: Name) -> bool:
    def has(value: Optional[str], part: str) -> bool:
        return value is not None and part.casefold() in value.casefold()

    if actor and not (has(event["source"], actor) or has(event["target"], actor)):
        return False
    if place and not has(event["place"], place):
        return False
    if since and (event["last"] is None or event["last"] < since):
        return False
    return not (until and (event["first"] is None or event["first"] > until + "\uffff"))


@router.get("/entities", summary="Entities by the number of times articles name them",
             response_model=None, responses=answers(Page[EntityRow]))
def list_entities(conn: Conn,
                  limit: Annotated[Optional[int], Query(ge=1, le=MAX_LIMIT, description="Most entities "
                                                        "(20), as every list's limit.")] = None,
                  top: Annotated[Optional[int], Query(ge=1, le=MAX_LIMIT, description="The older "
                                                      "name of limit; limit wins.")] = None,
                  label: Annotated[Name, Query(description="PERSON, ORG, GPE, …")] = None,
                  outlet: Outlet = None, source: OldOutlet = None, since: Since = None,
                  until: Until = None, offset: Offset = 0) -> dict:
    """Names as articles write them, with the corpus entity (`id`) they are linked to."""
    most = limit or top or 20
    answer = page(lambda n: queries.entities(conn, top=n, label=label, source=outlet or source,
                                             since=since, until=until), most, offset)
    answer["items"] = with_entity_ids(conn, answer["items"])
    return answer


def with_entity_ids(conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    """Each (name, label) row with `id`: the corpus entity that most of the articles'
    entities of that name and label are linked to, or None when none is."""
    if not rows:
        return rows
    pairs = [(r["name"], r["label"]) for r in rows]
    marks = ", ".join("(?, ?)" for _ in pairs)
    best: dict[tuple, int] = {}
    for name, label, cid in conn.execute(
            f"SELECT e.name, e.label, l.corpus_entity_id FROM entities e "
            f"JOIN corpus_entity_links l ON l.entity_id = e.id WHERE (e.name, e.label) IN (VALUES {marks}) "
            f"GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 3", [v for pair in pairs for v in pair]):
        best.setdefault((name, label), cid)
    return [{"id": best.get(pair), **row} for pair, row in zip(pairs, rows)]


@router.get("/stories", summary="Stories (as computed by `presstrace stories`), oldest first",
             response_model=None, responses=answers(Page[StoryRow]))
def list_stories(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> dict:
    return page(lambda n: [{"id": s["story"], **s} for _, s in zip(range(n), iter_stories(conn))],
                limit, offset)


@router.get("/search", summary="Full-text search over articles or quotes, best first",
             response_model=None, responses=answers(Page[SearchRow]))
def search(conn: Conn, q: Annotated[str, Query(min_length=1, description="FTS5 expression.")],
           target: Annotated[Literal["articles", "quotes"], Query(alias="in")] = "articles",
           duplicates: bool = False, limit: Limit = 20, offset: Offset = 0) -> dict:
    with search_errors():
        return page(lambda n: with_outlet(queries.search(conn, q, target=target, limit=n,
                                                         include_duplicates=duplicates)),
                    limit, offset)


class AnalyzeRequest(BaseModel):
    """A text to analyse; nothing is stored."""
    model_config = ConfigDict(extra="forbid")
    text: str
    date: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                description="Publication date, YYYY-MM-DD; relative dates resolve "
                                            "against it.")
    id: Any = Field(None, description="Echoed back unchanged.")
    source: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None


@router.post("/analyze", summary="Analyse a text into a presstrace/1 object (nothing stored)",
             responses={503: {"model": ErrorBody, "description": "every analysis worker is busy and "
                              "the queue is full; retry after the Retry-After header's seconds"}})
async def analyze_text(request: Request, body: AnalyzeRequest) -> JSONResponse:
    # async: the request waits for its worker process without holding one of the threads
    # that reads run on.
    if body.date is not None:
        try:
            datetime.date.fromisoformat(body.date)
        except ValueError:
            raise InputError("bad_date", f"date {body.date!r} is not a valid calendar date") from None
    article = given_article(body.text, request.app.state.settings, "request body", id=body.id,
                            date=body.date, source=body.source, title=body.title, url=body.url)
    result = await request.app.state.analysis.analyze(article)
    return JSONResponse(result.to_dict())
