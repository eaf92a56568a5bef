"""Security: headers on every response, session cookie flags, CSRF on every form, the secret key,
and assets in the partnership's branding (no GOV.UK crown or typeface)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from infrastructure.storage import Database
from tests.web.conftest import PASSWORD, csrf_token, parse, sign_in
from web.app import close_app, create_app
from web.security import SECRET_KEY_VARIABLE

BUILD = Path(__file__).parents[2] / "web" / "static" / "build"


@pytest.mark.parametrize("url", ["/sign-in", "/", "/no-such-page", "/static/build/application.css"])
def test_every_response_carries_the_security_headers(client: FlaskClient, url: str) -> None:
    with client.get(url) as response:
        pass

    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_only_inline_script_carries_the_nonce_of_the_policy(client: FlaskClient) -> None:
    response = client.get("/sign-in")
    page = parse(response)

    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    inline = [s for s in page.soup.find_all("script") if not s.get("src")]
    assert inline
    assert all(s.get("nonce") == nonce for s in inline)
    assert parse(client.get("/sign-in")).soup.find("script", src=False)["nonce"] != nonce  # new per request


def test_pages_are_not_cached_but_assets_may_be(client: FlaskClient) -> None:
    assert client.get("/sign-in").headers["Cache-Control"] == "no-store"
    with client.get("/static/build/application.css") as asset:
        assert "no-store" not in asset.headers.get("Cache-Control", "")


def test_the_session_cookie_is_secure_http_only_and_same_site_lax(client: FlaskClient) -> None:
    response = sign_in(client, "officer")

    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("ct_session=")
    assert "; Secure" in cookie
    assert "; HttpOnly" in cookie
    assert "; SameSite=Lax" in cookie


def test_local_http_can_turn_off_only_the_secure_flag(back_office: BackOffice, database: Database, schema: str,
                                                     app: Flask) -> None:
    local = create_app(back_office, database, schema, config={"SECRET_KEY": "x", "SESSION_COOKIE_SECURE": False})
    try:
        response = sign_in(local.test_client(), "officer")
    finally:
        close_app(local)

    assert "Secure" not in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]


@pytest.mark.parametrize(("url", "data"), [("/sign-in", {"username": "officer", "password": PASSWORD}),
                                           ("/sign-out", {})])
def test_a_form_sent_without_its_csrf_token_is_refused_with_a_specific_page(
        signed_in: Any, url: str, data: dict[str, str]) -> None:
    client = signed_in("manager")

    page = parse(client.post(url, data=data))

    assert page.status == 400
    assert page.h1 == "Your form could not be sent"
    assert "security token was missing or did not match" in page.text()
    assert client.get("/").status_code == 200  # still signed in


def test_a_csrf_token_from_another_session_is_refused(app: Flask, client: FlaskClient) -> None:
    other = app.test_client()
    token = csrf_token(other)

    page = parse(client.post("/sign-in", data={"username": "officer", "password": PASSWORD, "csrf_token": token}))

    assert page.status == 400
    assert page.h1 == "Your form could not be sent"


def test_sign_out_cannot_be_done_with_a_get(signed_in: Any) -> None:
    client = signed_in("officer")

    page = parse(client.get("/sign-out"))

    assert page.status == 405
    assert client.get("/").status_code == 200


def test_the_secret_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, back_office: BackOffice,
                                                   database: Database, schema: str) -> None:
    monkeypatch.setenv(SECRET_KEY_VARIABLE, "from the environment")

    app = create_app(back_office, database, schema)
    close_app(app)

    assert app.config["SECRET_KEY"] == "from the environment"


def test_without_a_secret_key_a_random_one_is_made_with_a_warning(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, back_office: BackOffice,
        database: Database, schema: str) -> None:
    monkeypatch.delenv(SECRET_KEY_VARIABLE, raising=False)

    with caplog.at_level(logging.WARNING):
        first, second = create_app(back_office, database, schema), create_app(back_office, database, schema)
    close_app(first), close_app(second)

    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] != second.config["SECRET_KEY"]
    assert f"{SECRET_KEY_VARIABLE} is not set" in caplog.text


def test_the_stylesheet_is_served_and_never_names_the_gds_transport_typeface(client: FlaskClient) -> None:
    with client.get("/static/build/application.css") as response:
        css = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ".govuk-header" in css
    assert ".govuk-error-summary" in css
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "system-ui" in css


def test_the_govuk_frontend_script_and_images_are_served(client: FlaskClient) -> None:
    for url in ("/static/application.js", "/static/build/govuk-frontend.min.js"):
        with client.get(url) as script:
            assert script.status_code == 200
            assert "initAll" in script.get_data(as_text=True)
    with client.get("/static/build/assets/images/favicon.svg") as image:
        assert image.status_code == 200


def test_pages_link_the_built_stylesheet_and_no_govuk_icons(client: FlaskClient) -> None:
    page = parse(client.get("/sign-in"))

    assert [link["href"] for link in page.soup.find_all("link")] == ["/static/build/application.css"]
    assert (BUILD / "application.css").is_file()
