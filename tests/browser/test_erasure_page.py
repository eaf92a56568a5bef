"""The "Erase personal data" page (issue 12) in a real browser, at a phone's width and a desktop's: a manager
reaches it by keyboard, sees the errors when the ground and confirmation are missing, erases the case, and the
case page then reads "Erased on <date>". Every page is scanned by axe-core and must not scroll sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.application import cases
from tests.browser.conftest import LiveServer, axe_violations, sign_in
from tests.browser.test_records_pages import WIDTHS, at_width, scrolls_sideways

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", WIDTHS)
def test_a_manager_erases_a_case_by_keyboard_at_any_width_with_no_violations(
    browser: Browser, live: LiveServer, width: int,
):
    reference = cases.receive(live.back_office)
    page = at_width(browser, live, width)
    sign_in(page, "m.reid")
    try:
        page.goto(f"/cases/{reference}/erasure")
        expect(page.locator("h1")).to_have_text("Erase personal data")
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)

        page.get_by_label("Everyone named in the case").focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Erase personal data").focus()
        page.keyboard.press("Enter")
        expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the ground for the erasure")
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)

        page.get_by_label("The retention period ended").focus()
        page.keyboard.press("Space")
        page.get_by_label("I understand the erasure cannot be undone").focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Erase personal data").focus()
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_contain_text(reference)
        expect(page.locator("main")).to_contain_text("Erased on 24 November 2026")
        assert "Ann Smith" not in page.locator("main").inner_text()
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_manager_erases_the_panels_chair_by_name_by_keyboard_at_any_width_with_no_violations(
    browser: Browser, live: LiveServer, width: int,
):
    reference = cases.panel_scheduled(live.back_office)
    page = at_width(browser, live, width)
    sign_in(page, "m.reid")
    try:
        page.goto(f"/cases/{reference}/erasure")
        expect(page.get_by_label("Dr Jane Holt (chaired the panel)")).to_be_visible()
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)

        page.get_by_label("Dr Jane Holt (chaired the panel)").focus()
        page.keyboard.press("Space")
        page.get_by_label("The person asked for erasure and it applies (UK GDPR Article 17)").focus()
        page.keyboard.press("Space")
        page.get_by_label("I understand the erasure cannot be undone").focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Erase personal data").focus()
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_contain_text(reference)
        main = page.locator("main").inner_text()
        assert "Dr Jane Holt" not in main
        assert "Moat Homes" in main
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)
    finally:
        page.context.close()
