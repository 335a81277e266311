"""`presstrace watch` rounds against the 127.0.0.1 server, and fetch runs cut short and run
again: the store ends as after one uninterrupted run, without duplicates."""
from __future__ import annotations

import sqlite3

import click
import pytest
from click.testing import CliRunner

from presstrace.cli import cli
from presstrace.cli.fetch import _seconds
from presstrace.fetch import run, state
from presstrace.fetch.run import fetch


def store(db) -> dict:
    """What a fetch run decides, without what differs between runs (times, WARC names)."""
    with sqlite3.connect(db) as conn:
        return {
            "articles": conn.execute("SELECT hash, date, source, url, title, status FROM articles "
                                     "ORDER BY hash").fetchall(),
            "ids": conn.execute("SELECT i.input_id, a.hash FROM article_ids i JOIN articles a "
                                "ON a.id = i.article_id ORDER BY 1").fetchall(),
            "fetches": conn.execute("SELECT url, canonical_url, final_url, input_id, feed FROM fetches "
                                    "ORDER BY url").fetchall(),
            "quotes": conn.execute("SELECT count(*) FROM quotes").fetchone(),
        }


def page_hits(site_state) -> list[str]:
    return [path for path, _ in site_state.hits if path.startswith("/news/")]


def test_watch_picks_up_a_new_feed_item_on_its_next_round(site, fast_settings, tmp_path):
    base, site_state = site
    served, feed = [], site_state.feed

    def feed_growing_after_its_first_answer():
        served.append(1)
        answer = feed()
        if len(served) == 1:
            site_state.feed_items.append(4)  # listed from the next request on
        return answer

    site_state.feed = feed_growing_after_its_first_answer
    db = tmp_path / "news.db"
    result = CliRunner().invoke(cli, ["watch", f"{base}/feed.xml", "--db", str(db), "--every", "0.2s",
                                      "--rounds", "2", "-j", "1"], obj=fast_settings, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(page_hits(site_state)[:2]) == ["/news/1.html", "/news/2.html"]
    assert page_hits(site_state)[2:] == ["/news/4.html"]
    feed_hits = [inm for path, inm in site_state.hits if path == "/feed.xml"]
    assert feed_hits == ["", '"v2"']  # the second round asked conditionally, and the feed had changed
    assert sorted(row[4] for row in store(db)["articles"]) == ["Story 1", "Story 2", "Story 4"]
    assert result.output.count("sources (") == 2  # one summary a round


@pytest.mark.parametrize("value, seconds", [("90s", 90), ("15m", 900), ("1h", 3600), ("0.5s", 0.5), ("45", 45)])
def test_watch_every_reads_durations(value, seconds):
    assert _seconds(value) == seconds


@pytest.mark.parametrize("value", ["0s", "-1m", "15 minutes", "1d", ""])
def test_watch_every_refuses_other_text(value):
    with pytest.raises(click.BadParameter):
        _seconds(value)


class Killed(BaseException):
    """Stands for a kill: nothing after it runs, no handler catches it."""


def cut_on_page(monkeypatch, n: int) -> None:
    """The run dies as its n-th page is handed to the ingest (earlier ones may be stored)."""
    calls, real = [], run._article

    def dying(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise Killed()
        return real(*args, **kwargs)
    monkeypatch.setattr(run, "_article", dying)


def cut_before_fetch_rows(monkeypatch, n: int) -> None:
    """The run dies once the ingest has committed the articles, before the fetch rows."""
    def dying(conn, rows):
        raise Killed()
    monkeypatch.setattr(state, "save_fetches", dying)


@pytest.mark.parametrize("cut, n", [(cut_on_page, 1), (cut_on_page, 3), (cut_before_fetch_rows, 0)])
def test_fetch_cut_short_then_run_again_ends_as_one_run(site, fast_settings, tmp_path, monkeypatch, cut, n):
    base, site_state = site
    sources = [f"{base}/feed.xml", f"{base}/sitemap.xml", f"{base}/news/5.html"]
    reference = tmp_path / "reference.db"
    fetch(sources, reference, fast_settings, n_process=1)

    db = tmp_path / "news.db"
    site_state.hits.clear()
    with monkeypatch.context() as patch:
        cut(patch, n)
        with pytest.raises(Killed):
            fetch(sources, db, fast_settings, n_process=1)
    again = fetch(sources, db, fast_settings, n_process=1)
    assert store(db) == store(reference)
    assert len(store(db)["articles"]) == 4
    assert again.failed_pages == 1  # /private/ again refused by robots.txt, never requested
    assert not any(path.startswith("/private/") for path, _ in site_state.hits)
    # and a third run finds nothing new
    assert fetch(sources, db, fast_settings, n_process=1).ingest.analysed == 0
    assert store(db) == store(reference)


@pytest.mark.parametrize("ahead", [1, 3, 8])
def test_fetch_ahead_keeps_order_and_a_bounded_window(ahead):
    from concurrent.futures import ThreadPoolExecutor

    from presstrace.fetch.run import fetch_ahead

    started = []

    def get(n):
        started.append(n)
        return n * n
    with ThreadPoolExecutor(4) as pool:
        handed = []
        for n, square in fetch_ahead(pool, get, list(range(20)), ahead):
            assert square == n * n
            handed.append(n)
            # submitted so far: the items handed out and at most `ahead` more
            assert len(started) <= len(handed) + ahead
        assert handed == list(range(20))

        started.clear()
        cut = fetch_ahead(pool, get, list(range(20)), ahead)
        next(cut)
        cut.close()  # left early: what was not started is cancelled
    assert len(started) <= 1 + ahead
