"""The review body's pages in a real browser (docs/REVIEW-BODY.md): the cases referred to the body, a case's papers
and the appeal decided from them, each page scanned by axe-core at 390 and 1280 px wide, with no sideways scroll,
and the form sent by keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from domain.application import AppealOutcome
from domain.user import Role
from tests.application.test_routes import appealed
from tests.browser.conftest import LiveServer, sign_in
from tests.browser.test_route_pages import check, submit

pytestmark = pytest.mark.browser
PASSWORD = "a long enough passphrase for the body"


def test_a_review_body_reads_the_papers_of_an_appeal_referred_to_it_and_decides_it(page: Page, live: LiveServer):
    back_office = live.back_office
    body = back_office.profile.routes.decision.body
    back_office.accounts.register_user("kent.pcc", display_name="Pat Body", email="pat@example.gov.uk",
                                       roles=[Role.REVIEW_BODY], password=PASSWORD, actor="setup")
    back_office.accounts.assign_review_body("kent.pcc", body=body, actor="setup")
    reference = appealed(back_office)

    sign_in(page, "kent.pcc", PASSWORD)
    page.goto("/review-body")
    expect(page.locator("body")).to_contain_text(reference)  # the projector has caught up
    problems = check(page)

    page.locator(f'a[href="/review-body/cases/{reference}"]').press("Enter")
    expect(page.locator("body")).to_contain_text("A report was missed.")
    problems += check(page)

    page.locator(f'a[href="/cases/{reference}/appeal/decision"]').first.press("Enter")
    problems += submit(page, {"outcome": "dismissed", "decided_on": date(2026, 11, 20),
                              "reason": "No report was missed."})
    expect(page.locator("body")).to_contain_text("Appeal decision recorded")
    problems += check(page)  # back on the body's list

    assert back_office.cases.get_case(reference).application.appeal_outcome is AppealOutcome.DISMISSED
    assert problems == []
