"""The shapes of the API's answers, for the OpenAPI description.

Routes name these as their 200 answer (`responses={200: {"model": ...}}`) without making
FastAPI check every answer against them: the store's rows pass through as they are, and
`tests/api/test_api_shapes.py` checks real answers against these schemas instead. Every
object allows more fields than it lists: a later field is not a breaking change.

The conventions: a list answers `{"items", "limit", "offset", "next_offset"}` (null on the
last page); an item that has a page of its own carries the `id` that page takes.
"""
from __future__ import annotations

from typing import Annotated, Any, Generic, Optional, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
InputId = Optional[Union[str, int]]  # the input's own id: a string or a number
Outlet = Annotated[Optional[str], Field(description="The outlet.")]
OlderOutlet = Annotated[Optional[str], Field(description="The outlet, by its older name.")]


class Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(Shape, Generic[T]):
    """One page of a list."""
    items: list[T]
    limit: int
    offset: int
    next_offset: Optional[int] = Field(description="Where the next page starts; null on the last.")


class ArticleRow(Shape):
    id: int
    input_id: InputId
    date: Optional[str]
    outlet: Outlet
    source: OlderOutlet
    title: Optional[str]
    url: Optional[str]
    status: str
    duplicate_of: Optional[int]


class ArticlePage(Page[ArticleRow]):
    total: int


class FromArticle(Shape):
    """A row of something an article holds, with the article's id, date and outlet."""
    article_id: int
    date: Optional[str]
    outlet: Outlet
    source: OlderOutlet


class QuoteRow(FromArticle):
    speaker: Optional[str]
    quote: str
    cue: Optional[str]
    kind: str
    confidence: Optional[float]


class ClaimRow(FromArticle):
    source_kind: str
    claimed_by: Optional[str]
    claim: str
    confidence: Optional[float]


class EventRow(Shape):
    article_id: int
    date: Optional[str]
    type: Optional[str]
    source_actor: Optional[str]
    target_actor: Optional[str]
    place: Optional[str]
    negated: Union[bool, int]
    text: Optional[str]


class MergedArticle(Shape):
    id: int
    input_id: InputId
    outlet: Outlet
    source: OlderOutlet
    date: Optional[str]


class MergedEventRow(Shape):
    merged_event: int
    type: Optional[str]
    source: Optional[str] = Field(description="Source actor key (c12, RUS-MIL).")
    target: Optional[str]
    place: Optional[str]
    first: Optional[str]
    last: Optional[str]
    reports: int
    articles: list[MergedArticle]


class EntityRow(Shape):
    id: Optional[int] = Field(description="The corpus entity most of these mentions are linked "
                                          "to (/api/entities/{id}); null when none is.")
    name: Optional[str]
    label: Optional[str]
    mentions: int
    articles: int


class StoryRow(Shape):
    id: str = Field(description="What /api/stories/{id} takes (s12).")
    story: str
    articles: list[str] = Field(description="Input ids of the member articles.")
    title: str
    first: Optional[str]
    last: Optional[str]
    sources: list[str]


class SearchRow(FromArticle):
    """A search hit: the article it is in; the snippet (or quote) comes as a further field."""


class TimelineItem(Shape):
    date: Optional[str]
    kind: str
    text: Optional[str]
    article_id: int
    outlet: Optional[str]
    start: Optional[int]
    end: Optional[int]


class PlaceRow(Shape):
    geonameid: Optional[int]
    name: Optional[str]
    kind: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    country: Optional[str]
    mentions: int
    articles: int
    ref: str = Field(description="What /api/timeline?place= takes.")


class Report(Shape):
    """What an article wrote: `text` is its characters from `start` to `end`."""
    article_id: int
    date: Optional[str]
    outlet: Optional[str]
    text: Optional[str]
    start: Optional[int]
    end: Optional[int]


class EdgeReport(Report):
    title: Optional[str]


class ProfileEvent(Report):
    type: Optional[str]
    role: str = Field(description="source or target: the entity's part in the event.")


class Node(Shape):
    id: Union[str, int] = Field(description="An actor key (c12, RUS-MIL) or a speaker's corpus entity id.")
    label: Optional[str]


class Edge(Shape):
    source: Union[str, int]
    target: Union[str, int]
    weight: int


class Graph(Shape):
    nodes: list[Node]
    edges: list[Edge]


class Alias(Shape):
    alias: str
    articles: int


class Month(Shape):
    month: str
    mentions: int
    articles: int


class EntityProfile(Shape):
    """A corpus entity; `quotes` and `events` are pages of `limit` from `offset`."""
    id: int
    family: Optional[str]
    name: Optional[str]
    geonameid: Optional[int]
    articles: int
    aliases: list[Alias]
    quote_count: int
    quotes: list[Report]
    event_count: int
    events: list[ProfileEvent]
    mentions_by_month: list[Month]
    limit: int
    offset: int
    next_offset: Optional[int]


class OutletProfile(Shape):
    outlet: Optional[str]
    articles: list[dict[str, Any]]


class StoryComparison(Shape):
    id: str
    story: str
    title: str
    first: Optional[str]
    last: Optional[str]
    articles: list[str] = Field(description="Input ids of the member articles, as in /api/stories.")
    article_count: int
    sources: list[str]
    outlets: list[OutletProfile]


class Series(Shape):
    outlet: str
    counts: list[int]
    totals: list[int]
    shares: list[Optional[float]]


class Attention(Shape):
    query: str
    of: str
    per: str
    by: str
    periods: list[str]
    series: list[Series]


class Endpoint(Shape):
    method: str
    path: str
    summary: str


class ApiIndex(Shape):
    endpoints: list[Endpoint]
    openapi: str
    docs: str


def answers(model: Any) -> dict:
    """The `responses` entry documenting a route's 200 answer as `model`."""
    return {200: {"model": model, "description": "Successful Response"}}


# The routes answering a whole `presstrace/1` article: its JSON Schema (shipped in
# presstrace/schema) is their documented answer, so the two never drift apart.
ARTICLE_ROUTES = (("/api/articles/{article_id}", "get"), ("/api/analyze", "post"))
PREFIX = "presstrace_"


def add_article_schema(openapi: dict[str, Any]) -> dict[str, Any]:
    """`openapi` with the presstrace/1 article schema's definitions as components (their
    `#/$defs/x` references rewritten to `#/components/schemas/presstrace_x`) and the
    article routes' 200 answers pointing at its article."""
    from ..schema import output_schema

    def moved(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (v.replace("#/$defs/", "#/components/schemas/" + PREFIX)
                        if k == "$ref" else moved(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [moved(v) for v in value]
        return value

    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in output_schema()["$defs"].items():
        schemas[PREFIX + name] = moved(definition)
    for path, method in ARTICLE_ROUTES:
        operation = openapi["paths"].get(path, {}).get(method)
        if operation is not None:
            operation["responses"]["200"]["content"] = {"application/json": {"schema": {
                "$ref": f"#/components/schemas/{PREFIX}article"}}}
    return openapi
