"""The workbench's network pages: `/network` draws `presstrace.corpus.network`'s graphs
with Cytoscape.js (vendored in `static/vendor/`, laid out in the browser by its force
layout) above a table of the edges, which is the page without scripts; `/network/reports`
lists the reports behind one edge (the events, or the quotes of two speakers), the page
an edge's click opens in a panel and its table row links to.

The graph reaches the script as JSON in a `<script type="application/json">` block
(Jinja's `tojson` escapes `<`, `>` and `&`, so a name cannot close it), and the script
writes every name with Cytoscape's canvas labels or `textContent`, never as HTML.
"""
from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Optional
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from ..corpus.events import corpus_names
from ..corpus.network import actor_edge_reports, actor_network, quoted_alongside, speaker_edge_quotes
from ..store.cells import safe_row
from .corpus_pages import Date, Name, ask
from .pages import PAGE, Conn, Offset, PageError, router, show

Kind = Annotated[str, Query(pattern="^(actors|quotes)$")]
Key = Annotated[str, Query(min_length=1, max_length=200)]


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, conn: Conn, kind: Kind = "actors", story: Name = None,
            since: Date = None, until: Date = None,
            top: Annotated[int, Query(ge=5, le=300)] = 60) -> HTMLResponse:
    """The `top` heaviest edges between real actors (or speakers quoted together)."""
    graph, filters = _graph(conn, kind, story, since, until, top)
    nodes = distinct_labels(graph["nodes"])
    return show(request, "network.html", kind=kind, story=story or "", since=since or "",
                until=until or "", top=top, nodes=nodes, edges=edge_rows(graph["edges"], filters),
                elements=elements(nodes, graph["edges"], filters),
                csv_query=urlencode({**filters, "top": top}))


def _graph(conn, kind: str, story: Optional[str], since: Optional[str], until: Optional[str],
           top: int) -> tuple[dict, dict[str, str]]:
    """The network the page and its CSV show, and the filters that chose it."""
    query = actor_network if kind == "actors" else quoted_alongside
    graph = ask(query, conn, story=story or None, since=since, until=until, limit=top, missing=400)
    filters = {k: v for k, v in (("kind", kind), ("story", story), ("since", since),
                                 ("until", until)) if v}
    return graph, filters


