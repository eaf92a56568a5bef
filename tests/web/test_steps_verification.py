"""The forms of verifying incidents with the agencies: officers ask an agency and record its answers; an agency
contact sees the request on their agency's page and answers for their own agency only; the decision form shows
what each agency said and asks why when incidents are unconfirmed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.verification import VerificationAnswer
from tests.application import cases
from tests.web.conftest import csrf_token, parse
from tests.web.pages import assert_well_formed
from tests.web.test_api_tokens import assert_problem, bearer
from tests.web.test_steps_intake import form_page, recorded, refused, submit, summary

TODAY = date(2026, 11, 24)  # the test BackOffice's today
OFFICER = "officer"


def asked_of_kent_police(back_office: BackOffice) -> str:
    """Incidents 1 to 3 reported to Kent Police, which was asked to confirm them."""
    reference = cases.ready_for_decision(back_office)
    back_office.cases.request_verification(reference, agency="Kent Police", requested_on=date(2026, 9, 3),
                                           actor=OFFICER)
    return reference


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


@pytest.fixture
def manager(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("manager")


@pytest.fixture
def kent_police(back_office: BackOffice, signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    back_office.accounts.assign_agency("agency", agency="Kent Police", actor="admin")
    return signed_in("agency")


def test_an_officer_asks_an_agency_and_records_its_dispute(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)

    recorded(submit(officer, f"/cases/{reference}/verification-requests/new", {"agency": "Kent Police"}), reference)
    page = refused(submit(officer, f"/cases/{reference}/verification-answers/new", {
        "agency": "Kent Police", "number": 2, "answer": "disputed", "answered_on": TODAY}))
    assert summary(page) == [("Enter the agency's own reference for the incident it disputes.", "#agency_reference")]
    recorded(submit(officer, f"/cases/{reference}/verification-answers/new", {
        "agency": "Kent Police", "number": 2, "answer": "disputed", "answered_on": TODAY,
        "agency_reference": "KP/26/4", "reason": "Logged at another address."}), reference)

    [request] = back_office.cases.get_case(reference).application.verification_requests
    assert (request.agency, request.requested_on, request.numbers) == ("Kent Police", TODAY, (1, 2, 3))
    case_page = parse(officer.get(f"/cases/{reference}"))
    assert ("Disputed by Kent Police on 24 November 2026 (their reference KP/26/4): Logged at another address."
            in case_page.text())
    assert "Awaiting Kent Police (asked on 24 November 2026)" in case_page.text()


def test_an_answer_about_an_incident_the_agency_was_not_asked_about_is_refused_at_the_number(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = asked_of_kent_police(back_office)
    before = back_office.event_count()

    page = refused(submit(officer, f"/cases/{reference}/verification-answers/new", {
        "agency": "Kent Police", "number": 9, "answer": "confirmed", "answered_on": TODAY}))

    assert summary(page)[0][1] == "#number"
    assert "no incident 9" in summary(page)[0][0]
    assert back_office.event_count() == before


def test_the_decision_form_shows_each_agencys_answer_and_needs_a_reason_while_any_is_unconfirmed(
        manager: FlaskClient, back_office: BackOffice) -> None:
    reference = asked_of_kent_police(back_office)
    back_office.cases.answer_verification(reference, number=1, agency="Kent Police",
                                          answer=VerificationAnswer.CONFIRMED, answered_on=date(2026, 9, 7),
                                          actor=OFFICER)
    url = f"/cases/{reference}/threshold"
    before = back_office.event_count()

    page = form_page(manager, url)
    assert "Confirmed by Kent Police on 7 September 2026" in page.text()
    assert "Awaiting Kent Police (asked on 3 September 2026)" in page.text()
    refusal = refused(submit(manager, url, {"decision": "met", "decided_on": date(2026, 9, 10)}, page=page))

    [(message, href)] = summary(refusal)
    assert href == "#unverified_reason"
    assert "Incidents 2, 3 have not been confirmed" in message
    assert "the procedure asks the partnership to confirm the incidents with the agencies" in message
    assert back_office.event_count() == before
    recorded(submit(manager, url, {"decision": "met", "decided_on": date(2026, 9, 10),
                                   "unverified_reason": "The diary is detailed."}), reference)
    assert back_office.cases.get_case(reference).application.unverified_reason == "The diary is detailed."


def test_an_agency_contact_sees_the_request_and_answers_for_their_agency_only(
        kent_police: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    reference = asked_of_kent_police(back_office)
    project()

    page = parse(kent_police.get("/agency"))
    assert_well_formed(page)
    rows = [" ".join(row.get_text(" ").split()) for row in page.soup.select("tbody tr")]
    assert any(reference in row and "Confirm incidents 1, 2, 3 reported to you" in row for row in rows)
    assert f"/cases/{reference}/verification-answers/new" in {a["href"] for a in page.soup.select("tbody a")}
    form = form_page(kent_police, f"/cases/{reference}/verification-answers/new")
    assert form.soup.find(attrs={"name": "agency"}) is None  # fixed to their agency

    response = submit(kent_police, f"/cases/{reference}/verification-answers/new",
                      {"number": 1, "answer": "no_record", "answered_on": TODAY}, page=form)

    assert response.headers["Location"] == "/agency"
    [given] = back_office.cases.get_case(reference).application.verification_answers
    assert (given.number, given.agency, given.answer) == (1, "Kent Police", VerificationAnswer.NO_RECORD)


def test_another_agencys_request_to_confirm_is_not_found_and_nothing_is_recorded(
        kent_police: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)
    back_office.cases.log_incident(reference, happened_on=date(2026, 8, 20), reported_on=date(2026, 8, 21),
                                   agency="Moat Homes", actor=OFFICER)
    back_office.cases.request_verification(reference, agency="Moat Homes", requested_on=TODAY, actor=OFFICER)
    url = f"/cases/{reference}/verification-answers/new"
    before = back_office.event_count()

    responses = [kent_police.get(url), kent_police.post(url, data={
        "csrf_token": csrf_token(kent_police, "/"), "number": "4", "answer": "confirmed", "answered_on-day": "24",
        "answered_on-month": "11", "answered_on-year": "2026"})]

    assert [r.status_code for r in responses] == [404, 404]
    assert back_office.event_count() == before


def test_an_agency_contact_cannot_answer_for_an_incident_reported_to_another_agency(
        kent_police: FlaskClient, back_office: BackOffice) -> None:
    reference = asked_of_kent_police(back_office)
    back_office.cases.log_incident(reference, happened_on=date(2026, 8, 20), reported_on=date(2026, 8, 21),
                                   agency="Moat Homes", actor=OFFICER)
    back_office.cases.request_verification(reference, agency="Moat Homes", requested_on=TODAY, actor=OFFICER)
    before = back_office.event_count()

    page = refused(submit(kent_police, f"/cases/{reference}/verification-answers/new",
                          {"number": 4, "answer": "confirmed", "answered_on": TODAY}))

    assert summary(page)[0][1] == "#number"
    assert "Kent Police was not asked to confirm incident 4" in summary(page)[0][0]
    assert back_office.event_count() == before


def test_asking_is_for_caseworkers_only(kent_police: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)

    assert kent_police.get(f"/cases/{reference}/verification-requests/new").status_code == 403


def test_through_the_api_a_dispute_needs_the_agencys_reference_and_a_decision_needs_its_reason(
        client: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office, incidents=4)  # three count without the disputed one
    officer, manager = bearer(back_office, "officer"), bearer(back_office, "manager")
    before = back_office.event_count()

    asked = client.post(f"/api/cases/{reference}/verification-requests",
                        json={"agency": "Kent Police", "requested_on": "2026-09-03"}, headers=officer)
    dispute = {"number": 2, "agency": "Kent Police", "answer": "disputed", "answered_on": "2026-09-07"}
    refused_dispute = assert_problem(client.post(f"/api/cases/{reference}/verification-answers", json=dispute,
                                                 headers=officer), 422)
    answered = client.post(f"/api/cases/{reference}/verification-answers",
                           json={**dispute, "agency_reference": "KP/2", "reason": "Another street."}, headers=officer)
    refused_decision = assert_problem(client.post(f"/api/cases/{reference}/threshold/met",
                                                  json={"decided_on": "2026-09-10"}, headers=manager), 422)

    assert (asked.status_code, answered.status_code) == (200, 200)
    assert "agency's own reference" in str(refused_dispute)
    assert "Incidents 1, 2, 3, 4 have not been confirmed" in refused_decision["detail"]
    assert back_office.event_count() == before + 2
    assert [e.event for e in back_office.cases.history(reference)][-2:] == [
        "IncidentVerificationRequested", "IncidentVerificationAnswered"]
