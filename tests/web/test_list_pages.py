"""The entities index (`/entities`) and the article list's filters (`/articles`), over a
copy of the views store given a hostile entity and outlet, and one article without quotes."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

HOSTILE = "<script>alert('e')</script> Evil\u202egnp.exe"


@pytest.fixture(scope="module")
def list_client(views_store, settings, app_client, tmp_path_factory, edited_copy):
    path = edited_copy(views_store, tmp_path_factory.mktemp("lists"), [
        ("INSERT INTO corpus_entities (family, key, name, articles) VALUES ('org', 'evil', ?, 1)", (HOSTILE,)),
        ("DELETE FROM quotes WHERE article_id = (SELECT id FROM articles WHERE input_id = 'fx-1')", ()),
        ("UPDATE articles SET source = ? WHERE input_id = 'kh-3'", (HOSTILE,)),
    ])
    with app_client(path, settings) as c:
        yield c


def page(client, url, status=200):
    res = client.get(url)
    assert res.status_code == status, res.text[:500]
    return res.text


def entity_links(text):
    return re.findall(r'<a href="/entities/(\d+)"><bdi>([^<]*)</bdi>', text)


def titles(text):
    return re.findall(r'<a href="/articles/\d+"><bdi>([^<]*)</bdi>', text)


def test_entities_index_lists_and_links_every_family(list_client):
    text = page(list_client, "/entities")
    names = dict((n, i) for i, n in entity_links(text))
    assert {"Oleh Synehubov", "Kharkiv", "Brisk Labs"} <= set(names)
    assert '<a href="/entities">Entities</a>' in text  # in the navigation
    entity = page(list_client, f"/entities/{names['Oleh Synehubov']}")
    assert "Synehubov" in entity


def test_entities_index_searches_names_and_spellings(list_client):
    assert [n for _, n in entity_links(page(list_client, "/entities?q=synehub"))] == ["Oleh Synehubov"]
    # "Kiev" is a spelling merged into Kyiv: the search finds it under its canonical name.
    assert [n for _, n in entity_links(page(list_client, "/entities?q=Kiev"))] == ["Kyiv"]
    assert "No entity matches." in page(list_client, "/entities?q=%25")


def test_entities_index_filters_by_type(list_client):
    people = {n for _, n in entity_links(page(list_client, "/entities?family=person"))}
    places = {n for _, n in entity_links(page(list_client, "/entities?family=place"))}
    assert "Oleh Synehubov" in people and "Kharkiv" not in people
    assert "Kharkiv" in places and "Oleh Synehubov" not in places
    assert '<option value="place" selected>' in page(list_client, "/entities?family=place")
    page(list_client, "/entities?family=weapon", 400)


def test_entities_index_pages_keep_the_filters(list_client, monkeypatch):
    from presstrace.web import corpus_pages
    monkeypatch.setattr(corpus_pages, "PAGE", 1)
    first = page(list_client, "/entities?family=place&q=k")
    assert 'href="/entities?q=k&amp;family=place&amp;offset=1">Next</a>' in first
    second = page(list_client, "/entities?family=place&q=k&offset=1")
    assert 'href="/entities?q=k&amp;family=place&amp;offset=0">Previous</a>' in second
    assert entity_links(first) != entity_links(second)


def test_entities_index_escapes_hostile_names(list_client):
    text = page(list_client, "/entities?q=Evil")
    assert "<script>alert" not in text
    assert "<bdi>&lt;script&gt;alert(&#39;e&#39;)&lt;/script&gt; Evil\u202egnp.exe</bdi>" in text
    hostile_q = page(list_client, "/entities?q=%22%3E%3Cscript%3Ex%3C/script%3E")
    assert "<script>x" not in hostile_q and "&#34;&gt;&lt;script&gt;x" in hostile_q


def test_articles_filter_by_outlet_dates_and_quotes(list_client):
    every = titles(page(list_client, "/articles"))
    assert len(every) == 4
    assert titles(page(list_client, "/articles?outlet=North+Courier")) == [
        "Three civilians killed as Russia shells Kharkiv"]
    assert set(titles(page(list_client, "/articles?since=2024-05-07&until=2024-05"))) == {
        "Kharkiv clears rubble a day after shelling"}
    assert titles(page(list_client, "/articles?since=2024-06")) == ["Talvec buys sensor maker Brisk Labs"]
    quoted = titles(page(list_client, "/articles?quotes=1"))
    assert len(quoted) == 3 and "Talvec buys sensor maker Brisk Labs" not in quoted
    # An empty form field is no filter; a malformed date is the caller's error.
    assert len(titles(page(list_client, "/articles?outlet=&since=&until="))) == 4
    page(list_client, "/articles?since=May", 400)


def test_articles_paging_keeps_the_filters(list_client, monkeypatch):
    from presstrace.web import pages
    monkeypatch.setattr(pages, "PAGE", 1)
    text = page(list_client, "/articles?since=2024-05&quotes=1")
    assert 'href="/articles?since=2024-05&amp;quotes=1&amp;offset=1">Older</a>' in text
    assert 'name="quotes" value="1" checked' in text


def test_articles_list_escapes_a_hostile_outlet(list_client):
    text = page(list_client, "/articles")
    assert "<script>alert" not in text
    assert "<bdi>&lt;script&gt;alert(&#39;e&#39;)&lt;/script&gt; Evil\u202egnp.exe</bdi>" in text
    chosen = page(list_client, "/articles?outlet=" + HOSTILE.replace(" ", "+"))
    assert titles(chosen) == ["Kharkiv clears rubble a day after shelling"]
    assert "<script>alert" not in chosen
    # The menu offers the name without its right-to-left override (an option holds no
    # <bdi>); choosing it finds the stored outlet.
    plain = HOSTILE.replace("\u202e", "")
    assert "\u202e" not in re.sub(r"<bdi>[^<]*</bdi>", "", text)
    assert titles(page(list_client, "/articles?outlet=" + quote(plain))) == [
        "Kharkiv clears rubble a day after shelling"]
