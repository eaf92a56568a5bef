"""Sessions end: a session cookie captured before signing out, a new password, a change of roles or disabling
the account no longer works afterwards (it goes to sign in), while other users' sessions carry on."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.user import Role
from tests.web.conftest import csrf_token, parse, sign_in
from tests.web.test_views_users import user_events

COOKIE = "ct_session"


def signed_in_client(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, username).status_code == 302
    return client


def replay(app: Flask, cookie: str) -> FlaskClient:
    """A fresh browser holding only a copy of a captured session cookie."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return cookie.value


def is_signed_in(client: FlaskClient) -> bool:
    response = client.get("/")
    if response.status_code == 302:
        assert response.headers["Location"] == "/sign-in?next=/"
        return False
    assert response.status_code == 200
    return True


def test_a_session_cookie_captured_before_signing_out_no_longer_works(app: Flask, back_office: BackOffice) -> None:
    officer = signed_in_client(app, "officer")
    captured = session_cookie(officer)
    assert is_signed_in(replay(app, captured))

    officer.post("/sign-out", data={"csrf_token": csrf_token(officer, "/")})

    assert not is_signed_in(replay(app, captured))
    assert user_events(back_office, "officer")[-1] == ("SessionsEnded", "officer")


def test_signing_out_ends_the_users_sessions_in_every_browser(app: Flask) -> None:
    laptop, phone = signed_in_client(app, "officer"), signed_in_client(app, "officer")

    laptop.post("/sign-out", data={"csrf_token": csrf_token(laptop, "/")})

    assert not is_signed_in(phone)


def test_a_password_set_by_an_administrator_ends_the_users_sessions_but_not_others(app: Flask) -> None:
    officer, manager, admin = (signed_in_client(app, name) for name in ("officer", "manager", "admin"))
    captured = session_cookie(officer)

    response = admin.post("/users/officer/password", data={"csrf_token": csrf_token(admin, "/users/officer"),
                                                           "password": "a brand new passphrase"})

    assert response.status_code == 302
    assert not is_signed_in(officer)
    assert not is_signed_in(replay(app, captured))
    assert is_signed_in(manager)
    assert is_signed_in(admin)
    assert sign_in(officer, "officer", "a brand new passphrase").status_code == 302
    assert is_signed_in(officer)


@pytest.mark.parametrize("change", ["roles", "password", "disabled"])
def test_a_change_to_the_account_ends_a_captured_session(
        app: Flask, back_office: BackOffice, change: str) -> None:
    captured = session_cookie(signed_in_client(app, "officer"))
    auditor = signed_in_client(app, "auditor")

    if change == "roles":
        back_office.accounts.change_roles("officer", roles=[Role.OFFICER, Role.MANAGER], reason="Promoted",
                                          actor="admin")
    elif change == "password":
        back_office.accounts.change_password("officer", password="a brand new passphrase", actor="officer")
    else:
        back_office.accounts.disable_user("officer", reason="Left the partnership", actor="admin")

    assert not is_signed_in(replay(app, captured))
    assert is_signed_in(auditor)


def test_setting_an_agency_keeps_the_contact_signed_in(
        app: Flask, back_office: BackOffice, project: Callable[[], None]) -> None:
    contact = signed_in_client(app, "agency")

    back_office.accounts.assign_agency("agency", agency="Kent Police", actor="admin")
    project()

    assert is_signed_in(contact)
    assert "Kent Police" in parse(contact.get("/agency")).text()


def test_a_session_without_a_generation_is_not_accepted(app: Flask, signed_in: Callable[[str], FlaskClient]) -> None:
    client = signed_in("officer")
    with client.session_transaction() as session:
        del session["generation"]  # e.g. a cookie signed before sessions had generations

    assert not is_signed_in(client)
