"""The workbench in a real browser: Debian's headless Chromium driven by Playwright, against
`presstrace serve`'s app on a loopback port. It opens the seed article, switches a layer
off, hovers a quote, follows a speaker to their entity page, opens a story and the map,
searches the entities index, draws attention over time, and checks that hostile markup
never runs. Screenshots go to test-artifacts/."""
from __future__ import annotations

import re


LOCAL = re.compile(r"^(http://127\.0\.0\.1:\d+/|data:|blob:)")


def clean(pg) -> None:
    """The page logged no error, opened no dialog and asked nothing of another host."""
    assert pg.errors == [], pg.errors
    assert pg.dialogs == [], pg.dialogs
    assert [url for url in pg.requests if not LOCAL.match(url)] == []


def test_pages_reader_toggles_a_layer(page, server, web_store):
    page.goto(f"{server}/articles/{web_store[1]['seed']}")
    quote = page.locator("#text .l-quotes.quote-direct").first
    shaded = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    assert shaded not in ("rgba(0, 0, 0, 0)", "transparent")
    page.locator("input[data-toggle=quotes]").uncheck()
    assert "off-quotes" in page.evaluate("document.body.className")
    assert quote.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.locator("input[data-toggle=quotes]").check()
    assert quote.evaluate("el => getComputedStyle(el).backgroundColor") == shaded
    clean(page)


def test_pages_hovering_a_quote_shows_its_speaker_and_cue(page, server, web_store):
    page.goto(f"{server}/articles/{web_store[1]['seed']}")
    tip = page.locator("#tip")
    assert tip.is_hidden()
    page.locator("#text .l-quotes.quote-direct").nth(0).hover()
    tip.wait_for(state="visible")
    assert "speaker: " in tip.inner_text() and "cue: " in tip.inner_text()
    page.mouse.move(5, 5)  # leaving the text hides it
    tip.wait_for(state="hidden")
    page.keyboard.press("Tab")  # and the keyboard reaches quotes too
    page.locator("#text [data-layer=quotes][tabindex]").first.focus()
    tip.wait_for(state="visible")
    clean(page)


def test_pages_clicking_a_speaker_opens_their_entity_page(page, server, web_store):
    page.goto(f"{server}/articles/{web_store[1]['seed']}")
    speaker = page.locator("#text a.speaker").first
    name = speaker.get_attribute("data-tip").removeprefix("speaker: ")
    speaker.click()
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    assert page.locator("h1").inner_text() == name
    assert page.locator("text=Quotes by").count() == 1
    clean(page)


def test_pages_story_page_lists_outlets(page, server, web_store):
    page.goto(f"{server}/stories")
    page.locator("table.list a").first.click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    assert page.locator("section.outlet").count() >= 1
    assert page.locator("section.outlet svg.sourcing").count() >= 1
    clean(page)


def test_pages_map_shows_markers_framed_on_the_places(page, server):
    page.goto(f"{server}/map")
    page.wait_for_selector("#map[data-ready=true][data-land]")  # Leaflet, the outlines read
    markers = page.locator("#map path.marker")
    assert markers.count() == len(page.evaluate("JSON.parse(document.getElementById('map-data').textContent).markers")) > 3
    assert int(page.locator("#map").get_attribute("data-land")) > 100  # country rings
    bounds = page.evaluate("(() => { const b = window.presstraceMap.getBounds(); return [b.getWest(), b.getEast()]; })()")
    assert bounds[1] - bounds[0] < 360  # zoomed in on where the articles are, not the whole world
    # A name that would cover a bigger one's is hidden, never drawn over it.
    shown = page.evaluate("""[...document.querySelectorAll('.leaflet-tooltip.label:not(.crowded)')]
                             .map(l => l.getBoundingClientRect())""")
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            assert not (a["left"] < b["right"] and b["left"] < a["right"] and
                        a["top"] < b["bottom"] and b["top"] < a["bottom"]), (a, b)
    clean(page)


def test_pages_hostile_article_never_runs_its_markup(page, server, web_store):
    page.goto(f"{server}/articles/{web_store[1]['hostile-1']}")
    assert "<img src=x onerror=alert('title')>" in page.locator("h1").inner_text()
    assert "<script>alert('quote')</script>" in page.locator("#text").inner_text()
    page.locator("#text .l-quotes").first.hover()
    page.goto(f"{server}/search?q=Kovalenko")
    assert page.locator("ol.results li").count() >= 1
    clean(page)


