"""Security settings and headers for every response.

* The secret key comes from ``COMMUNITY_TRIGGER_SECRET_KEY`` (``infrastructure.settings``); without it a
  random one is made at start with a warning (sessions then end when the process restarts, and several
  workers would not share it), except in production (``COMMUNITY_TRIGGER_ENV=production``), which refuses.
* Session cookies are Secure, HttpOnly and SameSite=Lax (Secure can be turned off explicitly for
  local http only).
* A Content-Security-Policy without 'unsafe-inline': the template's one inline script carries a
  nonce made per request. Framing is refused twice (frame-ancestors and X-Frame-Options).
* Behind TLS-terminating proxies, ``COMMUNITY_TRIGGER_TRUSTED_PROXIES`` says how many (default 0):
  the app then believes that many hops of X-Forwarded-For/-Proto/-Host (werkzeug's ProxyFix), so
  the client's real address is the one rate limits and the sign-in throttle count, and HTTPS is
  recognised. With 0, those headers are ignored: a client cannot choose its own address.
* HSTS (a year, with subdomains) on every HTTPS response.
* Sign-in throttling numbers: ``COMMUNITY_TRIGGER_SIGN_IN_*`` (``application.sign_in_throttle``).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask import Flask, Response, current_app, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from application.sign_in_throttle import ThrottleSettings
from infrastructure.settings import SECRET_KEY_VARIABLE, Settings

HSTS = "max-age=31536000; includeSubDomains"
log = logging.getLogger(__name__)


def security_config(environ: Mapping[str, str], given: Mapping[str, Any]) -> dict[str, Any]:
    """The security settings, then ``given`` (which may set its own SECRET_KEY, e.g. in tests)."""
    settings = Settings.from_environ(environ)
    if settings.production:
        settings.checked()  # refuses to start without a secret key or master key, naming the variables
    secret = given.get("SECRET_KEY") or settings.secret_key
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
        "TRUSTED_PROXIES": settings.trusted_proxies,
        "READY_MAX_LAG_SECONDS": settings.ready_max_lag_seconds,
        "READY_MAX_JOB_AGE_SECONDS": settings.ready_max_job_age_seconds,
        "SIGN_IN_THROTTLE": ThrottleSettings.from_environ(environ),
        "OIDC": settings.oidc,  # sign-in with the council's identity provider (off unless its issuer is set)
        **given,
    }


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    nonce: str = g.csp_nonce
    return nonce


def add_security_headers(response: Response) -> Response:
    # Sign-out posts here, then goes on to the identity provider's end-session page: that origin is allowed too.
    form_action_extra = f" {extra}" if (extra := current_app.config.get("CSP_FORM_ACTION")) else ""
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{csp_nonce()}'; "
        "style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; "
        f"form-action 'self'{form_action_extra}; "
        "frame-ancestors 'none'"
    )
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"  # pages hold personal data
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def install(app: Flask) -> None:
    if proxies := app.config["TRUSTED_PROXIES"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]
    app.after_request(add_security_headers)
    app.context_processor(lambda: {"cspNonce": csp_nonce()})
