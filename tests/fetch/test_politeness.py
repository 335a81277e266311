"""The polite client against the test server on 127.0.0.1: retries with backoff and
Retry-After on 429 and 5xx, robots.txt, and the per-host delay and concurrency cap."""
from __future__ import annotations

import email.utils
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from presstrace.fetch.client import Client, FetchError, _retry_after
from presstrace.fetch.config import PAGE_TYPES, FetchConfig


def client_for(settings, **fetch) -> Client:
    return Client(FetchConfig.from_settings(settings.with_overrides({"fetch": fetch})))


def wait_for(predicate, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "the server never saw the request"
        time.sleep(0.01)


def gaps(starts: list[float]) -> list[float]:
    return [b - a for a, b in zip(starts, starts[1:])]


def test_client_retry_after_holds_the_host_and_only_that_host(site, fast_settings):
    base, state = site
    state.scripted["/news/11.html"] = [(429, {"Retry-After": "1"})]
    client = client_for(fast_settings)
    with ThreadPoolExecutor(3) as pool:
        first = pool.submit(client.get, f"{base}/news/11.html", PAGE_TYPES)
        wait_for(lambda: state.starts("/news/11.html"))
        asked = time.monotonic()
        same_host = pool.submit(client.get, f"{base}/news/12.html", PAGE_TYPES)
        other_host = pool.submit(client.get, base.replace("127.0.0.1", "localhost") + "/news/13.html",
                                 PAGE_TYPES)
        assert {first.result().status, same_host.result().status, other_host.result().status} == {200}
    refused, retried = state.starts("/news/11.html")
    assert retried - refused >= 0.95
    assert state.starts("/news/12.html")[0] - refused >= 0.95  # the whole host waited
    assert state.starts("/news/13.html")[0] - asked < 0.9      # another host did not


def test_client_backs_off_doubling_after_503_then_gives_up(site, fast_settings):
    base, state = site
    state.scripted["/news/14.html"] = [(503, {}), (503, {})]
    client = client_for(fast_settings, backoff_seconds=0.2, retries=2)
    assert client.get(f"{base}/news/14.html", PAGE_TYPES).status == 200
    first, second = gaps(state.starts("/news/14.html"))
    assert 0.19 <= first < 0.39 and second >= 0.39

    state.scripted["/news/15.html"] = [(503, {})] * 3
    with pytest.raises(FetchError) as caught:
        client.get(f"{base}/news/15.html", PAGE_TYPES)
    assert (caught.value.code, caught.value.status) == ("http_error", 503)
    assert len(state.starts("/news/15.html")) == 3


def test_client_retry_after_is_capped_by_max_wait(site, fast_settings):
    base, state = site
    state.scripted["/news/16.html"] = [(429, {"Retry-After": "3600"})]
    client = client_for(fast_settings, max_wait_seconds=0.3)
    assert client.get(f"{base}/news/16.html", PAGE_TYPES).status == 200
    [waited] = gaps(state.starts("/news/16.html"))
    assert 0.29 <= waited < 2


def http_date(seconds: float) -> str:
    return email.utils.format_datetime(datetime.now(timezone.utc) + timedelta(seconds=seconds),
                                       usegmt=True)


@pytest.mark.parametrize("value, low, high", [
    ("120", 120, 120), (" 7 ", 7, 7), (30.0, 28, 30), (-30.0, 0, 0),  # a float: a date so far ahead
    ("", None, None), ("soon", None, None), ("-5", None, None), ("Mon, 01 Apr 2024 10:00:00 -0000", None, None),
])
def test_retry_after_reads_seconds_and_dates(value, low, high):
    wait = _retry_after(http_date(value) if isinstance(value, float) else value)
    assert wait == low if low is None else low <= wait <= high


def test_robots_disallow_is_honoured_on_redirect_hops_too(site, fast_settings):
    base, state = site
    client = client_for(fast_settings)
    for path in ("/private/9.html", "/into-private.html"):
        with pytest.raises(FetchError) as caught:
            client.get(base + path, PAGE_TYPES)
        assert caught.value.code == "robots_disallowed"
    assert not state.starts("/private/9.html")


def test_robots_rules_for_presstrace_are_matched_by_its_product_token(site, fast_settings):
    base, state = site
    state.robots = (200, b"User-agent: *\nAllow: /\n\nUser-agent: presstrace\nDisallow: /news/\n")
    with pytest.raises(FetchError):
        client_for(fast_settings).get(f"{base}/news/1.html", PAGE_TYPES)
    other = client_for(fast_settings, user_agent="otherbot/2.0 (+https://example.org)")
    assert other.get(f"{base}/news/1.html", PAGE_TYPES).status == 200


@pytest.mark.parametrize("robots, allowed", [((404, b""), True), ((503, b""), False), ((500, b""), False)])
def test_robots_missing_allows_unreachable_skips_the_host(site, fast_settings, robots, allowed):
    base, state = site
    state.robots = robots
    client = client_for(fast_settings, retries=0)
    if allowed:
        assert client.get(f"{base}/news/1.html", PAGE_TYPES).status == 200
    else:
        with pytest.raises(FetchError) as caught:
            client.get(f"{base}/news/1.html", PAGE_TYPES)
        assert caught.value.code == "robots_disallowed" and not state.starts("/news/1.html")


def test_robots_read_once_per_host_however_many_threads_ask(site, fast_settings):
    base, state = site
    client = client_for(fast_settings)
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda n: client.get(f"{base}/news/{n}.html", PAGE_TYPES), range(20, 26)))
    assert len(state.starts("/robots.txt")) == 1


@pytest.mark.parametrize("crawl_delay, max_wait, low, high", [(1, 60, 0.99, 1.5), (100, 0.3, 0.29, 0.9)])
def test_robots_crawl_delay_spaces_requests_up_to_max_wait(site, fast_settings, crawl_delay, max_wait,
                                                           low, high):
    base, state = site
    state.robots = (200, f"User-agent: *\nCrawl-delay: {crawl_delay}\n".encode())
    client = client_for(fast_settings, max_wait_seconds=max_wait)
    for n in (30, 31):
        client.get(f"{base}/news/{n}.html", PAGE_TYPES)
    starts = state.starts("/news/30.html") + state.starts("/news/31.html")
    assert low <= gaps(starts)[0] < high


def test_host_delay_spaces_concurrent_requests(site, fast_settings):
    base, state = site
    client = client_for(fast_settings, host_delay_seconds=0.3, host_concurrency=4)
    with ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda n: client.get(f"{base}/news/{n}.html", PAGE_TYPES), (40, 41, 42)))
    starts = sorted(start for path, start in state.begun if path.startswith("/news/"))
    assert len(starts) == 3 and all(gap >= 0.29 for gap in gaps(starts))


@pytest.mark.parametrize("cap", [1, 2])
def test_host_concurrency_caps_requests_at_once(site, fast_settings, cap):
    base, state = site
    state.slow.update({f"/news/{n}.html": 0.2 for n in range(50, 55)})
    client = client_for(fast_settings, host_concurrency=cap)
    client.get(f"{base}/robots.txt", ("text/plain",))  # robots.txt read before the pages race
    with ThreadPoolExecutor(5) as pool:
        list(pool.map(lambda n: client.get(f"{base}/news/{n}.html", PAGE_TYPES), range(50, 55)))
    assert state.most_running == cap
