"""The list pages' CSV downloads (`web/csv_pages.py`): each lists the rows its page lists
under the same filters (all of them, not a page), its cells spreadsheet-safe, a bad
filter a 400 as on the page; over a copy of the map store whose title, entity name,
outlet and quote begin like formulas."""
from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

TITLE = '=HYPERLINK("http://x","click")'
NAME = "@SUM(A1)"
OUTLET = "+Evil Outlet"
QUOTE_START = "-1+1 "


@pytest.fixture(scope="module")
def csv_client(map_store, settings, app_client, tmp_path_factory, edited_copy):
    path = edited_copy(map_store, tmp_path_factory.mktemp("listcsv"), [
        ("UPDATE articles SET title = ? WHERE input_id = 'kh-1'", (TITLE,)),
        ("UPDATE articles SET source = ? WHERE input_id = 'kh-3'", (OUTLET,)),
        ("INSERT INTO corpus_entities (family, key, name, articles) VALUES ('org', 'formula', ?, 1)", (NAME,)),
        ("UPDATE quotes SET text = ? || text WHERE id = (SELECT min(id) FROM quotes)", (QUOTE_START,)),
    ])
    with app_client(path, settings) as c:
        yield c


def get(client, url, status=200):
    res = client.get(url)
    assert res.status_code == status, res.text[:500]
    return res


def table(client, url, status=200):
    """The CSV at `url` as its header and its rows (dicts)."""
    res = get(client, url, status)
    assert res.headers["content-type"] == "text/csv; charset=utf-8"
    lines = list(csv.reader(io.StringIO(res.text)))
    return lines[0], [dict(zip(lines[0], row)) for row in lines[1:]]


def linked(text, prefix):
    """The ids a page links under `prefix` (`/articles/`), in page order."""
    return re.findall(rf'<a href="{prefix}(\d+)"', text)


def same_query(link, path, query):
    """`link` is `path` with `query`'s non-empty parameters, in any order."""
    parts = urlsplit(link)
    return parts.path == path and sorted(parse_qsl(parts.query)) == sorted(parse_qsl(query))


def csv_link(text):
    """The page's "Download CSV" addresses."""
    return [html.unescape(h) for h in re.findall(r'<a href="([^"]+)" download>Download CSV</a>', text)]


@pytest.mark.parametrize("query", ["", "outlet=North+Courier", "since=2024-05-07&until=2024-05",
                                   "since=2024-06", "quotes=1", "outlet=&since=&until="])
def test_articles_csv_lists_the_pages_articles(csv_client, query):
    text = get(csv_client, f"/articles?{query}").text
    header, rows = table(csv_client, f"/articles.csv?{query}")
    assert header == ["id", "date", "source", "title", "chars"]
    assert [r["id"] for r in rows] == linked(text, "/articles/") != []
    # The page's own link keeps its filters (empty fields dropped).
    [link] = csv_link(text)
    assert same_query(link, "/articles.csv", query)


def test_articles_csv_has_every_row_not_a_page(csv_client, monkeypatch):
    from presstrace.web import pages
    monkeypatch.setattr(pages, "PAGE", 1)
    assert len(linked(get(csv_client, "/articles").text, "/articles/")) == 1
    assert len(table(csv_client, "/articles.csv")[1]) == 4


def test_csvs_stop_at_their_cap(csv_client, monkeypatch):
    from presstrace.web import csv_pages
    monkeypatch.setattr(csv_pages, "MAX_ROWS", 2)
    assert len(table(csv_client, "/articles.csv")[1]) == 2
    assert len(table(csv_client, "/entities.csv")[1]) == 2


def test_csv_cells_cannot_run_as_formulas(csv_client):
    _, articles = table(csv_client, "/articles.csv")
    assert "'" + TITLE in [r["title"] for r in articles]
    assert "'" + OUTLET in [r["source"] for r in articles]
    assert not any(v.startswith(("=", "+", "-", "@")) for r in articles for v in r.values())
    _, entities = table(csv_client, "/entities.csv?q=SUM")
    assert [r["name"] for r in entities] == ["'" + NAME]
    _, outlet = table(csv_client, "/articles.csv?outlet=" + OUTLET.replace("+", "%2B"))
    assert len(outlet) == 1  # the filter finds the stored outlet; the cell is neutralised
    quoted = [q for row in table(csv_client, "/stories.csv")[1] for q in row.values()]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in quoted)


@pytest.mark.parametrize("query", ["", "q=synehub", "q=Kiev", "family=place", "family=person&q=o"])
def test_entities_csv_lists_the_index(csv_client, query):
    text = get(csv_client, f"/entities?{query}").text
    header, rows = table(csv_client, f"/entities.csv?{query}")
    assert header[:3] == ["id", "family", "name"]
    assert [r["id"] for r in rows] == linked(text, "/entities/") != []
    family = dict(p.split("=") for p in query.split("&") if p).get("family")
    assert not family or {r["family"] for r in rows} == {family}
    [link] = csv_link(text)
    assert same_query(link, "/entities.csv", query)


def test_stories_csv_lists_the_stories(csv_client):
    text = get(csv_client, "/stories").text
    header, rows = table(csv_client, "/stories.csv")
    assert header == ["id", "title", "first", "last", "articles", "outlets", "sources"]
    assert [r["id"] for r in rows] == linked(text, "/stories/") != []
    assert csv_link(text) == ["/stories.csv"]


