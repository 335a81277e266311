"""uvicorn, set up so that slow clients cannot hold the server's connections.

uvicorn closes a kept-alive connection that stays idle for `timeout_keep_alive`, but sets
no time limit on a request's headers: a client that opens a connection and sends its
headers a byte at a time (slowloris) holds it for ever. `HeaderTimeout` closes a
connection whose request headers have not all arrived `header_seconds` after it opened or
after its last response.
"""
from __future__ import annotations

import asyncio
import functools
from typing import Any, Optional

import h11
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..errors import SettingsError
from ..settings import Settings


class HeaderTimeout(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request's headers."""

    def __init__(self, *args: Any, header_seconds: float, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.header_seconds = header_seconds
        self.header_deadline: Optional[asyncio.TimerHandle] = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request on this connection gets its own deadline

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:  # the headers are in
            self._disarm()

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self.header_deadline = self.loop.call_later(self.header_seconds, self._expire)

    def _disarm(self) -> None:
        if self.header_deadline is not None:
            self.header_deadline.cancel()
            self.header_deadline = None

    def _expire(self) -> None:
        self.header_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def server_config(app: Any, settings: Settings, host: str, port: int, **kwargs: Any) -> Config:
    """uvicorn's Config for the app with the slow-client limits of `[server]`."""
    header_seconds = _seconds(settings, "header_seconds")
    return Config(app, host=host, port=port, http=functools.partial(HeaderTimeout, header_seconds=header_seconds),
                  timeout_keep_alive=_seconds(settings, "keep_alive_seconds"), **kwargs)


def _seconds(settings: Settings, key: str) -> float:
    value = settings.get("server", key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise SettingsError(f"server.{key} must be a positive number of seconds, not {value!r}")
    return value
