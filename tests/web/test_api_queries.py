"""The queries: the case list from the read model (filtered and paged), a case as it stands, its history,
deadlines, decisions and letters, the yearly figures and the audit-chain check."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application.cases import outcome_sent, ready_for_decision
from tests.web.test_api_tokens import assert_problem, bearer


def get(client: FlaskClient, url: str, headers: dict[str, str]) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def test_the_case_list_comes_from_the_read_model_with_filters_and_pages(
        client: FlaskClient, back_office: BackOffice, project: Any) -> None:
    first, second = outcome_sent(back_office), ready_for_decision(back_office)
    project()
    headers = bearer(back_office, "auditor")
    found = get(client, "/api/cases?per_page=1", headers)
    assert found["total"] == 2
    assert found["pages"] == 2
    assert len(found["cases"]) == 1
    everything = {c["reference"]: c for c in get(client, "/api/cases", headers)["cases"]}
    assert set(everything) == {first, second}
    assert everything[second]["stage"] == "acknowledged"
    only = get(client, "/api/cases?stage=acknowledged", headers)["cases"]
    assert [c["reference"] for c in only] == [second]
    assert get(client, "/api/cases?overdue=true&officer=nobody", headers)["cases"] == []


def test_the_case_list_is_503_problem_before_the_read_models_exist(client: FlaskClient,
                                                                   back_office: BackOffice) -> None:
    assert "rebuild" in assert_problem(client.get("/api/cases", headers=bearer(back_office, "officer")),
                                       503)["detail"]


def test_a_case_as_it_stands_with_its_history_deadlines_decisions_and_letters(
        client: FlaskClient, back_office: BackOffice) -> None:
    reference = outcome_sent(back_office)
    headers = bearer(back_office, "officer")
    case = get(client, f"/api/cases/{reference}", headers)
    assert case["reference"] == reference
    assert len(case["incidents"]) == 3
    assert case["consent"] == {"share_with_agencies": "2026-09-01"}
    assert case["decision"]["decision"] == "met"
    assert case["review"]["recommendations"][0]["agency"] == "Kent Police"
    assert case["review"]["panel_held_on"] == "2026-10-05"
    assert {d["status"] for d in case["deadlines"]} <= {"met", "met late", "overdue", "open"}
    history = get(client, f"/api/cases/{reference}/history", headers)
    assert history[0]["event"] == "Received"
    assert history[-1]["actor"] == "j.okafor"
    assert get(client, f"/api/cases/{reference}/deadlines", headers) == case["deadlines"]
    decisions = get(client, f"/api/cases/{reference}/decisions", headers)
    assert decisions[0]["kind"]
    assert decisions[0]["incidents_counted"] == [1, 2, 3]
    letters = get(client, f"/api/cases/{reference}/letters", headers)
    assert {"kind": "outcome", "recipient": "applicant",
            "title": "Outcome letter: findings and recommendations"} in letters


def test_the_report_and_the_audit_check(client: FlaskClient, back_office: BackOffice, project: Any) -> None:
    outcome_sent(back_office)
    project()
    headers = bearer(back_office, "manager")
    report = get(client, "/api/report?year=2026", headers)
    assert report["years"][0]["applications"] == 1
    assert report["years"][0]["starts_on"] == "2026-04-01"
    assert len(get(client, "/api/report", headers)["years"]) >= 12
    assert_problem(client.get("/api/report?year=2013", headers=headers), 422)
    audit = get(client, "/api/audit/verify", headers)
    assert audit["intact"] is True
    assert audit["entries"] > 10


def test_a_case_lists_the_actions_the_calling_users_role_may_take_now(
        client: FlaskClient, back_office: BackOffice) -> None:
    reference = ready_for_decision(back_office)

    def available(username: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = get(client, f"/api/cases/{reference}", bearer(back_office, username))[
            "available_actions"]
        return found

    by_officer = {a["command"] for a in available("officer")}
    by_manager = {a["command"] for a in available("manager")}
    assert by_manager - by_officer == {"decide_threshold_met", "reject_application"}  # three qualifying incidents
    assert {"log_incident", "withdraw_application", "assign_officer"} <= by_officer
    assert "acknowledge" not in by_manager  # already acknowledged
    assert available("auditor") == []
    # each is an operation the caller may send, and the document describes the list
    document = client.get("/api/openapi.json").get_json()
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert by_manager <= operations
    described = document["components"]["schemas"]["AvailableAction"]["properties"]
    assert set(described["command"]["enum"]) <= operations
    assert document["components"]["schemas"]["Case"]["properties"]["available_actions"]["items"] == {
        "$ref": "#/components/schemas/AvailableAction"}


def test_per_item_actions_name_their_recommendation_and_agency(client: FlaskClient, back_office: BackOffice) -> None:
    reference = outcome_sent(back_office)

    found = get(client, f"/api/cases/{reference}", bearer(back_office, "officer"))["available_actions"]

    assert {"command": "record_agency_response", "number": 1, "agency": "Kent Police"} in found
    assert "send_outcome_letter" not in {a["command"] for a in found}
