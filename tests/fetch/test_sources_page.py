"""The workbench's /sources page and `presstrace sources` over a store fetched from the
127.0.0.1 server, with source rows whose text is hostile."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from presstrace.cli import cli
from presstrace.fetch import state
from presstrace.fetch.run import fetch
from presstrace.store import db
from presstrace.web.sources_page import source_rows

HOSTILE_URL = "javascript:alert('url')"


@pytest.fixture()
def fetched(site, fast_settings, tmp_path):
    base, _ = site
    path = tmp_path / "news.db"
    fetch([f"{base}/feed.xml", f"{base}/missing.xml"], path, fast_settings, n_process=1)
    conn = db.open_store(path)
    state.save_source(conn, HOSTILE_URL, outlet="<script>alert('outlet')</script>", kind="feed",
                      last_error="http_error: <img src=x onerror=alert('error')>")
    conn.close()
    return base, path


def test_sources_page_shows_state_counts_and_escapes_what_came_from_the_web(fetched, fast_settings,
                                                                            app_client):
    base, path = fetched
    with app_client(path, fast_settings) as client:
        page = client.get("/sources")
        home = client.get("/")
    assert page.status_code == 200 and 'href="/sources"' in home.text
    html = page.text
    assert f'<a href="{base}/feed.xml" rel="noreferrer nofollow"><bdi>{base}/feed.xml</bdi></a>' in html
    assert "3 sources, 2 failing at the last fetch" in html
    assert "http_error: " in html and "HTTP 404" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;outlet&#39;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    feed_row = html.split(f"<bdi>{base}/feed.xml</bdi>")[1].split("</tr>")[0]
    # two pages stored, both new last run, both today: the last cell of the week
    assert '<td class="num">2</td>\n<td class="num">2</td>' in feed_row
    assert feed_row.rstrip().endswith("0 · 0 · 0 · 0 · 0 · 0 · 2</td>")


def test_sources_page_on_a_store_that_never_fetched(fast_settings, app_client, tmp_path):
    path = tmp_path / "empty.db"
    db.open_store(path).close()
    with app_client(path, fast_settings) as client:
        page = client.get("/sources")
    assert page.status_code == 200 and "No sources yet" in page.text
    assert source_rows(sqlite3.connect(":memory:")) == ([], [])  # a store older than the fetch tables


def test_sources_command_shows_pages_per_day(fetched, fast_settings):
    base, path = fetched
    out = CliRunner().invoke(cli, ["sources", "--db", str(path)], obj=fast_settings,
                             catch_exceptions=False).output
    line = next(line for line in out.splitlines() if line.startswith(f"{base}/feed.xml"))
    assert line.endswith("\t2 pages stored\t0.3/day")
