"""Issue 13's joined journey in Chromium, from the application to the applicant's "actions completed" letter: an
application made for two victims (a household and a community group), each giving consent; the review opens; one
victim withdraws consent to share after it opened, and a request to a new agency is refused on the page with the
withdrawal's date (the agency already asked still answers); the victim chooses their involvement and is invited
to the panel; the panel is held; the action plan is drafted, shared with the victim, answered and finalised;
two recommendations are issued with target dates and the outcome letter is sent; the agency's contact, signed in
as themselves, accepts one and reports its progress and completion, and declines the other with a reason; the
officer produces the applicant's "actions completed" letter and records it as sent.

Every page on the way is scanned at 390 px and at 1280 px wide: no axe-core WCAG 2.2 A/AA violation and no
sideways scroll. The stages are the victims' journey's helpers (tests/browser/test_victims_journey.py) and the
recommendations' journey's (tests/browser/test_recommendations_to_completion.py), joined."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from domain.stage import Stage
from domain.values import AgencyResponseKind
from tests.browser.conftest import LiveServer
from tests.browser.journeys import actions_completed_letter_produced_and_sent
from tests.browser.test_journey import TODAY
from tests.browser.test_online_verification import Visited, send, signed_in
from tests.browser.test_victims_journey import (
    action_plan_consulted_and_finalised,
    application_for_two_victims,
    consent_withdrawn_and_a_new_agency_refused,
    each_victim_consents,
    panel_held,
    review_opens,
    step,
    victim_involved_and_invited,
)

pytestmark = pytest.mark.browser

POLICE = "Kent Police"  # r.hale's agency
TARGETS = (date(2027, 1, 29), date(2027, 2, 26))
RESPONDED = "AgencyResponded"  # the event the history lists for each response


def the_agency_already_asked_still_answers(page: Page, visited: Visited, reference: str) -> None:
    step(page, visited, reference, "Record information from an agency", {
        "agency": POLICE, "received_on": TODAY, "summary": "Three reports from Elm Road, never linked."})


def recommendations_issued_with_target_dates(page: Page, visited: Visited, reference: str) -> None:
    for text, target in zip(("Link the Elm Road reports and name a lead officer.",
                             "Patrol Elm Road on Saturday nights as well as Fridays."), TARGETS, strict=True):
        step(page, visited, reference, "Issue a recommendation", {
            "agency": POLICE, "text": text, "issued_on": TODAY, "target_on": target})
    step(page, visited, reference, "Send the outcome letter", {"sent_on": TODAY, "channel": "post"})


def the_agency_follows_them_up(contact: Page, visited: Visited, reference: str) -> None:
    """From the agency's own page: recommendation 1 accepted, progress reported, then completed; recommendation 2
    declined with a reason. Each stays listed until it is completed or declined."""
    for number, link, values, still_listed in (
            (1, "Record the response", {"response": "accepted"}, "Complete the actions of recommendation 1"),
            (1, "Report progress or completion", {"response": "progress", "reason": "Reports linked; lead named."},
             "Complete the actions of recommendation 1"),
            (2, "Record the response", {"response": "declined",
                                        "reason": "Saturday patrols are already in the summer plan."}, None),
            (1, "Report progress or completion", {"response": "completed"}, None)):
        contact.goto("/agency")
        visited(contact)
        row = contact.locator("tr", has_text=reference)
        row.get_by_role("link", name=re.compile(f"^{link}.*recommendation {number}\\b")).click()
        send(contact, visited, {**values, "responded_on": TODAY})
        contact.goto("/agency")
        if still_listed:
            expect(contact.locator("tr", has_text=reference).filter(has_text=still_listed)).to_have_count(1)
    expect(contact.locator("tr", has_text=reference)).to_have_count(0)
    visited(contact)


def test_two_victims_one_withdrawing_consent_to_the_applicants_actions_completed_letter(
        browser: Browser, live: LiveServer) -> None:
    visited = Visited()
    reference = application_for_two_victims(live.back_office)
    officer, manager = signed_in(browser, live, "j.okafor"), signed_in(browser, live, "m.reid")
    each_victim_consents(officer, visited, reference)
    review_opens(officer, manager, visited, reference)
    consent_withdrawn_and_a_new_agency_refused(officer, visited, reference)
    the_agency_already_asked_still_answers(officer, visited, reference)
    victim_involved_and_invited(officer, visited, reference)
    panel_held(officer, visited, reference)
    action_plan_consulted_and_finalised(officer, visited, reference)
    recommendations_issued_with_target_dates(officer, visited, reference)

    contact = signed_in(browser, live, "r.hale")
    the_agency_follows_them_up(contact, visited, reference)
    actions_completed_letter_produced_and_sent(officer, visited, reference, TODAY, says=(
        "(completed on 24 November 2026)", "(declined on 24 November 2026)"))

    case = live.back_office.cases.get_case(reference)
    review = case.review
    assert review is not None
    assert set(review.agency_requests) == {POLICE}  # Moat Homes was refused
    assert review.action_plan is not None
    assert review.action_plan.consulted
    assert case.stage is Stage.OUTCOME_LETTER_SENT
    assert [r.target_on for r in review.recommendations] == list(TARGETS)
    assert [[kind for kind, _ in r.responses] for r in review.recommendations] == [
        [AgencyResponseKind.ACCEPTED, AgencyResponseKind.PROGRESS, AgencyResponseKind.COMPLETED],
        [AgencyResponseKind.DECLINED]]
    assert review.open_recommendations == []
    responses = [entry for entry in live.back_office.cases.history(reference) if entry.event == RESPONDED]
    assert [entry.actor for entry in responses] == ["r.hale"] * 4  # the agency's contact, not the officer
    kinds = [e.event for e in live.back_office.cases.history(reference) if e.record == "CaseFile"]
    assert kinds[-2:] == ["LetterProduced", "LetterSent"]
    assert visited.violations == {}
    assert visited.sideways == []
    assert len(visited.pages) >= 20
