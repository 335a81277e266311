"""Who may talk to the server: the Host header (DNS rebinding) and the origin of writes (CSRF).

Pure ASGI middlewares, added by `security.install_security`:

* `HostCheck`: a request whose Host is not a served name (with the served port) is
  answered 400. A hostile page whose own name was made to resolve to 127.0.0.1 (DNS
  rebinding) sends its own name as Host, so it never reads the store or posts a write.
  Starlette's TrustedHostMiddleware ignores the port and cuts `[::1]:8000` at the first
  colon, hence this one.
* `SameOrigin`: a write whose Origin, or without one its Referer, is not this server is
  answered 403. Browsers send Origin with every cross-origin POST (`null` from a page that
  hides its origin, which is refused too), so no other site can post a form here; a request
  with neither header comes from a program, not a browser, and CSRF needs a browser.
* `RelativeRedirects`: a redirect to the request's own host (Starlette's trailing-slash
  redirects, `/static` → `/static/`) is sent as a path, never repeating the Host header.
"""
from __future__ import annotations

from typing import Iterable, Optional
from urllib.parse import urlsplit

from .asgi import SAFE_METHODS, ASGIApp, Message, Receive, Scope, Send, header, is_loopback, send_error

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARDS = ("0.0.0.0", "::", "")


def served_names(host: str, configured: Iterable[str] = ()) -> frozenset[str]:
    """The loopback names, the address listened on (unless a wildcard) and the configured
    names, lowercased, IPv6 addresses in brackets as a Host header writes them."""
    names = {*LOOPBACK_NAMES, *(_bracketed(n) for n in configured)}
    if host not in WILDCARDS and not is_loopback(host):
        names.add(_bracketed(host))
    return frozenset(n.lower() for n in names)


def _bracketed(name: str) -> str:
    name = name.strip().lower()
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


def split_host(value: str) -> tuple[str, Optional[int]]:
    """`name:port` or `[v6]:port` as (name, port): port None when absent, -1 when malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value.partition("]")
        name, colon, port = name + "]", rest[:1], rest[1:]
        if rest and colon != ":":
            return value, -1
    else:
        name, colon, port = value.partition(":")
    if not colon:
        return name, None
    return name, int(port) if port.isascii() and port.isdigit() else -1


class HostCheck:
    """Answers 400 to a request whose Host header is not `name[:port]` of a served name."""

    def __init__(self, app: ASGIApp, names: frozenset[str], port: Optional[int]):
        """`port` None (an app built for another server, whose port it does not know):
        any port of a served name passes."""
        self.app = app
        self.names = names
        self.port = port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.allowed(header(scope, b"host") or ""):
            return await self.app(scope, receive, send)
        await send_error(send, 400, "bad_host", "this server does not answer to that Host header "
                         "(add the name to server.allowed_hosts to serve it)")

    def allowed(self, value: str) -> bool:
        name, port = split_host(value)
        if name not in self.names:
            return False
        if self.port is None:
            return port != -1
        return port == self.port or (port is None and self.port == 80)


class SameOrigin:
    """Answers 403 to a write that a browser sent from another origin."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS or self.same_origin(scope):
            return await self.app(scope, receive, send)
        await send_error(send, 403, "cross_origin", "a write must come from this server's own "
                         "pages (its Origin or Referer header names another site)")

    @staticmethod
    def same_origin(scope: Scope) -> bool:
        origin = header(scope, b"origin")
        if origin is None:
            origin = header(scope, b"referer")
            if origin is None:
                return True  # not a browser: no cross-site request to forge
        parts = urlsplit(origin.strip())
        here = header(scope, b"host") or ""
        return parts.scheme == scope.get("scheme", "http") and parts.netloc.lower() == here.strip().lower()


class RelativeRedirects:
    """Turns a Location header that names the request's own host into a path."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        host = (header(scope, b"host") or "").lower().encode("latin-1")

        async def send_relative(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [(k, _path_only(v, host) if k.lower() == b"location" else v)
                                                   for k, v in message.get("headers", [])]}
            await send(message)

        await self.app(scope, receive, send_relative)


def _path_only(location: bytes, host: bytes) -> bytes:
    parts = urlsplit(location)
    if parts.netloc.lower() != host:
        return location
    return parts._replace(scheme=b"", netloc=b"").geturl() or b"/"
