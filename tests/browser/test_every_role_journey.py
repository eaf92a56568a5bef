"""A whole case walked by every role, at a desktop's and at a phone's width: a member of the public applies
online; the officer and the manager take each step from the case page, through its one "next step" button when it
is the step they want and through the other steps listed under it otherwise; the agency contact responds to the
recommendation from their own page; the auditor reads the case, finds it by search and reads its history.

On every page: the page does not scroll sideways (``document.documentElement.scrollWidth`` is at most the
viewport's width), axe-core finds no WCAG 2.2 A/AA violation, and, on the case page, the next-step button opens a
form the signed-in role may send (200, with a submit button). Sending the steps taken through the button records
them in the case's history.

With ``SCREENSHOTS_DIR`` set (``./dev screenshots``), the 1280 px walk also writes the screenshots of the README
(the case page, the search results, a letter's PDF's first page, the dashboard at 390 px) into that folder."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveServer, axe_violations, sign_in
from tests.browser.test_journey import SUBMIT, TODAY, apply_online, fill

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
SHOTS = os.environ.get("SCREENSHOTS_DIR", "")


class Checked:
    """Every page visited at one width: its axe-core violations, whether it scrolls sideways, and each next-step
    button that did not open a form the role may send."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.violations: dict[str, list[dict[str, Any]]] = {}
        self.sideways: list[str] = []
        self.dead_buttons: list[str] = []
        self.pages = 0

    def __call__(self, page: Page) -> None:
        where = f"{re.sub(r'https?://[^/]+', '', page.url)} ({page.title()})"
        self.pages += 1
        found = axe_violations(page)
        if found:
            self.violations[where] = found
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            self.sideways.append(f"{where}: {widths[0]} px wide in {widths[1]} px")
        button = page.locator("#next-step")
        if button.count():
            href = button.get_attribute("href") or ""
            response = page.request.get(href)
            body = response.text()
            if response.status != 200 or "<form" not in body or not re.search(r"<button[^>]*govuk-button", body):
                self.dead_buttons.append(f"{where}: {button.inner_text()} -> {href} ({response.status})")


def opened(browser: Browser, live: LiveServer, width: int, username: str | None = None) -> Page:
    page = browser.new_context(base_url=live.url, viewport={"width": width, "height": 900}).new_page()
    page.context.set_default_timeout(15_000)
    if username:
        sign_in(page, username)
    return page


class Walk:
    """Steps taken from the case page, counting those taken through its next-step button."""

    def __init__(self, live: LiveServer, checked: Checked, reference: str) -> None:
        self.live, self.checked, self.reference = live, checked, reference
        self.through_button: list[str] = []

    def step(self, page: Page, link: str, values: dict[str, Any]) -> None:
        page.goto(f"/cases/{self.reference}")
        self.checked(page)
        before = len(self.live.back_office.cases.history(self.reference))
        button = page.locator("#next-step")
        if button.count() and re.match(re.escape(link), button.inner_text()):
            button.click()
            self.through_button.append(link)
        else:
            page.locator("#next-steps ~ ul a").filter(has_text=re.compile("^" + re.escape(link))).first.click()
        self.checked(page)
        fill(page, values)
        page.locator(SUBMIT).last.click()
        expect(page.locator(".govuk-error-summary")).to_have_count(0)
        assert len(self.live.back_office.cases.history(self.reference)) > before, f"{link} recorded nothing"


def shoot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=name != "case-page-1280.png")


