"""The whole journey in Chromium: a member of the public applies online; an officer logs a further incident and
acknowledges; a manager decides the threshold; the officer records the agencies' information, the panel, a
recommendation and the outcome letter; the annual report counts the case. axe-core scans every page on the way
for WCAG 2.2 AA violations."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from domain.stage import Stage
from tests.browser.conftest import LiveServer, axe_violations, sign_in

pytestmark = pytest.mark.browser

TODAY = date(2026, 11, 24)  # the test BackOffice's today
SUBMIT = "main form button:not([type=button]):not(.govuk-password-input__toggle)"


class Scanned:
    """Every distinct page visited, with its axe-core violations."""

    def __init__(self) -> None:
        self.violations: dict[str, list[dict[str, Any]]] = {}

    def __call__(self, page: Page) -> None:
        path = re.sub(r"https?://[^/]+", "", page.url)
        self.violations[f"{path} ({page.title()})"] = axe_violations(page)

    def failures(self) -> dict[str, list[dict[str, Any]]]:
        return {where: found for where, found in self.violations.items() if found}


def fill(page: Page, values: dict[str, Any]) -> None:
    """Fill a form as a person would, field by field: dates as day, month and year; radios and checkboxes
    by value; selects by value; text typed in."""
    for name, value in values.items():
        if isinstance(value, date):
            for part, number in (("day", value.day), ("month", value.month), ("year", value.year)):
                page.locator(f'[name="{name}-{part}"]').fill(str(number))
        elif isinstance(value, list):
            for item in value:
                page.locator(f'input[name="{name}"][value="{item}"]').check()
        else:
            field = page.locator(f'[name="{name}"]')
            kind = field.first.get_attribute("type") or field.first.evaluate("e => e.tagName.toLowerCase()")
            if kind in ("radio", "checkbox"):
                page.locator(f'input[name="{name}"][value="{value}"]').check()
            elif kind == "select":
                field.select_option(str(value))
            else:
                field.fill(str(value))


def answer(page: Page, scanned: Scanned, values: dict[str, Any]) -> None:
    scanned(page)
    fill(page, values)
    with page.expect_navigation():  # the next page, before it is scanned
        page.locator(SUBMIT).last.click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)


def apply_online(page: Page, scanned: Scanned) -> str:
    page.goto("/apply")
    scanned(page)
    page.get_by_role("button", name="Start now").click()
    answer(page, scanned, {"basis": "self"})
    answer(page, scanned, {"name": "Ann Smith", "address": "12 High Street, Dartford", "postcode": "DA1 1DR",
                           "phone": "01322 343000", "email": "ann@example.com", "preferred_contact": "email",
                           "support_needs": "Hearing impaired: prefers email or text; no phone calls."})
    answer(page, scanned, {"kind": "noise", "location": "High Street, Dartford",
                           "description": "Loud music every night."})
    answer(page, scanned, {"element": "none"})
    for happened, reported, agency in ((date(2026, 10, 1), date(2026, 10, 2), "Kent Police"),
                                       (date(2026, 11, 5), date(2026, 11, 5), "Dartford Borough Council")):
        answer(page, scanned, {"happened": happened, "reported": reported, "agency": agency,
                               "description": "Music until 3am.", "hate_related": "no", "reported_by": "me"})
        answer(page, scanned, {"another": "yes" if agency == "Kent Police" else "no"})
    answer(page, scanned, {"share": "yes"})
    scanned(page)  # check your answers
    page.get_by_role("button", name="Accept and send").click()
    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text("CT-2026-")
    scanned(page)
    reference = re.search(r"CT-\d{4}-\d{4}", panel.inner_text())
    assert reference is not None
    return reference.group(0)


def step(page: Page, scanned: Scanned, reference: str, link: str, values: dict[str, Any]) -> None:
    """From the case page's "What to do next", open the step called ``link``, fill it in and send it."""
    page.goto(f"/cases/{reference}")
    with page.expect_navigation():  # the step's form, before it is scanned
        page.locator("#next-steps ~ ul a").filter(has_text=re.compile("^" + re.escape(link))).first.click()
    answer(page, scanned, values)
    expect(page.locator("h1")).to_contain_text(reference)


