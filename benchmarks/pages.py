"""Page load times of the workbench on a real store: server time (the HTML response,
measured by an HTTP client) and time to render in headless Chromium (navigation start to
the load event), for the article reader, the story page and the other pages.

    python benchmarks/pages.py --db ukraine.db          # a store made by `presstrace ingest`

Build the store first, e.g.
    presstrace ingest --db /tmp/ua.db -j2 ../shared/corpus/ukraine_media_dev.jsonl
"""
from __future__ import annotations

import argparse
import platform
import socket
import sqlite3
import statistics
import threading
import time

import httpx
import uvicorn

from presstrace.api import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def pages(db: str, n: int) -> dict[str, list[str]]:
    """Paths to time, by page kind: the longest articles and the largest stories (the
    slowest cases), the most named person."""
    conn = sqlite3.connect(db)
    articles = [r[0] for r in conn.execute("SELECT id FROM articles WHERE status = 'analysed' "
                                           "ORDER BY chars DESC LIMIT ?", (n,))]
    stories = [r[0] for r in conn.execute("SELECT story_id FROM story_articles GROUP BY story_id "
                                          "ORDER BY count(*) DESC LIMIT ?", (n,))]
    person = conn.execute("SELECT id FROM corpus_entities WHERE family = 'person' "
                          "ORDER BY articles DESC LIMIT 1").fetchone()[0]
    conn.close()
    return {"reader (longest articles)": [f"/articles/{i}" for i in articles],
            "story (largest stories)": [f"/stories/{i}" for i in stories],
            "entity (most named person)": [f"/entities/{person}"],
            "home": ["/"], "map": ["/map"], "network": ["/network"],
            "timeline (most named person)": [f"/timeline?entity={person}"]}


def serve(db: str) -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def server_ms(client: httpx.Client, url: str, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        res = client.get(url)
        res.raise_for_status()
        out.append((time.perf_counter() - start) * 1000)
    return out


def browser_ms(page, url: str, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        page.goto(url, wait_until="load")
        out.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("-n", type=int, default=5, help="articles and stories to time")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    base, server = serve(args.db)
    print(f"# workbench page loads · {platform.node()} · {args.db} · median of each page's "
          f"{args.repeat} loads, then median/max over pages")
    print("| page | pages | server ms median | server ms max | browser ms median | browser ms max |")
    print("|---|---|---|---|---|---|")
    with httpx.Client(timeout=60) as client, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for kind, paths in pages(args.db, args.n).items():
            srv = [statistics.median(server_ms(client, base + path, args.repeat)) for path in paths]
            brw = [statistics.median(browser_ms(page, base + path, args.repeat)) for path in paths]
            print(f"| {kind} | {len(paths)} | {statistics.median(srv):.0f} | {max(srv):.0f} | "
                  f"{statistics.median(brw):.0f} | {max(brw):.0f} |")
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
