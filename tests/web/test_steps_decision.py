"""The step forms of the threshold decision and what follows it: the decision letter, an appeal and its
decision, withdrawal, rejection and closure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.application import AppealOutcome, Ending, ThresholdDecision
from domain.values import DiscretionGround, LetterChannel, RejectionGround
from tests.application import cases
from tests.web.test_steps_intake import client_for, form_page, recorded, refused, submit, summary


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


@pytest.fixture
def manager(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("manager")


class TestThresholdDecision:
    def test_officers_see_the_assessment_with_each_incidents_verdict_but_cannot_decide(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.ready_for_decision(back_office, incidents=2)
        url = f"/cases/{reference}/threshold"

        page = form_page(officer, url)

        assert back_office.cases.assess_threshold(reference).reason in page.text()
        rows = page.soup.select("table tbody tr")
        assert [row.find("th").get_text(strip=True) for row in rows] == ["1", "2"]
        assert "Only a manager can record this step" in page.text()
        assert page.soup.find("input", attrs={"name": "decision"}) is None
        assert officer.post(url, data={"csrf_token": "x"}).status_code in (400, 403)

    def test_an_officers_decision_is_refused_with_403(self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.ready_for_decision(back_office)
        token = form_page(officer, "/applications/new").soup.find("input", attrs={"name": "csrf_token"})["value"]

        response = officer.post(f"/cases/{reference}/threshold", data={
            "csrf_token": token, "decision": "met", "decided_on-day": "10", "decided_on-month": "9",
            "decided_on-year": "2026"})

        assert response.status_code == 403
        assert back_office.cases.get_case(reference).application.decision is None

    def test_a_manager_records_that_the_threshold_is_met_and_the_review_opens(
            self, manager: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.ready_for_decision(back_office)

        recorded(submit(manager, f"/cases/{reference}/threshold", {
            "decision": "met", "decided_on": date(2026, 9, 10),
            "unverified_reason": "Decided on the incidents as logged."}), reference)

        case = back_office.cases.get_case(reference)
        assert case.application.decision is ThresholdDecision.MET
        assert case.review is not None
        assert case.application.decision_reason == back_office.cases.assess_threshold(reference).reason

    def test_not_met_when_the_policy_says_met_is_refused_with_the_domain_message(
            self, manager: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.ready_for_decision(back_office)
        before = back_office.event_count()

        page = refused(submit(manager, f"/cases/{reference}/threshold", {
            "decision": ThresholdDecision.NOT_MET.value, "not_met_reason": "No", "alternative_action": "Mediation",
            "decided_on": date(2026, 9, 10)}))

        [(message, href)] = summary(page)
        assert "the law says a review must then be held (s.104(4))" in message
        assert href == "#decision"
        assert page.soup.find(id="not_met_reason").get_text() == "No"
        assert back_office.event_count() == before

    def test_a_discretionary_decision_needs_its_grounds_and_reason(
            self, manager: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.ready_for_decision(back_office, incidents=2)
        url = f"/cases/{reference}/threshold"

        page = refused(submit(manager, url, {"decision": "met_by_discretion", "decided_on": date(2026, 9, 10)}))
        assert summary(page) == [("Select the grounds for the discretion", "#grounds"),
                                 ("Enter the reason for the discretionary decision", "#discretion_reason")]

        recorded(submit(manager, url, {"decision": "met_by_discretion", "grounds": ["persistence", "harm"],
                                       "discretion_reason": "Two serious incidents", "decided_on": date(2026, 9, 10),
                                       "unverified_reason": "Decided on the incidents as logged."}),
                 reference)
        application = back_office.cases.get_case(reference).application
        assert application.decision is ThresholdDecision.MET_BY_DISCRETION
        decision = list(back_office.events.get(application.id))[-2]
        assert list(decision.grounds) == [DiscretionGround.PERSISTENCE, DiscretionGround.HARM]

    def test_a_decision_dated_in_the_future_is_refused_at_the_date(
            self, manager: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.ready_for_decision(back_office)

        page = refused(submit(manager, f"/cases/{reference}/threshold", {
            "decision": "met", "decided_on": date(2026, 12, 1)}))

        assert summary(page) == [("The date of the decision must be today or in the past", "#decided_on-day")]


class TestLettersAppealsAndEndings:
    def test_the_decision_letter_is_recorded(self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.ready_for_decision(back_office)
        back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor="manager",
                                               unverified_reason="Decided on the incidents as logged.")

        recorded(submit(officer, f"/cases/{reference}/letters/threshold_decision", {
            "recipient": "applicant", "sent_on": date(2026, 9, 11), "channel": "post"}), reference)

        application = back_office.cases.get_case(reference).application
        assert application.decision_letter_sent_on == date(2026, 9, 11)
        assert list(back_office.events.get(application.id))[-1].channel is LetterChannel.POST

    def test_an_appeal_is_lodged_and_a_manager_upholds_it_opening_a_review(
            self, officer: FlaskClient, app: Flask, back_office: BackOffice) -> None:
        reference = cases.not_met_letter_sent(back_office)

        recorded(submit(officer, f"/cases/{reference}/appeal", {
            "lodged_on": date(2026, 9, 15), "grounds": "The incidents were not linked"}), reference)
        manager = client_for(app, "manager")
        recorded(submit(manager, f"/cases/{reference}/appeal/decision", {
            "outcome": "upheld", "decided_on": date(2026, 9, 20), "reason": "Fair point"}), reference)

        case = back_office.cases.get_case(reference)
        assert case.application.appeal_outcome is AppealOutcome.UPHELD
        assert case.review is not None

    def test_an_appeal_against_a_met_decision_is_refused(self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.threshold_met(back_office)

        page = refused(submit(officer, f"/cases/{reference}/appeal", {
            "lodged_on": date(2026, 9, 15), "grounds": "Unhappy"}))

        assert summary(page)[0][0].startswith("Only a decision that the threshold is not met can be appealed")

    def test_a_not_met_application_is_closed_after_the_appeal_window(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.not_met_letter_sent(back_office)

        recorded(submit(officer, f"/cases/{reference}/closure", {
            "closed_on": date(2026, 11, 20), "reason": "No appeal"}), reference)

        assert back_office.cases.get_case(reference).application.ended is Ending.CLOSED

    def test_a_manager_rejects_an_application_with_a_ground(
            self, manager: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)

        recorded(submit(manager, f"/cases/{reference}/rejection", {
            "ground": "out_of_scope", "reason": "A planning matter", "rejected_on": date(2026, 9, 3)}), reference)

        application = back_office.cases.get_case(reference).application
        assert (application.ended, application.rejection_ground) == (Ending.REJECTED, RejectionGround.OUT_OF_SCOPE)

    def test_withdrawing_ends_the_application_and_its_review(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.threshold_met(back_office)

        recorded(submit(officer, f"/cases/{reference}/withdrawal", {
            "withdrawn_on": date(2026, 9, 20), "reason": "Moved away"}), reference)

        case = back_office.cases.get_case(reference)
        assert case.application.ended is Ending.WITHDRAWN
        assert case.review is not None
        assert case.review.closed_on
