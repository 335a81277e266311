"""Pages whose charts uPlot draws (attention, an entity's mentions by month) carry the
chart's numbers as a JSON block, the same numbers their tables list; an entity page reaches
all of its quotes and events a page at a time."""
from __future__ import annotations

import html
import json
import re
import sqlite3
from urllib.parse import parse_qs, urlsplit

import pytest

from presstrace.web.corpus_pages import _slice
from presstrace.web.pages import PAGE

BLOCK = re.compile(r'<script type="application/json" class="chart-data" data-target="([\w-]+)">(.*?)</script>', re.S)


def chart_of(res) -> tuple[str, dict]:
    (target, body), = BLOCK.findall(res.text)
    assert "<" not in body and f'id="{target}"' in res.text
    return target, json.loads(body)


@pytest.mark.parametrize("normalise", [False, True])
def test_chart_attention_block_holds_the_tables_numbers(client, normalise):
    res = client.get("/attention", params={"q": "Putin", **({"normalise": "true"} if normalise else {})})
    _, chart = chart_of(res)
    assert chart["kind"] == "lines" and chart["percent"] is normalise and chart["series"]
    rows = re.findall(r"<tr><td>([\d-]+)</td><td><bdi>(.*?)</bdi></td><td class=\"num\">(\d+)</td>", res.text)
    table = {(period, outlet): int(n) for period, outlet, n in rows}
    assert table
    drawn = {(period, series["label"]): value for series in chart["series"]
             for period, value in zip(chart["x"], series["values"])}
    for (period, outlet), count in table.items():
        assert (period, outlet) in drawn
        if not normalise:
            assert drawn[(period, outlet)] == count
    assert {p for p, _ in table} <= set(chart["x"])
    # and every period the chart draws a match in, the table lists
    assert {k for k, v in drawn.items() if v} <= set(table)


def test_chart_entity_months_are_its_mentions(client, web_store):
    conn = sqlite3.connect(web_store[0])
    entity = conn.execute("SELECT id FROM corpus_entities ORDER BY articles DESC, id LIMIT 1").fetchone()[0]
    conn.close()
    res = client.get(f"/entities/{entity}")
    profile = client.get(f"/api/entities/{entity}").json()
    _, chart = chart_of(res)
    assert chart["kind"] == "bars"
    assert chart["x"] == [m["month"] for m in profile["mentions_by_month"]]
    assert chart["series"][0]["values"] == [m["mentions"] for m in profile["mentions_by_month"]]


@pytest.mark.parametrize("rows, offset, expected", [
    (list(range(120)), 0, (list(range(PAGE)), None, PAGE)),
    (list(range(120)), PAGE, (list(range(PAGE, 2 * PAGE)), 0, 2 * PAGE)),
    (list(range(120)), 2 * PAGE, (list(range(2 * PAGE, 120)), PAGE, None)),
    (list(range(3)), 1, ([1, 2], 0, None)),
])
def test_chart_entity_lists_are_paged(rows, offset, expected):
    part = _slice(rows, offset)
    assert (part["rows"], part["previous"], part["next"]) == expected


def test_chart_entity_page_reaches_every_quote(client, web_store):
    conn = sqlite3.connect(web_store[0])
    entity = conn.execute(
        "SELECT l.corpus_entity_id FROM quotes q JOIN entities e ON e.article_id = q.article_id "
        "AND e.local_id = q.speaker_entity JOIN corpus_entity_links l ON l.entity_id = e.id "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    conn.close()
    total = client.get(f"/api/entities/{entity}").json()["quote_count"]
    assert total >= 2
    last = client.get(f"/entities/{entity}", params={"quotes_offset": total - 1})
    assert f'<ol class="plain" start="{total}">' in last.text
    links = [parse_qs(urlsplit(html.unescape(h)).query)
             for h in re.findall(r'<a href="(/entities/\d+\?[^"]*#quotes)">Previous', last.text)]
    assert links == [{"quotes_offset": [str(max(total - 1 - PAGE, 0))], "events_offset": ["0"]}]
    assert client.get(f"/entities/{entity}", params={"quotes_offset": -1}).status_code == 400
