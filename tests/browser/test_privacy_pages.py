"""The privacy pages in a real browser at a phone's width and a desktop's: recording a subject access request by
keyboard, confirming the records, the copy, the dashboard's list of requests, the correction form and the access
log. Each is scanned by axe-core and must not scroll sideways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.application import cases
from tests.browser.conftest import LiveServer, axe_violations, sign_in

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]


def at_width(browser: Browser, live: LiveServer, width: int) -> Page:
    context = browser.new_context(base_url=live.url, viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def scrolls_sideways(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"))


def checked(page: Page, path: str) -> None:
    assert axe_violations(page) == [], path
    assert not scrolls_sideways(page), path


@pytest.mark.parametrize("width", WIDTHS)
def test_a_subject_access_request_is_recorded_by_keyboard_and_its_pages_read_at_any_width(
    browser: Browser, live: LiveServer, width: int,
):
    reference = cases.receive(live.back_office, on_behalf=True)
    page = at_width(browser, live, width)
    sign_in(page, "m.reid")
    try:
        page.goto("/subject-access/new")
        checked(page, "new request")
        page.get_by_label("Full name").focus()
        page.keyboard.type("Ann Smith")
        page.get_by_label("Address (optional)", exact=True).fill("12 High Street, Dartford")
        page.get_by_label("Date the request was received").fill("2026-11-20")
        page.get_by_role("button", name="Record the request").focus()
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_contain_text("Subject access request SAR-")
        checked(page, "request")
        page.get_by_label(f"{reference}: Ann Smith (victim)").check()
        page.get_by_role("button", name="Confirm these records").click()
        expect(page.get_by_text("The records that are the person who asked are confirmed.")).to_be_visible()
        page.get_by_role("link", name="Read the copy of their personal data").click()
        expect(page.locator("h1")).to_contain_text("Copy of the personal data for SAR-")
        expect(page.get_by_text("Raj Patel")).to_have_count(0)
        checked(page, "export")
        pdf_link = page.get_by_role("link", name="Download it as a PDF")
        expect(pdf_link).to_have_attribute("href", re.compile(r"/export\.pdf$"))
        page.goto("/cases")
        expect(page.locator("#subject-access")).to_be_visible()
        checked(page, "dashboard")
        page.goto("/subject-access")
        checked(page, "requests")
        page.goto("/access-log")
        expect(page.locator("tbody")).to_contain_text(reference)
        checked(page, "access log")
        page.goto(f"/cases/{reference}/people/p-1/correct")
        checked(page, "correction")
    finally:
        page.context.close()
