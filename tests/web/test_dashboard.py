"""The dashboard of open cases: from the read model, overdue first, filtered by stage, officer and
overdue, in pages; bad query parameters get a specific message, never a server error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.personal import Person
from domain.user import Role
from tests.application import cases
from tests.web.conftest import Page, parse
from tests.web.pages import assert_well_formed

RECENT = date(2026, 11, 20)  # acknowledgement due after TODAY (24 November 2026): not overdue


def references(page: Page) -> list[str]:
    return [row.find("th").get_text(strip=True) for row in page.soup.select("tbody tr")]


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


def test_open_cases_are_listed_overdue_first_with_links_and_an_overdue_tag(
        officer: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    recent = cases.receive(back_office, received_on=RECENT)
    overdue = cases.ready_for_decision(back_office)
    closed = cases.not_met_letter_sent(back_office)
    back_office.cases.close_application(closed, closed_on=date(2026, 11, 23), reason="No appeal", actor="j.okafor")
    project()

    page = parse(officer.get("/cases"))

    assert page.status == 200
    assert_well_formed(page)
    assert references(page) == [overdue, recent]
    rows = page.soup.select("tbody tr")
    assert rows[0].select_one(".govuk-tag--red").get_text(strip=True) == "Overdue"
    assert rows[1].select_one(".govuk-tag--red") is None
    assert rows[0].find("a")["href"] == f"/cases/{overdue}"
    assert "2 open cases." in page.text()


def test_the_officer_filter_follows_a_change_of_roles_at_the_next_request(
        officer: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    cases.register_officer(back_office, "s.begum")
    project()
    before = parse(officer.get("/cases"))

    back_office.accounts.change_roles("s.begum", roles=[Role.AUDITOR], reason="Moved to audit", actor="admin")
    after = parse(officer.get("/cases"))

    assert "s.begum" in officers_offered(before)
    assert "s.begum" not in officers_offered(after)


def test_an_officer_registered_since_the_last_page_is_offered_at_the_next_request(
        officer: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    """The users known so far and the event log's position are read together (``application.kept_accounts``); a
    position past the last one read finds the new user."""
    project()
    before = parse(officer.get("/cases"))

    cases.register_officer(back_office, "s.begum")
    after = parse(officer.get("/cases"))

    assert "s.begum" not in officers_offered(before)
    assert "s.begum" in officers_offered(after)


def test_a_subject_access_request_received_since_the_last_page_is_listed_at_the_next_request(
        officer: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    """The requests are listed as of the event log's position read with the signed-in user."""
    project()
    before = parse(officer.get("/cases"))

    recorded = back_office.privacy.receive_subject_access_request(
        person=Person("sar-1", "Ann Example"), received_on=date(2026, 11, 20), actor="officer")
    after = parse(officer.get("/cases"))

    assert before.soup.find(id="subject-access") is None
    assert recorded.reference in after.soup.find(id="subject-access").find_next("table").get_text()


def officers_offered(page: Page) -> list[str]:
    return [str(option["value"]) for option in page.soup.select("select[name=officer] option")]


def test_the_filters_narrow_the_list_by_stage_officer_and_overdue(
        officer: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    recent = cases.receive(back_office, received_on=RECENT)
    overdue = cases.ready_for_decision(back_office)
    cases.register_officer(back_office, "s.begum")
    back_office.cases.assign_officer(recent, officer="s.begum", actor="manager")
    project()

    by_stage = parse(officer.get("/cases?stage=acknowledged"))
    by_officer = parse(officer.get("/cases?officer=s.begum"))
    only_overdue = parse(officer.get("/cases?overdue=yes"))

    assert references(by_stage) == [overdue]
    assert references(by_officer) == [recent]
    assert references(only_overdue) == [overdue]
    assert by_stage.soup.select_one("#stage option[selected]")["value"] == "acknowledged"
    assert only_overdue.soup.select_one("#overdue")["checked"] is not None


def test_no_matching_cases_says_so(officer: FlaskClient, project: Callable[[], None]) -> None:
    project()

    page = parse(officer.get("/cases?stage=panel+held"))

    assert page.status == 200
    assert references(page) == []
    assert "No open cases match these filters." in page.text()


def test_a_long_list_is_shown_in_pages_of_25_keeping_the_filters(
        officer: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    for _ in range(26):
        cases.receive(back_office, received_on=RECENT)
    project()

    first = parse(officer.get("/cases?stage=received"))
    second = parse(officer.get("/cases?stage=received&page=2"))

    assert len(references(first)) == 25
    assert len(references(second)) == 1
    assert "page 2 of 2" in second.text()
    assert first.soup.select_one(".govuk-pagination__next a")["href"] == "/cases?stage=received&page=2"
    assert second.soup.select_one(".govuk-pagination__prev a")["href"] == "/cases?stage=received&page=1"
    assert_well_formed(second)


@pytest.mark.parametrize(("query", "field", "message"), [
    ("page=abc", "page", "Enter the page number as a whole number, like 2"),
    ("page=2.5", "page", "Enter the page number as a whole number, like 2"),
    ("page=-1", "page", "Enter a page number from 1 upwards, like 2"),
    ("page=0", "page", "Enter a page number from 1 upwards, like 2"),
    ("page=99999999999999999999", "page", "Enter a page number from 1 upwards, like 2"),
    ("stage=nonsense", "stage", "Choose a stage from the list"),
    ("overdue=perhaps", "overdue", "Choose whether to show only overdue cases"),
    ("officer=" + "x" * 101, "officer", "Choose an officer from the list"),
    ("officer=nobody", "officer", "Choose an officer from the list"),
    ("awaiting=perhaps", "awaiting", "Choose whether to show only cases awaiting a manager's decision"),
])
def test_bad_query_parameters_get_a_specific_message_linked_to_the_field(
        officer: FlaskClient, project: Callable[[], None], query: str, field: str, message: str) -> None:
    project()

    page = parse(officer.get(f"/cases?{query}"))

    assert page.status == 400
    assert_well_formed(page)
    assert page.title.startswith("Error: Open cases")
    links = [(a["href"], a.get_text(strip=True)) for a in page.soup.select(".govuk-error-summary__list a")]
    assert links == [(f"#{field}", message)]
    assert page.soup.find(id=field) is not None


def test_before_the_read_models_are_built_the_dashboard_says_what_to_do(officer: FlaskClient) -> None:
    page = parse(officer.get("/cases"))

    assert page.status == 503
    assert_well_formed(page)
    assert "read models have not been built" in page.text()


def test_the_start_page_links_to_what_the_role_may_use(signed_in: Callable[[str], Any]) -> None:
    manager = parse(signed_in("manager").get("/"))

    assert_well_formed(manager)
    assert [a.get_text(strip=True) for a in manager.soup.select(".govuk-service-navigation__item a")] == [
        "Home", "Cases", "Find a case", "New application", "Report", "Audit trail", "Subject access", "Access log",
        "Retention"]
