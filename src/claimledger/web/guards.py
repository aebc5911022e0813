"""What every request passes before a route sees it, as plain ASGI middleware (no per-request
task or body copy, and a client disconnect still reaches the route):

- `SecurityHeaders` sets the Content-Security-Policy and friends on every answer, the
  guards' own refusals included;
- `RequestGuard` refuses, before the body is read: bodies over the size limit (413, chunked
  bodies too), a NUL character in the path or query (400: neither database can hold one),
  and a state-changing request sent from another site (403: its Origin is not this server).

The Host allow-list is Starlette's TrustedHostMiddleware; the CSRF token of the analyze form
is in csrf.py (the Origin check here covers the API, whose clients are not forms).
"""

from __future__ import annotations

import json
from http import HTTPStatus
from urllib.parse import unquote_to_bytes, urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": "80", "https": "443"}


def content_security_policy(path: str) -> str:
    # Swagger UI sets inline styles; article pages need none
    styles = "'self' 'unsafe-inline'" if path == "/docs" else "'self'"
    return (f"default-src 'self'; script-src 'self'; style-src {styles}; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def security_headers(path: str) -> dict[str, str]:
    # same-origin, not no-referrer: other sites still learn nothing of what was read, but under
    # no-referrer a browser sends `Origin: null` with our own form's post, which the Origin
    # check must refuse (a sandboxed frame on another site sends the same)
    return {"Content-Security-Policy": content_security_policy(path), "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin"}


class SecurityHeaders:
    """Adds the security headers to every HTTP answer that passes through it."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def refuse(send: Send, status: int, detail: str, path: str = "") -> None:
    """An RFC 9457 problem, the shape of every error of ours (problems.py)."""
    body = json.dumps({"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status,
                       "detail": detail, "instance": path}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """Refuses oversized bodies, NUL characters in the URL and cross-site writes."""

    def __init__(self, app: ASGIApp, max_request_bytes: int):
        self.app = app
        self.max_request_bytes = max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if has_nul(scope):
            await refuse(send, 400, "the address contains a NUL character", scope["path"])
            return
        if scope["method"] not in SAFE_METHODS and cross_origin(headers):
            await refuse(send, 403, "cross-site request refused: its Origin is not this server", scope["path"])
            return
        length = headers.get("content-length")
        if length is None and "transfer-encoding" not in headers:
            await self.app(scope, receive, send)  # no body
            return
        if length is not None:
            if not length.isdigit() or int(length) > self.max_request_bytes:
                await refuse(send, 413, self.too_large(), scope["path"])
                return
            await self.app(scope, receive, send)
            return
        # no Content-Length (a chunked body): read it here, up to the limit, then hand it on
        body = await read_body(receive, self.max_request_bytes)
        if body is None:
            await refuse(send, 413, self.too_large(), scope["path"])
            return
        await self.app(scope, replay(body, receive), send)

    def too_large(self) -> str:
        return f"request larger than {self.max_request_bytes // 1000} kB"


def has_nul(scope: Scope) -> bool:
    return "\x00" in scope["path"] or b"\x00" in unquote_to_bytes(scope.get("query_string", b""))


def cross_origin(headers: Headers) -> bool:
    """True for a request a browser sent from another site. Browsers send Origin with every
    cross-origin POST; a request without Origin or Sec-Fetch-Site comes from a non-browser
    client (curl, a script), which no other site can drive."""
    if headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = headers.get("origin")
    if origin is None:
        return False
    parts = urlsplit(origin)
    if parts.scheme not in DEFAULT_PORTS or not parts.netloc:
        return True  # "null" (a sandboxed frame, a file) or something stranger
    default = f":{DEFAULT_PORTS[parts.scheme]}"
    return parts.netloc.lower().removesuffix(default) != headers.get("host", "").lower().removesuffix(default)


async def read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None once it passes `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)  # the client left; the route will see the disconnect
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > limit:
            return None
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body already read, then whatever the client sends next."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
