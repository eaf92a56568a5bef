"""A case's history with "as at" navigation, and its decisions as they were made."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.user import Role
from tests.application import cases
from tests.web.conftest import parse
from tests.web.pages import assert_refused_on_field, assert_well_formed


@pytest.fixture
def auditor(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("auditor")


def test_the_history_lists_every_event_with_actor_details_and_a_link_to_the_case_after_it(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    count = len(back_office.cases.history(reference))

    page = parse(auditor.get(f"/cases/{reference}/history"))

    assert page.status == 200
    assert_well_formed(page)
    rows = page.soup.select("tbody tr")
    assert len(rows) == count
    first = [td.get_text(" ", strip=True) for td in rows[0].find_all("td")]
    assert first[3] == "Application received"
    assert first[2] == "public"
    assert rows[0].find("a")["href"] == f"/cases/{reference}/history/1"
    assert "Threshold met" in page.text()
    assert "ThresholdMet" not in page.text()
    assert "IncidentLogged" not in page.text()


def test_the_history_names_people_not_user_names_and_hides_template_versions(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    back_office.accounts.register_user("m.reid", display_name="Maria Reid", email="m.reid@example.gov.uk",
                                       roles=[Role.OFFICER], password="a long enough passphrase", actor="setup")
    back_office.cases.assign_officer(reference, officer="m.reid", actor="m.reid")

    page = parse(auditor.get(f"/cases/{reference}/history"))

    last = [td.get_text(" ", strip=True) for td in page.soup.select("tbody tr")[-1].find_all("td")]
    assert last[2] == "Maria Reid"
    assert last[3] == "Officer assigned"
    assert "template version" not in page.text()


def test_the_case_after_an_event_shows_the_earlier_state_with_previous_and_next_links(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    count = len(back_office.cases.history(reference))

    first = parse(auditor.get(f"/cases/{reference}/history/1"))
    last = parse(auditor.get(f"/cases/{reference}/history/{count}"))

    for page in (first, last):
        assert page.status == 200
        assert_well_formed(page)
    assert first.h1 == f"{reference} after event 1 of {count}"
    assert "No incidents recorded yet." in first.text()
    assert "Not decided yet" in first.text()
    assert first.soup.select_one(".govuk-pagination__prev") is None
    assert first.soup.select_one(".govuk-pagination__next a")["href"] == f"/cases/{reference}/history/2"
    assert "No incidents recorded yet." not in last.text()
    assert "met on 10 September 2026" in last.text()
    assert last.soup.select_one(".govuk-pagination__next") is None
    assert last.soup.select_one(".govuk-pagination__prev a")["href"] == f"/cases/{reference}/history/{count - 1}"


def test_an_event_number_out_of_range_or_an_unknown_case_is_the_404_page(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    for url in (f"/cases/{reference}/history/0", f"/cases/{reference}/history/2", "/cases/CT-2001-0001/history",
                f"/cases/{reference}/history/abc", "/cases/CT-2001-0001/decisions"):
        page = parse(auditor.get(url))
        assert page.status == 404, url
        assert_well_formed(page)


def test_the_case_as_at_today_without_a_time_shows_every_event_so_far(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    today = datetime.now(ZoneInfo("Europe/London")).date()  # the day its events were recorded

    page = parse(auditor.get(f"/cases/{reference}/as-at", query_string={
        "at-day": today.day, "at-month": today.month, "at-year": today.year}))

    assert page.status == 200
    assert_well_formed(page)
    assert page.h1.startswith(f"{reference} as at {today:%d %B %Y}")
    assert "met on 10 September 2026" in page.text()


def test_the_as_at_form_alone_shows_no_errors(auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    page = parse(auditor.get(f"/cases/{reference}/as-at"))

    assert page.status == 200
    assert_well_formed(page)
    assert page.soup.select_one(".govuk-error-summary") is None


@pytest.mark.parametrize(("query", "field", "message"), [
    ({"at-day": "31", "at-month": "2", "at-year": "2026"}, "at-day", "The date must be a real date"),
    ({"at-day": "1", "at-month": "1", "at-year": "2099"}, "at-day", "The date must be today or in the past"),
    ({"at-day": "1", "at-year": "2026"}, "at-month", "The date must include a month"),
    ({"at-day": "x", "at-month": "1", "at-year": "2026"}, "at-day", "The date must be a real date"),
    ({"at-day": "1", "at-month": "1", "at-year": "26"}, "at-year", "Year must include 4 numbers"),
    ({"at-day": "1", "at-month": "1", "at-year": "2020"}, "at-day", "had not been recorded yet at that moment"),
    ({"at-day": "1", "at-month": "1", "at-year": "2026", "time": "25:99"}, "time",
     "Enter the time as hours and minutes"),
    ({"time": "<script>alert(1)</script>"}, "at-day", "Enter the date"),
    ({"at-day": "1", "at-month": "1", "at-year": "2099", "time": "10:00"}, "at-day",
     "The date must be today or in the past"),
])
def test_bad_or_future_as_at_input_gets_a_specific_message_on_the_field(
        auditor: FlaskClient, back_office: BackOffice, query: dict[str, str], field: str, message: str) -> None:
    reference = cases.receive(back_office)

    page = parse(auditor.get(f"/cases/{reference}/as-at", query_string=query))

    assert_refused_on_field(page, field, message)
    assert "<script>alert" not in page.response.get_data(as_text=True)


def test_decisions_show_who_decided_the_reason_the_policy_and_each_incidents_verdict(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.not_met_letter_sent(back_office)

    page = parse(auditor.get(f"/cases/{reference}/decisions"))

    assert page.status == 200
    assert_well_formed(page)
    text = page.text()
    assert "1. Threshold not met" in text
    assert "j.okafor" in text
    assert "Two qualifying incidents; the policy needs three." in text
    assert "qualifying incidents reported within" in text  # the policy in force
    verdicts = page.soup.select("tbody tr")
    assert len(verdicts) == 2
    assert verdicts[0].find("th").get_text(strip=True) == "1"


def test_a_case_without_decisions_says_so(auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    page = parse(auditor.get(f"/cases/{reference}/decisions"))

    assert_well_formed(page)
    assert "No decisions have been recorded in this case yet." in page.text()
