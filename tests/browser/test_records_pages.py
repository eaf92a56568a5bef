"""The pages issue 9 changed, in a real browser at a phone's width and a desktop's: the audit trail and the
annual report with their checkpoint line, the page an agency contact without an agency sees, and the decision
reconstruction with the corrections made before a decision (issue 11). Each is scanned by axe-core and must not
scroll sideways."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from domain.user import Role
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


@pytest.mark.parametrize("width", WIDTHS)
def test_the_audit_trail_and_the_report_show_their_checkpoint_at_any_width_with_no_violations(
    browser: Browser, live: LiveServer, width: int,
):
    cases.threshold_met(live.back_office)
    page = at_width(browser, live, width)
    sign_in(page, "t.brooks")
    try:
        for path in ("/audit", "/report"):
            page.goto(path)
            expect(page.locator("pre.ct-checkpoint")).to_contain_text("audit-checkpoint ")
            assert axe_violations(page) == [], path
            assert not scrolls_sideways(page), path
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_agency_contact_without_an_agency_sees_one_plain_page_at_any_width(
    browser: Browser, live: LiveServer, width: int,
):
    reference = cases.threshold_met(live.back_office)
    live.back_office.accounts.register_user("no.agency", display_name="Nadia Agency", email="no.agency@example.org",
                                            roles=[Role.AGENCY_CONTACT], password="a long enough passphrase",
                                            actor="admin")
    page = at_width(browser, live, width)
    sign_in(page, "no.agency", "a long enough passphrase")
    try:
        page.goto(f"/cases/{reference}/review/agency-information/new")
        expect(page.locator("h1")).to_have_text("Your agency is not set yet")
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_decision_reconstruction_with_its_corrections_reads_at_any_width_with_no_violations(
    browser: Browser, live: LiveServer, width: int,
):
    office = live.back_office
    reference = cases.ready_for_decision(office)
    office.cases.strike_out_incident(reference, number=3, reason="Logged on the wrong case.", actor=cases.OFFICER)
    office.cases.log_incident(reference, happened_on=date(2026, 8, 3), reported_on=date(2026, 8, 3),
                              agency="Kent Police", agency_reference="KP-4", description="Loud music until 3am",
                              actor=cases.OFFICER)
    office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor="m.reid",
                                      unverified_reason="Decided on the incidents as logged.")
    page = at_width(browser, live, width)
    sign_in(page, "t.brooks")
    try:
        page.goto(f"/cases/{reference}/decisions")
        expect(page.get_by_role("region", name="Corrections and strike-outs of incidents before decision 1")
               ).to_contain_text("Logged on the wrong case.")
        assert axe_violations(page) == []
        assert not scrolls_sideways(page)
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_incident_correction_and_strike_out_forms_read_at_any_width_with_no_violations(
    browser: Browser, live: LiveServer, width: int,
):
    reference = cases.ready_for_decision(live.back_office)
    page = at_width(browser, live, width)
    sign_in(page, "j.okafor")
    try:
        for path, heading in ((f"/cases/{reference}/incidents/1/correction", "Correct"),
                              (f"/cases/{reference}/incidents/1/strike-out", "Strike out")):
            page.goto(path)
            expect(page.locator("h1")).to_contain_text(heading)
            assert axe_violations(page) == [], path
            assert not scrolls_sideways(page), path
    finally:
        page.context.close()
