"""Signing in and out with the council's identity provider (OpenID Connect, through Authlib's Flask client).

* The provider is found by discovery (``<issuer>/.well-known/openid-configuration``); sign-in is the
  authorisation code flow with PKCE (S256), a state and a nonce kept in the session, and the ID token's
  signature, issuer, audience (our client id), expiry and nonce checked by Authlib before anyone is signed in.
* The person's groups give their roles (the profile's ``[sign_in]``, ``domain.sign_in``); the first sign-in
  makes or links their account (``application.provider_sign_in``). Tokens are never kept: not in the events,
  not in the session.
* Every refusal is a specific message on the sign-in page and starts no session.
* Signing out ends the back office's sessions, then the provider's (its ``end_session_endpoint``), which sends
  the person back to ``/sign-out/provider/done``.
* Sign-ins and refusals are logged on ``community_trigger.security`` (no personal data beyond the username).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, session, url_for
from joserfc.errors import ClaimError, ExpiredTokenError, JoseError
from requests import RequestException
from werkzeug.wrappers import Response

from domain.sign_in import ProviderSignInRefusedError, identity_from_claims
from infrastructure.oidc_settings import OidcSettings
from web import auth
from web.context import services
from web.forms import Errors

blueprint = Blueprint("oidc", __name__)
security_log = logging.getLogger("community_trigger.security")
CLIENT = "community_trigger_oidc"
SETTINGS = "OIDC_SETTINGS"
NEXT = "sign_in_next"
WITH_PROVIDER = "signed_in_with_provider"

WRONG_AUDIENCE = ("The identity provider's answer was meant for another service, not this back office, so you have "
                  "not been signed in. Ask your IT service desk to check the back office's client id.")
EXPIRED = ("The identity provider's answer had expired before it reached the back office, so you have not been "
           "signed in. Check this computer's date and time are right, then try again.")
NOT_CHECKED = ("The identity provider's answer could not be checked ({what}), so you have not been signed in. "
               "Try again; if it happens again, tell your IT service desk.")
STALE = ("This sign-in was started in another tab or has already been used, so you have not been signed in. "
         "Try again from this page.")
UNREACHABLE = ("The identity provider could not be reached or did not answer properly, so you have not been signed "
               "in. Try again in a few minutes; if it goes on, tell your IT service desk.")
PROVIDER_SAID_NO = "The identity provider did not sign you in ({what}). Try again, or ask your IT service desk."
PASSWORDS_OFF = "Sign-in with a password is switched off here: use the button to sign in with {provider}."


def install(app: Flask, settings: OidcSettings) -> None:
    app.config[SETTINGS] = settings
    if settings.enabled:
        oauth = OAuth(app)
        app.extensions[CLIENT] = oauth.register(
            "provider", client_id=settings.client_id, client_secret=settings.client_secret,
            server_metadata_url=settings.metadata_url,
            client_kwargs={"scope": "openid profile email", "code_challenge_method": "S256", "timeout": 10})
        app.config["CSP_FORM_ACTION"] = _origin(settings.issuer)  # sign-out posts, then goes to the provider
    app.context_processor(sign_in_options)
    app.register_blueprint(blueprint)


def settings() -> OidcSettings:
    found: OidcSettings = current_app.config[SETTINGS]
    return found


def sign_in_options() -> dict[str, Any]:
    """What the sign-in page offers: the provider's button (its name from the profile) and the password form."""
    given = settings()
    provider = services().back_office.profile.sign_in.provider_name if given.enabled else None
    return {"provider_name": provider, "local_passwords": given.local_passwords}


# ------------------------------------------------------------------------------------------ sign in
@blueprint.get("/sign-in/provider")
def start() -> tuple[str, int] | Response:
    if not settings().enabled:
        abort(404)
    target = auth.safe_next(request.args.get("next"))
    session[NEXT] = target or ""
    try:
        response: Response = _client().authorize_redirect(_external("oidc.callback"))
    except RequestException:  # the discovery document could not be fetched
        return _refused("provider_unreachable", UNREACHABLE, target)
    return response