@pytest.mark.parametrize("target,q", [("articles", "Kharkiv"), ("quotes", "strikes+OR+rebuild")])
def test_search_csv_lists_every_result(csv_client, monkeypatch, target, q):
    from presstrace.web import pages
    full = get(csv_client, f"/search?q={q}&in={target}").text
    _, rows = table(csv_client, f"/search.csv?q={q}&in={target}")
    assert [r["article_id"] for r in rows] == linked(full, "/articles/") != []
    [link] = csv_link(full)
    assert same_query(link, "/search.csv", f"q={q}&in={target}")
    monkeypatch.setattr(pages, "PAGE", 1)  # the page shows the best one; the CSV all
    assert len(linked(get(csv_client, f"/search?q={q}&in={target}").text, "/articles/")) == 1
    assert len(table(csv_client, f"/search.csv?q={q}&in={target}")[1]) == len(rows) > 1


def entity_id(client, name):
    return table(client, f"/entities.csv?q={name}")[1][0]["id"]


def entity_with(client, part):
    """The first entity of the index with some `part` (quotes or events)."""
    return next(e["id"] for e in table(client, "/entities.csv")[1]
                if table(client, f"/entities/{e['id']}/{part}.csv")[1])


@pytest.mark.parametrize("part", ["quotes", "events"])
def test_entity_csvs_list_every_quote_and_event(csv_client, monkeypatch, part):
    from presstrace.web import corpus_pages
    eid = entity_with(csv_client, part)
    text = get(csv_client, f"/entities/{eid}").text
    count = int(re.search(rf'<h2 id="{part}">.*?<span class="meta">(\d+)</span>', text).group(1))
    _, rows = table(csv_client, f"/entities/{eid}/{part}.csv")
    assert len(rows) == count >= 1
    assert f"/entities/{eid}/{part}.csv" in csv_link(text)
    monkeypatch.setattr(corpus_pages, "PAGE", 1)  # a page of one: the first row is the CSV's
    first = get(csv_client, f"/entities/{eid}").text.split(f'<h2 id="{part}">')[1]
    assert linked(first, "/articles/")[0] == rows[0]["article_id"]
    if part == "quotes":
        assert all(not r["text"].startswith("-") for r in rows)
    get(csv_client, f"/entities/999999999/{part}.csv", 404)


def map_names(text):
    return re.findall(r'<a href="/timeline\?place=[^"]*"><bdi>([^<]*)</bdi>', text)


@pytest.mark.parametrize("query", ["", "min_confidence=0.0", "demonyms=1&min_confidence=0.0",
                                   "since=2024-05-07", "top=2"])
def test_map_csv_lists_the_places_drawn(csv_client, query):
    text = get(csv_client, f"/map?{query}").text
    header, rows = table(csv_client, f"/map.csv?{query}")
    assert header[:3] == ["name", "kind", "country"]
    assert [html.unescape(n) for n in map_names(text)] == [r["name"] for r in rows if r["kind"] != "demonym"] \
        + [r["name"] for r in rows if r["kind"] == "demonym"]
    # The page's link asks for the same places, the confidence it applied included.
    link = csv_link(text)[0]
    assert table(csv_client, link)[1] == rows


def test_timeline_and_edge_reports_csvs_list_the_pages_rows(csv_client):
    eid = entity_id(csv_client, "Synehubov")
    text = get(csv_client, f"/timeline?entity={eid}").text
    _, rows = table(csv_client, f"/timeline.csv?entity={eid}")
    assert [r["article_id"] for r in rows] == linked(text, "/articles/") != []
    assert csv_link(text) == [f"/timeline.csv?entity={eid}"]
    assert table(csv_client, "/timeline.csv")[1] == []  # no choice, no rows, as on the page
    edges = table(csv_client, "/network.csv?kind=quotes")[1] or table(csv_client, "/network.csv")[1]
    kind = "quotes" if "type" not in edges[0] else "actors"
    query = f"kind={kind}&source={edges[0]['source']}&target={edges[0]['target']}"
    query += f"&type={edges[0]['type']}" if kind == "actors" else ""
    page = get(csv_client, f"/network/reports?{query}").text
    _, reports = table(csv_client, f"/network/reports.csv?{query}")
    assert [r["article_id"] for r in reports] == linked(page, "/articles/") != []
    assert table(csv_client, csv_link(page)[0])[1] == reports


def test_sources_csv_has_its_header(csv_client):
    header, rows = table(csv_client, "/sources.csv")
    assert header[0] == "url" and rows == []  # this store fetched nothing


@pytest.mark.parametrize("url", ["/articles{}?since=May", "/entities{}?family=weapon",
                                 '/search{}?q=%22unclosed', "/map{}?min_confidence=2",
                                 "/map{}?top=0", "/timeline{}?entity=1&since=soon",
                                 "/network/reports{}?kind=actors&source=a&target=b",
                                 "/search{}?in=claims"])
def test_a_bad_filter_is_a_400_as_on_the_page(csv_client, url):
    assert get(csv_client, url.format(""), 400)
    assert get(csv_client, url.format(".csv"), 400)


def test_csv_answers_as_every_response_does(csv_client):
    res = get(csv_client, "/entities.csv?family=place")
    assert res.headers["content-disposition"] == 'attachment; filename="entities.csv"'
    assert res.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" in res.headers
    head = csv_client.head("/entities.csv?family=place")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == res.headers["content-length"]
    assert csv_client.get("/stories.csv", headers={"host": "evil.example"}).status_code == 400
    eid = entity_id(csv_client, "Synehubov")
    assert get(csv_client, f"/entities/{eid}/quotes.csv").headers["content-disposition"] == \
        f'attachment; filename="entity-{eid}-quotes.csv"'


def test_csv_download_in_the_browser(page, server):
    page.goto(f"{server}/articles?quotes=1")
    rows = page.locator("table.list tbody tr").count()
    with page.expect_download() as download:
        page.get_by_text("Download CSV").click()
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert download.value.suggested_filename == "articles.csv"
    assert lines[0] == "id,date,source,title,chars" and len(lines) == rows + 1
    assert page.errors == [] and page.dialogs == []
