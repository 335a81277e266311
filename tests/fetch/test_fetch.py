"""`presstrace fetch` against a real HTTP server on 127.0.0.1 (tests/fetch/conftest.py)."""
from __future__ import annotations

import sqlite3

import pytest

from presstrace.fetch.run import fetch
from presstrace.fetch.archive import archive_folder
from presstrace.fetch.client import Client, FetchError
from presstrace.fetch.config import PAGE_TYPES, FetchConfig
from presstrace.runners.local import ingest_local


def rows(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def articles(db):
    return sorted(rows(db, "SELECT hash, date, source, url, title FROM articles"))


def page_hits(state):
    return sorted(path for path, _ in state.hits if path.startswith(("/news/", "/private/")))


def test_feed_and_sitemap_stored_once_politely_and_rebuilt_from_the_warc(site, fast_settings, tmp_path):
    base, state = site
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# outlets\n{base}/feed.xml Example Times\n{base}/sitemap.xml\n")
    db = tmp_path / "news.db"
    stats = fetch([str(listing)], db, fast_settings, n_process=1)
    assert stats.ingest.analysed == 3 and not stats.failed_sources
    # page 2 is in both sources and fetched once; robots.txt keeps /private/ out
    assert page_hits(state) == ["/news/1.html", "/news/2.html", "/news/3.html"]
    assert rows(db, "SELECT code FROM errors") == [("robots_disallowed",)]
    by_title = {title: (date, source) for _, date, source, _, title in articles(db)}
    assert by_title["Story 2"] == ("2024-04-02", "Example Times")  # no date on the page: the feed's
    assert by_title["Story 1"] == ("2024-03-02", "Example Times")  # the page's own date wins
    fetched = rows(db, "SELECT url, canonical_url, feed, fetched_at FROM fetches ORDER BY url")
    assert [r[0] for r in fetched] == [f"{base}/news/{n}.html" for n in (1, 2, 3)]
    assert all(r[3] for r in fetched) and fetched[2][2] == f"{base}/sitemap.xml"

    # the WARC beside the store rebuilds the same articles offline
    rebuilt = tmp_path / "rebuilt.db"
    ingest_local([str(archive_folder(db))], rebuilt, fast_settings, n_process=1)
    assert articles(rebuilt) == articles(db)
    assert sorted(rows(rebuilt, "SELECT input_id FROM article_ids")) == \
        sorted(rows(db, "SELECT input_id FROM article_ids"))

    # an unchanged feed or sitemap costs one conditional request; nothing new is stored
    state.hits.clear()
    again = fetch([str(listing)], db, fast_settings, n_process=1)
    assert again.unchanged == 2 and again.ingest.analysed == 0 and again.pages == 0
    # robots.txt is not asked again within a day (its copy is in the store)
    assert state.hits == [("/feed.xml", '"v2"'), ("/sitemap.xml", '"s1"')]

    # an item added to the feed is picked up, and only it is fetched
    state.feed_items.append(4)
    state.hits.clear()
    third = fetch([f"{base}/feed.xml"], db, fast_settings, n_process=1)
    assert third.ingest.analysed == 1 and page_hits(state) == ["/news/4.html"]


def test_failures_are_reported_and_the_run_goes_on(site, fast_settings, tmp_path):
    base, state = site
    db = tmp_path / "news.db"
    sources = [f"{base}/slow.html", f"{base}/news/flaky.html", f"{base}/old.html",
               f"{base}/loop.html", f"{base}/missing.xml", f"{base}/news/5.html"]
    stats = fetch(sources, db, fast_settings, n_process=1)
    failed = " ".join(stats.failed_sources)
    assert "timed out" in failed and "redirect limit" in failed and "HTTP 404" in failed
    assert stats.ingest.analysed == 3  # flaky (500, then 200), the redirect's target, page 5
    assert ("/news/flaky.html", "") in state.hits and state.scripted["/news/flaky.html"] == []
    urls = {r[0] for r in rows(db, "SELECT final_url FROM fetches")}
    assert f"{base}/news/7.html" in urls
    kinds = dict(rows(db, "SELECT url, coalesce(last_error, last_status) FROM sources"))
    assert kinds[f"{base}/news/5.html"] == 200
    assert kinds[f"{base}/slow.html"].startswith("timeout")


def test_only_http_urls_and_the_size_limit(site, fast_settings):
    base, _ = site
    client = Client(FetchConfig.from_settings(fast_settings))
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x", "http:///nohost"):
        with pytest.raises(FetchError) as caught:
            client.get(url, PAGE_TYPES)
        assert caught.value.code == "bad_url"
    small = Client(FetchConfig.from_settings(fast_settings.with_overrides({"fetch": {"max_bytes": 100}})))
    with pytest.raises(FetchError) as caught:
        small.get(f"{base}/news/1.html", PAGE_TYPES)
    assert caught.value.code == "too_large"
    with pytest.raises(FetchError) as caught:
        client.get(f"{base}/robots.txt", PAGE_TYPES)
    assert caught.value.code == "bad_content_type"


def test_sources_command_lists_state(site, fast_settings, tmp_path):
    from click.testing import CliRunner

    from presstrace.cli import cli

    base, _ = site
    db = tmp_path / "news.db"
    fetch([f"{base}/feed.xml", f"{base}/missing.xml"], db, fast_settings, n_process=1)
    out = CliRunner().invoke(cli, ["sources", "--db", str(db)], catch_exceptions=False).output
    assert f"{base}/feed.xml\tfeed\t-" in out and "2 pages stored" in out
    assert "http_error" in out


@pytest.mark.parametrize("answers, retried", [([(503, {})] * 3, True), ([(429, {})] * 3, True),
                                              ([(404, {})], False)])
def test_a_page_failed_for_now_is_tried_again_though_its_feed_is_unchanged(site, fast_settings, tmp_path,
                                                                           answers, retried):
    base, state = site
    state.scripted["/news/2.html"] = list(answers)
    db = tmp_path / "news.db"
    first = fetch([f"{base}/feed.xml"], db, fast_settings, n_process=1)
    assert (first.ingest.analysed, first.failed_pages) == (1, 1)
    state.hits.clear()
    second = fetch([f"{base}/feed.xml"], db, fast_settings, n_process=1)
    # a failure that may pass keeps the feed's validators unsaved: it is read in full again
    assert second.unchanged == (0 if retried else 1)
    assert second.ingest.analysed == (1 if retried else 0)
    assert page_hits(state) == (["/news/2.html"] if retried else [])
    assert fetch([f"{base}/feed.xml"], db, fast_settings, n_process=1).unchanged == 1


def test_a_sitemap_index_is_read_in_full_each_run_its_sitemaps_conditionally(site, fast_settings, tmp_path):
    base, state = site
    db = tmp_path / "news.db"
    first = fetch([f"{base}/sitemap-index.xml"], db, fast_settings, n_process=1)
    assert first.ingest.analysed == 2 and page_hits(state) == ["/news/2.html", "/news/3.html"]
    state.hits.clear()
    second = fetch([f"{base}/sitemap-index.xml"], db, fast_settings, n_process=1)
    listings = [hit for hit in state.hits if hit[0].startswith("/sitemap")]
    assert listings == [("/sitemap-index.xml", ""), ("/sitemap.xml", '"s1"')]
    assert second.unchanged == 1 and second.ingest.analysed == 0 and page_hits(state) == []


def test_robots_copy_used_for_a_day_then_asked_for_conditionally(site, fast_settings, tmp_path):
    base, state = site
    db = tmp_path / "news.db"
    fetch([f"{base}/news/1.html"], db, fast_settings, n_process=1)
    [(etag, first)] = rows(db, "SELECT etag, fetched_at FROM robots")
    with sqlite3.connect(db) as conn:  # the copy is now two days old
        conn.execute("UPDATE robots SET fetched_at = fetched_at - 2 * 86400")
    state.hits.clear()
    fetch([f"{base}/news/1.html"], db, fast_settings, n_process=1)
    assert state.hits[0] == ("/robots.txt", etag)  # answered 304: the copy is renewed
    [(_, renewed)] = rows(db, "SELECT etag, fetched_at FROM robots")
    assert renewed >= first

    # an old copy is not trusted once the file has changed: the new rules apply
    state.robots = (200, b"User-agent: *\nDisallow: /news/\n")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE robots SET fetched_at = fetched_at - 2 * 86400")
    stats = fetch([f"{base}/news/6.html"], db, fast_settings, n_process=1)
    assert stats.failed_sources and "robots.txt" in stats.failed_sources[0]


def test_a_gzipped_sitemap_is_unpacked_within_the_size_limit(site, fast_settings, tmp_path):
    base, state = site
    db = tmp_path / "news.db"
    settings = fast_settings.with_overrides({"fetch": {"max_bytes": 1_000_000}})
    stats = fetch([f"{base}/sitemap.xml.gz", f"{base}/bomb.xml.gz"], db, settings, n_process=1)
    assert stats.ingest.analysed == 2 and page_hits(state) == ["/news/2.html", "/news/3.html"]
    [failure] = stats.failed_sources
    assert "bomb.xml.gz: unpacks to over 1000000 bytes" in failure
    assert rows(db, "SELECT kind FROM sources WHERE url LIKE '%sitemap.xml.gz'") == [("sitemap",)]