@router.get("/network.csv")
def network_csv(conn: Conn, kind: Kind = "actors", story: Name = None, since: Date = None,
                until: Date = None, top: Annotated[int, Query(ge=5, le=300)] = 60) -> Response:
    """The page's edges with both ends' names, spreadsheet-safe (names are untrusted)."""
    graph, _ = _graph(conn, kind, story, since, until, top)
    names = {str(n["id"]): n["label"] for n in distinct_labels(graph["nodes"])}
    columns = ["source", "source_name", "target", "target_name", "type", "weight", "reports",
               "articles"] if kind == "actors" else ["source", "source_name", "target", "target_name",
                                                     "weight"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for e in graph["edges"]:
        row = {**e, "source_name": names.get(str(e["source"])), "target_name": names.get(str(e["target"]))}
        writer.writerow(safe_row(row.get(c) for c in columns))
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="network-{kind}.csv"'})


def distinct_labels(nodes: list[dict]) -> list[dict]:
    """Nodes with the same label ("Russian" the army and "Russian" the state) told apart by
    their role, else by a number: never by a store-internal id."""
    seen: dict[str, int] = {}
    out = []
    labels = [n["label"] for n in nodes]
    tags = [(n["label"], n.get("role")) for n in nodes]
    for n in nodes:
        label = n["label"]
        if labels.count(label) > 1:
            seen[label] = seen.get(label, 0) + 1
            role = n.get("role")
            label = f"{label} ({role if role and tags.count((label, role)) == 1 else seen[label]})"
        out.append({**n, "label": label})
    return out


def reports_link(edge: dict, filters: dict[str, str]) -> str:
    """The address of the reports behind an edge, under the page's filters."""
    params = {**filters, "source": edge["source"], "target": edge["target"]}
    if edge.get("type"):
        params["type"] = edge["type"]
    return "/network/reports?" + urlencode(params)


def edge_rows(edges: list[dict], filters: dict[str, str]) -> list[dict]:
    return [{**e, "href": reports_link(e, filters)} for e in edges]


def elements(nodes: list[dict], edges: list[dict], filters: dict[str, str]) -> dict[str, Any]:
    """The graph as Cytoscape's elements: every value plain data, ids as strings; an edge
    carries its caption (type and weight), the page of its reports and their JSON, which
    the script fetches on a click; a corpus entity's node carries its page."""
    return {
        "nodes": [{"data": {"id": str(n["id"]), "label": n["label"],
                            "weight": n.get("weight") or n.get("quotes") or 1,
                            "role": n.get("role") or "", "href": entity_page(n["id"])}}
                  for n in nodes],
        "edges": [{"data": {"id": f"e{i}", "source": str(e["source"]), "target": str(e["target"]),
                            "type": e.get("type") or "", "weight": e["weight"],
                            "caption": " ".join(str(x) for x in (e.get("type"), e["weight"]) if x),
                            "reports": "/api" + reports_link(e, filters),
                            "page": reports_link(e, filters)}}
                  for i, e in enumerate(edges)],
    }


def entity_page(node_id: Any) -> str:
    """A node's entity page: speakers are corpus entity ids, actors `c12` or a group's key."""
    key = str(node_id)
    number = key[1:] if key[:1] == "c" else key
    return f"/entities/{number}" if number.isascii() and number.isdigit() else ""


@router.get("/network/reports", response_class=HTMLResponse)
def network_reports(request: Request, conn: Conn, source: Key, target: Key, kind: Kind = "actors",
                    type: Annotated[Optional[str], Query(max_length=40)] = None, story: Name = None,
                    since: Date = None, until: Date = None, offset: Offset = 0) -> HTMLResponse:
    """The reports behind one edge, a page at a time."""
    rows = edge_reports(conn, kind, source, target, type, story, since, until, PAGE + 1, offset)
    params = {k: v for k, v in (("kind", kind), ("source", source), ("target", target),
                                ("type", type), ("story", story), ("since", since),
                                ("until", until)) if v}
    return show(request, "network_reports.html", kind=kind, rows=rows[:PAGE], offset=offset,
                page=PAGE, next_offset=offset + PAGE if len(rows) > PAGE else None, params=params,
                type=type or "", names=_names(conn, kind, source, target, rows),
                back={k: v for k, v in params.items() if k not in ("source", "target", "type")})


def edge_reports(conn, kind: str, source: str, target: str, type: Optional[str],
                 story: Optional[str], since: Optional[str], until: Optional[str],
                 limit: int, offset: int) -> list[dict]:
    """An actor edge's event records or a speaker edge's quotes; a bad edge is a 400 page."""
    if kind == "actors":
        if not type:
            raise PageError(400, "An actor edge is named by its source, target and event type.")
        return ask(actor_edge_reports, conn, source, target, type, story=story or None,
                   since=since, until=until, limit=limit, offset=offset, missing=400)
    if not all(k.isascii() and k.isdigit() for k in (source, target)):
        raise PageError(400, "Speakers are corpus entity ids.")
    return ask(speaker_edge_quotes, conn, int(source), int(target), story=story or None,
               since=since, until=until, limit=limit, offset=offset, missing=400)


def _names(conn, kind: str, source: str, target: str, rows: list[dict]) -> tuple[str, str]:
    """The two ends' names: the corpus's name, else the one the first report uses."""
    keys = [f"c{source}", f"c{target}"] if kind == "quotes" else [source, target]
    known = corpus_names(conn, keys)
    first = rows[0] if rows and kind == "actors" else {}
    return (known.get(keys[0]) or first.get("source_actor") or source,
            known.get(keys[1]) or first.get("target_actor") or target)
