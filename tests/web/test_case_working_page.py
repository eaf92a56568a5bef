"""The case page as a working page: the people and how to reach them, the problem as described, one next step for
the signed-in role with the others under it, the papers of each stage, each letter's status and the timeline
folded away at the bottom."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.erasure import ErasureGround
from domain.personal import ContactMethod, Person
from domain.values import Applicant, Channel, Problem
from domain.victims import MeetingFormat
from tests.application import cases
from tests.web.conftest import parse
from tests.web.pages import assert_well_formed
from tests.web.test_case_page import section

OFFICER = cases.OFFICER
SUPPORT_NEEDS = "Hearing impaired: prefers letters.\nNo phone calls after 6pm."


@pytest.fixture
def auditor(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("auditor")


def reachable_case(back_office: BackOffice) -> str:
    return back_office.cases.receive_application(
        channel=Channel.PHONE, received_on=date(2026, 9, 1),
        applicant=Applicant(Person("p-1", "Ann Smith", address="12 High Street\nDartford", postcode="DA1 1AA",
                                   phone="01322 343434", email="ann.smith@example.org",
                                   preferred_contact=ContactMethod.POST, support_needs=SUPPORT_NEEDS),
                            on_behalf_of_victim=True, relationship="daughter",
                            victims=(Person("p-2", "Edna Smith", phone="01322 111222"),)),
        problem=Problem("noise", "High Street, Dartford"), actor="officer",
    ).reference


def test_the_summary_shows_each_person_with_how_to_reach_them(auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = reachable_case(back_office)

    page = parse(auditor.get(f"/cases/{reference}"))

    assert_well_formed(page)
    summary = section(page, "summary")
    for shown in ("Applicant", "Ann Smith", "01322 343434", "ann.smith@example.org", "12 High Street", "DA1 1AA",
                  "Applies for the victim Yes, as daughter", "Victim", "Edna Smith", "01322 111222",
                  "Preferred contact Letter by post"):
        assert shown in summary


def test_each_person_card_shows_the_preferred_contact_recorded_and_any_support_needs_on_their_lines(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = reachable_case(back_office)

    page = parse(auditor.get(f"/cases/{reference}"))

    applicant, victim = page.soup.select(".ct-person")
    rows = {row.dt.get_text(strip=True): row.dd for row in applicant.select(".govuk-summary-list__row")}
    assert rows["Preferred contact"].get_text(strip=True) == "Letter by post"
    assert rows["Support needs or risks"].get_text() == SUPPORT_NEEDS
    assert "ct-preserve-lines" in rows["Support needs or risks"]["class"]
    victim_rows = {row.dt.get_text(strip=True): row.dd for row in victim.select(".govuk-summary-list__row")}
    assert victim_rows["Preferred contact"].get_text(strip=True) == "Not given"
    assert "Support needs or risks" not in victim_rows  # only when given


def test_the_summary_shows_the_problem_as_described(auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)

    summary = section(parse(auditor.get(f"/cases/{reference}")), "summary")

    assert "Where High Street, Dartford" in summary
    assert "Type Noise" in summary


def test_an_erased_person_shows_when_they_were_erased_and_no_details(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = reachable_case(back_office)
    back_office.erasure.erase_person(reference, "p-1", ground=ErasureGround.ERASURE_REQUEST, actor="manager")

    summary = section(parse(auditor.get(f"/cases/{reference}")), "summary")

    assert "Erased on" in summary
    assert "ann.smith@example.org" not in summary
    assert "01322 343434" not in summary
    assert "Letter by post" not in summary
    assert "Hearing impaired" not in summary
    assert "Edna Smith" in summary  # only the person erased loses their details


def test_an_officer_gets_one_next_step_button_and_the_other_steps_under_it(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    officer = signed_in("officer")

    page = parse(officer.get(f"/cases/{reference}"))

    buttons = page.soup.select("#next-steps ~ ul a.govuk-button")
    assert len(buttons) == 1
    assert buttons[0]["id"] == "next-step"
    others = page.soup.select("#next-steps ~ ul ul a")
    assert others, "the other steps are listed under the button"
    assert buttons[0]["href"] not in {a["href"] for a in others}
    assert parse(officer.get(buttons[0]["href"])).status == 200


def test_an_auditor_gets_no_next_step(auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    page = parse(auditor.get(f"/cases/{reference}"))

    assert page.soup.find(id="next-step") is None


def test_the_review_shows_the_agencies_summaries_the_panel_and_the_impact_statement(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    back_office.cases.request_agency_information(reference, agency="Moat Homes", requested_on=date(2026, 9, 11),
                                                 actor=OFFICER)
    back_office.cases.record_agency_information(reference, agency="Moat Homes", received_on=date(2026, 9, 12),
                                                summary="Two tenancy warnings issued in August.", actor=OFFICER)
    back_office.cases.schedule_panel(reference, panel_date=date(2026, 10, 5), chair="Dr Jane Holt",
                                     independent_chair=True, members=("Kent Police", "Moat Homes"),
                                     scheduled_on=date(2026, 9, 14), actor=OFFICER)
    back_office.cases.invite_victim(reference, invited_on=date(2026, 9, 15), method="letter", actor=OFFICER,
                                    format=MeetingFormat.IN_PERSON)
    back_office.cases.receive_impact_statement(reference, received_on=date(2026, 9, 20),
                                               statement="I cannot sleep before 3am.", actor=OFFICER)
    back_office.cases.hold_panel(reference, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt", "Kent Police"),
                                 victim_attended=True, findings="Reports were not linked.", actor=OFFICER)

    review = section(parse(auditor.get(f"/cases/{reference}")), "review")

    assert "Two tenancy warnings issued in August." in review
    assert "Members Kent Police, Moat Homes" in review
    assert "Who attended Dr Jane Holt, Kent Police" in review
    assert "Findings Reports were not linked." in review
    assert "I cannot sleep before 3am." in review
    assert "No secondary review requested." in review


def test_the_timeline_is_folded_away_at_the_bottom(auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    page = parse(auditor.get(f"/cases/{reference}"))

    timeline = page.soup.find("h2", id="timeline")
    assert timeline.find_next_sibling("details").find("table") is not None
    assert timeline.find_next("h2") is None
    assert "received on: 1 September 2026; applicant: Ann Smith" in timeline.find_next("details").get_text(" ")


def test_the_button_is_the_step_that_moves_the_case_on_not_one_done_alongside(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    officer = signed_in("officer")

    before = parse(officer.get(f"/cases/{reference}")).soup.find(id="next-step").get_text(" ")
    back_office.cases.assign_officer(reference, officer=cases.register_officer(back_office), actor="manager")
    after = parse(officer.get(f"/cases/{reference}")).soup.find(id="next-step").get_text(" ")

    assert before.startswith("Assign an officer")
    assert after.startswith("Acknowledge the application")
