"""Agency contacts and panel members: an administrator sets the agency they work for; they see their agency's
open requests for information and recommendations waiting for a response, and answer them for their agency
only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.values import LetterChannel
from tests.application import cases
from tests.web.conftest import csrf_token, parse
from tests.web.pages import assert_well_formed
from tests.web.test_steps_intake import form_page, submit
from tests.web.test_views_users import user_events

TODAY = date(2026, 11, 24)  # the test BackOffice's today
OFFICER = "officer"


def a_review_waiting_on_two_agencies(back_office: BackOffice) -> str:
    """A held panel: information asked of Kent Police (long ago: overdue) and Moat Homes, and a recommendation
    to each (1 to Kent Police, 2 to Moat Homes)."""
    reference = cases.panel_scheduled(back_office)
    back_office.cases.request_agency_information(reference, agency="Kent Police", requested_on=date(2026, 9, 15),
                                                 actor=OFFICER)
    back_office.cases.request_agency_information(reference, agency="Moat Homes", requested_on=date(2026, 9, 16),
                                                 actor=OFFICER)
    back_office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                                 reason="She chose to be kept informed.", actor=OFFICER)
    back_office.cases.hold_panel(reference, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt", "Kent Police"),
                                 victim_attended=True, findings="Reports were not linked.", actor=OFFICER)
    back_office.cases.issue_recommendation(reference, agency="Kent Police", text="Link the reports.",
                                           issued_on=date(2026, 10, 6), actor=OFFICER)
    back_office.cases.issue_recommendation(reference, agency="Moat Homes", text="Name one contact.",
                                           issued_on=date(2026, 10, 6), actor=OFFICER)
    return reference


def last_case_event(back_office: BackOffice, reference: str) -> tuple[str, str]:
    entry = [e for e in back_office.cases.history(reference) if e.record != "ReferenceBook"][-1]
    return entry.event, entry.actor


@pytest.fixture
def kent_police(back_office: BackOffice, signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    back_office.accounts.assign_agency("agency", agency="Kent Police", actor="admin")
    return signed_in("agency")


def test_an_administrator_sets_a_users_agency_which_is_recorded_and_shown(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    admin = signed_in("admin")

    form = parse(admin.get("/users/agency"))
    assert_well_formed(form)
    assert [o["value"] for o in form.soup.select("select#agency option")][1:] == list(
        back_office.profile.relevant_bodies)

    response = admin.post("/users/agency/agency", data={"csrf_token": csrf_token(admin, "/users/agency"),
                                                       "agency": "Kent Police"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/users/agency"
    assert user_events(back_office, "agency")[-1] == ("AgencyAssigned", "admin")
    assert back_office.accounts.get_account("agency").agency == "Kent Police"
    page = parse(admin.get("/users/agency"))
    assert_well_formed(page)
    assert "Set the agency of agency." in page.text()
    assert "Agency Kent Police" in page.text()


def test_an_agency_outside_the_partnership_is_refused_at_the_agency_field(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    admin = signed_in("admin")
    before = back_office.event_count()

    page = parse(admin.post("/users/agency/agency", data={"csrf_token": csrf_token(admin, "/users/agency"),
                                                          "agency": "<script>alert(1)</script>"}))

    assert page.status == 400
    assert_well_formed(page)
    assert page.title.startswith("Error: ")
    [link] = page.soup.select(".govuk-error-summary a")
    assert link["href"] == "#agency"
    assert "is not one of the partnership's agencies" in link.get_text()
    assert back_office.event_count() == before


def test_an_agency_contact_without_an_agency_is_asked_to_have_it_set_and_records_nothing(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Callable[[], None]) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)
    project()
    contact = signed_in("agency")
    before = back_office.event_count()

    requests = parse(contact.get("/agency"))
    form = form_page(contact, f"/cases/{reference}/review/agency-information/new")
    posted = parse(contact.post(f"/cases/{reference}/review/agency-information/new", data={
        "csrf_token": csrf_token(contact, "/"), "agency": "Kent Police", "received_on-day": "24",
        "received_on-month": "11", "received_on-year": "2026", "summary": "Logs"}))

    assert_well_formed(requests)
    assert "Ask an administrator to set the agency you work for" in requests.text()
    assert "Ask an administrator to set the agency you work for" in form.text()
    assert form.soup.select("main form") == []
    assert posted.status == 400
    assert back_office.event_count() == before


def test_an_agency_contact_without_an_agency_sees_nothing_of_any_case(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)
    contact = signed_in("agency")

    pages = [parse(contact.get(url)) for url in (f"/cases/{reference}/review/recommendations/1/response",
                                                 f"/cases/{reference}/review/recommendations/2/response",
                                                 f"/cases/{reference}/review/agency-information/new",
                                                 "/cases/CT-2026-9999/review/recommendations/1/response")]

    for page in pages:
        assert page.status == 200
        assert_well_formed(page)
        assert page.h1 == "Your agency is not set yet"
        assert "Ask an administrator to set the agency you work for" in page.text()
        assert reference not in page.text()
        assert "Link the reports." not in page.text()
        assert "Name one contact." not in page.text()
    assert len({page.text() for page in pages}) == 1  # the same page, whether or not the case exists


def test_an_agency_contact_sees_only_their_agencys_open_requests_and_recommendations(
        kent_police: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)
    other = a_review_waiting_on_two_agencies(back_office)
    back_office.cases.record_agency_information(other, agency="Kent Police", received_on=TODAY, summary="Logs",
                                                actor=OFFICER)
    project()

    page = parse(kent_police.get("/agency"))

    assert page.status == 200
    assert_well_formed(page)
    assert page.h1 == "Your agency's requests"
    rows = [" ".join(row.get_text(" ").split()) for row in page.soup.select("tbody tr")]
    assert len(rows) == 3  # the open request on the first case, recommendation 1 on both
    assert any(reference in row and "Information requested on 15 September 2026" in row and "Overdue" in row
               for row in rows)
    assert not any(other in row and "Information requested" in row for row in rows)
    assert all("Link the reports." in row for row in rows if "recommendation" in row)
    assert "Moat Homes" not in page.text()
    assert "Name one contact." not in page.text()
    links = {a["href"] for a in page.soup.select("tbody a")}
    assert f"/cases/{reference}/review/agency-information/new" in links
    assert f"/cases/{reference}/review/recommendations/1/response" in links
    assert f"/cases/{reference}/review/recommendations/2/response" not in links
    assert any(item.get_text(strip=True) == "Your agency's requests" for item in page.soup.select("header a, nav a"))


def test_after_a_review_closes_an_agency_contact_is_offered_only_the_responses_still_owed(
        kent_police: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)
    back_office.cases.send_outcome_letter(reference, sent_on=date(2026, 10, 12), channel=LetterChannel.POST,
                                          actor=OFFICER)
    back_office.cases.close_review(reference, closed_on=date(2026, 10, 13), reason="Panel done.",
                                   open_recommendations_reason="Followed up.", actor=OFFICER)
    project()

    page = parse(kent_police.get("/agency"))

    links = {a["href"] for a in page.soup.select("tbody a")}
    assert f"/cases/{reference}/review/agency-information/new" not in links  # the review is closed: refused
    assert f"/cases/{reference}/review/recommendations/1/response" in links  # followed up after closure


def test_an_agency_contact_records_their_agencys_information_with_the_agency_fixed(
        kent_police: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)
    url = f"/cases/{reference}/review/agency-information/new"
    form = form_page(kent_police, url)
    assert form.soup.find(attrs={"name": "agency"}) is None
    assert "Agency: Kent Police" in form.text()

    # an agency typed into the request anyway is ignored: the agency is the contact's own
    response = submit(kent_police, url, {"agency": "Moat Homes", "received_on": TODAY,
                                         "summary": "Three incident logs"}, page=form)

    assert response.status_code == 302
    assert response.headers["Location"] == "/agency"
    review = back_office.cases.get_case(reference).review
    assert review.agency_requests["Kent Police"].received_on == TODAY
    assert review.agency_requests["Moat Homes"].received_on is None
    assert last_case_event(back_office, reference) == ("AgencyInformationReceived", "agency")
    project()
    page = parse(kent_police.get("/agency"))
    assert_well_formed(page)
    assert f"Agency information recorded on case {reference}." in page.text()
    assert "Information requested" not in page.text()


def test_an_agency_contact_answers_a_recommendation_to_their_agency(
        kent_police: FlaskClient, back_office: BackOffice) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)

    response = submit(kent_police, f"/cases/{reference}/review/recommendations/1/response",
                      {"response": "accepted", "responded_on": TODAY})

    assert response.status_code == 302
    assert response.headers["Location"] == "/agency"
    [first, second] = back_office.cases.get_case(reference).review.recommendations
    assert (len(first.responses), len(second.responses)) == (1, 0)
    assert last_case_event(back_office, reference) == ("AgencyResponded", "agency")


def test_another_agencys_request_or_recommendation_is_not_found_and_nothing_is_recorded(
        kent_police: FlaskClient, back_office: BackOffice) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)
    only_moat = cases.panel_scheduled(back_office)
    back_office.cases.request_agency_information(only_moat, agency="Moat Homes", requested_on=TODAY, actor=OFFICER)
    token = csrf_token(kent_police, "/")
    before = back_office.event_count()

    refusals = [kent_police.get(f"/cases/{reference}/review/recommendations/2/response"),
                kent_police.post(f"/cases/{reference}/review/recommendations/2/response", data={
                    "csrf_token": token, "response": "accepted", "responded_on-day": "24",
                    "responded_on-month": "11", "responded_on-year": "2026"}),
                kent_police.get(f"/cases/{only_moat}/review/agency-information/new"),
                kent_police.post(f"/cases/{only_moat}/review/agency-information/new", data={
                    "csrf_token": token, "received_on-day": "24", "received_on-month": "11",
                    "received_on-year": "2026", "summary": "Logs"}),
                kent_police.get(f"/cases/{reference}/review/recommendations/9/response"),
                kent_police.get("/cases/CT-2026-9999/review/agency-information/new")]

    for response in refusals:
        page = parse(response)
        assert page.status == 404, response.request.path
        assert_well_formed(page)
        assert page.h1 == "Page not found"
    assert back_office.event_count() == before


def test_caseworkers_pages_are_refused_to_agency_contacts_whether_or_not_the_case_exists(
        kent_police: FlaskClient, back_office: BackOffice) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)

    responses = [kent_police.get(f"/cases/{reference}/review/agency-requests/new"),
                 kent_police.get("/cases/CT-2026-9999/review/agency-requests/new"),
                 kent_police.get(f"/cases/{reference}"), kent_police.get("/cases/CT-2026-9999")]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert len({parse(r).text() for r in responses[:2]}) == 1  # the same page: nothing tells the two apart


def test_officers_still_choose_the_agency_and_return_to_the_case(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)
    officer = signed_in("officer")

    form = form_page(officer, f"/cases/{reference}/review/agency-information/new")
    response = submit(officer, f"/cases/{reference}/review/agency-information/new",
                      {"agency": "Moat Homes", "received_on": TODAY, "summary": "Logs"}, page=form)

    assert form.soup.find(attrs={"name": "agency"}) is not None
    assert response.headers["Location"] == f"/cases/{reference}"
    assert last_case_event(back_office, reference) == ("AgencyInformationReceived", "officer")
