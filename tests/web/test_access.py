"""Who may see what: every route, with every role and signed out, is either shown, refused with
403, or sends the visitor to sign in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.personal import Person
from domain.user import Role
from tests.application import cases
from tests.web.access_matrix import ACTIONS, NOT_IN_MATRIX_PREFIXES, PAGES
from tests.web.conftest import USERS, csrf_token, parse
from tests.web.pages import assert_well_formed


def urls(reference: str, request: str = "") -> dict[str, str]:
    return {endpoint: url.format(reference=reference, request=request) for endpoint, (url, _) in PAGES.items()}


def subject_access_request(back_office: BackOffice) -> str:
    """A subject access request by the case's applicant (record p-1), its record confirmed: ``{request}``."""
    recorded = back_office.privacy.receive_subject_access_request(
        person=Person("asked", "Ann Smith"), received_on=date(2026, 11, 20), actor="setup")
    back_office.privacy.confirm_records(recorded.aggregate_id, subjects=["p-1"], actor="setup")
    return str(recorded.aggregate_id)


def case_seen_as(username: str | None, back_office: BackOffice, project: Callable[[], None],
                 signed_in: Callable[[str], FlaskClient]) -> tuple[str, Role | None]:
    """A case whose threshold is met, in the read models, and the client signed in as ``username`` (None: signed
    out); the case's reference and the user's role."""
    reference = cases.threshold_met(back_office)
    project()
    if username:
        signed_in(username)
    return reference, USERS.get(username or "")


def test_the_matrix_covers_every_route(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if not rule.endpoint.startswith(NOT_IN_MATRIX_PREFIXES)}

    assert endpoints == set(PAGES) | set(ACTIONS)


@pytest.mark.parametrize("username", [None, *USERS], ids=["signed out", *USERS])
def test_each_route_is_shown_refused_or_sends_to_sign_in(
        client: FlaskClient, signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
        project: Callable[[], None], username: str | None) -> None:
    reference, role = case_seen_as(username, back_office, project, signed_in)
    request = subject_access_request(back_office)

    outcomes = {}
    for endpoint, url in urls(reference, request).items():
        response = client.get(url)
        if role is None:
            outcomes[endpoint] = response.status_code, response.headers.get("Location")
            continue
        if response.mimetype == "application/pdf":  # a letter's PDF: shown (downloaded), not a page
            outcomes[endpoint] = response.status_code, None
            continue
        page = parse(response)
        if "Content-Disposition" not in response.headers:  # downloads and printable letters are not pages
            assert_well_formed(page)
        outcomes[endpoint] = page.status, page.h1 if page.status == 403 else None

    expected = {endpoint: (302, f"/sign-in?next={url}") if role is None
                else (200, None) if role in PAGES[endpoint][1]
                else (403, "You do not have permission to see this page")
                for endpoint, url in urls(reference, request).items()}
    assert outcomes == expected


@pytest.mark.parametrize("username", [None, *USERS], ids=["signed out", *USERS])
def test_signing_out_needs_a_session_and_ends_it(
        client: FlaskClient, signed_in: Callable[[str], FlaskClient], username: str | None) -> None:
    if username:
        signed_in(username)
    token = csrf_token(client, "/sign-in" if username is None else "/")

    response = client.post("/sign-out", data={"csrf_token": token})

    assert response.status_code == 302
    assert response.headers["Location"] == ("/sign-in?next=/sign-out" if username is None else "/sign-in")
    assert client.get("/").headers["Location"] == "/sign-in?next=/"


@pytest.mark.parametrize("username", [None, *USERS], ids=["signed out", *USERS])
def test_each_action_is_allowed_refused_or_sends_to_sign_in_and_an_empty_form_records_nothing(
        client: FlaskClient, signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
        project: Callable[[], None], username: str | None) -> None:
    reference, role = case_seen_as(username, back_office, project, signed_in)
    request = subject_access_request(back_office)
    token = csrf_token(client, "/sign-in" if username is None else "/")
    before = back_office.event_count()

    for endpoint, (url, roles) in ACTIONS.items():
        response = client.post(url.format(reference=reference, request=request), data={"csrf_token": token})
        if role is None:
            assert response.status_code == 302, endpoint
            assert response.headers["Location"].startswith("/sign-in?next="), endpoint
        elif role not in roles:
            assert response.status_code == 403, endpoint
        else:
            assert response.status_code not in (302, 403, 500), (endpoint, response.status_code)
        assert back_office.event_count() == before, endpoint
