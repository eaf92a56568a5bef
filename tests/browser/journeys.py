"""Stages shared by the browser journeys (each takes the page and a callable that scans every page it shows)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from playwright.sync_api import Page, expect

from tests.browser.test_journey import SUBMIT, fill


def actions_completed_letter_produced_and_sent(officer: Page, scan: Callable[[Page], None], reference: str,
                                               sent_on: date, says: tuple[str, ...] = ()) -> None:
    """From the case's letters: the "actions completed" letter's own page, produced, opened to print (it says each
    of ``says``), then recorded as sent by post on ``sent_on``."""
    officer.goto(f"/cases/{reference}/letters")
    scan(officer)
    expect(officer.locator("tr", has_text="Actions completed").first).to_contain_text("To do")
    officer.get_by_role("link", name=re.compile("^Actions completed")).click()
    scan(officer)
    officer.get_by_role("button", name="Produce the letter").click()
    expect(officer.locator("body")).to_contain_text("Produced and recorded in the case file")
    scan(officer)
    officer.get_by_role("link", name=re.compile("^Open it to print")).click()
    letter = officer.locator("body")  # the printable letter: A4 print HTML, not scanned (as in the other journeys)
    for text in says:
        expect(letter).to_contain_text(text)
    officer.get_by_role("link", name="Back to the letter's page").click()
    fill(officer, {"channel": "post", "sent_on": sent_on})
    officer.locator(SUBMIT).last.click()
    expect(officer.locator(".govuk-error-summary")).to_have_count(0)
    expect(officer.locator("body")).to_contain_text(f"was sent by post on {sent_on.day} {sent_on:%B %Y}")
    scan(officer)
    officer.goto(f"/cases/{reference}/letters")
    expect(officer.locator("tr", has_text="Actions completed").first).to_contain_text("Sent")  # the letters reached
