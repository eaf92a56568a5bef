"""Signing in and out. A successful sign-in starts a fresh session (no session fixation) holding
only the username and the account's session generation; the account is reloaded on every request
(``web.access``). Signing out ends every session of the account, not just this cookie."""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from application.users import SignInRefusedError, SignInThrottledError
from infrastructure.logs import security_event
from web import oidc
from web.access import EVERYONE, current_account, requires
from web.context import services
from web.forms import Errors, SignInSchema

blueprint = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """Only a path on this site, never another site (open redirect): one leading ``/``, then no
    ``//``, backslash, scheme, host, whitespace or control character, also once percent-decoded
    (browsers drop tabs and newlines and read ``\\`` as ``/``, so ``/%09/evil`` means ``//evil``)."""
    if not target:
        return None
    for text in (target, unquote(target), unquote(unquote(target))):
        parts = urlsplit(text)
        if (not text.startswith("/") or "//" in text or "\\" in text or parts.scheme or parts.netloc
                or any(c.isspace() or unicodedata.category(c)[0] in "CZ" for c in text)):
            return None
    return target


@blueprint.get("/sign-in")
def sign_in() -> str | Response:
    if current_account() is not None:
        return redirect(url_for("dashboard.home"))
    return render_template("sign_in.html", title="Sign in", values={}, errors=Errors(),
                           next=safe_next(request.args.get("next")))


@blueprint.post("/sign-in")
def sign_in_submitted() -> tuple[str, int] | Response:
    if (refused := oidc.refuse_password_sign_in()) is not None:
        return refused
    values, errors = SignInSchema().validate_form(request.form.to_dict())
    target = safe_next(request.args.get("next"))
    if not errors:
        try:
            account = services().back_office.accounts.verify_sign_in(values["username"], values["password"],
                                                                     throttle=services().throttle,
                                                                     address=request.remote_addr or "unknown")
        except (SignInRefusedError, SignInThrottledError) as refusal:
            errors = Errors(username=str(refusal))
            security_event("sign_in_failed", address=request.remote_addr or "unknown",
                           reason="throttled" if isinstance(refusal, SignInThrottledError) else "refused")
        else:
            security_event("sign_in", user=account.username, address=request.remote_addr or "unknown")
            session.clear()
            session.permanent = True
            session["username"] = account.username
            session["generation"] = account.session_generation
            return redirect(target or url_for("dashboard.home"))
    values.pop("password", None)
    return render_template("sign_in.html", title="Sign in", values=values, errors=errors, next=target), 400


@blueprint.post("/sign-out")
@requires(EVERYONE)
def sign_out() -> Response:
    account = current_account()
    assert account is not None
    at_provider = oidc.signed_in_with_provider()
    services().back_office.accounts.end_sessions(account.username, actor=account.username)
    security_event("sign_out", user=account.username)
    session.clear()
    if at_provider:
        return oidc.sign_out_at_provider()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))
