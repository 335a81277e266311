"""The workbench's HTML pages, in process: each page answers, shows what the store holds,
escapes every untrusted string (article text, titles, outlets, names, URL parameters) and
sends its security headers; unknown ids and bad parameters get an HTML error page."""
from __future__ import annotations

import html as html_lib
import re

import pytest
from hypothesis import given, settings, strategies as st

from presstrace.web import highlight

RAW_MARKUP = re.compile(r"<script>alert|<img src=x|<b>Evil")


def html(client, url, status=200):
    res = client.get(url)
    assert res.status_code == status, (url, res.text[:500])
    assert res.headers["content-type"].startswith("text/html")
    return res.text


def test_pages_home_shows_corpus_figures_and_lists(client):
    page = html(client, "/")
    assert re.search(r"<strong>6</strong> articles", page)
    assert "Most quoted people" in page and "Recent stories" in page
    assert re.search(r'href="/entities/\d+"', page)  # someone is quoted in the sample


def test_pages_article_list_pages_and_links_every_article(client, ids):
    page = html(client, "/articles")
    for article_id in ids.values():
        assert f'href="/articles/{article_id}"' in page


def test_pages_reader_highlights_every_layer_in_place(client, ids):
    page = html(client, f"/articles/{ids['seed']}")
    for layer in highlight.LAYERS:
        assert f'data-toggle="{layer}"' in page
    # the seed's dash attribution: its speaker is a link to the entity's page
    assert re.search(r'<a class="hl l-quotes speaker" data-layer="quotes" data-tip="speaker: '
                     r'[^"]*Trump" href="/entities/\d+">(<[^>]+>)*Trump<', page)
    assert 'data-tip="DATE 2025-03-14"' in page  # "Friday" normalised against the article date
    # taking the markup away gives back the article's text, character for character
    text = re.sub(r"<[^>]+>", "", page.split('id="text" aria-label="Article text">')[1].split("</article>")[0])
    assert text.startswith("President Trump has revealed Friday")


def test_highlight_render_keeps_text_and_escapes_everything():
    text = 'A <b>"bold"</b> & Kyiv'
    spans = [highlight.Span(0, 11, "quotes", 'tip "with" <quotes>', focus=True),
             highlight.Span(4, 20, "places", "place", href="/entities/1?a=<x>"),
             highlight.Span(6, 8, "entities", "inner", href="/entities/2")]
    out = str(highlight.render(text, spans))
    assert set(re.findall(r"<(\w+)", out)) == {"span", "a"}  # the text's own tags are text
    assert 'data-tip="tip &#34;with&#34; &lt;quotes&gt;"' in out
    assert 'href="/entities/1?a=&lt;x&gt;"' in out
    assert out.count("<a ") == out.count("</a>")
    assert "<a " not in out.split('href="/entities/1?a=&lt;x&gt;"')[1].split("</a>")[0]  # no nested links
    plain = re.sub(r"<[^>]+>", "", out).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#34;", '"')
    assert plain == text


@pytest.mark.parametrize("path", ["/", "/articles", "/stories", "/search?q=Kovalenko",
                                  "/search?q=script&in=quotes"])
def test_pages_escape_hostile_strings(client, path):
    page = html(client, path)
    assert not RAW_MARKUP.search(page)


def test_pages_hostile_article_is_shown_escaped(client, ids):
    page = html(client, f"/articles/{ids['hostile-1']}")
    assert not RAW_MARKUP.search(page)
    assert "&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in page
    assert "javascript:" not in page  # a script URL is never made a link


def test_pages_url_parameters_are_escaped(client):
    res = client.get("/search?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E")
    assert res.status_code == 400  # not a valid search expression: said on the page
    assert "<script>alert(1)" not in res.text
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in res.text


def test_pages_send_the_content_security_policy(client):
    res = client.get("/")
    policy = res.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("path,status", [("/articles/999999", 404), ("/articles/abc", 400),
                                         ("/no/such/page", 404), ("/entities/0", 404),
                                         ("/stories/0", 404)])
