"""User administration: adding a user, changing roles, disabling and enabling with a reason, setting
a password; each change is an event with the acting administrator, and bad input gets field errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from application.sign_in_throttle import SignInThrottle
from application.users import SignInRefusedError
from domain.user import Role, user_id
from tests.web.conftest import csrf_token, parse
from tests.web.pages import assert_refused_on_field, assert_well_formed
from web.context import KEY

NEW_USER = {"username": "A.Khan", "display_name": "Amira Khan", "email": "a.khan@example.gov.uk",
            "roles": ["officer", "manager"], "password": "twelve chars or more"}


@pytest.fixture
def admin(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("admin")


def post(client: FlaskClient, url: str, form_url: str, data: dict[str, object]) -> object:
    return client.post(url, data={"csrf_token": csrf_token(client, form_url), **data})


def user_events(back_office: BackOffice, username: str) -> list[tuple[str, str]]:
    return [(type(e).__name__, getattr(e, "actor", "")) for e in back_office.events.get(user_id(username))]


def test_adding_a_user_records_who_added_them_and_lists_them(admin: FlaskClient, back_office: BackOffice) -> None:
    form = parse(admin.get("/users/new"))
    assert form.status == 200
    assert_well_formed(form)

    response = post(admin, "/users/new", "/users/new", NEW_USER)

    assert response.status_code == 302  # type: ignore[attr-defined]
    account = back_office.accounts.get_account("a.khan")
    assert account.roles == frozenset({Role.OFFICER, Role.MANAGER})
    assert account.enabled
    assert user_events(back_office, "a.khan") == [("Registered", "admin")]
    page = parse(admin.get("/users"))
    assert_well_formed(page)
    assert "Added a.khan" in page.text()
    assert page.soup.find("a", href="/users/a.khan") is not None


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"password": "too short"}, "password", "at least 12 characters"),
    ({"roles": []}, "roles", "Select at least one role"),
    ({"roles": ["superuser"]}, "roles", "Choose roles from the list"),
    ({"username": "officer"}, "username", "There is already a user called officer"),
    ({"username": "<script>x</script>"}, "username", "Enter a username of 2 to 64 characters"),
    ({"email": "not an email"}, "email", "Enter an email address in the correct format"),
    ({"display_name": ""}, "display_name", "Enter the user's name"),
    ({"display_name": "x" * 5000}, "display_name", "100 characters or fewer"),
])
def test_adding_a_user_refuses_bad_input_with_a_field_error_and_records_nothing(
        admin: FlaskClient, back_office: BackOffice, change: dict[str, object], field: str, message: str) -> None:
    before = back_office.event_count()

    page = parse(post(admin, "/users/new", "/users/new", {**NEW_USER, **change}))  # type: ignore[arg-type]

    assert_refused_on_field(page, field, message)
    assert back_office.event_count() == before
    assert "twelve chars or more" not in page.response.get_data(as_text=True)  # the password is never sent back
    assert "<script>x</script>" not in page.response.get_data(as_text=True)


def test_changing_roles_records_the_reason_and_the_administrator(admin: FlaskClient, back_office: BackOffice) -> None:
    page = parse(admin.get("/users/officer"))
    assert page.status == 200
    assert_well_formed(page)

    response = post(admin, "/users/officer/roles", "/users/officer",
                    {"roles": ["officer", "auditor"], "reason": "Also audits closed cases"})

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert back_office.accounts.get_account("officer").roles == frozenset({Role.OFFICER, Role.AUDITOR})
    assert user_events(back_office, "officer")[-1] == ("RolesChanged", "admin")
    page = parse(admin.get("/users/officer"))
    assert "Changed the roles of officer." in page.text()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"roles": ["officer", "auditor"]}, "roles-reason", "Enter the reason for changing the roles"),
    ({"reason": "No roles"}, "roles", "Select at least one role"),
    ({"roles": ["officer"], "reason": "Same again"}, "roles", "already has exactly these roles"),
])
def test_a_bad_role_change_gets_a_field_error_and_keeps_what_was_typed(
        admin: FlaskClient, back_office: BackOffice, data: dict[str, object], field: str, message: str) -> None:
    before = back_office.event_count()

    page = parse(post(admin, "/users/officer/roles", "/users/officer", data))  # type: ignore[arg-type]

    assert page.status == 400
    assert_well_formed(page)
    link = page.soup.select_one(".govuk-error-summary__list a")
    assert link["href"] == f"#{field}"
    assert message in link.get_text()
    if "reason" in data:
        assert page.soup.find(id="roles-reason").get_text() == data["reason"]
    assert back_office.event_count() == before


def test_an_administrator_cannot_give_themself_a_role_and_is_told_at_the_roles_field(
        admin: FlaskClient, back_office: BackOffice) -> None:
    before = back_office.event_count()

    page = parse(post(admin, "/users/admin/roles", "/users/admin",
                      {"roles": ["administrator", "manager"], "reason": "Covering the manager's leave"}))

    assert page.status == 400
    assert_well_formed(page)
    link = page.soup.select_one(".govuk-error-summary__list a")
    assert link["href"] == "#roles"
    assert "You cannot give yourself a role; ask another administrator to do it." in link.get_text()
    assert back_office.event_count() == before
    assert back_office.accounts.get_account("admin").roles == {Role.ADMINISTRATOR}


def test_another_administrator_can_give_the_role(
        admin: FlaskClient, back_office: BackOffice, signed_in: Callable[[str], FlaskClient]) -> None:
    back_office.accounts.register_user("second.admin", display_name="Second Admin", email="second@example.gov.uk",
                                       roles=[Role.ADMINISTRATOR], password="a long enough passphrase", actor="setup")
    admin.post("/sign-out", data={"csrf_token": csrf_token(admin, "/")})
    second = signed_in("second.admin")

    response = post(second, "/users/admin/roles", "/users/admin",
                    {"roles": ["administrator", "manager"], "reason": "Covering the manager's leave"})

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert back_office.accounts.get_account("admin").roles == {Role.ADMINISTRATOR, Role.MANAGER}
    assert user_events(back_office, "admin")[-1] == ("RolesChanged", "second.admin")


def test_disabling_then_enabling_an_account_needs_a_reason_and_is_recorded(
        admin: FlaskClient, back_office: BackOffice) -> None:
    refused = parse(post(admin, "/users/agency/status", "/users/agency", {}))
    assert refused.status == 400
    assert refused.soup.select_one(".govuk-error-summary__list a")["href"] == "#status-reason"

    assert post(admin, "/users/agency/status", "/users/agency", {"reason": "Left the agency"}).status_code == 302  # type: ignore[attr-defined]
    assert not back_office.accounts.get_account("agency").enabled
    page = parse(admin.get("/users/agency"))
    assert_well_formed(page)
    assert "Enable the account" in page.text()

    assert post(admin, "/users/agency/status", "/users/agency", {"reason": "Came back"}).status_code == 302  # type: ignore[attr-defined]
    assert back_office.accounts.get_account("agency").enabled
    assert [e for e in user_events(back_office, "agency")[-2:]] == [("Disabled", "admin"), ("Enabled", "admin")]


def test_an_administrator_cannot_disable_themselves(admin: FlaskClient, back_office: BackOffice) -> None:
    page = parse(post(admin, "/users/admin/status", "/users/admin", {"reason": "Testing"}))

    assert page.status == 400
    assert_well_formed(page)
    assert "You cannot disable your own account" in page.text()
    assert back_office.accounts.get_account("admin").enabled


def test_setting_a_password_records_it_and_the_new_one_works(admin: FlaskClient, back_office: BackOffice) -> None:
    short = parse(post(admin, "/users/officer/password", "/users/officer", {"password": "short"}))
    assert short.status == 400
    assert short.soup.select_one(".govuk-error-summary__list a")["href"] == "#password"

    response = post(admin, "/users/officer/password", "/users/officer", {"password": "a brand new passphrase"})

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert user_events(back_office, "officer")[-1] == ("PasswordChanged", "admin")
    with pytest.raises(SignInRefusedError):
        back_office.accounts.verify_sign_in("officer", "a long enough passphrase", throttle=app_throttle(admin),
                                           address="192.0.2.10")
    assert back_office.accounts.verify_sign_in("officer", "a brand new passphrase", throttle=app_throttle(admin),
                                               address="192.0.2.10").enabled


def test_an_unknown_user_is_the_404_page(admin: FlaskClient) -> None:
    page = parse(admin.get("/users/nobody"))

    assert page.status == 404
    assert_well_formed(page)


def test_user_changes_appear_in_the_audit_trail_with_the_administrator(
        admin: FlaskClient, signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
        project: Callable[[], None]) -> None:
    post(admin, "/users/new", "/users/new", NEW_USER)
    project()
    admin.post("/sign-out", data={"csrf_token": csrf_token(admin, "/")})
    auditor = signed_in("auditor")

    page = parse(auditor.get("/audit"))

    rows = [[td.get_text(strip=True) for td in row.find_all("td")] for row in page.soup.select("tbody tr")]
    assert [r[3:5] for r in rows if "a.khan" in " ".join(r)] == [["User.Registered", "admin"]]


def app_throttle(client: FlaskClient) -> SignInThrottle:
    return client.application.extensions[KEY].throttle
