"""The victims' step forms: a new application taken by phone for two victims (a household and a business), each
victim's consent with how it was given, and the case page showing a withdrawal with its date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from application.errors import CaseNotFoundError
from domain.values import ConsentKind
from domain.victims import ConsentMethod, VictimDetails, VictimKind
from tests.web.conftest import parse
from tests.web.test_steps_intake import PHONE_APPLICATION, recorded, refused, submit

TWO_VICTIMS = {**PHONE_APPLICATION, "name": "Cllr Raj Patel", "on_behalf": "yes", "relationship": "councillor",
               "victim_name": "Ann Smith", "victim_kind": "individual", "second_victim_name": "Priya Shah",
               "second_victim_kind": "business", "second_victim_organisation": "Elm Road Stores"}


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


def test_the_officer_form_records_two_victims_one_a_business_with_its_name(
    officer: FlaskClient, back_office: BackOffice,
):
    recorded(submit(officer, "/applications/new", TWO_VICTIMS), "CT-2026-0001")

    applicant = back_office.cases.get_case("CT-2026-0001").application.applicant
    assert [p.name for p in applicant.victims] == ["Ann Smith", "Priya Shah"]
    assert applicant.victim_details == (VictimDetails(), VictimDetails(VictimKind.BUSINESS, "Elm Road Stores"))


def test_a_business_victim_without_its_name_is_refused_at_that_field_and_nothing_is_recorded(
    officer: FlaskClient, back_office: BackOffice,
):
    page = refused(submit(officer, "/applications/new", {**TWO_VICTIMS, "second_victim_organisation": ""}))

    assert "Enter the name of the business." in page.soup.select_one("#second_victim_organisation-error").get_text()
    with pytest.raises(CaseNotFoundError):
        back_office.cases.get_case("CT-2026-0001")


def test_each_victims_consent_is_recorded_with_how_and_a_withdrawal_shows_its_date(
    officer: FlaskClient, back_office: BackOffice,
):
    recorded(submit(officer, "/applications/new", TWO_VICTIMS), "CT-2026-0001")
    for victim in ("1", "2"):
        recorded(submit(officer, "/cases/CT-2026-0001/consent/new", {
            "kind": "victim_consent", "victim": victim, "method": "online", "given_on": date(2026, 11, 20),
            "given_by": "by email"}), "CT-2026-0001")
    recorded(submit(officer, "/cases/CT-2026-0001/consent/withdraw", {
        "kind": "victim_consent", "victim": "2", "method": "written", "withdrawn_on": date(2026, 11, 21),
        "reason": "The shop no longer agrees."}), "CT-2026-0001")

    records = back_office.cases.get_case("CT-2026-0001").application.consent_records
    assert [(r.kind, r.victim, r.method, r.withdrawn_on) for r in records] == [
        (ConsentKind.VICTIM_CONSENT, 1, ConsentMethod.ONLINE, None),
        (ConsentKind.VICTIM_CONSENT, 2, ConsentMethod.ONLINE, date(2026, 11, 21))]
    consent = parse(officer.get("/cases/CT-2026-0001")).soup.select_one("#consent-records").get_text(" ", strip=True)
    assert "from Elm Road Stores (contact: Priya Shah). Withdrawn 21 November 2026 (written)" in consent


def test_with_two_victims_a_consent_that_does_not_say_whose_is_refused_with_the_domain_message(
    officer: FlaskClient, back_office: BackOffice,
):
    recorded(submit(officer, "/applications/new", TWO_VICTIMS), "CT-2026-0001")

    page = refused(submit(officer, "/cases/CT-2026-0001/consent/new", {
        "kind": "victim_consent", "given_on": date(2026, 11, 20), "given_by": "Ann Smith"}))

    assert "Choose which victim gave consent" in page.text()
    assert back_office.cases.get_case("CT-2026-0001").application.consent_records == []
