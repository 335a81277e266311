"""`GET /api/attention`: matching articles per day or week and outlet, as counts and shares
(`presstrace.corpus.attention`), with the error conventions of `routes.py`."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from ..corpus.attention import attention
from .corpus_routes import not_found
from .routes import ERRORS, Conn, Since, Until
from .shapes import Attention, answers

router = APIRouter(responses=ERRORS)

Kind = Literal["text", "entity", "place", "event"]


@router.get("/attention", summary="Articles matching a query per day or week, per outlet",
            response_model=None, responses=answers(Attention))
def get_attention(conn: Conn,
                  q: Annotated[str, Query(min_length=1, max_length=500, description=(
                      "What to look for: an FTS5 expression (of=text), a corpus entity, a place "
                      "(GeoNames id or name) or a PLOVER event type."))],
                  of: Annotated[Kind, Query(description="What q names.")] = "text",
                  per: Literal["day", "week"] = "day",
                  by: Annotated[Literal["outlet", "all"], Query(description="One series per "
                                                                "outlet, or one for all.")] = "outlet",
                  since: Since = None, until: Until = None) -> dict[str, Any]:
    """`periods` (a week is named by its Monday) and one series per outlet, most matches
    first: `counts` of matching articles, `totals` of all the outlet's articles, `shares`
    (counts / totals; null where it published nothing)."""
    with not_found():
        return attention(conn, q, of=of, per=per, by=by, since=since, until=until)
