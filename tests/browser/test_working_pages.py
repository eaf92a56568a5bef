"""The officer's and manager's working pages (issue 14), in a real browser at a phone's width and a desktop's: the
start page of each role, finding a case, a letter's page, the printable letter and the ombudsman pack read in the
browser. Each is scanned by axe-core and must not scroll sideways."""

from __future__ import annotations

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


def checked(page: Page, where: str) -> None:
    assert axe_violations(page) == [], where
    assert not scrolls_sideways(page), where


@pytest.mark.parametrize("width", WIDTHS)
def test_each_role_starts_at_its_own_cases_and_finds_any_case_at_any_width(
    browser: Browser, live: LiveServer, width: int,
):
    office = live.back_office
    mine = cases.receive(office)
    office.cases.assign_officer(mine, officer="j.okafor", actor="m.reid")
    waiting = cases.ready_for_decision(office)
    officer, manager = at_width(browser, live, width), at_width(browser, live, width)
    try:
        sign_in(officer, "j.okafor")
        officer.goto("/")
        expect(officer.locator("#mine")).to_have_text("My cases (1)")
        checked(officer, "officer's start page")
        officer.goto("/search")
        officer.get_by_label("Reference, name, address, postcode or agency reference").fill("Ann Smith")
        officer.get_by_role("button", name="Search").click()
        expect(officer.locator("#results-count")).to_contain_text("match")
        expect(officer.get_by_role("link", name=waiting)).to_be_visible()
        checked(officer, "search results")

        sign_in(manager, "m.reid")
        manager.goto("/")
        region = manager.get_by_role("region", name="Awaiting your decision")
        expect(region.get_by_role("link", name=waiting)).to_be_visible()
        checked(manager, "manager's start page")
    finally:
        officer.context.close()
        manager.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_letter_is_produced_printed_and_recorded_as_sent_from_its_page_at_any_width(
    browser: Browser, live: LiveServer, width: int,
):
    reference = cases.receive(live.back_office)
    page = at_width(browser, live, width)
    try:
        sign_in(page, "j.okafor")
        page.goto(f"/cases/{reference}")
        page.locator("#next-steps ~ ul a").filter(has_text="Acknowledge the application").first.click()
        expect(page.locator("h1")).to_have_text("Acknowledgement")
        checked(page, "the letter's page")
        page.get_by_role("button", name="Produce the letter").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Produced and recorded")
        page.get_by_role("link", name="Open it to print").click()
        expect(page.get_by_role("button", name="Print")).to_be_visible()
        assert not scrolls_sideways(page), "the printable letter"
        page.get_by_role("link", name="Back to the letter's page").click()
        page.get_by_role("button", name="Record as sent").click()  # today, by post: as the form opens
        expect(page.locator("h1")).to_contain_text(reference)
        expect(page.locator(".govuk-notification-banner")).to_contain_text("was sent by post")
        assert live.back_office.cases.get_case(reference).application.acknowledged_on is not None
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_ombudsman_pack_reads_in_the_browser_at_any_width(browser: Browser, live: LiveServer, width: int):
    reference = cases.panel_held(live.back_office)
    page = at_width(browser, live, width)
    try:
        sign_in(page, "t.brooks")
        page.goto(f"/cases/{reference}")
        page.get_by_role("link", name="Read the ombudsman pack").click()
        expect(page.locator("h1")).to_have_text(f"Ombudsman pack: {reference}")
        expect(page.get_by_role("heading", name="The review panel")).to_be_visible()
        checked(page, "the pack")
        page.get_by_role("link", name="Back to the case").click()
        expect(page.locator("h1")).to_contain_text(reference)
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_annual_report_fits_and_its_chart_labels_are_at_least_14_pixels_at_any_width(
    browser: Browser, live: LiveServer, width: int,
):
    cases.outcome_sent(live.back_office)
    cases.not_met_letter_sent(live.back_office)
    page = at_width(browser, live, width)
    try:
        sign_in(page, "t.brooks")
        page.goto("/report")
        checked(page, "the annual report")
        sizes = page.evaluate("""() => [...document.querySelectorAll('.ct-chart svg text')].map(text => {
            const svg = text.ownerSVGElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(text.getAttribute('font-size')) * scale; })""")
        assert sizes
        assert min(sizes) >= 14
        if width == 1280:  # on a desktop every table is seen whole, none scrolls within its region
            overflowing = page.evaluate(
                "() => [...document.querySelectorAll('.ct-scroll')].filter(r => r.scrollWidth > r.clientWidth)"
                ".map(r => r.getAttribute('aria-label'))")
            assert overflowing == []
    finally:
        page.context.close()
