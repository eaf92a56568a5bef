"""The victims' journey in Chromium at a phone's width and a desktop's: an application made for two victims (a
household and a community group), each giving consent; the review opens; one victim withdraws consent to share,
and a request to a new agency is refused naming the withdrawal and its date; the victim chooses their involvement
and is invited to the panel virtually; the panel is held; the action plan is drafted, shared, answered and
finalised. Every page is scanned by axe-core and must not scroll sideways. Each stage is a small helper, so the
journey can be joined with the recommendations' one (docs/VICTIMS.md)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from application.backoffice import BackOffice
from domain.personal import Person
from domain.values import Applicant, Channel, Problem
from domain.victims import ConsentMethod, InvolvementLevel, MeetingFormat, ShareMethod, VictimDetails, VictimKind
from tests.application.cases import log_qualifying_incidents
from tests.browser.conftest import LiveServer, axe_violations, sign_in
from tests.browser.test_journey import SUBMIT, fill

pytestmark = pytest.mark.browser

TODAY = date(2026, 11, 24)  # the test BackOffice's today
WIDTHS = [390, 1280]


class Checked:
    """Every page visited: its axe-core violations and whether it scrolls sideways."""

    def __init__(self) -> None:
        self.problems: dict[str, Any] = {}
        self.pages = 0

    def __call__(self, page: Page) -> None:
        self.pages += 1
        where = f"{re.sub(r'https?://[^/]+', '', page.url)} ({page.title()})"
        violations = axe_violations(page)
        if violations:
            self.problems[where] = violations
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            self.problems[where + " scrolls sideways"] = True


def at_width(browser: Browser, live: LiveServer, width: int) -> Page:
    context = browser.new_context(base_url=live.url, viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def open_step(page: Page, checked: Checked, reference: str, link: str) -> None:
    page.goto(f"/cases/{reference}")
    checked(page)
    page.locator("#next-steps ~ ul a").filter(has_text=re.compile("^" + re.escape(link))).first.click()
    checked(page)


def step(page: Page, checked: Checked, reference: str, link: str, values: dict[str, Any]) -> None:
    """From the case page's "What to do next", open the step called ``link``, fill it in and send it."""
    open_step(page, checked, reference, link)
    fill(page, values)
    page.locator(SUBMIT).last.click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 0, summary.inner_text()
    expect(page.locator("h1")).to_contain_text(reference)


# ----------------------------------------------------------------------------------------- stages
def application_for_two_victims(back_office: BackOffice) -> str:
    """Received by phone for a household and a community group (recorded through the shared input's values)."""
    applicant = Applicant(Person("p-9", "Cllr Raj Patel"), on_behalf_of_victim=True, relationship="councillor",
                          victims=(Person("p-1", "Ann Smith"), Person("p-2", "Dev Rao")),
                          victim_details=(VictimDetails(),
                                          VictimDetails(VictimKind.COMMUNITY_GROUP, "Elm Road Allotments")))
    reference = back_office.cases.receive_application(
        channel=Channel.PHONE, received_on=date(2026, 9, 1), applicant=applicant,
        problem=Problem("noise", "Elm Road, Dartford"), actor="j.okafor").reference
    log_qualifying_incidents(back_office, reference)
    return reference


def each_victim_consents(page: Page, checked: Checked, reference: str) -> None:
    for victim, name in (("1", "Ann Smith"), ("2", "Dev Rao for Elm Road Allotments")):
        for kind in ("victim_consent", "share_with_agencies"):
            step(page, checked, reference, "Record consent", {
                "kind": kind, "victim": victim, "method": "written", "given_on": date(2026, 9, 1), "given_by": name})
    expect(page.locator("#consent-records li")).to_have_count(4)


def review_opens(page: Page, manager: Page, checked: Checked, reference: str) -> None:
    step(page, checked, reference, "Acknowledge the application", {"sent_on": date(2026, 9, 2), "channel": "post"})
    step(manager, checked, reference, "Decide the threshold", {
        "decision": "met", "decided_on": date(2026, 9, 10), "unverified_reason": "Decided on the incidents as logged."})
    step(page, checked, reference, "Request information from an agency", {"agencies": ["Kent Police"]})


