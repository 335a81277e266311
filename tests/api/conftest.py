"""Fixtures of the API tests. A test module declares its articles (`ARTICLES`) and, for the
security tests, its body limit (`LIMIT`); the store and the app are built from them."""
from __future__ import annotations

import json
import threading
import time

import pytest

from presstrace.corpus.events import update_merged_events
from presstrace.corpus.stories import update_stories
from presstrace.runners import ingest
from presstrace.store import db


@pytest.fixture(scope="module")
def api_store(request, tmp_path_factory, settings, corpus_store, write_jsonl):
    """(path, input id -> article id) of a store of the module's ARTICLES, corpus views
    up to date."""
    folder = tmp_path_factory.mktemp("api")
    path = folder / "api.db"
    ids = corpus_store(path, [write_jsonl(folder / "articles.jsonl", request.module.ARTICLES)], settings)
    return path, ids


@pytest.fixture(scope="module")
def api_client(api_store, settings, app_client):
    """A test client of the app over `api_store`."""
    with app_client(api_store[0], settings) as c:
        yield c


@pytest.fixture(scope="module")
def ids(api_store):
    """Input id -> article id in `api_store`."""
    return api_store[1]


@pytest.fixture(scope="module")
def security_store(request, tmp_path_factory, settings):
    """A store of the module's ARTICLES (dicts) with stories and merged events."""
    folder = tmp_path_factory.mktemp("security")
    corpus = folder / "a.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in request.module.ARTICLES), encoding="utf-8")
    path = folder / "s.db"
    ingest([str(corpus)], path, settings, n_process=1)
    conn = db.open_store(path, create=False)
    update_stories(conn)
    update_merged_events(conn)
    conn.close()
    return path


@pytest.fixture(scope="module")
def small(request, settings):
    """Settings with the module's request body limit (`LIMIT` bytes)."""
    return settings.with_overrides({"server": {"max_body_bytes": request.module.LIMIT}})


@pytest.fixture(scope="module")
def security_client(security_store, small, app_client):
    """A test client of the app over `security_store`, with the small body limit."""
    with app_client(security_store, small) as c:
        yield c


@pytest.fixture(scope="module")
def live_server(security_store, small):
    """uvicorn on a free loopback port, in a thread; yields (host, port)."""
    import uvicorn

    from presstrace.api import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(security_store, small), host="127.0.0.1", port=0,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not (server.started and server.servers) and time.monotonic() < deadline:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield "127.0.0.1", port
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def views_client(views_store, settings, app_client):
    """A test client of the app over the invented views store."""
    pytest.importorskip("fastapi")
    with app_client(views_store, settings) as c:
        yield c
