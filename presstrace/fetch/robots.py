"""robots.txt, fetched once per host and run, with urllib.robotparser.

A robots.txt that is missing (4xx) allows everything; one that cannot be fetched (5xx,
timeout, refused) disallows the whole host for the run, as RFC 9309 asks of an
unreachable file. Its Crawl-delay lengthens the host's delay.
"""
from __future__ import annotations

import logging
import threading
import urllib.robotparser
from typing import Callable, Optional
from urllib.parse import urlsplit

LOGGER = logging.getLogger(__name__)

MAX_ROBOTS_BYTES = 512_000


class Robots:
    """Answers whether a URL may be fetched, reading each host's robots.txt once."""

    def __init__(self, get: Callable[[str], tuple[int, bytes]], agent: str,
                 on_delay: Callable[[str, float], None]):
        """Args:
            get: fetches a URL without robots checks: (status, body), status 0 when unreachable.
            agent: the product token rules are matched against.
            on_delay: told a host's Crawl-delay.
        """
        self._get = get
        self.agent = agent
        self._on_delay = on_delay
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
        status, body = self._get(root + "/robots.txt")
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        if status == 0 or status >= 500:
            LOGGER.warning("%s/robots.txt unreachable (status %s): host skipped this run", root, status)
            return None
        text = body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace") if status == 200 else ""
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self.agent)
        if delay:
            self._on_delay(urlsplit(root).netloc, float(delay))
        return parser