def test_an_application_made_online_reaches_the_annual_report_through_every_step_with_no_accessibility_violations(
    browser: Browser, live: LiveServer,
):
    scanned = Scanned()
    public = browser.new_context(base_url=live.url).new_page()
    reference = apply_online(public, scanned)
    public.context.close()

    officer = browser.new_context(base_url=live.url).new_page()
    sign_in(officer, "j.okafor")
    step(officer, scanned, reference, "Log an incident", {
        "happened_on": date(2026, 9, 10), "reported_on": date(2026, 9, 11), "agency": "Kent Police",
        "agency_reference": "KP-9", "description": "Shouting and banging on the door.", "hate_related": "no",
        "informal": "no"})
    step(officer, scanned, reference, "Log an incident", {  # three still count without the disputed one
        "happened_on": date(2026, 9, 20), "reported_on": date(2026, 9, 21), "agency": "Kent Police",
        "agency_reference": "KP-10", "description": "Music until 4am.", "hate_related": "no", "informal": "no"})
    step(officer, scanned, reference, "Acknowledge the application", {"sent_on": TODAY, "channel": "post"})
    for agency in ("Kent Police", "Dartford Borough Council"):  # incidents 1, 3 and 4 to the police, 2 to the council
        step(officer, scanned, reference, "Ask an agency to confirm the incidents", {"agency": agency})
    for number, agency in ((1, "Kent Police"), (3, "Kent Police"), (4, "Kent Police")):
        step(officer, scanned, reference, "Record an agency's answer about an incident", {
            "agency": agency, "number": str(number), "answer": "confirmed", "answered_on": TODAY})
    step(officer, scanned, reference, "Record an agency's answer about an incident", {
        "agency": "Dartford Borough Council", "number": "2", "answer": "disputed", "answered_on": TODAY,
        "agency_reference": "DBC-77", "reason": "Logged against the next street."})

    manager = browser.new_context(base_url=live.url).new_page()
    sign_in(manager, "m.reid")
    step(manager, scanned, reference, "Decide the threshold", {
        "decision": "met", "decided_on": TODAY,
        "unverified_reason": "The applicant's diary puts incident 2 at her door; the council will check."})

    step(officer, scanned, reference, "Send the decision letter", {"sent_on": TODAY, "channel": "email"})
    step(officer, scanned, reference, "Request information from an agency", {"agencies": ["Kent Police"]})
    step(officer, scanned, reference, "Record information from an agency", {
        "agency": "Kent Police", "received_on": TODAY, "summary": "Three reports, never linked."})
    step(officer, scanned, reference, "Schedule the review panel", {
        "panel_date": TODAY, "chair": "Dr Jane Holt", "independent_chair": "yes",
        "members": "Kent Police\nMoat Homes"})
    step(officer, scanned, reference, "Record why the victim is not invited to the panel", {
        "decided_on": TODAY, "reason": "She chose to be kept informed by letter."})
    step(officer, scanned, reference, "Record the review panel", {
        "held_on": TODAY, "attendees": "Dr Jane Holt\nKent Police", "victim_attended": "no",
        "findings": "The reports were never linked."})
    step(officer, scanned, reference, "Issue a recommendation", {
        "agency": "Kent Police", "text": "Link the reports and name a lead officer.", "issued_on": TODAY})
    step(officer, scanned, reference, "Send the outcome letter", {"sent_on": TODAY, "channel": "post"})
    scanned(officer)  # the case page at the end

    case = live.back_office.cases.get_case(reference)
    assert case.stage is Stage.OUTCOME_LETTER_SENT
    actors = {entry.event: entry.actor for entry in live.back_office.cases.history(reference)}
    assert (actors["Received"], actors["ThresholdMet"], actors["OutcomeLetterSent"]) == ("public", "m.reid",
                                                                                        "j.okafor")

    manager.goto("/report")
    scanned(manager)
    row = manager.locator("table").first.locator("tr", has_text="1 April 2026 to 31 March 2027")
    # the published table: applications received, meeting the threshold, reviews with recommendations
    assert row.locator("td").all_inner_texts() == ["1", "1", "1"]
    for context in (officer.context, manager.context):
        context.close()
    assert scanned.failures() == {}
    assert len(scanned.violations) >= 20


def test_the_public_form_can_be_completed_with_the_keyboard_alone(browser: Browser, live: LiveServer):
    """Tab to each control, type, press Space on radios and Enter on buttons: no mouse at all."""
    page = browser.new_context(base_url=live.url).new_page()
    page.goto("/apply")
    keyboard = page.keyboard

    def tab_to(selector: str) -> None:
        target = page.locator(selector).first
        for _ in range(60):
            keyboard.press("Tab")
            if target.evaluate("e => e === document.activeElement"):
                return
        raise AssertionError(f"{selector} cannot be reached with the Tab key")

    def type_into(selector: str, text: str) -> None:
        tab_to(selector)
        keyboard.type(text)

    def choose(name: str, value: str) -> None:
        tab_to(f'input[name="{name}"]')  # the first radio of the group
        radio = page.locator(f'input[name="{name}"][value="{value}"]')
        for _ in range(10):
            if radio.is_checked():
                return
            keyboard.press("ArrowDown")
        raise AssertionError(f"{name}={value} cannot be chosen with the arrow keys")

    def send() -> None:
        tab_to(SUBMIT)
        keyboard.press("Enter")
        page.wait_for_load_state()

    tab_to("a.govuk-skip-link")
    expect(page.locator("a.govuk-skip-link")).to_be_visible()  # the skip link shows when focused
    tab_to("a.govuk-button, button.govuk-button")
    keyboard.press("Enter")
    page.wait_for_load_state()
    choose("basis", "self")
    send()
    type_into('[name="name"]', "Ann Smith")
    type_into('[name="address"]', "12 High Street, Dartford")
    type_into('[name="postcode"]', "DA1 1DR")
    choose("preferred_contact", "post")
    send()
    type_into('[name="kind"]', "noise")
    type_into('[name="location"]', "High Street, Dartford")
    type_into('[name="description"]', "Loud music every night.")
    send()
    choose("element", "none")
    send()
    for part, value in (("happened-day", "1"), ("happened-month", "10"), ("happened-year", "2026"),
                        ("reported-day", "2"), ("reported-month", "10"), ("reported-year", "2026")):
        type_into(f'[name="{part}"]', value)
    type_into('[name="agency"]', "Kent Police")
    type_into('[name="description"]', "Music until 3am.")
    choose("hate_related", "no")
    choose("reported_by", "me")
    send()
    choose("another", "no")
    send()
    tab_to('input[name="share"]')
    keyboard.press("Space")
    if not page.locator('input[name="share"][value="yes"]').is_checked():
        choose("share", "yes")
    send()
    expect(page.locator("h1")).to_contain_text("Check your answers")
    tab_to("main form button")
    keyboard.press("Enter")
    expect(page.locator(".govuk-panel")).to_contain_text("CT-2026-")
    page.context.close()
