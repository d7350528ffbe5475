"""Strong ETags on GET answers, and 304 Not Modified when the client already has the body.

ASGI middleware placed outside the gzip middleware: the tag is a hash of the exact bytes sent
(gzip output is deterministic, zlib writes no timestamp), so the plain and the compressed
answers carry different strong tags, as RFC 9110 asks. The page is computed either way; a
match saves the transfer, which on a phone or a slow link is what costs.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Headers a 304 repeats from the 200 it stands for (RFC 9110 15.4.5), plus the security ones.
_KEEP_ON_304 = {"cache-control", "content-location", "date", "etag", "expires", "vary",
                "content-security-policy", "x-content-type-options", "referrer-policy"}


def strong_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """``If-None-Match`` against our tag, by weak comparison (as the header is compared)."""
    tags = [t.strip() for t in if_none_match.split(",")]
    return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)


class ETags:
    """Adds ``ETag`` to every 200 answer to a GET and answers 304 to a matching ``If-None-Match``."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        if_none_match = Headers(scope=scope).get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False

        async def capture(message: Message) -> None:
            nonlocal start, passing
            if passing:
                await send(message)
            elif message["type"] == "http.response.start":
                if message["status"] == 200:
                    start = message
                else:
                    passing = True
                    await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._finish(send, start, b"".join(chunks), if_none_match)
            else:  # anything else (a path to send, trailers): leave the answer as it is
                if start is not None:
                    await send(start)
                    if chunks:
                        await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                passing = True
                await send(message)

        await self.app(scope, receive, capture)

    @staticmethod
    async def _finish(send: Send, start: Message, body: bytes, if_none_match: str | None) -> None:
        etag = strong_etag(body)
        headers = MutableHeaders(raw=list(start.get("headers", [])))
        headers["ETag"] = etag
        if if_none_match is not None and matches(if_none_match, etag):
            raw = [(k, v) for k, v in headers.raw if k.decode("latin-1").lower() in _KEEP_ON_304]
            await send({"type": "http.response.start", "status": 304, "headers": raw})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})
