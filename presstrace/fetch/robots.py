"""robots.txt, fetched once per host and run, with urllib.robotparser.

A robots.txt that is missing (4xx) allows everything; one that cannot be fetched (5xx,
timeout, refused) disallows the whole host for the run, as RFC 9309 asks of an
unreachable file. Its Crawl-delay lengthens the host's delay.

Copies kept from earlier runs (the store's `robots` table) are used without a request for
24 hours, as RFC 9309 allows, then asked for again conditionally: a watched source does not
cost a robots.txt request every round, and a second run makes only conditional requests.
"""
from __future__ import annotations

import dataclasses
import logging
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import urlsplit

LOGGER = logging.getLogger(__name__)

MAX_ROBOTS_BYTES = 512_000
MAX_AGE_SECONDS = 24 * 3600  # RFC 9309 section 2.4: a cached copy for 24 hours at most


@dataclass(frozen=True)
class RobotsCopy:
    """A host's robots.txt as last received: status 200 with its body, or a 4xx (none)."""
    status: int
    body: bytes
    etag: Optional[str]
    last_modified: Optional[str]
    fetched_at: float  # seconds since the epoch


# (url, etag, last modified) -> (status, body, etag, last modified); status 0 when unreachable.
Getter = Callable[[str, Optional[str], Optional[str]], tuple[int, bytes, Optional[str], Optional[str]]]


class Robots:
    """Answers whether a URL may be fetched, reading each host's robots.txt once."""

    def __init__(self, get: Getter, agent: str, on_delay: Callable[[str, float], None],
                 copies: Optional[dict[str, RobotsCopy]] = None):
        """Args:
            get: fetches a URL without robots checks, conditionally when given validators.
            agent: the product token rules are matched against.
            on_delay: told a host's Crawl-delay.
            copies: robots.txt copies of earlier runs by root URL (scheme://host).
        """
        self._get = get
        self.agent = agent
        self._on_delay = on_delay
        self.copies = dict(copies or {})
        self.renewed: set[str] = set()   # roots whose copy this run fetched or revalidated
        self._parsers: dict[str, Optional[urllib.robotparser.RobotFileParser]] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets presstrace fetch the URL."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        parser = self._parser(root)
        return parser is not None and parser.can_fetch(self.agent, url)

    def _parser(self, root: str) -> Optional[urllib.robotparser.RobotFileParser]:
        with self._lock:
            host_lock = self._host_locks.setdefault(root, threading.Lock())
        with host_lock:  # one fetch of robots.txt per host, however many threads ask
            if root not in self._parsers:
                self._parsers[root] = self._read(root)
            return self._parsers[root]

    def _read(self, root: str) -> Optional[urllib.robotparser.RobotFileParser]:
        copy = self.copies.get(root)
        if copy is None or time.time() - copy.fetched_at >= MAX_AGE_SECONDS:
            copy = self._renew(root, copy)
        if copy is None:
            LOGGER.warning("%s/robots.txt unreachable: host skipped this run", root)
            return None
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        text = copy.body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace") if copy.status == 200 else ""
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self.agent)
        if delay:
            self._on_delay(urlsplit(root).netloc, float(delay))
        return parser

    def _renew(self, root: str, old: Optional[RobotsCopy]) -> Optional[RobotsCopy]:
        """robots.txt asked for (conditionally when there is an old copy); None when unreachable."""
        status, body, etag, modified = self._get(root + "/robots.txt", old and old.etag,
                                                 old and old.last_modified)
        if status == 304 and old is not None:
            fresh = dataclasses.replace(old, fetched_at=time.time())
        elif status in (0, 304) or status >= 500:
            return None
        else:
            fresh = RobotsCopy(status, body[:MAX_ROBOTS_BYTES] if status == 200 else b"", etag, modified,
                               time.time())
        self.copies[root] = fresh
        self.renewed.add(root)
        return fresh
