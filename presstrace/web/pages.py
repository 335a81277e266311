"""The workbench's HTML pages: server-rendered with Jinja2 (autoescaping on), served by
the same FastAPI app as the JSON API. Every page reads the store through the request's
read-only connection."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated, Any, Optional

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ..api.deps import get_conn
from ..api.routes import MAX_OFFSET, MAX_SQL_INT
from ..store import db, queries
from ..store.errors import QueryError
from . import charts, data, highlight
from .framing_panel import framing_groups

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["pct"] = lambda x: f"{100 * (x or 0):.0f}%"
TEMPLATES.env.filters["signed"] = lambda x: f"{x or 0:+.2f}"
# Titles, outlets and names are isolated from the text around them: a right-to-left
# override (U+202E) in one cannot reorder what follows it ("Outlet\u202egnp.exe").
TEMPLATES.env.filters["bdi"] = lambda x: Markup("<bdi>%s</bdi>") % x
# A page's <title> holds no markup: there the bidirectional controls are dropped.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                       "\u2066\u2067\u2068\u2069"))
TEMPLATES.env.filters["plain_bidi"] = lambda x: str(x).translate(BIDI_CONTROLS)
router = APIRouter(include_in_schema=False)
Conn = Annotated[sqlite3.Connection, Depends(get_conn)]
PAGE = 50
# Bounded as in the API: past SQLite's 64 bits a value is the caller's error, not a 500.
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Id = Annotated[int, PathParam(ge=-MAX_SQL_INT - 1, le=MAX_SQL_INT)]


class PageError(Exception):
    """A page that cannot be shown (unknown id, bad filter): status and message."""

    def __init__(self, status: int, message: str, headers: Optional[dict[str, str]] = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def show(request: Request, template: str, status: int = 200,
         headers: Optional[dict[str, str]] = None, **context: Any) -> HTMLResponse:
    context["status"] = status
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status, headers=headers)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, conn: Conn) -> HTMLResponse:
    return show(request, "home.html", figures=data.figures(conn),
                stories=data.recent_stories(conn), quoted=data.most_quoted(conn))


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI over /openapi.json, from files in the package (no CDN)."""
    return show(request, "api_docs.html")


@router.get("/docs/openapi.json")
def api_docs_schema(request: Request) -> dict:
    """The OpenAPI description labelled 3.0 for the bundled Swagger UI, which predates
    OpenAPI 3.1 and refuses to read it; /openapi.json stays the exact 3.1 description."""
    return {**request.app.openapi(), "openapi": "3.0.3"}


# A form sends an empty field as "": an empty date is no filter, not a malformed one.
FormDate = Annotated[str, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")]


def stored_outlet(known: list[str], outlet: str) -> str:
    """The stored outlet name a menu choice stands for: a menu's <option> holds no markup, so
    no <bdi>, and outlets are offered without their bidirectional controls."""
    return next((o for o in known if o == outlet), None) or next(
        (o for o in known if o.translate(BIDI_CONTROLS) == outlet), outlet)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, conn: Conn, offset: Offset = 0,
             outlet: Annotated[str, Query(max_length=500)] = "", since: FormDate = "",
             until: FormDate = "", quotes: bool = False) -> HTMLResponse:
    known = data.outlets(conn)
    stored = stored_outlet(known, outlet)
    try:
        rows = data.articles_page(conn, PAGE + 1, offset, outlet=stored or None, since=since or None,
                                  until=until or None, quoted=quotes)
    except QueryError as exc:
        raise PageError(400, str(exc)) from exc
    kept = {k: v for k, v in (("outlet", outlet), ("since", since), ("until", until),
                              ("quotes", "1" if quotes else "")) if v}
    return show(request, "articles.html", rows=rows[:PAGE], offset=offset, page=PAGE,
                next_offset=offset + PAGE if len(rows) > PAGE else None, params=kept,
                outlets=known, outlet=outlet, since=since, until=until, quotes=quotes)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, conn: Conn, article_id: Id) -> HTMLResponse:
    try:
        art = db.load_article(conn, article_id)
    except KeyError:
        raise PageError(404, f"There is no article {article_id} in this store.") from None
    context = reader_context(art, data.entity_pages(conn, article_id), experimental_on(request))
    return show(request, "article.html", **context,
                article_id=article_id, stories=data.story_of(conn, article_id))


def reader_context(art, entity_pages: dict[str, int], experimental: tuple[str, ...] = ()) -> dict[str, Any]:
    """What the reader template needs for one analysed article (stored or just analysed).

    Args:
        experimental: framing techniques shown though below the confidence bar ("*": all).
    """
    items = highlight.spans(art, entity_pages, experimental)
    groups, hidden = framing_groups(art.framing, experimental)
    counts = {layer: len(getattr(art, layer)) for layer in highlight.LAYERS}
    counts["framing"] -= len(hidden)
    shares = {"named": art.sourcing.named, "vague": art.sourcing.vague,
              "unattributed": art.sourcing.unattributed}
    return {"art": art, "body": highlight.render(art.text, items), "counts": counts,
            "layers": highlight.LAYERS, "sourcing": charts.stacked_shares(shares),
            "framing_groups": groups, "framing_experimental": hidden}


def experimental_on(request: Request) -> tuple[str, ...]:
    """The `[framing] experimental` setting of the running server."""
    settings = getattr(request.app.state, "settings", None)
    return tuple(settings.get("framing", "experimental")) if settings is not None else ()


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, conn: Conn, q: str = "",
           target: Annotated[str, Query(alias="in", pattern="^(articles|quotes)$")] = "articles"
           ) -> HTMLResponse:
    results: list = []
    error = None
    if q.strip():
        try:
            results = queries.search(conn, q, target=target, limit=PAGE)
        except QueryError as exc:
            error = str(exc)
    return show(request, "search.html", q=q, target=target, results=results, error=error,
                status=400 if error else 200)


# The analyze pages let the browser send its Origin with the form (under no-referrer it
# would send "null"), which the write check needs; other pages keep no-referrer.
ANALYZE_HEADERS = {"referrer-policy": "same-origin"}


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return show_analyze(request, text="", date="", result=None)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(request: Request, text: Annotated[str, Form(max_length=200_000)],
                       date: Annotated[Optional[str], Form(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = None,
                       token: Annotated[Optional[str], Form(max_length=1000)] = None) -> HTMLResponse:
    # async: waiting for the analysis worker holds none of the threads reads run on.
    from ..api.errors import ApiError
    from ..errors import PresstraceError
    from ..readers.given import given_article

    refusal = request.app.state.write_refusal(token)
    if refusal is not None:  # a browser form cannot send the Authorization header: its field
        raise PageError(refusal[0], refusal[2])
    try:
        article = given_article(text, request.app.state.settings, "form", date=date or None)
        result = await request.app.state.analysis.analyze(article)
    except PresstraceError as exc:
        raise PageError(400, f"This text could not be analysed: {exc}") from exc
    except ApiError as exc:
        raise PageError(exc.status_code, f"This text could not be analysed: {exc.detail}",
                        exc.headers) from exc
    result_context = reader_context(result, {}, experimental_on(request))
    return show_analyze(request, text=result.text, date=date or "", result=result_context)


def show_analyze(request: Request, **context: Any) -> HTMLResponse:
    response = show(request, "analyze.html", needs_token=request.app.state.write_token_set, **context)
    response.headers.update(ANALYZE_HEADERS)
    return response
