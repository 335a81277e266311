"""Attention over time on the views store: three Kharkiv articles on 2024-05-06 (Valley
Herald, North Courier) and 2024-05-07 (Daily Ledger), one Talvec deal on 2024-06-10
(Market Wire); as a corpus view, an API route, a page with a CSV and a command."""
from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from presstrace.cli import cli
from presstrace.corpus.attention import attention, attention_rows, period_of
from presstrace.store.errors import QueryError

HOSTILE_OUTLET = '=HYPERLINK("http://evil.example","x")'


def by_outlet(result: dict) -> dict:
    return {s["outlet"]: dict(zip(result["periods"], s["counts"])) for s in result["series"]}


def test_attention_counts_text_matches_per_day_and_outlet(views_conn):
    result = attention(views_conn, "Kharkiv")
    assert result["periods"] == ["2024-05-06", "2024-05-07"]
    assert by_outlet(result) == {"Valley Herald": {"2024-05-06": 1, "2024-05-07": 0},
                                 "North Courier": {"2024-05-06": 1, "2024-05-07": 0},
                                 "Daily Ledger": {"2024-05-06": 0, "2024-05-07": 1}}
    herald = next(s for s in result["series"] if s["outlet"] == "Valley Herald")
    assert herald["shares"] == [1.0, None]  # it published nothing on the 7th: no share


def test_attention_by_week_and_all_outlets(views_conn):
    result = attention(views_conn, "Kharkiv OR sensor", per="week", by="all")
    assert result["periods"][0] == "2024-05-06" and result["periods"][-1] == "2024-06-10"
    assert len(result["periods"]) == 6  # weeks without a match are zeros, not gaps
    (series,) = result["series"]
    assert series["counts"] == [3, 0, 0, 0, 0, 1] and series["totals"][0] == 3
    assert period_of("2024-05-09", "week") == "2024-05-06" and period_of("2024-02-30", "day") is None


def test_attention_of_entities_places_and_event_types(views_conn):
    assert sum(s["counts"][0] + s["counts"][1] for s in attention(views_conn, "Synehubov", of="entity")["series"]) == 3
    assert by_outlet(attention(views_conn, "Berlin", of="place", by="all")) == {"all outlets": {"2024-06-10": 1}}
    events = attention(views_conn, "assault", of="event")
    assert events["series"] and events["periods"][0] == "2024-05-06"
    assert attention(views_conn, "Kharkiv", since="2024-05-07")["periods"] == ["2024-05-07"]


def test_attention_refuses_what_it_cannot_ask(views_conn):
    for kwargs in ({"query": '"unclosed'}, {"query": "x", "of": "story"}, {"query": "x", "per": "month"},
                   {"query": " "}, {"query": "Nobody Atall", "of": "entity"}, {"query": "x", "since": "May"}):
        with pytest.raises(QueryError):
            attention(views_conn, **kwargs)
    assert attention(views_conn, "nothingmatcheshere") == {
        "query": "nothingmatcheshere", "of": "text", "per": "day", "by": "outlet", "periods": [], "series": []}


def test_attention_rows_leave_out_periods_an_outlet_did_not_publish(views_conn):
    rows = attention_rows(attention(views_conn, "Kharkiv"))
    assert {(r["period"], r["outlet"], r["articles"], r["outlet_articles"]) for r in rows} == {
        ("2024-05-06", "Valley Herald", 1, 1), ("2024-05-06", "North Courier", 1, 1),
        ("2024-05-07", "Daily Ledger", 1, 1)}


def test_attention_api(views_store, settings, app_client):
    with app_client(views_store, settings) as c:
        res = c.get("/api/attention", params={"q": "Kharkiv", "per": "week"})
        assert res.status_code == 200
        assert res.json()["periods"] == ["2024-05-06"] and len(res.json()["series"]) == 3
        assert c.get("/api/attention", params={"q": "Nobody Atall", "of": "entity"}).json()["error"]["code"] == "not_found"
        assert c.get("/api/attention", params={"q": '"unclosed'}).json()["error"]["code"] == "bad_query"
        assert c.get("/api/attention", params={"q": "x", "per": "month"}).status_code == 422
        assert c.get("/api/attention").status_code == 422


@pytest.fixture(scope="module")
def hostile_outlet_store(views_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("attention") / "a.db"
    shutil.copy(views_store, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE articles SET source = ? WHERE input_id = 'fx-1'", (HOSTILE_OUTLET,))
    conn.close()
    return path


def test_attention_page_draws_lines_and_offers_a_safe_csv(hostile_outlet_store, settings, app_client):
    with app_client(hostile_outlet_store, settings) as c:
        page = c.get("/attention", params={"q": "sensor OR Kharkiv", "normalise": "true"})
        assert page.status_code == 200
        # a line per outlet, drawn by uPlot from the page's chart block (web/static/charts.js)
        chart = json.loads(page.text.split('class="chart-data" data-target="attention-chart">')[1]
                           .split("</script>")[0])
        assert len(chart["series"]) == 4 and 'href="/attention.csv?q=' in page.text
        assert "<bdi>=HYPERLINK(&#34;http://evil.example&#34;,&#34;x&#34;)</bdi>" in page.text
        assert 'href="/attention"' in c.get("/").text  # in the navigation
        res = c.get("/attention.csv", params={"q": "sensor"})
        assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
        assert "attachment" in res.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(res.text)))
        assert rows == [{"period": "2024-06-10", "outlet": "'" + HOSTILE_OUTLET, "articles": "1",
                         "outlet_articles": "1", "share": "1.0"}]
        assert c.get("/attention", params={"q": '"unclosed'}).status_code == 400
        assert c.get("/attention").status_code == 200  # the empty form


def test_attention_command(views_store):
    runner = CliRunner()
    res = runner.invoke(cli, ["attention", "Kharkiv", "--per", "week", "--db", str(views_store),
                              "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert sorted(res.stdout.splitlines()) == sorted(["period,outlet,articles", "2024-05-06,Valley Herald,1",
                                                      "2024-05-06,North Courier,1", "2024-05-06,Daily Ledger,1"])
    res = runner.invoke(cli, ["attention", "Synehubov", "--of", "entity", "--by", "all", "--normalise",
                              "--db", str(views_store), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert '"share": 1.0' in res.stdout and '"outlet": "all outlets"' in res.stdout
    assert runner.invoke(cli, ["attention", '"x', "--db", str(views_store)]).exit_code == 1
