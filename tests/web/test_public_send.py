"""Sending the application when the back office refuses part of it: before the receipt nothing is
recorded and the answers stay; after it, the confirmation gives the reference and says what was not
recorded."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from application.errors import ConflictError
from domain.errors import IncidentReportedBeforeItHappenedError, InvalidDetailsError
from tests.web.conftest import parse
from tests.web.pages import assert_well_formed
from tests.web.test_public_journey import draft_rows, fill_in, get, post, reference_on


@pytest.mark.parametrize(("refusal", "status"), [
    (InvalidDetailsError("Enter the person's name."), 400),
    (ConflictError("new application", "So many applications were being received at once; submit it again."), 409),
], ids=["domain rule", "conflict"])
def test_a_refused_receipt_records_nothing_and_keeps_the_answers(
        client: FlaskClient, app: Flask, back_office: BackOffice, monkeypatch: pytest.MonkeyPatch,
        refusal: Exception, status: int) -> None:
    fill_in(client)
    before = back_office.event_count()

    def refuse(**_: Any) -> None:
        raise refusal

    monkeypatch.setattr(back_office.cases, "receive_application", refuse)
    page = parse(post(client, "/apply/check", {}))

    assert page.status == status
    assert_well_formed(page)
    assert {a["href"]: a.get_text(strip=True) for a in page.soup.select(".govuk-error-summary a")} == {
        "#send": str(refusal)}
    assert page.soup.find(id="send") is not None
    assert back_office.event_count() == before
    assert draft_rows(app) == 1
    assert get(client, "/apply/check").h1 == "Check your answers before sending your application"


def test_an_incident_refused_after_the_receipt_is_listed_on_the_confirmation_with_the_reference(
        client: FlaskClient, back_office: BackOffice, monkeypatch: pytest.MonkeyPatch) -> None:
    fill_in(client)
    log_incident = back_office.cases.log_incident
    calls = []

    def refuse_the_first(reference: str, **kwargs: Any) -> Any:
        calls.append(reference)
        if len(calls) == 1:
            raise IncidentReportedBeforeItHappenedError("Check both dates.")
        return log_incident(reference, **kwargs)

    monkeypatch.setattr(back_office.cases, "log_incident", refuse_the_first)
    response = post(client, "/apply/check", {})
    assert response.headers["Location"] == "/apply/confirmation"
    page = get(client, "/apply/confirmation")

    reference = reference_on(page)
    assert "Part of your application was not recorded" in page.text()
    assert "Incident 1 was not recorded: Check both dates." in page.text()
    case = back_office.cases.get_case(reference).application
    assert [i.agency for i in case.incidents] == ["Dartford Borough Council"]
    assert case.consents
