"""The CSRF token of the analyze form, as a double-submit cookie: the form page sets a random
token in a SameSite=Strict cookie and in a hidden field; a post is accepted only when the two
match. Another site can make a browser post the form, but can neither read the token nor set
the cookie, so its post fails. No server secret is needed, so every worker process and every
restart accept the same tokens. (The Origin check in guards.py refuses such posts as well.)"""

from __future__ import annotations

import re
import secrets

from fastapi import Request, Response

COOKIE = "claimledger_csrf"
FIELD = "csrf_token"
TOKEN_FORMAT = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


def form_token(request: Request) -> str:
    """The token for a form on this page: the visitor's cookie when they have one, else new."""
    token = request.cookies.get(COOKIE, "")
    return token if TOKEN_FORMAT.fullmatch(token) else secrets.token_urlsafe(32)


def set_token_cookie(response: Response, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")


def token_matches(request: Request, submitted: str) -> bool:
    cookie = request.cookies.get(COOKIE, "")
    return bool(TOKEN_FORMAT.fullmatch(cookie)) and secrets.compare_digest(cookie, submitted)
