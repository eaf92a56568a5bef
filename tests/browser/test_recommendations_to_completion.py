"""An agency contact follows a recommendation to completion from their own page (accepted, progress, completed),
still seeing it after it is accepted, and the officer then produces and records the applicant's "actions
completed" letter: every page at 390 px and 1280 px wide with no axe-core WCAG 2.2 A/AA violation and no sideways
scroll."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.application import cases
from tests.browser.conftest import LiveServer
from tests.browser.journeys import actions_completed_letter_produced_and_sent
from tests.browser.test_journey import TODAY
from tests.browser.test_online_verification import Visited, send, signed_in

pytestmark = pytest.mark.browser


def test_an_agency_follows_a_recommendation_to_completion_and_the_applicant_is_sent_the_actions_completed_letter(
        browser: Browser, live: LiveServer) -> None:
    reference = cases.outcome_sent(live.back_office)  # recommendation 1 to Kent Police, outcome letter sent
    visited = Visited()

    contact = signed_in(browser, live, "r.hale")  # Kent Police
    for response, values, still_listed in (
            ("Record the response", {"response": "accepted"}, "Complete the actions of recommendation 1"),
            ("Report progress or completion", {"response": "progress", "reason": "Reports linked for May."},
             "Complete the actions of recommendation 1"),
            ("Report progress or completion", {"response": "completed"}, None)):
        contact.goto("/agency")
        visited(contact)
        row = contact.locator("tr", has_text=reference)
        row.get_by_role("link", name=re.compile(f"^{response}")).click()
        send(contact, visited, {**values, "responded_on": TODAY})
        contact.goto("/agency")
        if still_listed:
            expect(contact.locator("tr", has_text=reference)).to_contain_text(still_listed)
        else:
            expect(contact.locator("tr", has_text=reference)).to_have_count(0)
    visited(contact)

    officer = signed_in(browser, live, "j.okafor")
    actions_completed_letter_produced_and_sent(officer, visited, reference, TODAY,
                                               says=("(completed on 24 November 2026)",))

    assert visited.violations == {}
    assert visited.sideways == []
    kinds = [e.event for e in live.back_office.cases.history(reference) if e.record == "CaseFile"]
    assert kinds[-2:] == ["LetterProduced", "LetterSent"]
