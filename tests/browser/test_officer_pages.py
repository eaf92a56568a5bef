"""An officer signs in and works through the dashboard and a case page in a real browser; every page is
scanned by axe-core for WCAG 2.2 AA violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.application import cases
from tests.browser.conftest import LiveServer, axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_an_officer_signs_in_finds_a_case_on_the_dashboard_and_opens_it_with_no_accessibility_violations(
    page: Page, live: LiveServer,
):
    reference = cases.threshold_met(live.back_office)

    page.goto("/")
    expect(page).to_have_url(f"{live.url}/sign-in?next=/")
    assert axe_violations(page) == []
    sign_in(page, "j.okafor")
    assert axe_violations(page) == []

    page.goto("/cases")
    expect(page.get_by_role("link", name=reference)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=reference).click()
    expect(page.locator("h1")).to_contain_text(reference)
    assert axe_violations(page) == []


def test_a_wrong_password_is_named_in_an_error_summary_that_takes_focus(page: Page, live: LiveServer):
    sign_in_page = "/sign-in"
    page.goto(sign_in_page)
    page.get_by_label("Username").fill("j.okafor")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
