"""The network page: the graph Cytoscape.js draws reaches the page as a JSON block that no
name can break out of, every edge links to its reports (a page that works without
scripts, and the JSON the script reads), and the vendored libraries are the pinned ones."""
from __future__ import annotations

import html
import json
import re

import pytest

from presstrace.web import vendor

BLOCK = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def graph_of(res) -> dict:
    found = BLOCK.search(res.text)
    assert found, "the page carries its graph"
    assert "<" not in found.group(1)  # no name can open or close a tag inside the block
    return json.loads(found.group(1))


@pytest.mark.parametrize("kind", ["actors", "quotes"])
def test_network_page_edges_lead_to_their_reports(client, kind):
    res = client.get("/network", params={"kind": kind})
    assert res.status_code == 200
    graph = graph_of(res)
    rows = re.findall(r'<td><a href="(/network/reports\?[^"]+)">', res.text)
    assert len(rows) == len(graph["edges"]) >= 1
    ids = {n["data"]["id"] for n in graph["nodes"]}
    for edge in graph["edges"]:
        data = edge["data"]
        assert {data["source"], data["target"]} <= ids
        assert html.unescape(rows.pop(0)) == data["page"]
        items = client.get(data["reports"]).json()["items"]
        assert items, data
        page = client.get(data["page"])
        assert page.status_code == 200
        assert items[0]["text"] in html.unescape(page.text)


def test_network_page_reports_are_paged(client):
    edge = graph_of(client.get("/network", params={"kind": "quotes"}))["edges"][0]["data"]
    everything = client.get(edge["reports"] + "&limit=500").json()["items"]
    past = client.get(edge["page"] + f"&offset={len(everything)}")
    assert past.status_code == 200 and "No reports." in past.text


@pytest.mark.parametrize("query", ["source=c1&target=c2", "kind=quotes&source=x&target=1",
                                   "source=c1&target=c2&type=ASSAULT&story=zzz"])
def test_network_reports_page_refuses_what_it_cannot_name(client, query):
    assert client.get(f"/network/reports?{query}").status_code == 400


def test_network_vendored_libraries_are_the_pinned_files():
    assert vendor.check() == []
    assert {"cytoscape", "uplot"} <= set(vendor.packages())
    for package in vendor.packages().values():
        assert package["licence"] and any(kept.endswith("LICENSE") for kept, _ in package["files"].values())


@pytest.mark.parametrize("kind", ["actors", "quotes"])
def test_network_csv_lists_the_pages_edges_safely(client, kind):
    import csv
    import io

    graph = graph_of(client.get("/network", params={"kind": kind}))
    res = client.get("/network.csv", params={"kind": kind})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    labels = {n["data"]["id"]: n["data"]["label"] for n in graph["nodes"]}
    assert [(r["source"], r["target"], int(r["weight"])) for r in rows] == \
        [(e["data"]["source"], e["data"]["target"], e["data"]["weight"]) for e in graph["edges"]]
    assert all(r["source_name"] == labels[r["source"]] for r in rows)


def test_network_csv_cells_cannot_run_as_formulas(client, monkeypatch):
    from presstrace.web import network_page

    hostile = {"nodes": [{"id": "c1", "label": '=HYPERLINK("http://x")', "role": None, "weight": 1},
                         {"id": "c2", "label": "@SUM(A1)", "role": None, "weight": 1}],
               "edges": [{"source": "c1", "target": "c2", "type": "-ASSAULT", "weight": 1,
                          "reports": 1, "articles": 1}]}
    monkeypatch.setattr(network_page, "actor_network", lambda *a, **k: hostile)
    lines = client.get("/network.csv").text.splitlines()
    assert lines[1] == 'c1,"\'=HYPERLINK(""http://x"")",c2,\'@SUM(A1),\'-ASSAULT,1,1,1'
