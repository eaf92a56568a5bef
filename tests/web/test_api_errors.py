"""Wrong, missing, oversized or malicious input gets a problem+json answer with a specific message
(field by field for invalid fields) and records nothing; domain refusals are 422 with the domain's
message, unknown cases 404, a concurrent change 409. Never a 500, never an HTML page under /api."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.victims import MeetingFormat
from tests.application.cases import panel_scheduled, ready_for_decision
from tests.web.test_api_tokens import assert_problem, bearer


def nothing_recorded(back_office: BackOffice, action: Callable[[], Any]) -> Any:
    before = back_office.event_count()
    result = action()
    assert back_office.event_count() == before
    return result


def test_invalid_fields_are_named_with_their_messages(client: FlaskClient, back_office: BackOffice) -> None:
    reference = ready_for_decision(back_office)
    headers = bearer(back_office, "officer")
    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        f"/api/cases/{reference}/incidents", headers=headers,
        json={"happened_on": "2026-02-31", "reported_on": "yesterday", "agency": "", "hate_related": "yes",
              "colour": "red", "duplicate_of": 0}), 422))
    errors = body["errors"]
    assert errors["happened_on"] == ["Enter a real date as YYYY-MM-DD, like 2026-11-24."]
    assert errors["reported_on"] == ["Enter a real date as YYYY-MM-DD, like 2026-11-24."]
    assert errors["agency"] == ["Enter from 1 to 200 characters."]
    assert errors["hate_related"] == ["Give true or false."]
    assert errors["colour"] == ["Unknown field."]
    assert errors["duplicate_of"] == ["Give the number of an incident already logged, from 1."]
    assert "colour" in body["detail"]


def test_missing_fields_enums_and_nested_fields(client: FlaskClient, back_office: BackOffice) -> None:
    headers = bearer(back_office, "officer")
    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        "/api/cases", headers=headers, json={"channel": "pigeon", "applicant": {"person": {"name": " "}}}), 422))
    errors = body["errors"]
    assert errors["channel"] == ["Choose one of: online, phone, email, letter."]
    assert errors["received_on"] == ["This field is required."]
    assert errors["problem"] == ["This field is required."]
    assert errors["applicant.person.name"] == ["Enter from 1 to 200 characters."]


def test_oversized_text_control_characters_and_far_dates_are_refused(client: FlaskClient,
                                                                      back_office: BackOffice) -> None:
    reference = ready_for_decision(back_office)
    headers = bearer(back_office, "officer")
    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        f"/api/cases/{reference}/incidents", headers=headers,
        json={"happened_on": "1066-10-14", "reported_on": "2026-09-01", "agency": "Kent\x00Police",
              "description": "x" * 10_001}), 422))
    assert body["errors"] == {"happened_on": ["Enter a date from 1990-01-01 to 2099-12-31."],
                              "agency": ["Remove the control characters (invisible characters such as NUL, escape or a "
                                            "text-direction override) from this text."],
                              "description": ["Enter up to 10000 characters."]}


def test_a_date_in_the_future_is_refused_by_the_domain_with_its_message(client: FlaskClient,
                                                                         back_office: BackOffice) -> None:
    reference = ready_for_decision(back_office)
    headers = bearer(back_office, "officer")
    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        f"/api/cases/{reference}/incidents", headers=headers,
        json={"happened_on": "2027-01-01", "reported_on": "2027-01-02", "agency": "Kent Police"}), 422))
    assert "future" in body["detail"]


def test_a_step_out_of_order_is_a_422_with_the_domains_message(client: FlaskClient,
                                                               back_office: BackOffice) -> None:
    reference = ready_for_decision(back_office)
    headers = bearer(back_office, "officer")
    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        f"/api/cases/{reference}/panel", headers=headers,
        json={"held_on": "2026-10-05", "attendees": ["A"], "victim_attended": False, "findings": "F"}), 422))
    assert "threshold" in body["detail"].lower()


def test_an_unknown_case_is_404_problem(client: FlaskClient, back_office: BackOffice) -> None:
    headers = bearer(back_office, "officer")
    for response in (client.get("/api/cases/CT-2026-9999", headers=headers),
                     client.get("/api/cases/CT-2026-9999/history", headers=headers),
                     client.post("/api/cases/CT-2026-9999/acknowledgement", headers=headers,
                                 json={"acknowledged_on": "2026-09-02"}),
                     client.get("/api/cases/%3Cscript%3E", headers=headers)):
        body = assert_problem(response, 404)
        assert "<script>" not in response.get_data(as_text=True) or "reference" in body["detail"]
    assert "CT-2026-9999" in assert_problem(client.get("/api/cases/CT-2026-9999", headers=headers), 404)["detail"]


def test_unknown_addresses_and_methods_answer_problem_json_not_html(client: FlaskClient,
                                                                    back_office: BackOffice) -> None:
    assert_problem(client.get("/api/nowhere"), 404)
    response = client.delete("/api/cases")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]
    assert client.get("/nowhere").mimetype == "text/html"  # the rest of the site keeps its HTML pages


def test_malformed_json_wrong_content_type_and_non_objects(client: FlaskClient, back_office: BackOffice) -> None:
    headers = bearer(back_office, "officer")
    nothing_recorded(back_office, lambda: assert_problem(client.post(
        "/api/cases", headers={**headers, "Content-Type": "application/json"}, data="{not json"), 400))
    nothing_recorded(back_office, lambda: assert_problem(client.post(
        "/api/cases", headers=headers, data={"channel": "phone"}), 415))
    nothing_recorded(back_office, lambda: assert_problem(client.post(
        "/api/cases", headers={**headers, "Content-Type": "application/json"}, data="[1, 2]"), 422))
    nothing_recorded(back_office, lambda: assert_problem(client.post(
        "/api/cases", headers={**headers, "Content-Type": "application/json"}, data="[" * 5000 + "]" * 5000),
        400))


def test_a_huge_body_is_413_before_it_is_read(client: FlaskClient, back_office: BackOffice) -> None:
    headers = bearer(back_office, "officer")
    body = nothing_recorded(back_office, lambda: assert_problem(client.post(
        "/api/cases", headers=headers, json={"problem": {"description": "x" * 70_000}}),
        413))
    assert "64 KB" in body["detail"]


def test_query_parameters_are_validated(client: FlaskClient, back_office: BackOffice, project: Any) -> None:
    project()
    headers = bearer(back_office, "auditor")
    errors = assert_problem(client.get("/api/cases?page=0&overdue=maybe&colour=red", headers=headers),
                            422)["errors"]
    assert errors == {"page": ["Give a page number from 1 to 100000."], "overdue": ["Give true or false."],
                      "colour": ["Unknown field."]}
    assert_problem(client.get("/api/cases/CT-2026-0001/history?x=1", headers=headers), 422)


def test_a_concurrent_change_between_load_and_save_is_409_and_records_nothing_of_ours(
        client: FlaskClient, back_office: BackOffice, make_back_office: Callable[..., BackOffice]) -> None:
    """The API's BackOffice loads the case; another BackOffice (another process) saves a change to it
    before the API saves: the API's save is refused (optimistic concurrency) with 409. Simulated by
    letting the other instance save right after the API's load, so no 'expected version' field is needed."""
    reference = panel_scheduled(back_office)
    other = make_back_office()
    original = back_office._review
    interfered = threading.Event()

    def load_then_interfere(*args: Any, **kwargs: Any) -> Any:
        loaded = original(*args, **kwargs)
        if not interfered.is_set():
            interfered.set()
            from datetime import date
            other.cases.invite_victim(reference, invited_on=date(2026, 9, 15), method="letter",
                                       format=MeetingFormat.VIRTUAL, actor="someone.else")
        return loaded

    back_office._review = load_then_interfere  # type: ignore[method-assign]
    before = back_office.event_count()
    body = assert_problem(client.post(f"/api/cases/{reference}/impact-statement",
                                      headers=bearer(back_office, "officer"),
                                      json={"received_on": "2026-09-25", "statement": "I cannot sleep."}), 409)
    assert "changed" in body["detail"]
    assert back_office.event_count() == before + 2  # the token issued and the other officer's change
    assert back_office.cases.history(reference)[-1].event == "VictimInvited"


def test_a_stage_that_does_not_exist_is_refused_with_the_stages_there_are(
        client: FlaskClient, back_office: BackOffice, project: Any) -> None:
    project()
    headers = bearer(back_office, "auditor")

    errors = assert_problem(client.get("/api/cases?stage=nonsense", headers=headers), 422)["errors"]

    assert list(errors) == ["stage"]
    assert errors["stage"][0].startswith("Choose one of: received, acknowledged, threshold not met, ")
