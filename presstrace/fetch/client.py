"""The polite HTTP client: one GET, with robots.txt, per-host politeness, timeouts,
retries with backoff, conditional headers, bounded redirects and size and type limits.

Built on urllib so the raw status line and headers are at hand for the WARC record.
Redirects are followed here, hop by hop, so each hop is checked (scheme, robots.txt).
"""
from __future__ import annotations

import email.utils
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional
from urllib.parse import urljoin, urlsplit

from .config import FetchConfig
from .politeness import HostGate
from .robots import MAX_ROBOTS_BYTES, Robots, RobotsCopy

LOGGER = logging.getLogger(__name__)

SCHEMES = ("http", "https")
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A URL that could not be fetched; `code` names why (the errors table's code)."""

    def __init__(self, code: str, message: str, status: int = 0):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status  # the HTTP status, where one came

    @property
    def transient(self) -> bool:
        """Whether trying again later may succeed (a timeout, a refused connection, a 429
        or a 5xx), as against a refusal that stands (robots.txt, a 404, a type or size)."""
        return self.code in ("timeout", "unreachable") or self.status == 429 or self.status >= 500


@dataclass
class Response:
    """A response as received: status 200 with a body, or 304 (unchanged, no body)."""
    url: str                        # the URL that answered (after redirects)
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes = b""
    fetched_at: str = ""            # UTC, ISO 8601
    redirects: list[str] = field(default_factory=list)

    def header(self, name: str) -> Optional[str]:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def content_type(self) -> str:
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # answered as an HTTPError, followed (and checked) by Client.get


class Client:
    """GETs URLs politely; thread-safe, one per run."""

    def __init__(self, config: FetchConfig, robots: Optional[dict[str, RobotsCopy]] = None):
        """Args:
            config: the `[fetch]` settings.
            robots: robots.txt copies of earlier runs by root URL (the store's).
        """
        self.config = config
        self.gate = HostGate(config.host_delay, config.host_concurrency)
        # A Crawl-delay is honoured, but capped: a hostile robots.txt must not stall a run.
        self.robots = Robots(self._robots_get, config.agent_token,
                             lambda host, seconds: self.gate.set_delay(host, min(seconds, config.max_wait)),
                             robots)
        self._opener = urllib.request.build_opener(_NoRedirect())

    def get(self, url: str, types: tuple[str, ...], etag: Optional[str] = None,
            last_modified: Optional[str] = None) -> Response:
        """The URL's response, following redirects.

        Args:
            url: an http or https URL.
            types: the content types accepted (config.PAGE_TYPES, LISTING_TYPES).
            etag, last_modified: the validators of an earlier response, sent as
                If-None-Match and If-Modified-Since; an unchanged resource answers 304.
        Raises:
            FetchError: disallowed by robots.txt, a bad scheme, too many redirects, an
                error status after the retries, a refused type or size, a timeout.
        """
        redirects: list[str] = []
        while True:
            _check_scheme(url)
            if not self.robots.allowed(url):
                raise FetchError("robots_disallowed", f"{url}: disallowed by robots.txt")
            response = self._attempts(url, etag, last_modified)
            if response.status not in REDIRECTS:
                break
            location = response.header("Location")
            if not location or len(redirects) >= self.config.max_redirects:
                raise FetchError("too_many_redirects" if location else "bad_redirect",
                                 f"{url}: redirect {'limit reached' if location else 'without Location'}")
            redirects.append(url)
            url = urljoin(url, location)
        response.redirects = redirects
        if response.status == 200 and response.content_type not in types:
            raise FetchError("bad_content_type", f"{url}: content type {response.content_type!r} "
                                                 f"is not one of {', '.join(types)}")
        return response

    def _attempts(self, url: str, etag: Optional[str], last_modified: Optional[str]) -> Response:
        """One request, tried again after 429, 5xx or a broken connection."""
        for attempt in range(self.config.retries + 1):
            last = attempt == self.config.retries
            try:
                response = self._once(url, etag, last_modified, self.config.max_bytes)
            except FetchError as exc:
                if last or exc.code not in ("timeout", "unreachable"):
                    raise
                self._defer(attempt, None, url, exc.code)
                continue
            if response.status in RETRY_STATUSES and not last:
                self._defer(attempt, response.header("Retry-After"), url, str(response.status))
                continue
            if response.status in (200, 304) or response.status in REDIRECTS:
                return response
            raise FetchError("http_error", f"{url}: HTTP {response.status} {response.reason}",
                             response.status)
        raise AssertionError("unreachable")

    def _defer(self, attempt: int, retry_after: Optional[str], url: str, why: str) -> None:
        """Hold the URL's host for the server's Retry-After, else the backoff; the next try
        waits for it at the host's gate, as does every other request to that host."""
        wait = _retry_after(retry_after)
        if wait is None:
            wait = self.config.backoff * 2 ** attempt
        wait = min(wait, self.config.max_wait)
        LOGGER.info("%s: %s, trying again in %.1f s", url, why, wait)
        self.gate.hold(urlsplit(url).netloc, wait)

    def _once(self, url: str, etag: Optional[str], last_modified: Optional[str],
              max_bytes: int) -> Response:
        headers = {"User-Agent": self.config.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        with self.gate.request(urlsplit(url).netloc):
            fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            try:
                answer = self._opener.open(request, timeout=self.config.timeout)
            except urllib.error.HTTPError as exc:  # every status but 2xx lands here
                answer = exc
            except (urllib.error.URLError, OSError, ValueError) as exc:
                raise _transport_error(url, exc) from exc
            with answer:
                status = answer.status if hasattr(answer, "status") else answer.code
                body = self._read(answer, url, max_bytes) if status == 200 else b""
                return Response(url, status, str(answer.reason or ""),
                                list(answer.headers.items()), body, fetched_at)

    def _read(self, answer, url: str, max_bytes: int) -> bytes:
        """The body, refused past `max_bytes` or once it takes 4 timeouts in all (a server
        trickling bytes would otherwise hold a worker for ever)."""
        declared = answer.headers.get("Content-Length")
        if declared and declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError("too_large", f"{url}: {declared} bytes declared, over {max_bytes}")
        deadline = time.monotonic() + 4 * self.config.timeout
        chunks, size = [], 0
        try:
            while chunk := answer.read(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError("too_large", f"{url}: body over {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise FetchError("timeout", f"{url}: body not read within {4 * self.config.timeout:g} s")
        except (OSError, ValueError) as exc:
            raise _transport_error(url, exc) from exc
        return b"".join(chunks)

    def _robots_get(self, url: str, etag: Optional[str], last_modified: Optional[str]
                    ) -> tuple[int, bytes, Optional[str], Optional[str]]:
        """robots.txt itself: no robots check, one redirect hop at most, never an exception;
        (status, body, ETag, Last-Modified), status 0 when unreachable."""
        try:
            response = self._attempts(url, etag, last_modified)
            if response.status in REDIRECTS and response.header("Location"):
                target = urljoin(url, response.header("Location"))
                _check_scheme(target)
                response = self._attempts(target, etag, last_modified)
        except FetchError as exc:
            return ((404 if 400 <= exc.status < 500 else 0), b"", None, None)
        return (response.status, response.body[:MAX_ROBOTS_BYTES], response.header("ETag"),
                response.header("Last-Modified"))


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise FetchError("bad_url", f"{url[:200]}: only http and https URLs with a host are fetched")


def _transport_error(url: str, exc: Exception) -> FetchError:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return FetchError("timeout", f"{url}: timed out")
    return FetchError("unreachable", f"{url}: {reason}")


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After as seconds (a number or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
