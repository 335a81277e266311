"""Slow clients (issue #20, item 6): `presstrace serve`'s uvicorn closes a connection whose
request headers do not arrive in `server.header_seconds`, and a kept-alive connection idle
for `server.keep_alive_seconds`; a client that keeps up is answered as before. A real
server on a free loopback port, with limits of half a second."""
from __future__ import annotations

import socket
import threading
import time

import pytest

pytest.importorskip("uvicorn")
import uvicorn  # noqa: E402

from presstrace.api import create_app  # noqa: E402
from presstrace.api.serving import server_config  # noqa: E402
from presstrace.errors import SettingsError  # noqa: E402

ARTICLES = [{"id": "s-1", "date": "2024-05-02", "source": "Harbor Times", "title": "Ferry",
             "text": "The ferry line reopened on Thursday, port director Lina Hart said."}]
LIMIT = 4000


@pytest.fixture(scope="module")
def slow_limits(security_store, settings):
    """(host, port) of uvicorn with header and keep-alive limits of 0.5 s."""
    quick = settings.with_overrides({"server": {"header_seconds": 0.5, "keep_alive_seconds": 0.5}})
    config = server_config(create_app(security_store, quick), quick, "127.0.0.1", 0,
                           log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not (server.started and server.servers) and time.monotonic() < deadline:
        time.sleep(0.05)
    yield "127.0.0.1", server.servers[0].sockets[0].getsockname()[1]
    server.should_exit = True
    thread.join(10)


def closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    """(closed by the server within `seconds`, what it sent before)."""
    sock.settimeout(seconds)
    got = b""
    try:
        while chunk := sock.recv(65536):
            got += chunk
        return True, got
    except (socket.timeout, TimeoutError):
        return False, got
    except ConnectionResetError:
        return True, got


def read_response(sock: socket.socket) -> bytes:
    """One whole response (head and Content-Length body) from the connection."""
    got = b""
    while b"\r\n\r\n" not in got:
        got += sock.recv(65536)
    head, _, body = got.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:")))
    while len(body) < length:
        body += sock.recv(65536)
    return head


def test_serving_headers_that_trickle_in_are_cut_off(slow_limits):
    with socket.create_connection(slow_limits, timeout=5) as sock:
        sock.sendall(b"GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        started = time.monotonic()
        for _ in range(3):  # a byte now and then must not keep it open
            time.sleep(0.2)
            try:
                sock.sendall(b"X")
            except OSError:
                break
        closed, _ = closed_within(sock, 3)
    assert closed and time.monotonic() - started < 3


def test_serving_a_silent_connection_is_closed(slow_limits):
    with socket.create_connection(slow_limits, timeout=5) as sock:
        closed, got = closed_within(sock, 3)
    assert closed and got == b""


def test_serving_a_prompt_client_is_answered_and_kept_alive_a_while(slow_limits):
    with socket.create_connection(slow_limits, timeout=5) as sock:
        request = b"GET /api/articles?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        sock.sendall(request)
        first = read_response(sock)
        sock.sendall(request)  # the same connection, at once: still open
        second = read_response(sock)
        closed, _ = closed_within(sock, 3)  # then idle: closed after keep_alive_seconds
    assert first.startswith(b"HTTP/1.1 200") and second.startswith(b"HTTP/1.1 200") and closed


@pytest.mark.parametrize("value", [0, -1, "5", True])
def test_serving_timeouts_must_be_positive_seconds(settings, value):
    with pytest.raises(SettingsError, match="header_seconds"):
        server_config(None, settings.with_overrides({"server": {"header_seconds": value}}), "127.0.0.1", 0)