def test_pages_analyze_a_pasted_text(page, server):
    page.goto(f"{server}/analyze")
    page.fill("#text", "\"We will rebuild the bridge,\" Mayor Ivan Petrenko said in Kharkiv on Monday.")
    page.fill("#date", "2024-05-08")
    page.click("form.analyze button")
    page.wait_for_selector("#text .l-quotes")
    assert page.locator("#text a.speaker, #text span.speaker").count() == 1
    assert page.locator("#text .l-places").count() >= 1
    clean(page)


def test_pages_api_docs_work_offline(page, server):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{server}/docs")
    page.wait_for_selector("#swagger-ui .opblock", timeout=15_000)
    assert page.locator("#swagger-ui .opblock").count() > 5  # one block per endpoint
    assert all(url.startswith(server) or url.startswith("data:") for url in requested), requested
    clean(page)


def test_pages_entities_index_searches_and_opens_an_entity(page, server):
    page.goto(f"{server}/")
    page.locator("nav a", has_text="Entities").click()
    page.wait_for_url(re.compile(r"/entities$"))
    assert page.locator("table.list tbody tr").count() >= 1
    page.locator("form.filters input[name=q]").fill("Trump")
    page.locator("form.filters button").click()
    page.wait_for_url(re.compile(r"/entities\?.*q=Trump"))
    link = page.locator("table.list tbody a").first
    link.click()
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    assert "Trump" in page.locator("h1").inner_text()
    clean(page)


def test_pages_attention_draws_a_chart_with_its_csv(page, server):
    page.goto(f"{server}/attention?q=Putin")
    page.wait_for_selector("#attention-chart[data-ready=true] canvas")  # drawn by uPlot
    lines = page.locator("#attention-chart .u-legend .u-series").count() - 1  # less the x axis
    outlets = set(page.locator("table.list tbody td:nth-child(2)").all_inner_texts())
    assert lines == min(len(outlets), 10) >= 1  # a line per outlet, ten at most
    href = page.locator("a[href*='attention.csv']").first.get_attribute("href")
    assert href and "q=Putin" in href
    # The CSV link downloads the table's rows.
    with page.expect_download() as download:
        page.locator("a[href*='attention.csv']").first.click()
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0] == "period,outlet,articles,outlet_articles,share"
    assert len(lines) - 1 == page.locator("table.list tbody tr").count()
    clean(page)


def test_pages_entity_draws_mentions_by_month(page, server):
    page.goto(f"{server}/entities")
    page.locator("table.list tbody a").first.click()
    page.wait_for_selector("#months-chart[data-ready=true] canvas")
    assert page.locator("#months-chart .u-legend").count() == 1
    clean(page)


def test_pages_network_draws_its_nodes_and_an_edge_click_lists_the_reports(page, server):
    page.goto(f"{server}/network")
    page.wait_for_selector("#graph[data-ready=true]")
    drawn = page.evaluate("() => [window.presstraceGraph.nodes().length, window.presstraceGraph.edges().length]")
    rows = page.locator("table#edges tbody tr").count()
    assert drawn[1] == rows >= 1 and drawn[0] >= 2
    # A real click on the first edge's middle, where the canvas draws it.
    box = page.locator("#graph").bounding_box()
    mid = page.evaluate("() => window.presstraceGraph.edges()[0].renderedMidpoint()")
    page.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    page.wait_for_selector("#edge-list[data-loaded]")
    assert int(page.locator("#edge-list").get_attribute("data-loaded")) >= 1
    assert page.locator("#edge-list li a[href^='/articles/']").count() >= 1
    # The CSV link downloads the table's edges.
    with page.expect_download() as download:
        page.locator("a[href^='/network.csv']").click()
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0].startswith("source,source_name,target,target_name,type,weight") and len(lines) == rows + 1
    # The panel's "all reports" is the page the table links to, which works without scripts.
    more = page.locator("#edge-more").get_attribute("href")
    assert more == page.locator("table#edges tbody a").first.get_attribute("href")
    page.goto(server + more)
    assert page.locator("ol.reports li a[href^='/articles/']").count() >= 1
    clean(page)
