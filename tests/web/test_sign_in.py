"""Signing in and out: the GOV.UK error pattern, one refusal for every wrong answer, throttling,
a fresh session, and only local redirects after signing in."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from application.users import REFUSED
from tests.web.conftest import PASSWORD, csrf_token, parse, sign_in
from tests.web.pages import assert_well_formed


def test_the_sign_in_page_asks_for_username_and_password(client: FlaskClient) -> None:
    page = parse(client.get("/sign-in"))

    assert page.status == 200
    assert_well_formed(page)
    assert page.h1 == "Sign in"
    assert page.soup.find("input", id="username")["autocomplete"] == "username"
    assert page.soup.find("input", id="password")["type"] == "password"


def test_signing_in_goes_to_the_start_page_and_shows_the_account(client: FlaskClient) -> None:
    response = sign_in(client, "officer")
    page = parse(client.get("/"))

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert_well_formed(page)
    assert "You are signed in as Officer User (officer), with the role officer." in page.text()


def test_an_empty_form_lists_both_errors_first_linking_to_the_fields(client: FlaskClient) -> None:
    page = parse(client.post("/sign-in", data={"username": " ", "password": "", "csrf_token": csrf_token(client)}))

    assert page.status == 400
    assert_well_formed(page)
    assert page.title.startswith("Error: Sign in")
    links = [(a["href"], a.get_text(strip=True)) for a in page.soup.select(".govuk-error-summary__list a")]
    assert links == [("#username", "Enter your username"), ("#password", "Enter your password")]
    assert page.soup.select_one("#username-error").get_text(" ", strip=True) == "Error: Enter your username"


def test_a_wrong_password_is_refused_and_the_username_kept_but_not_the_password(client: FlaskClient) -> None:
    page = parse(sign_in(client, "officer", "not the right password"))

    assert page.status == 400
    assert_well_formed(page)
    assert page.soup.select_one(".govuk-error-summary__list a").get_text(strip=True) == REFUSED
    assert page.soup.find("input", id="username")["value"] == "officer"
    assert page.soup.find("input", id="password").get("value") in (None, "")


def test_an_unknown_user_gets_exactly_the_wrong_password_refusal(client: FlaskClient) -> None:
    unknown = parse(sign_in(client, "nobody", "whatever password"))
    wrong = parse(sign_in(client, "officer", "whatever password"))

    assert unknown.soup.select_one(".govuk-error-summary").get_text() == \
        wrong.soup.select_one(".govuk-error-summary").get_text()


def test_after_five_failures_even_the_right_password_is_refused_with_a_specific_message(
        client: FlaskClient) -> None:
    for _ in range(5):
        sign_in(client, "manager", "wrong password guess")

    page = parse(sign_in(client, "manager", PASSWORD))

    assert page.status == 400
    assert_well_formed(page)
    [link] = page.soup.select(".govuk-error-summary__list a")
    assert link["href"] == "#username"
    assert "too many failed attempts to sign in. Try again in 30 seconds" in link.get_text()
    assert client.get("/").headers["Location"] == "/sign-in?next=/"  # still signed out


def test_signing_in_starts_a_fresh_session(client: FlaskClient) -> None:
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"

    sign_in(client, "officer")

    with client.session_transaction() as session:
        assert dict(session) == {"_permanent": True, "username": "officer", "generation": 0}


def test_after_signing_in_the_page_asked_for_is_shown(client: FlaskClient) -> None:
    first = client.get("/cases?stage=received")

    response = sign_in(client, "officer", next="/cases?stage=received")

    assert first.headers["Location"] == "/sign-in?next=/cases?stage%3Dreceived"
    assert response.headers["Location"] == "/cases?stage=received"


NASTY_TARGETS = ["https://evil.example/", "//evil.example/", "/\\evil.example", "\\\\evil.example", "/\t/evil.example",
                 "/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "/%2F/evil.example",
                 "/%5Cevil.example", "/%252F/evil.example", "/ /evil.example", "/\u3000/evil.example",
                 "/\x00/evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "/javascript:alert(1)//",
                 "http:/evil.example", "https:evil.example", "evil.example", "///evil.example", "/.//evil.example",
                 "//", "\t//evil.example", " /cases", ""]


@pytest.mark.parametrize("target", NASTY_TARGETS)
def test_a_next_address_that_is_not_a_plain_local_path_goes_to_the_start_page(
        client: FlaskClient, target: str) -> None:
    response = sign_in(client, "officer", next=target)

    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/%09/evil.example", "//evil.example", "/\\evil.example", "https://x"])
def test_the_sign_in_form_never_carries_a_nasty_next_address(client: FlaskClient, target: str) -> None:
    page = parse(client.get("/sign-in", query_string={"next": target}))

    assert "evil.example" not in page.response.get_data(as_text=True)
    assert "https://x" not in page.soup.find("form")["action"]


def test_a_raw_tab_encoded_next_address_gives_a_local_location(client: FlaskClient) -> None:
    token = csrf_token(client)

    response = client.post("/sign-in?next=/%09/evil.example",
                           data={"username": "officer", "password": PASSWORD, "csrf_token": token})

    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/cases", "/cases/CT-2026-0001/history", "/cases?stage=received",
                                    "/audit?page=2&kind=User"])
def test_a_local_path_is_kept_as_the_next_address(client: FlaskClient, target: str) -> None:
    response = sign_in(client, "officer", next=target)

    assert response.headers["Location"] == target


def test_signing_out_ends_the_session(signed_in: Any) -> None:
    client = signed_in("officer")

    response = client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})

    assert response.headers["Location"] == "/sign-in"
    page = parse(client.get("/sign-in"))
    assert "You have signed out." in page.text()
    assert client.get("/").status_code == 302


def test_a_user_disabled_while_signed_in_is_signed_out_at_the_next_request(
        signed_in: Any, back_office: BackOffice) -> None:
    client = signed_in("officer")

    back_office.accounts.disable_user("officer", reason="Left the partnership", actor="admin")

    assert client.get("/").headers["Location"] == "/sign-in?next=/"


def test_a_signed_in_user_visiting_sign_in_goes_to_the_start_page(signed_in: Any) -> None:
    client = signed_in("auditor")

    assert client.get("/sign-in").headers["Location"] == "/"