@blueprint.get("/sign-in/provider/callback")
def callback() -> tuple[str, int] | Response:
    given = settings()
    if not given.enabled:
        abort(404)
    target = auth.safe_next(session.pop(NEXT, None))
    try:
        token = _client().authorize_access_token(claims_options=_claims_options(given))
        claims = token.get("userinfo")
        if not claims:
            return _refused("no_id_token", NOT_CHECKED.format(what="it held no ID token"), target)
        identity = identity_from_claims(claims, given.issuer, services().back_office.profile.sign_in)
        account = services().back_office.accounts.sign_in_from_provider(identity)
    except ExpiredTokenError:
        return _refused("expired_token", EXPIRED, target)
    except ClaimError as problem:
        if problem.claim == "aud":
            return _refused("wrong_audience", WRONG_AUDIENCE, target)
        return _refused(f"invalid_{problem.claim}", NOT_CHECKED.format(what=f"its {problem.claim} claim"), target)
    except JoseError:
        return _refused("invalid_token", NOT_CHECKED.format(what="its signature"), target)
    except OAuthError as problem:
        if problem.error == "mismatching_state":
            return _refused("stale_state", STALE, target)
        return _refused(f"provider_{problem.error}", PROVIDER_SAID_NO.format(what=problem.error or "no reason given"),
                        target)
    except RequestException:
        return _refused("provider_unreachable", UNREACHABLE, target)
    except ProviderSignInRefusedError as refusal:
        return _refused(refusal.reason, str(refusal), target)
    session.clear()
    session.permanent = True
    session["username"] = account.username
    session["generation"] = account.session_generation
    session[WITH_PROVIDER] = True
    security_log.info("sign-in succeeded", extra={"event": "sign_in", "method": "oidc", "outcome": "success",
                                                  "username": account.username})
    return redirect(target or url_for("dashboard.home"))


def _refused(reason: str, message: str, target: str | None) -> tuple[str, int]:
    session.pop("username", None)
    session.pop("generation", None)
    security_log.warning("sign-in refused: %s", reason, extra={"event": "sign_in", "method": "oidc",
                                                               "outcome": "refused", "reason": reason})
    return render_template("sign_in.html", title="Sign in", values={}, errors=Errors(provider=message),
                           next=target), 403


def refuse_password_sign_in() -> tuple[str, int] | None:
    """With local passwords switched off, a password sign-in is refused (whatever was posted)."""
    given = settings()
    if given.local_passwords:
        return None
    security_log.warning("sign-in refused: passwords_off", extra={"event": "sign_in", "method": "password",
                                                                  "outcome": "refused", "reason": "passwords_off"})
    provider = services().back_office.profile.sign_in.provider_name
    return render_template("sign_in.html", title="Sign in", values={},
                           errors=Errors(provider=PASSWORDS_OFF.format(provider=provider)), next=None), 403


# ------------------------------------------------------------------------------------------ sign out
def signed_in_with_provider() -> bool:
    return bool(settings().enabled and session.get(WITH_PROVIDER))


def sign_out_at_provider() -> Response:
    """After the back office's sessions have ended: on to the provider's end-session endpoint, which comes back
    to ``signed_out`` (RP-initiated logout, with our client id and a state)."""
    try:
        response: Response = _client().logout_redirect(post_logout_redirect_uri=_external("oidc.signed_out"),
                                                       client_id=settings().client_id)
    except RequestException:
        provider = services().back_office.profile.sign_in.provider_name
        flash(f"You have signed out of the back office. {provider[:1].upper()}{provider[1:]} could not be reached, so "
              "you may still be signed in there: close the browser to end it.")
        return redirect(url_for("auth.sign_in"))
    return response


@blueprint.get("/sign-out/provider/done")
def signed_out() -> Response:
    if not settings().enabled:
        abort(404)
    try:
        _client().validate_logout_response()
    except OAuthError:
        flash("You have signed out of the back office.")
    else:
        flash(f"You have signed out of the back office and of {services().back_office.profile.sign_in.provider_name}.")
    return redirect(url_for("auth.sign_in"))


# ------------------------------------------------------------------------------------------ helpers
def _claims_options(given: OidcSettings) -> dict[str, Any]:
    """What the ID token must say beyond Authlib's own checks: our issuer, and our client id in its audience
    (Authlib 1.9 checks the audience only through ``azp``, so a token for another service with our ``azp``
    would pass without this)."""
    return {"iss": {"essential": True, "values": [given.issuer]},
            "aud": {"essential": True, "values": [given.client_id]}}


def _client() -> Any:
    return current_app.extensions[CLIENT]


def _external(endpoint: str) -> str:
    base = settings().redirect_base
    return f"{base}{url_for(endpoint)}" if base else url_for(endpoint, _external=True)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
