"""The workbench in a real browser: Debian's headless Chromium driven by Playwright, against
`presstrace serve`'s app on a loopback port. It opens the seed article, switches a layer
off, hovers a quote, follows a speaker to their entity page, opens a story and the map,
and checks that hostile markup never runs. Screenshots go to test-artifacts/."""
from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from presstrace.api import create_app

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM):
    if os.environ.get("PRESSTRACE_BROWSER_REQUIRED"):
        raise RuntimeError(f"browser tests need {CHROMIUM} (make test installs Debian's chromium)")
    pytest.skip(f"no {CHROMIUM}: run `make test`, which installs it", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_store, settings):
    port = free_port()
    config = uvicorn.Config(create_app(web_store[0], settings), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records console errors (CSP violations land there) and dialogs
    (an alert() from article text would be one); its screenshot is kept."""
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    pg.set_default_timeout(10_000)
    pg.errors, pg.dialogs = [], []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    pg.close()


def clean(pg) -> None:
    assert pg.errors == [], pg.errors
    assert pg.dialogs == [], pg.dialogs


def test_reader_toggles_a_layer(page, server, web_store):
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


def test_hovering_a_quote_shows_its_speaker_and_cue(page, server, web_store):
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


def test_clicking_a_speaker_opens_their_entity_page(page, server, web_store):
    page.goto(f"{server}/articles/{web_store[1]['seed']}")
    speaker = page.locator("#text a.speaker").first
    name = speaker.get_attribute("data-tip").removeprefix("speaker: ")
    speaker.click()
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    assert page.locator("h1").inner_text() == name
    assert page.locator("text=Quotes by").count() == 1
    clean(page)


def test_story_page_lists_outlets(page, server, web_store):
    page.goto(f"{server}/stories")
    page.locator("table.list a").first.click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    assert page.locator("section.outlet").count() >= 1
    assert page.locator("section.outlet svg.sourcing").count() >= 1
    clean(page)


def test_map_shows_markers_framed_on_the_places(page, server):
    page.goto(f"{server}/map")
    markers = page.locator("svg#map circle.marker")
    assert markers.count() > 3
    box = [float(x) for x in page.locator("svg#map").get_attribute("viewBox").split()]
    assert box[2] < 360  # zoomed in on where the articles are, not the whole world
    assert page.locator("svg#map path.land").get_attribute("d").startswith("M")
    clean(page)


def test_hostile_article_never_runs_its_markup(page, server, web_store):
    page.goto(f"{server}/articles/{web_store[1]['hostile-1']}")
    assert "<img src=x onerror=alert('title')>" in page.locator("h1").inner_text()
    assert "<script>alert('quote')</script>" in page.locator("#text").inner_text()
    page.locator("#text .l-quotes").first.hover()
    page.goto(f"{server}/search?q=Kovalenko")
    assert page.locator("ol.results li").count() >= 1
    clean(page)


def test_analyze_a_pasted_text(page, server):
    page.goto(f"{server}/analyze")
    page.fill("#text", "\"We will rebuild the bridge,\" Mayor Ivan Petrenko said in Kharkiv on Monday.")
    page.fill("#date", "2024-05-08")
    page.click("form.analyze button")
    page.wait_for_selector("#text .l-quotes")
    assert page.locator("#text a.speaker, #text span.speaker").count() == 1
    assert page.locator("#text .l-places").count() >= 1
    clean(page)


def test_api_docs_work_offline(page, server):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{server}/docs")
    page.wait_for_selector("#swagger-ui .opblock", timeout=15_000)
    assert page.locator("#swagger-ui .opblock").count() > 5  # one block per endpoint
    assert all(url.startswith(server) or url.startswith("data:") for url in requested), requested
    clean(page)
