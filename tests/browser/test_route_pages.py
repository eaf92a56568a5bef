"""The escalation routes' forms in a real browser (docs/ROUTES.md): a rejection on the ground that consent was
refused, the applicant's challenge to it recorded by an officer and decided by a manager, and a late request for a
secondary review with its reason. Every page visited is scanned by axe-core at 390 and 1280 px wide, must not
scroll sideways, and is worked by keyboard-reachable form controls."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from domain.stage import Stage
from domain.values import LetterChannel, LetterKind
from tests.application import cases
from tests.browser.conftest import LiveServer, axe_violations, sign_in
from tests.browser.test_journey import SUBMIT, fill

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)


def check(page: Page) -> list[str]:
    """What is wrong with the page at each width: axe-core violations, and scrolling sideways."""
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found += [f"{page.url} at {width} px: {v}" for v in axe_violations(page)]
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            found.append(f"{page.url} scrolls sideways at {width} px")
    page.set_viewport_size({"width": 1280, "height": 900})
    return found


def submit(page: Page, values: dict[str, Any]) -> list[str]:
    problems = check(page)
    fill(page, values)
    page.locator(SUBMIT).last.press("Enter")  # by keyboard
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    return problems


def test_a_rejection_for_refused_consent_is_challenged_and_the_challenge_decided(page: Page, live: LiveServer):
    back_office = live.back_office
    reference = cases.receive(back_office)
    problems: list[str] = []

    sign_in(page, "m.reid")
    page.goto(f"/cases/{reference}/rejection")
    expect(page.get_by_label("The victim's consent was refused")).to_be_visible()
    problems += submit(page, {"ground": "consent_refused", "reason": "The victim does not agree.",
                              "rejected_on": date(2026, 11, 2)})
    back_office.cases.send_letter(reference, LetterKind.REJECTION, channel=LetterChannel.POST,
                                  sent_on=date(2026, 11, 3), actor="j.okafor")

    page.goto(f"/cases/{reference}")
    page.locator("main a", has_text="Record a challenge to the rejection").first.click()
    problems += submit(page, {"lodged_on": date(2026, 11, 10), "grounds": "The victim now agrees."})
    expect(page.locator("body")).to_contain_text("Challenge to the rejection recorded")
    problems += check(page)  # the case page, with the challenge waiting for its decision

    page.locator("main a", has_text="Decide the challenge to the rejection").first.click()  # the next step
    problems += submit(page, {"outcome": "dismissed", "decided_on": date(2026, 11, 20),
                              "reason": "The victim confirmed by phone that they do not agree."})

    assert back_office.cases.get_case(reference).application.stage is Stage.REJECTED
    assert problems == []


def test_a_late_request_for_a_secondary_review_is_refused_without_a_reason_then_accepted_with_one(
    page: Page, live: LiveServer,
):
    reference = cases.outcome_sent(live.back_office)  # the outcome letter on 12 October: the window has closed

    sign_in(page, "j.okafor")
    page.goto(f"/cases/{reference}/review/secondary-review/request")
    problems = check(page)
    fill(page, {"requested_on": date(2026, 11, 20), "grounds": "The police declined the recommendation."})
    page.locator(SUBMIT).last.click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        re.compile("window to ask for a secondary review closed"))
    problems += check(page)  # the refusal, with what was typed kept
    problems += submit(page, {"late_reason": "Our letter went to an old address."})

    assert live.back_office.cases.get_case(reference).review.secondary_requested_on == date(2026, 11, 20)
    assert problems == []
