"""The workbench's attention page (`/attention`) and its CSV (`/attention.csv`): what
`presstrace.corpus.attention` answers, drawn as lines per outlet (uPlot, through
`static/charts.js`) and listed as a table, which is the page without scripts.
The CSV's cells go through `store.cells` like every CSV presstrace writes: an outlet name
is untrusted text a spreadsheet could run as a formula."""
from __future__ import annotations

import csv
import io
from typing import Annotated, Optional
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from ..corpus.attention import attention, attention_rows
from ..store.cells import safe_row
from . import charts
from .corpus_pages import Date, ask
from .pages import Conn, router, show

Text = Annotated[str, Query(max_length=500)]
Kind = Annotated[str, Query(pattern="^(text|entity|place|event)$")]
Per = Annotated[str, Query(pattern="^(day|week)$")]
By = Annotated[str, Query(pattern="^(outlet|all)$")]


def _result(conn, q: str, of: str, per: str, by: str, since: Optional[str], until: Optional[str]):
    if not q.strip():
        return None
    return ask(attention, conn, q, of=of, per=per, by=by, since=since, until=until, missing=400)


@router.get("/attention", response_class=HTMLResponse)
def attention_page(request: Request, conn: Conn, q: Text = "", of: Kind = "text", per: Per = "day",
                   by: By = "outlet", normalise: bool = False, since: Date = None,
                   until: Date = None) -> HTMLResponse:
    result = _result(conn, q, of, per, by, since, until)
    chart = rows = None
    if result is not None:
        key = "shares" if normalise else "counts"
        chart = charts.chart_data("lines", result["periods"],
                                  [{"label": s["outlet"], "values": s[key]} for s in result["series"]],
                                  percent=normalise)
        rows = attention_rows(result)
    form = {"q": q, "of": of, "per": per, "by": by, "since": since or "", "until": until or ""}
    csv_query = urlencode({k: v for k, v in form.items() if v})
    return show(request, "attention.html", result=result, chart=chart, rows=rows,
                normalise=normalise, csv_query=csv_query, **form)


@router.get("/attention.csv")
def attention_csv(conn: Conn, q: Text = "", of: Kind = "text", per: Per = "day", by: By = "outlet",
                  since: Date = None, until: Date = None) -> Response:
    """Every row of the page's table (both counts and the share), spreadsheet-safe."""
    result = _result(conn, q, of, per, by, since, until)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period", "outlet", "articles", "outlet_articles", "share"])
    for row in attention_rows(result) if result else []:
        writer.writerow(safe_row(row.values()))
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="attention.csv"'})
