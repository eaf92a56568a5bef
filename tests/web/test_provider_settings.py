"""The sign-in settings from the environment, and what the sign-in page offers with them: the provider's button,
the password form only while local passwords are on, and a password sign-in refused once they are off."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.user import Role
from infrastructure.oidc_settings import OidcSettings, SignInSettingsError
from infrastructure.storage import Database
from tests.web.conftest import PASSWORD, parse
from web.app import close_app, create_app

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
PROVIDER = {"COMMUNITY_TRIGGER_OIDC_ISSUER": ISSUER, "COMMUNITY_TRIGGER_OIDC_CLIENT_ID": "client",
            "COMMUNITY_TRIGGER_OIDC_CLIENT_SECRET": "secret"}


def test_without_an_issuer_there_is_no_provider_and_passwords_are_on():
    settings = OidcSettings.from_environ({})

    assert (settings.enabled, settings.local_passwords) == (False, True)


def test_the_provider_settings_are_read_from_the_environment_and_the_secret_never_shown():
    settings = OidcSettings.from_environ({**PROVIDER, "COMMUNITY_TRIGGER_LOCAL_PASSWORDS": "off",
                                          "COMMUNITY_TRIGGER_OIDC_REDIRECT_BASE": "https://ct.council.gov.uk/"})

    assert (settings.enabled, settings.local_passwords) == (True, False)
    assert settings.metadata_url == f"{ISSUER}/.well-known/openid-configuration"
    assert settings.redirect_base == "https://ct.council.gov.uk"
    assert "secret" not in repr(settings)


@pytest.mark.parametrize(("environ", "named"), [
    ({"COMMUNITY_TRIGGER_LOCAL_PASSWORDS": "off"}, "COMMUNITY_TRIGGER_OIDC_ISSUER"),
    ({"COMMUNITY_TRIGGER_LOCAL_PASSWORDS": "maybe"}, "COMMUNITY_TRIGGER_LOCAL_PASSWORDS must be on or off"),
    ({**PROVIDER, "COMMUNITY_TRIGGER_OIDC_CLIENT_SECRET": ""}, "COMMUNITY_TRIGGER_OIDC_CLIENT_SECRET must be set"),
    ({**PROVIDER, "COMMUNITY_TRIGGER_OIDC_ISSUER": "http://idp.example"}, "must be an https:// address"),
], ids=["passwords off with no provider", "not on or off", "no client secret", "plain http"])
def test_settings_that_cannot_work_are_refused_naming_the_variable(environ: dict[str, str], named: str):
    with pytest.raises(SignInSettingsError, match=named):
        OidcSettings.from_environ(environ)


@pytest.fixture
def provider_app(back_office: BackOffice, database: Database, schema: str) -> Iterator[Flask]:
    back_office.accounts.register_user("officer", display_name="Officer User", email="officer@example.gov.uk",
                                       roles=[Role.OFFICER], password=PASSWORD, actor="setup")
    app = create_app(back_office, database, schema, config={
        "TESTING": True, "SECRET_KEY": "test secret key", "WTF_CSRF_ENABLED": False,
        "OIDC": OidcSettings(ISSUER, "client", "secret", local_passwords=False)})
    yield app
    close_app(app)


def test_with_passwords_off_the_sign_in_page_offers_only_the_provider(provider_app: Flask):
    page = parse(provider_app.test_client().get("/sign-in"))

    button = page.soup.find(id="provider")
    assert button is not None
    assert button.get_text(strip=True) == "Sign in with your Dartford Borough Council account"
    assert page.soup.find("input", attrs={"name": "password"}) is None


def test_with_passwords_off_a_right_password_is_refused_and_starts_no_session(provider_app: Flask):
    client: FlaskClient = provider_app.test_client()

    response = client.post("/sign-in", data={"username": "officer", "password": PASSWORD})

    assert response.status_code == 403
    assert "Sign-in with a password is switched off here" in parse(response).text()
    assert client.get("/cases").status_code == 302


def test_with_passwords_on_the_page_has_both_ways_in(client: FlaskClient, app: Flask):
    page = parse(client.get("/sign-in"))

    assert page.soup.find(id="provider") is None  # no provider configured in this app
    assert page.soup.find("input", attrs={"name": "password"}) is not None


def test_a_return_from_the_provider_with_a_state_this_browser_never_sent_is_refused(provider_app: Flask):
    client = provider_app.test_client()

    response = client.get("/sign-in/provider/callback?code=stolen-code&state=made-up")

    assert response.status_code == 403
    assert "This sign-in was started in another tab or has already been used" in parse(response).text()
    assert client.get("/cases").status_code == 302


def test_with_a_provider_the_pages_may_post_on_to_its_sign_out_page_and_nowhere_else(provider_app: Flask):
    policy = provider_app.test_client().get("/sign-in").headers["Content-Security-Policy"]

    assert "form-action 'self' https://login.microsoftonline.com;" in policy


def test_a_provider_that_cannot_be_reached_is_named_on_the_sign_in_page(
    back_office: BackOffice, database: Database, schema: str, unused_port: int,
):
    app = create_app(back_office, database, schema, config={
        "TESTING": True, "SECRET_KEY": "test secret key",
        "OIDC": OidcSettings(f"http://127.0.0.1:{unused_port}", "client", "secret")})
    try:
        response = app.test_client().get("/sign-in/provider")
    finally:
        close_app(app)

    assert response.status_code == 403
    assert "The identity provider could not be reached" in parse(response).text()


@pytest.fixture
def unused_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize("url", ["/sign-in/provider", "/sign-in/provider/callback?code=x&state=y",
                                 "/sign-out/provider/done?state=y"])
def test_without_a_provider_its_routes_are_not_found(client: FlaskClient, url: str):
    assert client.get(url).status_code == 404
