"""Less typing: several agencies asked for information in one form (one request each, all recorded or none), the
panel form opening with the scheduled chair and members as who attended, and the agency contact's forms worded
for them and showing what they are asked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.errors import AlreadyRecordedError
from tests.application import cases
from tests.web.conftest import parse
from tests.web.test_api_commands import Api
from tests.web.test_steps_intake import form_page, recorded, refused, submit, summary

OFFICER = "officer"


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


def requested(back_office: BackOffice, reference: str) -> list[str]:
    return [e.agency for e in back_office.events.get(back_office.cases.get_case(reference).review.id)
            if type(e).__qualname__ == "CaseReview.AgencyInformationRequested"]


def test_several_agencies_are_asked_in_one_form_one_request_each(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    recorded(submit(officer, f"/cases/{reference}/review/agency-requests/new", {
        "agencies": ["Kent Police", "Moat Homes", "other"], "other_agency": "Dartford Foodbank"}), reference)

    assert requested(back_office, reference) == ["Kent Police", "Moat Homes", "Dartford Foodbank"]
    review = back_office.cases.get_case(reference).review
    assert {r.requested_on for r in review.agency_requests.values()} == {back_office.today()}


def test_the_form_offers_only_the_agencies_not_yet_asked(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    back_office.cases.request_agency_information(reference, agency="Kent Police", requested_on=date(2026, 9, 15),
                                                 actor=OFFICER)

    page = form_page(officer, f"/cases/{reference}/review/agency-requests/new")

    offered = [box["value"] for box in page.soup.select("input[name=agencies]")]
    assert "Kent Police" not in offered
    assert offered == [*(body for body in back_office.profile.relevant_bodies if body != "Kent Police"), "other"]


def test_when_one_agency_is_refused_none_is_asked_and_the_refusal_is_shown_at_the_agencies(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    back_office.cases.request_agency_information(reference, agency="Kent Police", requested_on=date(2026, 9, 15),
                                                 actor=OFFICER)
    before = back_office.event_count()

    page = refused(submit(officer, f"/cases/{reference}/review/agency-requests/new", {
        "agencies": ["Moat Homes", "other"], "other_agency": "Kent Police"}))

    assert summary(page) == [("Information was already requested from Kent Police.", "#agencies")]
    assert back_office.event_count() == before
    assert requested(back_office, reference) == ["Kent Police"]


def test_the_use_case_records_all_the_requests_or_none(back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    before = back_office.event_count()

    with pytest.raises(AlreadyRecordedError):
        back_office.cases.request_information_from_agencies(
            reference, agencies=("Moat Homes", "Kent Police", "Moat Homes"), requested_on=date(2026, 9, 15),
            actor=OFFICER)

    assert back_office.event_count() == before
    back_office.cases.request_information_from_agencies(
        reference, agencies=("Moat Homes", "Kent Police"), requested_on=date(2026, 9, 15), actor=OFFICER)
    assert requested(back_office, reference) == ["Moat Homes", "Kent Police"]


def test_asking_no_agency_is_refused_with_a_message_at_the_check_boxes(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    page = refused(submit(officer, f"/cases/{reference}/review/agency-requests/new", {}))

    assert summary(page) == [("Select the agencies you are asking for information", "#agencies")]


def test_the_panel_form_opens_with_the_scheduled_chair_members_and_date(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.panel_scheduled(back_office)  # Dr Jane Holt chairs Kent Police and Moat Homes on 5 October
    back_office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                                 reason="She chose to be kept informed.", actor=OFFICER)

    page = form_page(officer, f"/cases/{reference}/review/panel")

    assert page.soup.select_one("textarea[name=attendees]").text.strip().splitlines() == [
        "Dr Jane Holt", "Kent Police", "Moat Homes"]
    assert [page.soup.select_one(f"input[name=held_on-{part}]")["value"] for part in ("day", "month", "year")] == [
        "5", "10", "2026"]
    assert page.soup.select_one("input[name=victim_attended][value=no]").has_attr("checked")


def test_the_prefilled_panel_form_is_recorded_with_only_the_findings_typed(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.panel_scheduled(back_office)
    back_office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                                 reason="She chose to be kept informed.", actor=OFFICER)
    url = f"/cases/{reference}/review/panel"
    page = form_page(officer, url)
    held = {part: page.soup.select_one(f"input[name=held_on-{part}]")["value"] for part in ("day", "month", "year")}

    recorded(submit(officer, url, {
        "held_on": date(int(held["year"]), int(held["month"]), int(held["day"])),
        "attendees": page.soup.select_one("textarea[name=attendees]").text, "victim_attended": "no",
        "findings": "Reports were not linked."}, page=page), reference)

    review = back_office.cases.get_case(reference).review
    assert review.panel_held_on == date(2026, 10, 5)
    held_event = list(back_office.events.get(review.id))[-1]
    assert list(held_event.attendees) == ["Dr Jane Holt", "Kent Police", "Moat Homes"]


def test_the_agency_contacts_information_form_shows_what_they_are_asked_in_their_words(
        back_office: BackOffice, signed_in: Callable[[str], FlaskClient]) -> None:
    reference = cases.threshold_met(back_office)  # three incidents reported to Kent Police
    back_office.cases.request_information_from_agencies(reference, agencies=("Kent Police", "Moat Homes"),
                                                        requested_on=date(2026, 9, 15), actor=OFFICER)
    back_office.accounts.assign_agency("agency", agency="Kent Police", actor="admin")
    client = signed_in("agency")

    page = form_page(client, f"/cases/{reference}/review/agency-information/new")

    text = page.text()
    assert "When did you send it?" in text
    assert "What did you find?" in text
    assert "When was it received?" not in text
    assert "noise at High Street, Dartford" in text
    assert "due by" in text
    assert "your reference KP-1" in text
    assert "your reference KP-3" in text
    assert "Moat Homes" not in text  # nothing of another agency's request


def test_the_agency_contact_records_their_information_with_the_worded_form(
        back_office: BackOffice, signed_in: Callable[[str], FlaskClient]) -> None:
    reference = cases.threshold_met(back_office)
    back_office.cases.request_agency_information(reference, agency="Kent Police", requested_on=date(2026, 9, 15),
                                                 actor=OFFICER)
    back_office.accounts.assign_agency("agency", agency="Kent Police", actor="admin")
    client = signed_in("agency")

    response = submit(client, f"/cases/{reference}/review/agency-information/new", {
        "received_on": date(2026, 9, 20), "summary": "Six calls; none linked."})

    assert response.status_code == 302
    assert response.headers["Location"] == "/agency"
    request = back_office.cases.get_case(reference).review.agency_requests["Kent Police"]
    assert request.received_on == date(2026, 9, 20)


def test_the_agency_contacts_response_form_is_worded_for_them(
        back_office: BackOffice, signed_in: Callable[[str], FlaskClient]) -> None:
    reference = cases.outcome_sent(back_office)  # recommendation 1 to Kent Police
    back_office.accounts.assign_agency("agency", agency="Kent Police", actor="admin")

    page = parse(signed_in("agency").get(f"/cases/{reference}/review/recommendations/1/response"))

    assert "What is your response?" in page.text()
    assert "We have completed the actions" in page.text()
    assert "What did the agency say?" not in page.text()


def test_the_officers_forms_keep_their_own_words(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.outcome_sent(back_office)

    assert "What did the agency say?" in form_page(
        officer, f"/cases/{reference}/review/recommendations/1/response").text()


def test_the_api_asks_several_agencies_in_one_call_through_the_same_use_case(
        client: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    officer = Api(client, back_office, "officer")

    officer.post(f"/cases/{reference}/agency-information-requests/several",
                 {"agencies": ["Kent Police", "Moat Homes"], "requested_on": "2026-09-15"})

    assert requested(back_office, reference) == ["Kent Police", "Moat Homes"]
    before = back_office.event_count()
    response = client.post(f"/api/cases/{reference}/agency-information-requests/several",
                           json={"agencies": ["Clarion Housing", "Kent Police"], "requested_on": "2026-09-16"},
                           headers=officer.headers)
    assert response.status_code == 422
    assert "Information was already requested from Kent Police." in response.get_data(as_text=True)
    assert back_office.event_count() == before
