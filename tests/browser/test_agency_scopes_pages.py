"""The agency contact's and panel member's pages, and the forms that save typing: the officer asks two agencies in
one form, the police contact records their information on a form worded for them and reads the papers of the
panel their agency sits on, and the officer records the panel from a form opened with the scheduled chair and
members. Every page at 390 px and 1280 px wide with no axe-core WCAG 2.2 A/AA violation and no sideways scroll."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.application import cases
from tests.browser.conftest import LiveServer
from tests.browser.test_journey import TODAY
from tests.browser.test_online_verification import Visited, send, signed_in

pytestmark = pytest.mark.browser


def listed(page: Page, text: str) -> None:
    """Opens /agency until the read models list ``text`` (the projector follows the events a moment later)."""
    for _ in range(100):
        page.goto("/agency")
        if page.get_by_text(text).count():
            return
        page.wait_for_timeout(100)
    expect(page.get_by_text(text).first).to_be_visible()


def test_an_agency_is_asked_records_its_information_and_reads_the_panel_papers_on_every_width(
        browser: Browser, live: LiveServer) -> None:
    reference = cases.panel_scheduled(live.back_office)  # Kent Police and Moat Homes sit on it, on 5 October 2026
    visited = Visited()

    officer = signed_in(browser, live, "j.okafor")
    officer.goto(f"/cases/{reference}/review/agency-requests/new")
    send(officer, visited, {"agencies": ["Kent Police", "Moat Homes"]})
    live.back_office.cases.receive_impact_statement(reference, received_on=date(2026, 9, 25),
                                                    statement="I have not slept a full night since June.",
                                                    actor="j.okafor")

    contact = signed_in(browser, live, "r.hale")  # Kent Police
    listed(contact, f"Panel papers for case {reference}")
    visited(contact)
    contact.locator("tr", has_text=reference).get_by_role("link", name=re.compile("^Record the information")).click()
    expect(contact.locator("body")).to_contain_text("When did you send it?")
    expect(contact.locator("body")).to_contain_text("your reference KP-1")
    send(contact, visited, {"received_on": TODAY, "summary": "Six calls since May; no officer linked them."})
    contact.goto("/agency")
    contact.get_by_role("link", name=f"Panel papers for case {reference}").click()
    expect(contact.locator("h1")).to_contain_text(f"Panel papers for case {reference}")
    expect(contact.locator("body")).to_contain_text("Six calls since May; no officer linked them.")
    expect(contact.locator("body")).to_contain_text("I have not slept a full night since June.")
    visited(contact)

    live.back_office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                                      reason="She chose to be kept informed.", actor="j.okafor")
    officer.goto(f"/cases/{reference}/review/panel")
    expect(officer.locator("textarea[name=attendees]")).to_have_value("Dr Jane Holt\nKent Police\nMoat Homes")
    send(officer, visited, {"findings": "Reports were not linked."})
    expect(officer.locator("h1")).to_contain_text(reference)

    assert visited.violations == {}
    assert visited.sideways == []
    assert live.back_office.cases.get_case(reference).review.panel_held_on == date(2026, 10, 5)
