"""Behind TLS-terminating proxies: with COMMUNITY_TRIGGER_TRUSTED_PROXIES set, the client's real address (from
X-Forwarded-For) is the one the public form's rate limits and the sign-in throttle count, and HTTPS (from
X-Forwarded-Proto) brings HSTS; with no trusted proxy those headers are ignored, so nobody can choose their
own address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from infrastructure.rate_limits import RateLimiter
from infrastructure.storage import Database
from tests.web.conftest import PASSWORD, csrf_token, parse
from web.app import close_app, create_app
from web.context import KEY as SERVICES
from web.public.limits import PAGE_POSTS
from web.public.state import now
from web.security import HSTS, security_config

CLIENT = "203.0.113.7"


@pytest.fixture
def proxied(app: Flask, back_office: BackOffice, database: Database, schema: str) -> Iterator[Flask]:
    """The app as deployed behind one proxy (``app`` registers the users first)."""
    behind = create_app(back_office, database, schema,
                        config={"TESTING": True, "SECRET_KEY": "test secret key", "TRUSTED_PROXIES": 1})
    yield behind
    close_app(behind)


def fill_page_post_limit(app: Flask, schema: str, address: str) -> None:
    limiter = RateLimiter(app.extensions[SERVICES].pool, schema)  # the same table the app's limiter counts in
    for _ in range(PAGE_POSTS.limit):
        limiter.allow(address, PAGE_POSTS, now())


def post_who(client: FlaskClient, forwarded_for: str) -> int:
    token = csrf_token(client, "/apply/who")
    response = client.post("/apply/who", data={"csrf_token": token, "basis": "self"},
                           headers={"X-Forwarded-For": forwarded_for})
    return response.status_code


def test_the_number_of_trusted_proxies_is_read_from_the_environment() -> None:
    assert security_config({}, {"SECRET_KEY": "x"})["TRUSTED_PROXIES"] == 0
    assert security_config({"COMMUNITY_TRIGGER_TRUSTED_PROXIES": "2"}, {"SECRET_KEY": "x"})["TRUSTED_PROXIES"] == 2
    with pytest.raises(ValueError, match="COMMUNITY_TRIGGER_TRUSTED_PROXIES must be the number of proxies"):
        security_config({"COMMUNITY_TRIGGER_TRUSTED_PROXIES": "yes"}, {"SECRET_KEY": "x"})


def test_hsts_is_sent_on_https_responses_only(client: FlaskClient) -> None:
    secure = client.get("/sign-in", base_url="https://localhost")
    plain = client.get("/sign-in")

    assert secure.headers["Strict-Transport-Security"] == HSTS == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in plain.headers


def test_behind_a_trusted_proxy_https_is_recognised_and_hsts_sent(proxied: Flask) -> None:
    client = proxied.test_client()

    forwarded = client.get("/sign-in", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": CLIENT})
    plain = client.get("/sign-in", headers={"X-Forwarded-Proto": "http", "X-Forwarded-For": CLIENT})

    assert forwarded.headers["Strict-Transport-Security"] == HSTS
    assert "Strict-Transport-Security" not in plain.headers


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(client: FlaskClient) -> None:
    response = client.get("/sign-in", headers={"X-Forwarded-Proto": "https"})

    assert "Strict-Transport-Security" not in response.headers


def test_behind_a_trusted_proxy_the_public_form_limit_counts_the_real_client(proxied: Flask, schema: str) -> None:
    fill_page_post_limit(proxied, schema, CLIENT)
    client = proxied.test_client()

    refused = post_who(client, CLIENT)
    someone_else = post_who(client, "198.51.100.20")

    assert refused == 429
    assert someone_else == 302


def test_without_a_trusted_proxy_a_client_cannot_choose_its_address_for_the_public_form(
        app: Flask, client: FlaskClient, schema: str) -> None:
    fill_page_post_limit(app, schema, "127.0.0.1")  # the test client's own address

    refused_as_itself = post_who(client, "198.51.100.20")  # pretending to be someone fresh does not help

    assert refused_as_itself == 429


def test_without_a_trusted_proxy_rotating_x_forwarded_for_does_not_escape_the_sign_in_throttle(
        client: FlaskClient) -> None:
    for i in range(20):
        client.post("/sign-in", data={"username": f"guess{i}", "password": "wrong guess", "csrf_token":
                                      csrf_token(client)}, headers={"X-Forwarded-For": f"198.51.100.{i}"})

    page = parse(client.post("/sign-in", data={"username": "officer", "password": PASSWORD,
                                               "csrf_token": csrf_token(client)},
                             headers={"X-Forwarded-For": "198.51.100.99"}))

    assert page.status == 400
    assert "too many failed attempts to sign in" in page.text()


def test_behind_a_trusted_proxy_the_sign_in_throttle_counts_each_real_client(proxied: Flask) -> None:
    attacker, colleague = proxied.test_client(), proxied.test_client()
    for i in range(20):
        attacker.post("/sign-in", data={"username": f"guess{i}", "password": "wrong guess",
                                        "csrf_token": csrf_token(attacker)}, headers={"X-Forwarded-For": CLIENT})

    blocked = parse(attacker.post("/sign-in", data={"username": "officer", "password": PASSWORD,
                                                     "csrf_token": csrf_token(attacker)},
                                  headers={"X-Forwarded-For": CLIENT}))
    token = csrf_token(colleague)
    allowed = colleague.post("/sign-in", data={"username": "officer", "password": PASSWORD, "csrf_token": token},
                             headers={"X-Forwarded-For": "198.51.100.20"})

    assert "too many failed attempts to sign in" in blocked.text()
    assert allowed.status_code == 302