def test_pages_errors_are_html_pages(client, path, status):
    page = html(client, path, status)
    assert f"<h1>{status}</h1>" in page


def test_pages_explain_a_bad_search_expression(client):
    page = html(client, "/search?q=%22unclosed", 400)
    assert 'class="error"' in page and "bad search expression" in page


def test_pages_leave_api_errors_json(client):
    res = client.get("/api/articles/999999")
    assert res.status_code == 404 and res.json()["error"]["code"] == "not_found"


def test_pages_analyze_page_annotates_a_pasted_text(client):
    res = client.post("/analyze", data={"text": "\"We will rebuild,\" Mayor Ivan Petrenko said in "
                                                "Kharkiv on Monday.", "date": "2024-05-08"})
    assert res.status_code == 200
    assert 'data-tip="DATE 2024-05-06"' in res.text
    assert "speaker: Ivan Petrenko" in res.text


def test_pages_analyze_page_refuses_an_empty_text(client):
    res = client.post("/analyze", data={"text": "   "})
    assert res.status_code == 400 and "could not be analysed" in res.text


def test_pages_static_files_ship_with_the_package(client):
    assert client.get("/static/app.js").status_code == 200
    outlines = client.get("/static/countries.json").json()
    assert len(outlines["countries"]) > 150


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet=st.sampled_from('ab <>&"\'\n\u00e9\U0001f600'), max_size=60))
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, max(n - 1, 0)))
        end = draw(st.integers(start, n))
        spans.append(highlight.Span(start, end, draw(st.sampled_from(highlight.LAYERS)),
                                    draw(st.text(max_size=8)),
                                    href=draw(st.sampled_from([None, "/entities/1"]))))
    return text, spans


@given(text_and_spans())
@settings(max_examples=200, deadline=None)
def test_highlight_render_property_text_survives_and_tags_balance(case):
    text, spans = case
    out = str(highlight.render(text, [s for s in spans if s.start < s.end]))
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert out.count("<span") == out.count("</span>") and out.count("<a ") == out.count("</a>")
    depth = 0
    for tag in re.findall(r"<(/?)a[ >]", out):  # links never nest
        depth += 1 if not tag else -1
        assert depth in (0, 1)


def test_corpus_pages_escape_hostile_outlets_and_titles(client, web_store):
    import sqlite3

    conn = sqlite3.connect(web_store[0])
    article = web_store[1]["hostile-1"]
    story = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article,)).fetchone()[0]
    person = conn.execute("SELECT l.corpus_entity_id FROM corpus_entity_links l JOIN entities e "
                          "ON e.id = l.entity_id WHERE e.article_id = ? AND e.label = 'PERSON'",
                          (article,)).fetchone()[0]
    conn.close()
    for path in (f"/stories/{story}", f"/entities/{person}", f"/timeline?entity={person}",
                 f"/timeline?story={story}", "/map", "/network", "/network?kind=quotes",
                 "/timeline?entity=%3Cscript%3Ealert(1)%3C/script%3E"):
        res = client.get(path)
        assert res.status_code in (200, 400), (path, res.status_code)
        assert not RAW_MARKUP.search(res.text), path
        assert "<script>alert(1)" not in res.text, path
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in client.get(f"/stories/{story}").text


def test_network_labels_that_collide_are_told_apart_without_internal_ids():
    from presstrace.web.network_page import distinct_labels
    nodes = [{"id": "c7", "label": "Russian", "role": "RUS-GOV", "weight": 2},
             {"id": "RUS-MIL", "label": "Russian", "role": "RUS-MIL", "weight": 1},
             {"id": "c9", "label": "Kyiv", "role": None, "weight": 1}]
    labels = sorted(n["label"] for n in distinct_labels(nodes))
    assert labels == ["Kyiv", "Russian (RUS-GOV)", "Russian (RUS-MIL)"]
    assert not any("c7" in label or "c9" in label for label in labels)
