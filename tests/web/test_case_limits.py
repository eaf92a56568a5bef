"""The partnership's limit of incidents per case holds at every entry point: the officer's form shows the
refusal at the field, the JSON API answers 422 with it, and the public form takes no more than it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from application.profile import load_profile
from domain.profile import CaseLimits, PartnershipProfile
from tests.application import cases
from tests.web.test_api_tokens import assert_problem, bearer
from tests.web.test_public_incidents import summary_rows
from tests.web.test_public_journey import INCIDENTS, answer, get
from tests.web.test_steps_intake import refused, submit, summary

LIMIT = 3  # the fewest the profile accepts


@pytest.fixture
def profile() -> PartnershipProfile:
    return dataclasses.replace(load_profile(), limits=CaseLimits(max_incidents=LIMIT))


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


def full_case(back_office: BackOffice) -> str:
    reference = cases.receive(back_office)
    cases.log_qualifying_incidents(back_office, reference, LIMIT)
    return reference


def test_the_incident_form_shows_the_limit_at_the_field_and_records_nothing(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = full_case(back_office)
    before = back_office.event_count()

    page = refused(submit(officer, f"/cases/{reference}/incidents/new", {
        "happened_on": date(2026, 8, 1), "reported_on": date(2026, 8, 2), "agency": "Kent Police",
        "hate_related": "no", "informal": "no"}))

    [(message, href)] = summary(page)
    assert message.startswith(f"This case already has {LIMIT} incidents, the most the partnership's profile allows")
    assert "ask an administrator to raise max_incidents" in message
    assert href == "#happened_on-day"
    assert back_office.event_count() == before
    assert len(back_office.cases.get_case(reference).application.incidents) == LIMIT


def test_the_api_refuses_one_incident_more_with_422_and_the_message(
        client: FlaskClient, back_office: BackOffice) -> None:
    reference, headers = full_case(back_office), bearer(back_office, "officer")
    before = back_office.event_count()

    body = assert_problem(client.post(f"/api/cases/{reference}/incidents", headers=headers,
                                      json={"happened_on": "2026-08-01", "reported_on": "2026-08-02",
                                            "agency": "Kent Police"}), 422)

    assert f"This case already has {LIMIT} incidents" in body["detail"]
    assert back_office.event_count() == before


def test_the_public_form_takes_no_more_incidents_than_the_profile_allows(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "self"})
    for _ in range(LIMIT):
        answer(client, "/apply/incidents/add", INCIDENTS[0])

    page = get(client, "/apply/incidents")

    assert f"You have added the most incidents this form takes ({LIMIT})" in page.text()
    assert page.soup.find("input", attrs={"name": "another"}) is None
    assert client.get("/apply/incidents/add").headers["Location"] == "/apply/incidents"
    assert len(summary_rows(client)) == LIMIT
    assert f"up to {LIMIT}" in get(client, "/apply").text()
