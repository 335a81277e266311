"""What the pure ASGI middlewares (`security`, `origin`, `methods`) share: the ASGI types,
reading a request header, answering in the API's error shape, and which requests write."""
from __future__ import annotations

import ipaddress
from typing import Any, Awaitable, Callable, Optional

from .errors import error_response

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and `localhost`; any other name counts as the network."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def header(scope: Scope, name: bytes) -> Optional[str]:
    """The first value of a request header, decoded as Latin-1 (as HTTP/1.1 defines)."""
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


async def send_error(send: Send, status: int, code: str, message: str,
                     headers: Optional[dict[str, str]] = None) -> None:
    """Answer with the API's one error shape from inside a middleware."""
    response = error_response(status, code, message, headers)
    await send({"type": "http.response.start", "status": response.status_code,
                "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})
