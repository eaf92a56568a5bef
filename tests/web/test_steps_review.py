"""The step forms of the case review: agency information, the panel, recommendations and responses, letters,
the secondary review and closure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.values import AgencyResponseKind, SecondaryReviewOutcome
from tests.application import cases
from tests.web.test_steps_intake import form_page, recorded, refused, submit, summary

TODAY = date(2026, 11, 24)  # the test BackOffice's today


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


def test_a_panel_before_the_threshold_is_met_is_refused_with_the_domain_message(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)
    before = back_office.event_count()

    page = refused(submit(officer, f"/cases/{reference}/review/panel/schedule", {
        "panel_date": date(2026, 12, 3), "chair": "Dr Jane Holt", "independent_chair": "yes",
        "members": "Kent Police\nMoat Homes"}))

    [(message, href)] = summary(page)
    assert message.startswith("Scheduling a panel can only happen once the threshold is met")
    assert href == "#panel_date-day"
    assert back_office.event_count() == before


def test_agency_information_is_requested_today_then_recorded(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    recorded(submit(officer, f"/cases/{reference}/review/agency-requests/new", {"agencies": ["Moat Homes"]}),
             reference)
    recorded(submit(officer, f"/cases/{reference}/review/agency-information/new", {
        "agency": "Moat Homes", "received_on": TODAY, "summary": "Two warning letters"}), reference)

    request = back_office.cases.get_case(reference).review.agency_requests["Moat Homes"]
    assert (request.requested_on, request.received_on) == (TODAY, TODAY)


def test_information_from_an_agency_never_asked_is_refused_at_the_agency(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    page = refused(submit(officer, f"/cases/{reference}/review/agency-information/new", {
        "agency": "Kent Police", "received_on": TODAY, "summary": "Logs"}))

    assert summary(page) == [("No information was requested from Kent Police; requests went to no agency yet.",
                              "#agency")]


def test_a_panel_is_scheduled_for_a_future_date_with_one_member_per_line(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    recorded(submit(officer, f"/cases/{reference}/review/panel/schedule", {
        "panel_date": date(2026, 12, 3), "chair": "Dr Jane Holt", "independent_chair": "yes",
        "members": "Kent Police\n\n  Moat Homes  \n"}), reference)

    review = back_office.cases.get_case(reference).review
    assert (review.panel_date, review.chair, review.independent_chair) == (date(2026, 12, 3), "Dr Jane Holt", True)
    scheduled = list(back_office.events.get(review.id))[-1]
    assert list(scheduled.members) == ["Kent Police", "Moat Homes"]


def test_a_panel_held_in_the_future_is_refused(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.panel_scheduled(back_office)

    page = refused(submit(officer, f"/cases/{reference}/review/panel", {
        "held_on": date(2026, 12, 1), "attendees": "Dr Jane Holt", "victim_attended": "no", "findings": "x"}))

    assert summary(page) == [("The date the panel was held must be today or in the past", "#held_on-day")]


def test_the_victim_is_invited_gives_a_statement_and_the_panel_is_held(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.panel_scheduled(back_office)

    recorded(submit(officer, f"/cases/{reference}/review/victim-invitation", {
        "invited_on": date(2026, 9, 20), "method": "letter", "format": "virtual"}), reference)
    recorded(submit(officer, f"/cases/{reference}/review/impact-statement", {
        "received_on": date(2026, 9, 30), "statement": "I cannot sleep"}), reference)
    recorded(submit(officer, f"/cases/{reference}/review/panel", {
        "held_on": date(2026, 10, 5), "attendees": "Dr Jane Holt\nKent Police", "victim_attended": "yes",
        "findings": "Reports were not linked"}), reference)

    review = back_office.cases.get_case(reference).review
    assert review.victim_invited_on == date(2026, 9, 20)
    assert review.impact_statement_received_on == date(2026, 9, 30)
    assert (review.panel_held_on, review.victim_attended) == (date(2026, 10, 5), True)


def test_a_recommendation_is_issued_and_the_agency_declines_it_with_a_reason(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.panel_held(back_office)

    recorded(submit(officer, f"/cases/{reference}/review/recommendations/new", {
        "agency": "Kent Police", "text": "Link the reports", "issued_on": date(2026, 10, 6),
        "response_due_on": date(2026, 12, 15)}), reference)
    url = f"/cases/{reference}/review/recommendations/1/response"
    assert "Link the reports" in form_page(officer, url).text()
    page = refused(submit(officer, url, {"response": "declined", "responded_on": date(2026, 10, 20)}))
    recorded(submit(officer, url, {"response": "declined", "responded_on": date(2026, 10, 20),
                                   "reason": "No budget"}), reference)

    assert summary(page)[0][0].startswith("Enter the agency's reason for declining")
    [recommendation] = back_office.cases.get_case(reference).review.recommendations
    assert recommendation.response_due_on == date(2026, 12, 15)
    assert recommendation.responses == [(AgencyResponseKind.DECLINED, date(2026, 10, 20))]


def test_the_response_page_for_a_recommendation_not_issued_says_so(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    page = form_page(officer, f"/cases/{reference}/review/recommendations/3/response")

    assert page.h1 == "Record the response to recommendation 3"
    assert f"Case {reference} has no recommendation 3 yet." in page.text()


def test_a_delay_letter_then_the_outcome_letter(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.panel_held(back_office)

    recorded(submit(officer, f"/cases/{reference}/review/delay-letter", {
        "sent_on": date(2026, 10, 10), "reason": "Waiting for the police", "expected_by": date(2026, 12, 10)}),
        reference)
    recorded(submit(officer, f"/cases/{reference}/letters/outcome", {
        "recipient": "applicant", "sent_on": date(2026, 10, 12), "channel": "email"}), reference)

    assert back_office.cases.get_case(reference).review.outcome_letter_sent_on == date(2026, 10, 12)


def test_a_secondary_review_is_requested_held_and_concluded_then_the_review_closed(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.outcome_sent(back_office)
    review_url = f"/cases/{reference}/review"

    recorded(submit(officer, f"{review_url}/secondary-review/request", {
        "requested_on": date(2026, 10, 20), "grounds": "Nothing changed"}), reference)
    recorded(submit(officer, f"{review_url}/secondary-review/held", {
        "held_on": date(2026, 11, 2), "chair": "PCC office", "panel": "A. Brown\nC. Davis"}), reference)
    recorded(submit(officer, f"{review_url}/secondary-review/conclusion", {
        "outcome": "original_review_upheld", "concluded_on": date(2026, 11, 3), "reason": "Sound review"}),
        reference)
    recorded(submit(officer, f"{review_url}/closure", {"closed_on": date(2026, 11, 4), "reason": "Done",
                                                       "open_recommendations_reason": "Kent Police is still at it."}),
             reference)

    review = back_office.cases.get_case(reference).review
    assert review.secondary_outcome is SecondaryReviewOutcome.ORIGINAL_REVIEW_UPHELD
    assert review.closed_on == date(2026, 11, 4)


def test_closing_during_a_secondary_review_is_refused(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.outcome_sent(back_office)
    back_office.cases.request_secondary_review(reference, requested_on=date(2026, 10, 20), grounds="x", actor="officer")

    page = refused(submit(officer, f"/cases/{reference}/review/closure", {
        "closed_on": date(2026, 11, 4), "reason": "Done"}))

    assert summary(page)[0][0] == "A secondary review is under way; conclude it before closing the case."
