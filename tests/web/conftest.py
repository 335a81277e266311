"""Fixtures of the workbench tests: the web store, an in-process client, and a real server
and browser for the browser tests."""
from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "presstrace" / "samples"


def _edited_copy(store: Path, folder: Path, edits: list[tuple[str, tuple]]) -> Path:
    """A copy of `store` in `folder` with the (SQL, parameters) edits applied: a test
    store's rows made hostile or missing without touching the shared fixture."""
    from presstrace.store import db
    path = folder / "edited.db"
    shutil.copy(store, path)
    conn = db.open_store(path, create=False)
    with conn:
        for sql, params in edits:
            conn.execute(sql, params)
    conn.close()
    return path


@pytest.fixture(scope="session")
def edited_copy():
    """`_edited_copy`, for module fixtures that build a store of their own."""
    return _edited_copy

HOSTILE = {
    "id": "hostile-1", "date": "2025-03-15", "source": "<b>Evil & Co</b>",
    "title": "<img src=x onerror=alert('title')> Mayor quits",
    "url": "javascript:alert('url')",
    "text": ("Mayor Anna Kovalenko resigned in Lviv on Friday. \"<script>alert('quote')</script> "
             "I am leaving office,\" Kovalenko said. Officials said the council would meet on "
             "Monday <img src=x onerror=alert('text')>."),
}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, settings, write_jsonl, corpus_store):
    """A store for the workbench's tests: the seed article, four bundled press releases
    and one article whose title, outlet, URL and text carry HTML and script."""
    folder = tmp_path_factory.mktemp("web")
    with open(SAMPLES / "ua_ru_press_sample.jsonl", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in itertools.islice(lines, 4)]
    sample = write_jsonl(folder / "sample.jsonl", rows + [HOSTILE])
    path = folder / "web.db"
    return path, corpus_store(path, [SAMPLES / "seed.txt", sample], settings)


@pytest.fixture(scope="module")
def client(web_store, settings, app_client):
    """An in-process client of the app over the web store."""
    with app_client(web_store[0], settings) as c:
        yield c


@pytest.fixture(scope="module")
def ids(web_store):
    """Input id -> article id in the web store."""
    return web_store[1]


CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    """A TCP port free on the loopback interface now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_store, settings):
    """`presstrace serve`'s app over the web store on a free loopback port; its base URL."""
    port = free_port()
    import uvicorn

    from presstrace.api import create_app

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
    """Headless Chromium driven by Playwright; the tests skip without it (unless
    PRESSTRACE_BROWSER_REQUIRED is set: then they fail)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("PRESSTRACE_BROWSER_REQUIRED"):
            raise RuntimeError(f"browser tests need {CHROMIUM} (make test installs Debian's chromium)")
        pytest.skip(f"no {CHROMIUM}: run `make test`, which installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records console errors (CSP violations land there), dialogs
    (an alert() from article text would be one) and every address it asks for (the
    workbench needs no network: all of them are on 127.0.0.1); its screenshot is kept."""
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    pg.set_default_timeout(10_000)
    pg.errors, pg.dialogs, pg.requests = [], [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    pg.close()
