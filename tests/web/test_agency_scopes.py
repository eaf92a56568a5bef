"""What agency contacts and panel members see: the papers of the panels their agency sits on (the incidents and
the threshold, the agency information, the impact statement), only until the case closes; never another case's
panel nor a panel their agency is not named on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.conftest import parse
from tests.web.pages import assert_well_formed

OFFICER = "officer"


def panel_with_papers(back_office: BackOffice) -> str:
    """A scheduled panel of Kent Police and Moat Homes, with Kent Police's information and an impact statement."""
    reference = cases.panel_scheduled(back_office)
    back_office.cases.request_agency_information(reference, agency="Kent Police", requested_on=date(2026, 9, 15),
                                                 actor=OFFICER)
    back_office.cases.record_agency_information(reference, agency="Kent Police", received_on=date(2026, 9, 22),
                                                summary="Six calls since May; no officer linked them.",
                                                actor=OFFICER)
    back_office.cases.request_agency_information(reference, agency="Moat Homes", requested_on=date(2026, 9, 16),
                                                 actor=OFFICER)
    back_office.cases.receive_impact_statement(reference, received_on=date(2026, 9, 25),
                                               statement="I have not slept a full night since June.", actor=OFFICER)
    return reference


def contact_of(back_office: BackOffice, signed_in: Callable[[str], FlaskClient], agency: str) -> FlaskClient:
    back_office.accounts.assign_agency("agency", agency=agency, actor="admin")
    return signed_in("agency")


def test_a_member_agency_reads_the_panel_papers_from_its_page(
        back_office: BackOffice, signed_in: Callable[[str], FlaskClient], project: Callable[[], None]) -> None:
    reference = panel_with_papers(back_office)
    project()
    client = contact_of(back_office, signed_in, "Kent Police")

    listing = parse(client.get("/agency"))
    assert_well_formed(listing)
    link = listing.soup.select_one(f"a[href='/agency/panels/{reference}']")
    assert link is not None
    assert "5 October 2026" in listing.text()

    page = parse(client.get(f"/agency/panels/{reference}"))
    assert page.status == 200
    assert_well_formed(page)
    text = page.text()
    assert "Dr Jane Holt" in text
    assert "Loud music until 3am" in text  # the incidents
    assert "KP-1" in text
    assert "Six calls since May; no officer linked them." in text  # Kent Police's information
    assert "not yet received" in text  # Moat Homes's, still awaited
    assert "I have not slept a full night since June." in text  # the impact statement


def test_an_agency_not_named_on_the_panel_is_refused_as_if_the_case_did_not_exist(
        back_office: BackOffice, signed_in: Callable[[str], FlaskClient], project: Callable[[], None]) -> None:
    reference = panel_with_papers(back_office)
    project()
    client = contact_of(back_office, signed_in, "Clarion Housing")

    assert client.get(f"/agency/panels/{reference}").status_code == 404
    listing = parse(client.get("/agency"))
    assert listing.soup.select_one(f"a[href='/agency/panels/{reference}']") is None
    assert "Six calls since May" not in listing.text()


def test_a_member_sees_only_the_panels_it_is_named_on(
        back_office: BackOffice, signed_in: Callable[[str], FlaskClient], project: Callable[[], None]) -> None:
    theirs = panel_with_papers(back_office)
    other = cases.threshold_met(back_office)
    back_office.cases.schedule_panel(other, panel_date=date(2026, 10, 7), chair="Dr Jane Holt",
                                     independent_chair=True, members=("Clarion Housing",),
                                     scheduled_on=date(2026, 9, 14), actor=OFFICER)
    project()
    client = contact_of(back_office, signed_in, "Kent Police")

    assert client.get(f"/agency/panels/{other}").status_code == 404
    assert client.get("/agency/panels/CT-2099-9999").status_code == 404
    listing = parse(client.get("/agency"))
    assert [a["href"] for a in listing.soup.select("a[href^='/agency/panels/']")] == [f"/agency/panels/{theirs}"]


def test_the_papers_vanish_when_the_case_closes(
        back_office: BackOffice, signed_in: Callable[[str], FlaskClient], project: Callable[[], None]) -> None:
    reference = cases.outcome_sent(back_office)
    project()
    client = contact_of(back_office, signed_in, "Kent Police")
    assert client.get(f"/agency/panels/{reference}").status_code == 200

    back_office.cases.close_review(reference, closed_on=date(2026, 10, 20), reason="Actions agreed.",
                                   open_recommendations_reason="Kent Police report on their own timetable.",
                                   actor=OFFICER)
    project()

    assert client.get(f"/agency/panels/{reference}").status_code == 404
    listing = parse(client.get("/agency"))
    assert listing.soup.select_one("a[href^='/agency/panels/']") is None
    assert "Kent Police is not named on any open case's panel." in listing.text()


@pytest.mark.parametrize("username", ["officer", "manager", "auditor", "admin"])
def test_caseworkers_and_others_use_the_case_pages_not_the_panel_papers(
        back_office: BackOffice, signed_in: Callable[[str], FlaskClient], project: Callable[[], None],
        username: str) -> None:
    reference = panel_with_papers(back_office)
    project()

    assert signed_in(username).get(f"/agency/panels/{reference}").status_code == 403
