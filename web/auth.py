"""Signing in and out. A successful sign-in starts a fresh session (no session fixation) holding
only the username; the account is reloaded on every request (``web.access``)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from application.users import SignInRefusedError, SignInThrottledError
from web.access import EVERYONE, current_account, requires
from web.context import services
from web.forms import Errors, SignInSchema

blueprint = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: never another site (open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return None


@blueprint.get("/sign-in")
def sign_in() -> str | Response:
    if current_account() is not None:
        return redirect(url_for("dashboard.home"))
    return render_template("sign_in.html", title="Sign in", values={}, errors=Errors(),
                           next=safe_next(request.args.get("next")))


@blueprint.post("/sign-in")
def sign_in_submitted() -> tuple[str, int] | Response:
    values, errors = SignInSchema().validate_form(request.form.to_dict())
    target = safe_next(request.args.get("next"))
    if not errors:
        try:
            account = services().back_office.verify_sign_in(values["username"], values["password"],
                                                            throttle=services().throttle)
        except (SignInRefusedError, SignInThrottledError) as refusal:
            errors = Errors(username=str(refusal))
        else:
            session.clear()
            session.permanent = True
            session["username"] = account.username
            return redirect(target or url_for("dashboard.home"))
    values.pop("password", None)
    return render_template("sign_in.html", title="Sign in", values=values, errors=errors, next=target), 400


@blueprint.post("/sign-out")
@requires(EVERYONE)
def sign_out() -> Response:
    session.clear()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))
