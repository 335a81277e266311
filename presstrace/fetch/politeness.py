"""Per-host politeness: a minimum delay between request starts and a concurrency cap."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator


class HostGate:
    """Lets a request to a host start only when the host's delay has passed and fewer than
    `per_host` of its requests are running. Thread-safe; one gate per run."""

    def __init__(self, delay: float, per_host: int):
        self.delay = delay
        self.per_host = per_host
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        """A longer delay for one host (its robots.txt Crawl-delay); never a shorter one."""
        with self._lock:
            self._delays[host] = max(self.delay, seconds)

    def hold(self, host: str, seconds: float) -> None:
        """No request to the host starts for `seconds` (a 429, a 5xx or a Retry-After is the
        host's answer to all of presstrace's requests, not only to the one that got it)."""
        with self._lock:
            now = time.monotonic()
            self._next[host] = max(self._next.get(host, now), now + seconds)

    @contextmanager
    def request(self, host: str) -> Iterator[None]:
        """Hold one of the host's slots, started no sooner than its delay allows."""
        with self._lock:
            slot = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with slot:
            self._wait_turn(host)
            yield

    def _wait_turn(self, host: str) -> None:
        # Reserve the next start time under the lock, then sleep outside it, so other
        # hosts are never held up by this one.
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self._delays.get(host, self.delay)
        if start > now:
            time.sleep(start - now)
