"""The API for incidents put right (corrections and strike-outs, with who and why) and the applicant's date of
birth: any real date of birth from 1900 is accepted, one in the future refused, and nothing recorded."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application.cases import ready_for_decision
from tests.conftest import TODAY
from tests.web.test_api_commands import Api
from tests.web.test_api_errors import nothing_recorded
from tests.web.test_api_tokens import assert_problem, bearer

PERSON = {"name": "Ann Smith", "address": "12 High Street, Dartford"}
PROBLEM = {"kind": "noise", "location": "High Street, Dartford"}


def application_with(date_of_birth: str) -> dict[str, Any]:
    return {"channel": "letter", "received_on": TODAY.isoformat(),
            "applicant": {"person": {**PERSON, "date_of_birth": date_of_birth}}, "problem": PROBLEM}


def test_a_date_of_birth_before_1990_is_accepted(client: FlaskClient, back_office: BackOffice) -> None:
    reference = Api(client, back_office, "officer").post("/cases", application_with("1948-02-29"), 201)["reference"]

    assert back_office.cases.get_case(reference).application.applicant.person.date_of_birth.isoformat() == (
        "1948-02-29")


def test_a_date_of_birth_in_the_future_is_refused_and_nothing_is_recorded(
        client: FlaskClient, back_office: BackOffice) -> None:
    headers = bearer(back_office, "officer")
    tomorrow = TODAY.replace(year=TODAY.year + 1).isoformat()

    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        "/api/cases", headers=headers, json=application_with(tomorrow)), 422))

    assert "date of birth" in body["detail"]
    assert "in the future" in body["detail"]


def test_an_incident_is_corrected_and_struck_out_through_the_api_with_who_and_why(
        client: FlaskClient, back_office: BackOffice) -> None:
    reference = ready_for_decision(back_office)
    api = Api(client, back_office, "officer")
    first = back_office.cases.get_case(reference).application.incidents[0]

    api.post(f"/cases/{reference}/incidents/corrections", {
        "number": 1, "happened_on": first.happened_on.isoformat(), "reported_on": first.reported_on.isoformat(),
        "agency": "Kent Police", "agency_reference": "KP-42", "hate_related": True,
        "reason": "The crime number was mistyped."})
    api.post(f"/cases/{reference}/incidents/strike-outs", {"number": 2, "reason": "Logged on the wrong case."})

    application = back_office.cases.get_case(reference).application
    assert (application.incidents[0].agency_reference, application.incidents[0].hate_related) == ("KP-42", True)
    assert application.incidents[1].struck_out
    corrected, struck = back_office.cases.history(reference)[-2:]
    assert (corrected.event, corrected.reason) == ("IncidentCorrected", "The crime number was mistyped.")
    assert (struck.event, struck.actor, struck.reason) == ("IncidentStruckOut", "officer", "Logged on the wrong case.")


def test_a_correction_without_a_reason_is_refused_at_the_field(client: FlaskClient, back_office: BackOffice) -> None:
    reference = ready_for_decision(back_office)
    headers = bearer(back_office, "officer")

    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        f"/api/cases/{reference}/incidents/strike-outs", headers=headers, json={"number": 2}), 422))

    assert list(body["errors"]) == ["reason"]


def test_the_case_shows_who_each_incident_was_reported_to_and_whether_it_was_struck_out(
        client: FlaskClient, back_office: BackOffice) -> None:
    reference = ready_for_decision(back_office)
    back_office.cases.log_incident(reference, happened_on=TODAY, reported_on=TODAY, agency="Moat Homes",
                                   reported_to="Housing team", actor="j.okafor")
    back_office.cases.strike_out_incident(reference, number=1, reason="Logged on the wrong case.", actor="j.okafor")

    response = client.get(f"/api/cases/{reference}", headers=bearer(back_office, "officer"))

    incidents = response.get_json()["incidents"]
    assert [(i["reported_to"], i["struck_out"]) for i in incidents] == [
        ("", True), ("", False), ("", False), ("Housing team", False)]
