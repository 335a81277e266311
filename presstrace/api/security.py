"""Server security: response headers, a request body limit and a token for writes.

`install_security(app, settings, host=..., token=...)` adds pure ASGI middlewares (those
of `origin.py`: the Host check and same-origin writes, then these):

* `SecurityHeaders`: a Content-Security-Policy that allows only same-origin scripts and
  styles (no inline script) and no framing, plus nosniff, Referrer-Policy and
  X-Frame-Options, on every response, error answers included.
* `WriteGuard`: a request that is not GET/HEAD/OPTIONS needs `Authorization: Bearer
  <token>` when a token is set; bound beyond loopback without a token, writes are refused
  (403), so an open `--host 0.0.0.0` never lets strangers spend our CPU on analyses.
* `BodyLimit`: a body over `server.max_body_bytes` is answered 413. The declared
  Content-Length is checked first, and the bytes are counted as they arrive too, because a
  chunked body has no Content-Length.

Pure ASGI rather than Starlette's BaseHTTPMiddleware: it can wrap `receive` to count the
body as it streams, and it does not buffer responses.
"""
from __future__ import annotations

import hmac
from typing import Optional

from fastapi import FastAPI

from ..errors import SettingsError
from ..settings import Settings
from .asgi import SAFE_METHODS, ASGIApp, Message, Receive, Scope, Send, header, is_loopback, send_error
from .errors import ApiError
from .methods import HeadAsGet
from .origin import HostCheck, RelativeRedirects, SameOrigin, served_names

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "x-frame-options": "DENY"}


class SecurityHeaders:
    """Adds the security headers to every HTTP response that does not set its own."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = [(k.encode(), v.encode())
                 for k, v in {"content-security-policy": CSP, **HEADERS}.items()]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                added = [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *added]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class WriteGuard:
    """Lets a write through only with the right bearer token, or on loopback without one.

    Writes to `form_paths` (the workbench's form) pass on to their handler, which checks the
    token from a form field with `refusal`: a browser form cannot send a header.
    """

    def __init__(self, app: ASGIApp, token: Optional[str], open_writes: bool,
                 form_paths: frozenset[str] = frozenset()):
        self.app = app
        self.token = token.encode() if token else None
        self.open_writes = open_writes
        self.form_paths = form_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] in SAFE_METHODS
                or scope["path"] in self.form_paths):
            return await self.app(scope, receive, send)
        scheme, _, given = (header(scope, b"authorization") or "").partition(" ")
        refusal = self.refusal(given if scheme.lower() == "bearer" else None)
        if refusal is None:
            return await self.app(scope, receive, send)
        await send_error(send, *refusal)

    def refusal(self, given: Optional[str]) -> Optional[tuple]:
        """None when a write with this token (None: none given) may go on, else (status,
        code, message, headers)."""
        if self.token is None:
            if self.open_writes:
                return None
            return (403, "forbidden", "writes are disabled: the server listens beyond "
                    "loopback without a token (start it with --token or PRESSTRACE_TOKEN)", None)
        # compare_digest takes as long for a near miss as for a far one: no timing oracle.
        if given is not None and hmac.compare_digest(given.strip().encode(), self.token):
            return None
        return (401, "unauthorized", "this request needs the header 'Authorization: Bearer "
                "<token>' with the server's token", {"WWW-Authenticate": "Bearer"})


class BodyTooLarge(ApiError):
    """Raised from the counted `receive` once a body passes the limit."""

    def __init__(self, limit: int):
        super().__init__(413, "too_large", f"the request body is larger than {limit} bytes")


class BodyLimit:
    """Answers 413 to a request body over `limit` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = header(scope, b"content-length")
        # A malformed Content-Length is the server's to refuse; the count below still holds.
        # (isdigit alone accepts '¹', which int() does not.)
        declared = (declared or "").strip()
        if declared.isascii() and declared.isdigit() and int(declared) > self.limit:
            error = BodyTooLarge(self.limit)
            return await send_error(send, 413, error.code, str(error.detail))
        await self.counted(scope, receive, send)

    async def counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        seen, started = 0, False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(self.limit)  # the app's handlers answer it in the error shape
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as error:
            if started:  # too late to answer: let the server drop the connection
                raise
            await send_error(send, 413, error.code, str(error.detail))


def max_body_bytes(settings: Settings) -> int:
    """`server.max_body_bytes`, checked: a positive whole number."""
    value = settings.get("server", "max_body_bytes")
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SettingsError(f"server.max_body_bytes must be a positive whole number of bytes, "
                            f"not {value!r}")
    return value


def allowed_hosts(settings: Settings) -> list[str]:
    """`server.allowed_hosts`, checked: a list of host names."""
    value = settings.get("server", "allowed_hosts")
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SettingsError(f"server.allowed_hosts must be a list of host names, not {value!r}")
    return value


def install_security(app: FastAPI, settings: Settings, host: str = "127.0.0.1",
                     token: Optional[str] = None, port: Optional[int] = None,
                     form_paths: frozenset[str] = frozenset()) -> None:
    """Add the middlewares; `host` and `port` are where the server listens (port None: any
    port of a served name), `token` the write token, `form_paths` the forms that take it
    as a field. The security headers wrap them all: see `app.PresstraceApp`."""
    guard = WriteGuard(app, token or None, is_loopback(host), form_paths)
    app.state.write_refusal = guard.refusal
    app.state.write_token_set = guard.token is not None
    # add_middleware puts each new one outside the last: the Host check ends up outermost
    # (after the headers), so a rebound name gets nothing else.
    app.add_middleware(HeadAsGet)
    app.add_middleware(BodyLimit, limit=max_body_bytes(settings))
    app.add_middleware(WriteGuard, token=token or None, open_writes=is_loopback(host),
                       form_paths=form_paths)
    app.add_middleware(SameOrigin)
    app.add_middleware(RelativeRedirects)
    app.add_middleware(HostCheck, names=served_names(host, allowed_hosts(settings)), port=port)
