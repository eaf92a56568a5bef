"""Issue 11 in Chromium: a member of the public applies online with a hate-related incident; an officer finds the
case and asks the agency to confirm the incidents; the agency's contact answers from their own page; a manager
sees the statutory test beside the partnership's rules on the decision form and decides the threshold. Every page
visited is scanned by axe-core at a phone's width and a desktop's, and must not scroll sideways at 390 px."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from application.profile import PartnershipProfile, load_profile, parse_profile
from domain.application import ThresholdDecision
from domain.verification import VerificationAnswer
from tests.browser.conftest import LiveServer, axe_violations, sign_in
from tests.browser.test_journey import SUBMIT, TODAY, fill

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)
POLICE = "Kent Police"


@pytest.fixture
def profile() -> PartnershipProfile:
    """The shipped profile with the local hate-incident rule switched on: one hate incident within six months."""
    shipped = load_profile()
    assert shipped.threshold.hate_incidents is None  # the rule below is what this test adds
    text = resources.files("application").joinpath("default_profile.toml").read_text("utf-8")
    text = text.replace("[timescales]", '[threshold.hate_incidents]\nminimum_incidents = 1\nwithin = "6 months"\n\n'
                                        "[timescales]", 1)
    return parse_profile(text, "default profile with the hate-incident rule")


class Visited:
    """Every distinct page visited, at each width: its axe-core violations and whether it scrolls sideways."""

    def __init__(self) -> None:
        self.violations: dict[str, list[dict[str, Any]]] = {}
        self.sideways: list[str] = []
        self.pages: set[str] = set()

    def __call__(self, page: Page) -> None:
        path = re.sub(r"https?://[^/]+", "", page.url)
        where = f"{path} ({page.title()})"
        for width in WIDTHS:  # the phone's width first, then back to the desktop's for the next step
            page.set_viewport_size({"width": width, "height": 900})
            found = axe_violations(page)
            if found:
                self.violations[f"{where} at {width} px"] = found
            if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
                self.sideways.append(f"{where} at {width} px")
        self.pages.add(path)


def send(page: Page, visited: Visited, values: dict[str, Any]) -> None:
    visited(page)
    fill(page, values)
    page.locator(SUBMIT).last.click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)


def apply_online_with_a_hate_incident(page: Page, visited: Visited) -> str:
    page.goto("/apply")
    visited(page)
    page.get_by_role("button", name="Start now").click()
    send(page, visited, {"basis": "self"})
    send(page, visited, {"name": "Amira Khan", "address": "4 Lowfield Street, Dartford", "postcode": "DA1 1HJ",
                         "phone": "01322 343100", "email": "amira@example.com", "preferred_contact": "telephone"})
    send(page, visited, {"kind": "harassment", "location": "Lowfield Street, Dartford",
                         "description": "Shouted at in the street because of my religion."})
    send(page, visited, {"element": "none"})
    for happened, reported, hate in ((date(2026, 10, 1), date(2026, 10, 2), "yes"),
                                     (date(2026, 11, 5), date(2026, 11, 5), "no")):
        send(page, visited, {"happened": happened, "reported": reported, "agency": POLICE,
                             "description": "Abuse shouted at my door.", "hate_related": hate, "reported_by": "me"})
        send(page, visited, {"another": "yes" if hate == "yes" else "no"})
    send(page, visited, {"share": "yes"})
    visited(page)  # check your answers
    page.get_by_role("button", name="Accept and send").click()
    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text("CT-2026-")
    visited(page)
    reference = re.search(r"CT-\d{4}-\d{4}", panel.inner_text())
    assert reference is not None
    return reference.group(0)


def signed_in(browser: Browser, live: LiveServer, username: str) -> Page:
    page = browser.new_context(base_url=live.url, viewport={"width": 1280, "height": 900}).new_page()
    page.context.set_default_timeout(10_000)
    sign_in(page, username)
    return page


def test_an_online_application_with_a_hate_incident_is_verified_by_the_agency_and_decided_on_every_width(
    browser: Browser, live: LiveServer,
):
    visited = Visited()
    public = browser.new_context(base_url=live.url).new_page()
    reference = apply_online_with_a_hate_incident(public, visited)
    public.context.close()

    # the officer finds the case on the case list and asks the police to confirm its incidents
    officer = signed_in(browser, live, "j.okafor")
    officer.goto("/cases")
    visited(officer)
    expect(officer.get_by_role("link", name=reference)).to_be_visible()
    officer.get_by_role("link", name=reference).click()
    expect(officer.locator("h1")).to_contain_text(reference)
    visited(officer)
    incidents = officer.locator("table", has_text="Each incident and its verdict")
    expect(incidents.locator("tr", has=officer.locator('th:text-is("1")'))).to_contain_text("hate-related")
    expect(incidents.locator("tr", has=officer.locator('th:text-is("2")'))).not_to_contain_text("hate-related")
    for link, values in (("Acknowledge the application", {"sent_on": TODAY, "channel": "post"}),
                         ("Ask an agency to confirm the incidents", {"agency": POLICE})):
        officer.locator("#next-steps ~ ul a").filter(has_text=link).first.click()
        send(officer, visited, values)
        expect(officer.locator("h1")).to_contain_text(reference)

    # the police's contact sees the request on their own page and answers incident by incident from it
    contact = signed_in(browser, live, "r.hale")
    for number in (1, 2):
        contact.goto("/agency")
        visited(contact)
        row = contact.locator("tr", has_text=reference)
        expect(row).to_contain_text(f"Confirm incident {number}" if number == 2 else "Confirm incidents 1, 2")
        row.get_by_role("link", name=re.compile("^Record your answers")).click()
        expect(contact.locator('[name="agency"]')).to_have_count(0)  # fixed to their own agency
        send(contact, visited, {"number": str(number), "answer": "confirmed", "answered_on": TODAY})
    contact.goto("/agency")
    visited(contact)
    expect(contact.locator("tr", has_text=reference)).to_have_count(0)  # nothing more is owed on the case

    # the officer sees the verification on the case page
    officer.goto(f"/cases/{reference}")
    visited(officer)
    confirmed = f"Confirmed by {POLICE} on 24 November 2026"
    for number in (1, 2):
        expect(incidents.locator("tr", has=officer.locator(f'th:text-is("{number}")'))).to_contain_text(confirmed)

    # the manager sees the statutory test beside the local rules, and decides
    manager = signed_in(browser, live, "m.reid")
    manager.goto(f"/cases/{reference}")
    manager.locator("#next-steps ~ ul a").filter(has_text="Decide the threshold").first.click()
    form = manager.locator("main")
    expect(form).to_contain_text("Under the Act (s.104(4)):")
    expect(form).to_contain_text("2 qualifying complaints under the Act, the procedure's number is 3")
    expect(form.locator("[data-statutory-disagreement]")).to_have_count(0)  # the local rules only add a route
    # the partnership's own rule for hate incidents is the route to "met" here
    expect(form.locator(".govuk-inset-text")).to_contain_text(
        "1 hate incident within 6 months (the hate-incident rule needs 1)")
    expect(form).to_contain_text(confirmed)
    send(manager, visited, {"decision": "met", "decided_on": TODAY})
    expect(manager.locator("h1")).to_contain_text(reference)
    visited(manager)
    expect(manager.locator("main")).to_contain_text(re.compile("threshold met", re.IGNORECASE))

    case = live.back_office.cases.get_case(reference)
    assert case.application.decision is ThresholdDecision.MET
    assert not case.application.unverified_reason
    assert [v.answer.answer for v in case.application.incident_verifications if v.answer] == [
        VerificationAnswer.CONFIRMED, VerificationAnswer.CONFIRMED]
    actors = {entry.event: entry.actor for entry in live.back_office.cases.history(reference)}
    assert (actors["Received"], actors["ThresholdMet"]) == ("public", "m.reid")
    assert "r.hale" in {entry.actor for entry in live.back_office.cases.history(reference)}
    for page in (officer, contact, manager):
        page.context.close()
    assert visited.violations == {}
    assert visited.sideways == []
    assert len(visited.pages) >= 15
