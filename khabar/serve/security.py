"""What keeps the server safe to point at hostile text: inert rendering, strict headers, validated input.

Articles come from the web and from PDFs, so any of them may hold `<script>`, event handlers, `javascript:`
links or bidi override characters that reorder what a reader sees. Every piece of text reaches the page through
`inert` (HTML-escaped, bidi controls shown as visible code points), links to the outside pass `safe_url`, and
every response carries a Content-Security-Policy that allows nothing but this server's own files and no script
at all.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

log = logging.getLogger("khabar.serve")

# The pages run no script at all; styles and fonts come only from /static; nothing may frame the pages.
CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)

# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI) can reorder the text around them
# ("Trojan Source"); the marks LRM, RLM and ALM only nudge neutral characters and are left alone.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

# Validation of path and query parameters (FastAPI checks them against these before a handler runs).
DOC_ID = r"^[0-9a-fA-F]{6,32}$"
ENTITY_ID = r"^[A-Za-z_]{1,24}:\w{1,200}$"
ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
MAX_QUERY = 500
MAX_NAME = 200
MAX_PAGE = 100
MAX_OFFSET = 10_000


def visible_controls(text: str) -> str:
    """`text` with each bidi control replaced by its code point in brackets, so it shows and reorders nothing."""
    return BIDI_CONTROLS.sub(lambda m: f"⟦U+{ord(m.group()):04X}⟧", text)


def inert(value: Any) -> Markup:
    """Any value as HTML that cannot run or reorder anything: bidi controls made visible, then escaped."""
    if isinstance(value, Markup):
        return value
    return escape(visible_controls(str(value)))


def finalize(value: Any) -> Any:
    """Jinja's `finalize`: every string printed by a template has its bidi controls made visible first.

    Autoescaping then escapes it as usual; Markup built by khabar's own code passes through untouched.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible_controls(value)
    return value


def safe_url(url: Any) -> str | None:
    """`url` if it is an http(s) address with a host, else None (no `javascript:`, `data:` or relative tricks)."""
    if not isinstance(url, str) or BIDI_CONTROLS.search(url) or any(c.isspace() for c in url.strip()):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server on this machine."""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityMiddleware:
    """Adds the security headers to every response, refuses oversized bodies early, and hides crashes.

    It sits outside everything else, so even an unhandled exception becomes a short JSON (API) or HTML (pages)
    error with the same headers; the traceback goes to the server log only.
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _error(send, scope, 413, too_large(self.max_body))
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error for %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _error(send, scope, 500, "internal server error; the details are in the server log")


def too_large(limit: int) -> str:
    return f"the request body is larger than the server's limit of {limit:,} bytes; send a shorter text"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def is_api(path: str) -> bool:
    return path.startswith("/v1/") or path == "/v1" or path == "/openapi.json"


async def _error(send: Send, scope: Scope, status: int, message: str) -> None:
    """A complete error response written straight to ASGI (used where no framework response exists)."""
    if is_api(scope.get("path", "")):
        body = json.dumps({"error": {"status": status, "message": message}}, ensure_ascii=False).encode()
        kind = b"application/json"
    else:
        body = f'<!doctype html><html lang="fa" dir="rtl"><meta charset="utf-8"><title>{status}</title>'.encode()
        body += f"<p>{inert(message)}</p></html>".encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]
    if status == 413:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
