"""The threshold decision where the local procedure is stricter than the Act: the form and the decision
reconstruction say so, and "not met" is refused on the form with a message citing s.104(4)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from application.profile import load_profile
from domain.application import ThresholdDecision
from domain.periods import Period
from domain.profile import PartnershipProfile
from domain.values import LetterKind
from tests.application import cases
from tests.web.conftest import parse
from tests.web.test_api_errors import nothing_recorded
from tests.web.test_api_tokens import assert_problem, bearer
from tests.web.test_steps_intake import form_page, recorded, refused, submit, summary


@pytest.fixture
def profile() -> PartnershipProfile:
    """A local look-back of two months: stricter than the Act's six months beginning with each complaint."""
    loaded = load_profile()
    return replace(loaded, threshold=replace(loaded.threshold, look_back=Period(months=2)))


@pytest.fixture
def manager(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("manager")


def test_the_form_says_the_act_requires_met_where_the_stricter_local_rules_do_not(
        manager: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)  # reports of 4 June, 4 July and 3 August; applied 1 September

    page = form_page(manager, f"/cases/{reference}/threshold")

    warning = page.soup.select_one("[data-statutory-disagreement]").get_text(" ", strip=True)
    assert "The local rules alone would not be met, but the statutory test is" in warning
    assert "stricter than the Act" in warning
    assert "s.104(4)" in warning
    assert "3 qualifying complaints under the Act, the procedure's number is 3" in page.text()


def test_not_met_is_refused_on_the_form_citing_s104_4_and_met_is_recorded(
        manager: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)
    url = f"/cases/{reference}/threshold"
    before = back_office.event_count()

    page = refused(submit(manager, url, {
        "decision": ThresholdDecision.NOT_MET.value, "not_met_reason": "Only two in the last two months",
        "alternative_action": "Mediation", "decided_on": date(2026, 9, 10)}))

    [(message, href)] = summary(page)
    assert "s.104(4)" in message
    assert "cannot be recorded as not met" in message
    assert href == "#decision"
    assert back_office.event_count() == before

    recorded(submit(manager, url, {"decision": "met", "decided_on": date(2026, 9, 10),
                                   "unverified_reason": "Decided on the incidents as logged."}), reference)
    assert back_office.cases.get_case(reference).application.decision is ThresholdDecision.MET


def test_the_decision_reconstruction_shows_both_tests_and_their_disagreement(
        manager: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)
    recorded(submit(manager, f"/cases/{reference}/threshold", {"decision": "met", "decided_on": date(2026, 9, 10),
                                   "unverified_reason": "Decided on the incidents as logged."}),
             reference)

    page = parse(manager.get(f"/cases/{reference}/decisions"))

    assert page.status == 200
    assert "stricter than the Act" in page.soup.select_one("[data-statutory-disagreement]").get_text()
    assert "Each complaint under the Act" in page.text()
    assert "Qualifies under the Act: complained of to Kent Police on 4 June 2026" in page.text()


def test_the_decision_letter_tells_the_applicant_the_law_required_the_review(
        manager: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)
    recorded(submit(manager, f"/cases/{reference}/threshold", {"decision": "met", "decided_on": date(2026, 9, 10),
                                   "unverified_reason": "Decided on the incidents as logged."}),
             reference)

    html = back_office.cases.render_letter(reference, LetterKind.THRESHOLD_DECISION).html

    assert "meets the threshold for a case review" in html
    assert "own local rules alone would not have been met" in html
    assert "you made 3 complaints that count under the law" in html
    assert "section 104(4)" in html


def test_the_met_letter_under_local_rules_says_nothing_of_a_disagreement(back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office, incidents=2)
    back_office.cases.log_incident(reference, happened_on=date(2026, 8, 20), reported_on=date(2026, 8, 20),
                                   agency="the council", actor=cases.OFFICER)
    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=cases.OFFICER,
                                           unverified_reason="Decided on the incidents as logged.")

    html = back_office.cases.render_letter(reference, LetterKind.THRESHOLD_DECISION).html

    assert "meets the threshold for a case review" in html
    assert "own local rules alone" not in html


def test_not_met_is_refused_through_the_api_citing_s104_4(client: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office)
    headers = bearer(back_office, "manager")

    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        f"/api/cases/{reference}/threshold/not-met", headers=headers,
        json={"decided_on": "2026-09-10", "reason": "Only two in two months.", "alternative_action": "Mediation."}),
        422))

    assert "s.104(4)" in body["detail"]
    assert "cannot be recorded as not met" in body["detail"]
    assert back_office.cases.get_case(reference).application.decision is None
