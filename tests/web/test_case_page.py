"""The case page: summary, incidents with their verdicts, consent, the threshold, deadlines, the
review, letters and the timeline, read from the event store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.conftest import Page, parse
from tests.web.pages import assert_well_formed


@pytest.fixture
def auditor(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("auditor")


def section(page: Page, heading_id: str) -> str:
    """The text from a section's h2 to the next h2."""
    heading = page.soup.find("h2", id=heading_id)
    parts = []
    for element in heading.find_next_siblings():
        if element.name == "h2":
            break
        parts.append(element.get_text(" "))
    return " ".join(" ".join(parts).split())


def test_a_case_after_its_outcome_letter_shows_every_part_of_the_process(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.outcome_sent(back_office)

    page = parse(auditor.get(f"/cases/{reference}"))

    assert page.status == 200
    assert_well_formed(page)
    assert page.h1 == f"Case {reference}"
    assert "Ann Smith" in section(page, "summary")
    assert "outcome letter sent" in section(page, "summary")
    threshold = section(page, "incidents")
    assert "Threshold met on 10 September 2026" in threshold
    assert threshold.count("Counts: reported to Kent Police") == 3
    assert "Consent to share information with the agencies: given 1 September 2026" in section(page, "consent")
    deadlines = section(page, "deadlines")
    assert "Acknowledge the application" in deadlines
    assert "Met" in deadlines
    assert "Overdue" in deadlines
    review = section(page, "review")
    assert "chaired by Dr Jane Holt (independent)" in review
    assert "Kent Police: Link the reports." in review
    letters = section(page, "letters")
    assert "Acknowledgement to applicant Applicant Sent Sent on" in letters
    assert "Outcome" in letters
    assert len(page.soup.find("h2", id="timeline").find_next("tbody").find_all("tr")) == len(
        back_office.cases.history(reference))


def test_an_undecided_case_shows_the_assessment_under_the_current_policy(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.ready_for_decision(back_office, incidents=2)

    page = parse(auditor.get(f"/cases/{reference}"))

    threshold = section(page, "incidents")
    assert "Not decided yet" in threshold
    assert "the policy needs 3" in threshold
    assert "There is no case review" in section(page, "review")
    assert "Acknowledgement to applicant Applicant Sent Sent on 2 September 2026" in section(page, "letters")


def test_a_reference_is_found_whatever_its_case(auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    page = parse(auditor.get(f"/cases/{reference.lower()}"))

    assert page.status == 200
    assert page.h1 == f"Case {reference}"


@pytest.mark.parametrize("reference", ["CT-2026-9999", "nonsense", "%3Cscript%3E"])
def test_an_unknown_reference_gets_the_page_not_found(auditor: FlaskClient, reference: str) -> None:
    page = parse(auditor.get(f"/cases/{reference}"))

    assert page.status == 404
    assert_well_formed(page)
    assert page.h1 == "Page not found"


def test_an_unexpected_failure_gets_the_friendly_error_page(
        auditor: FlaskClient, back_office: BackOffice, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any) -> None:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(back_office.cases, "case_page", broken)

    page = parse(auditor.get("/cases/CT-2026-0001"))

    assert page.status == 500
    assert_well_formed(page)
    assert page.h1 == "Sorry, there is a problem with the service"
    assert "fire" not in page.text()