def shoot_letter_pdf(page: Page, reference: str) -> None:
    """The acknowledgement letter's PDF, its first page rendered to PNG (pypdfium2, from the test extra)."""
    if not SHOTS:
        return
    import pypdfium2  # only the screenshots need it

    response = page.request.get(f"/cases/{reference}/letters/acknowledgement/pdf")
    assert response.status == 200
    document = pypdfium2.PdfDocument(response.body())
    document[0].render(scale=1.5).to_pil().save(Path(SHOTS) / "letter-pdf-first-page.png")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_role_walks_a_whole_case_with_no_sideways_scroll_no_accessibility_violation_and_a_working_next_step(
        browser: Browser, live: LiveServer, width: int) -> None:
    checked = Checked(width)
    public = opened(browser, live, width)
    reference = apply_online(public, checked)  # two incidents, consent to share given
    public.context.close()
    walk = Walk(live, checked, reference)

    officer = opened(browser, live, width, "j.okafor")
    officer.goto("/")
    checked(officer)
    walk.step(officer, "Assign an officer", {"officer": "j.okafor"})
    walk.step(officer, "Log an incident", {
        "happened_on": date(2026, 9, 10), "reported_on": date(2026, 9, 11), "agency": "Kent Police",
        "agency_reference": "KP-9", "description": "Shouting and banging on the door.", "hate_related": "no",
        "informal": "no"})
    walk.step(officer, "Acknowledge the application", {"sent_on": TODAY, "channel": "post"})

    manager = opened(browser, live, width, "m.reid")
    manager.goto("/")
    checked(manager)
    walk.step(manager, "Decide the threshold", {
        "decision": "met", "decided_on": TODAY,
        "unverified_reason": "Decided on the incidents as logged; the agencies will confirm them later."})

    walk.step(officer, "Send the decision letter", {"sent_on": TODAY, "channel": "email"})
    walk.step(officer, "Request information from an agency", {"agencies": ["Kent Police"]})
    walk.step(officer, "Record information from an agency", {
        "agency": "Kent Police", "received_on": TODAY, "summary": "Three reports, never linked."})
    walk.step(officer, "Schedule the review panel", {
        "panel_date": TODAY, "chair": "Dr Jane Holt", "independent_chair": "yes",
        "members": "Kent Police\nMoat Homes"})
    walk.step(officer, "Record why the victim is not invited to the panel", {
        "decided_on": TODAY, "reason": "She chose to be kept informed by letter."})
    walk.step(officer, "Record the review panel", {
        "held_on": TODAY, "attendees": "Dr Jane Holt\nKent Police", "victim_attended": "no",
        "findings": "The reports were never linked."})
    walk.step(officer, "Issue a recommendation", {
        "agency": "Kent Police", "text": "Link the reports and name a lead officer.", "issued_on": TODAY})
    walk.step(officer, "Send the outcome letter", {"sent_on": TODAY, "channel": "post"})
    officer.goto(f"/cases/{reference}")
    checked(officer)
    expect(officer.locator("#summary ~ .ct-person").first).to_contain_text("01322 343000")
    expect(officer.locator("#review ~ *").filter(has_text="Three reports, never linked.").first).to_be_visible()
    if width == 1280:
        shoot(officer, "case-page-1280.png")
        shoot_letter_pdf(officer, reference)

    contact = opened(browser, live, width, "r.hale")  # Kent Police
    contact.goto("/agency")
    checked(contact)
    contact.locator("tr", has_text=reference).get_by_role("link", name=re.compile("^Record the response")).click()
    checked(contact)
    fill(contact, {"response": "accepted", "responded_on": TODAY})
    contact.locator(SUBMIT).last.click()
    expect(contact.locator(".govuk-error-summary")).to_have_count(0)
    checked(contact)

    auditor = opened(browser, live, width, "t.brooks")
    auditor.goto(f"/cases/{reference}")
    checked(auditor)
    expect(auditor.locator("#next-step")).to_have_count(0)  # an auditor records nothing
    auditor.goto("/search?q=Smith")
    checked(auditor)
    expect(auditor.locator("main")).to_contain_text(reference)
    if width == 1280:
        shoot(auditor, "search-results-1280.png")
    auditor.goto(f"/cases/{reference}/history")
    checked(auditor)

    if width == 390:
        manager.goto("/cases")
        checked(manager)
        shoot(manager, "dashboard-390.png")
    for page in (officer, manager, contact, auditor):
        page.context.close()

    kinds = [entry.event for entry in live.back_office.cases.history(reference)]
    assert {"OutcomeLetterSent", "AgencyResponded"} <= set(kinds)
    assert checked.violations == {}
    assert checked.sideways == []
    assert checked.dead_buttons == []
    assert len(walk.through_button) >= 5, f"only {walk.through_button} were the next-step button"
    assert checked.pages >= 30
