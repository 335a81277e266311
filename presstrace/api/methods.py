"""HEAD answered wherever GET is: FastAPI's `@router.get` routes take GET only (405 to HEAD).

`HeadAsGet` runs a HEAD request as the GET it stands for and sends its status and headers
(Content-Length included, as HEAD requires) without the body.
"""
from __future__ import annotations

from .asgi import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