def consent_withdrawn_and_a_new_agency_refused(page: Page, checked: Checked, reference: str) -> None:
    step(page, checked, reference, "Record that consent was withdrawn", {
        "kind": "share_with_agencies", "victim": "2", "method": "verbal", "withdrawn_on": date(2026, 9, 15),
        "reason": "The group does not want the housing association told."})
    consent = page.locator("#consent-records")
    expect(consent).to_contain_text("Withdrawn 15 September 2026 (verbal)")
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "Elm Road Allotments (contact: Dev Rao) withdrew consent to share information with the agencies on "
        "15 September 2026")
    expect(page.locator("#next-steps ~ ul a").filter(has_text="Request information from an agency")).to_have_count(0)
    page.goto(f"/cases/{reference}/review/agency-requests/new")  # the form, opened directly, refuses
    fill(page, {"agencies": ["Moat Homes"]})
    page.locator(SUBMIT).last.click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("withdrew consent to share")
    expect(page.locator(".govuk-error-summary")).to_contain_text("15 September 2026")
    checked(page)


def victim_involved_and_invited(page: Page, checked: Checked, reference: str) -> None:
    step(page, checked, reference, "Record the victim's chosen involvement", {
        "level": InvolvementLevel.ATTEND_MEETING.value, "chosen_on": date(2026, 9, 16)})
    step(page, checked, reference, "Schedule the review panel", {  # scheduled today, for today
        "panel_date": TODAY, "chair": "Dr Jane Holt", "independent_chair": "yes", "members": "Kent Police"})
    step(page, checked, reference, "Invite the victim to the panel", {
        "invited_on": TODAY, "method": "email", "format": MeetingFormat.VIRTUAL.value})
    expect(page.locator("#victim-involvement")).to_contain_text("to attend virtually")


def panel_held(page: Page, checked: Checked, reference: str) -> None:
    step(page, checked, reference, "Record the review panel", {
        "held_on": TODAY, "attendees": "Dr Jane Holt\nKent Police\nAnn Smith", "victim_attended": "yes",
        "findings": "The reports were never linked."})


def action_plan_consulted_and_finalised(page: Page, checked: Checked, reference: str) -> None:
    step(page, checked, reference, "Draft the action plan", {
        "drafted_on": TODAY, "plan": "Kent Police to patrol Elm Road on Friday nights."})
    step(page, checked, reference, "Share the draft action plan with the victim", {
        "shared_on": TODAY, "how": ShareMethod.EMAIL.value})
    step(page, checked, reference, "Record the victim's response to the action plan", {
        "responded_on": TODAY, "response": "Please include Saturday nights too."})
    step(page, checked, reference, "Finalise the action plan", {"finalised_on": TODAY})
    plan = page.locator("#action-plan")
    expect(plan).to_contain_text("Shared with the victim 24 November 2026 (by email)")
    expect(plan).to_contain_text("The victim responded 24 November 2026")
    expect(plan).to_contain_text("Finalised 24 November 2026")
    checked(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_two_victims_one_withdrawing_consent_the_victim_invited_and_the_action_plan_consulted_on(
    browser: Browser, live: LiveServer, width: int,
):
    checked = Checked()
    reference = application_for_two_victims(live.back_office)
    officer, manager = at_width(browser, live, width), at_width(browser, live, width)
    sign_in(officer, "j.okafor")
    sign_in(manager, "m.reid")
    try:
        each_victim_consents(officer, checked, reference)
        review_opens(officer, manager, checked, reference)
        consent_withdrawn_and_a_new_agency_refused(officer, checked, reference)
        victim_involved_and_invited(officer, checked, reference)
        panel_held(officer, checked, reference)
        action_plan_consulted_and_finalised(officer, checked, reference)
    finally:
        officer.context.close()
        manager.context.close()

    review = live.back_office.cases.get_case(reference).review
    assert review is not None
    assert set(review.agency_requests) == {"Kent Police"}
    assert review.action_plan is not None
    assert review.action_plan.consulted
    assert [r.withdrawn_how for r in live.back_office.cases.get_case(reference).application.consent_records] == [
        None, None, None, ConsentMethod.VERBAL]
    assert checked.problems == {}
    assert checked.pages >= 30
