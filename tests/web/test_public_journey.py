"""The public application form from start to confirmation, signed out and signed in: the case it
creates, the draft kept on the server, and the pages that need a draft."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from application.backoffice import BackOffice
from domain.values import Channel, ConsentKind, HateElement
from tests.web.conftest import Page, csrf_token, parse
from tests.web.pages import assert_well_formed
from web.public.state import SESSION_KEY, now, stores

ME = {"name": "Ann Smith", "address": "12 High Street\nDartford", "postcode": "da1 1dr", "phone": "01322 343000",
      "email": "ann@example.com", "preferred_contact": "email"}
VICTIM = {"name": "Bert Jones", "address": "14 High Street, Dartford", "postcode": "DA1 1DS",
          "preferred_contact": "post", "relationship": "carer"}
PROBLEM = {"kind": "noise", "location": "High Street, Dartford", "description": "Loud music every night."}
INCIDENTS = [
    {"happened-day": "1", "happened-month": "10", "happened-year": "2026", "reported-day": "2",
     "reported-month": "10", "reported-year": "2026", "agency": "Kent Police", "reported_to": "PC Brown",
     "reference": "KP-1", "description": "Music until 3am.", "hate_related": "no", "reported_by": "me"},
    {"happened-day": "5", "happened-month": "11", "happened-year": "2026", "reported-day": "5",
     "reported-month": "11", "reported-year": "2026", "agency": "Dartford Borough Council",
     "description": "Shouting in the street.", "hate_related": "no", "reported_by": "me"},
]


def get(client: FlaskClient, url: str) -> Page:
    page = parse(client.get(url))
    assert page.status == 200, (url, page.status, page.text()[:300])
    assert_well_formed(page)
    return page


def post(client: FlaskClient, url: str, data: dict[str, Any]) -> TestResponse:
    return client.post(url, data={"csrf_token": csrf_token(client, "/apply/who"), **data})


def answer(client: FlaskClient, url: str, data: dict[str, Any]) -> str:
    """Shows the page, answers it, and returns where it went next."""
    get(client, url)
    response = post(client, url, data)
    assert response.status_code == 302, (url, parse(response).text()[:500])
    return response.headers["Location"]


def fill_in(client: FlaskClient, basis: str = "self", incidents: list[dict[str, str]] = INCIDENTS) -> None:
    """Answers every page up to the check answers page, checking each goes where it should."""
    get(client, "/apply")
    after_basis = {"self": "/apply/your-details", "behalf": "/apply/your-details",
                   "households": "/apply/households"}[basis]
    assert answer(client, "/apply/who", {"basis": basis}) == after_basis
    if basis == "households":
        assert answer(client, "/apply/households", {"count": "6", "details": "Numbers 10 to 20."}) == \
               "/apply/your-details"
    assert answer(client, "/apply/your-details", ME) == ("/apply/victim" if basis == "behalf" else "/apply/problem")
    if basis == "behalf":
        assert answer(client, "/apply/victim", VICTIM) == "/apply/problem"
    assert answer(client, "/apply/problem", PROBLEM) == "/apply/hostility"
    assert answer(client, "/apply/hostility", {"element": "hate_incident"}) == "/apply/hostility-about"
    assert answer(client, "/apply/hostility-about", {"characteristics": ["race", "religion"]}) == "/apply/incidents"
    assert client.get("/apply/incidents").headers["Location"] == "/apply/incidents/add"
    for number, incident in enumerate(incidents, start=1):
        assert answer(client, "/apply/incidents/add", incident) == "/apply/incidents"
        summary = get(client, "/apply/incidents")
        assert summary.h1 == f"You have added {number} incident{'' if number == 1 else 's'}"
        if number < len(incidents):
            assert post(client, "/apply/incidents", {"another": "yes"}).headers["Location"] == "/apply/incidents/add"
    assert post(client, "/apply/incidents", {"another": "no"}).headers["Location"] == "/apply/consent"
    consent = {"share": "yes", **({"victim-consent": "yes"} if basis == "behalf" else {})}
    assert answer(client, "/apply/consent", consent) == "/apply/check"


def send(client: FlaskClient) -> Page:
    get(client, "/apply/check")
    response = post(client, "/apply/check", {})
    assert response.status_code == 302, parse(response).text()[:500]
    assert response.headers["Location"] == "/apply/confirmation"
    return get(client, "/apply/confirmation")


def reference_on(page: Page) -> str:
    return page.soup.select_one(".govuk-panel__body strong").get_text(strip=True)


def draft_rows(app: Flask) -> int:
    with app.app_context():
        drafts = stores().drafts
        with drafts.connections.connection() as conn:
            return int(conn.execute(f"SELECT count(*) FROM {drafts.table.as_string(conn)}").fetchone()[0])


@pytest.mark.parametrize("username", [None, "officer"], ids=["signed out", "signed in"])
def test_a_full_application_creates_the_case_with_its_incidents_and_consent_all_by_public(
        client: FlaskClient, signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
        app: Flask, username: str | None) -> None:
    if username:
        signed_in(username)
    fill_in(client)
    check = get(client, "/apply/check")
    assert "Ann Smith" in check.text()
    assert "Kent Police" in check.text()

    confirmation = send(client)

    reference = reference_on(confirmation)
    assert confirmation.h1 == "Application sent"
    assert "within 5 working days, by 1 December 2026" in confirmation.text()
    assert "within 10 working days, by 8 December 2026" in confirmation.text()
    case = back_office.cases.get_case(reference).application
    assert case.channel is Channel.ONLINE
    assert case.applicant.person.name == "Ann Smith"
    assert case.applicant.person.postcode == "DA1 1DR"
    assert case.problem.hate_element is HateElement.HATE_INCIDENT
    assert case.problem.protected_characteristics == ("Race or ethnicity", "Religion or belief")
    assert [(i.agency, i.agency_reference, i.reported_to) for i in case.incidents] == [
        ("Kent Police", "KP-1", "PC Brown"), ("Dartford Borough Council", "", "")]
    assert set(case.consents) == {ConsentKind.SHARE_WITH_AGENCIES}
    history = back_office.cases.history(reference)
    assert [e.event for e in history] == ["Received", "IncidentLogged", "IncidentLogged", "ConsentGiven"]
    assert {e.actor for e in history} == {"public"}
    assert draft_rows(app) == 0


def test_applying_on_behalf_of_a_victim_records_the_victim_and_their_consent(
        client: FlaskClient, back_office: BackOffice) -> None:
    fill_in(client, basis="behalf")
    assert "Bert Jones" in get(client, "/apply/check").text()

    case = back_office.cases.get_case(reference_on(send(client))).application

    assert case.applicant.on_behalf_of_victim
    assert case.applicant.relationship == "carer"
    assert [v.name for v in case.applicant.victims] == ["Bert Jones"]
    assert set(case.consents) == {ConsentKind.VICTIM_CONSENT, ConsentKind.SHARE_WITH_AGENCIES}
    assert {e.actor for e in back_office.cases.history(case.reference)} == {"public"}


def test_applying_for_several_households_records_how_many_in_the_problem_description(
        client: FlaskClient, back_office: BackOffice) -> None:
    fill_in(client, basis="households")

    case = back_office.cases.get_case(reference_on(send(client))).application

    assert case.problem.description is not None
    assert case.problem.description.text.startswith("Application for 6 households. Numbers 10 to 20.")
    assert not case.applicant.on_behalf_of_victim


def test_the_answers_are_kept_on_the_server_between_requests_and_only_an_id_in_the_session(
        client: FlaskClient, app: Flask) -> None:
    answer(client, "/apply/who", {"basis": "self"})
    answer(client, "/apply/your-details", ME)

    page = get(client, "/apply/your-details")

    assert page.soup.find("input", attrs={"name": "name"})["value"] == "Ann Smith"
    with client.session_transaction() as session:
        assert set(session) - {"csrf_token"} == {SESSION_KEY}
        assert "Ann" not in str(dict(session))
    assert draft_rows(app) == 1


def test_an_expired_draft_is_not_used_and_the_visitor_starts_again(client: FlaskClient, app: Flask) -> None:
    answer(client, "/apply/who", {"basis": "self"})
    with client.session_transaction() as session:
        draft_id = session[SESSION_KEY]
    with app.app_context():
        drafts = stores().drafts
        assert drafts.load(draft_id, now() + timedelta(hours=25)) is None
        with drafts.connections.connection() as conn:
            conn.execute(f"UPDATE {drafts.table.as_string(conn)} SET expires_at = now() - interval '1 minute'")

    assert client.get("/apply/your-details").headers["Location"] == "/apply"


@pytest.mark.parametrize("url", ["/apply/households", "/apply/your-details", "/apply/victim", "/apply/problem",
                                 "/apply/hostility", "/apply/hostility-about", "/apply/incidents",
                                 "/apply/incidents/add", "/apply/incidents/1", "/apply/incidents/1/remove",
                                 "/apply/consent", "/apply/check", "/apply/confirmation"])
def test_a_page_after_the_first_without_a_draft_goes_to_the_start_page(client: FlaskClient, url: str) -> None:
    response = client.get(url)

    assert response.status_code == 302
    assert response.headers["Location"] == "/apply"


def test_sending_twice_records_one_application(client: FlaskClient, back_office: BackOffice) -> None:
    fill_in(client)
    send(client)
    before = back_office.event_count()

    response = post(client, "/apply/check", {})

    assert response.headers["Location"] == "/apply/confirmation"
    assert back_office.event_count() == before


def test_the_check_page_sends_unanswered_questions_back_to_the_first_one(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "behalf"})
    answer(client, "/apply/your-details", ME)

    assert client.get("/apply/check").headers["Location"] == "/apply/victim"


def test_the_start_page_explains_the_threshold_and_needs_no_sign_in(client: FlaskClient) -> None:
    page = get(client, "/apply")

    assert page.h1 == "Apply for an anti-social behaviour case review"
    assert "3 qualifying incidents reported within 6 months before the application" in page.text()
    assert page.soup.select_one("a.govuk-button--start")["href"] == "/apply/who"
