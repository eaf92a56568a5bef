"""Security settings and headers for every response.

* The secret key comes from ``COMMUNITY_TRIGGER_SECRET_KEY``; without it a random one is made at
  start with a warning (sessions then end when the process restarts, and several workers would
  not share it).
* Session cookies are Secure, HttpOnly and SameSite=Lax (Secure can be turned off explicitly for
  local http only).
* A Content-Security-Policy without 'unsafe-inline': the template's one inline script carries a
  nonce made per request. Framing is refused twice (frame-ancestors and X-Frame-Options).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask import Flask, Response, g, request

SECRET_KEY_VARIABLE = "COMMUNITY_TRIGGER_SECRET_KEY"
log = logging.getLogger(__name__)


def security_config(environ: Mapping[str, str], given: Mapping[str, Any]) -> dict[str, Any]:
    """The security settings, then ``given`` (which may set its own SECRET_KEY, e.g. in tests)."""
    secret = given.get("SECRET_KEY") or environ.get(SECRET_KEY_VARIABLE, "")
    if not secret:
        log.warning("%s is not set: using a random secret key, so sessions end when this process stops and are "
                    "not shared between processes. Set it in production.", SECRET_KEY_VARIABLE)
        secret = secrets.token_hex(32)
    return {
        "SECRET_KEY": secret,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "ct_session",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "WTF_CSRF_SSL_STRICT": True,
        **given,
    }


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    nonce: str = g.csp_nonce
    return nonce


def add_security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{csp_nonce()}'; "
        "style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"  # pages hold personal data
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


def install(app: Flask) -> None:
    app.after_request(add_security_headers)
    app.context_processor(lambda: {"cspNonce": csp_nonce()})
