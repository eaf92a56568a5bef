"""The OpenAPI document: valid OpenAPI 3, generated from the schemas, listing every /api route with its
parameters, request body, problem+json errors and the bearer security scheme; and its documentation page."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient

from web.api.commands import COMMANDS
from web.api.openapi import openapi_path


def document(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body: dict[str, Any] = response.get_json()
    return body


def test_an_invalid_document_would_be_caught() -> None:
    with pytest.raises(Exception, match=r"paths|required|openapi"):
        schemathesis.openapi.from_dict({"openapi": "3.0.3", "info": {"title": "x"}, "paths": {"x": 1}}).validate()


def test_the_document_is_valid_openapi_3(client: FlaskClient) -> None:
    spec = document(client)
    assert spec["openapi"].startswith("3.")
    schemathesis.openapi.from_dict(spec).validate()  # against the OpenAPI 3.0 meta-schema


def test_the_document_lists_every_api_route_and_method(app: Flask, client: FlaskClient) -> None:
    paths = document(client)["paths"]
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = openapi_path(rule.rule.removeprefix("/api"))
        assert path in paths, f"{rule.rule} is not in the OpenAPI document"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in paths[path], f"{method} {rule.rule} is not in the OpenAPI document"
    documented = {(path, method) for path, ops in paths.items() for method in ops}
    routed = {(openapi_path(r.rule.removeprefix("/api")), m.lower()) for r in app.url_map.iter_rules()
              if r.endpoint.startswith("api.") for m in r.methods - {"HEAD", "OPTIONS"}}
    assert documented == routed


def test_every_command_documents_its_body_and_problem_responses(client: FlaskClient) -> None:
    spec = document(client)
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert spec["security"] == [{"bearerAuth": []}]
    problem = spec["components"]["schemas"]["Problem"]["properties"]
    assert {"type", "title", "status", "detail", "errors"} <= set(problem)
    for command in COMMANDS:
        operation = spec["paths"][openapi_path(command.path)]["post"]
        assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        for status in ("400", "401", "403", "404", "409", "413", "415", "422"):
            assert "application/problem+json" in operation["responses"][status]["content"]
        assert ("201" if command.created else "200") in operation["responses"]


def test_request_schemas_carry_their_limits_and_allowed_values(client: FlaskClient) -> None:
    schemas = document(client)["components"]["schemas"]
    receive = schemas["ReceiveApplication"]
    assert receive["additionalProperties"] is False
    assert set(receive["required"]) == {"channel", "received_on", "applicant", "problem"}
    assert receive["properties"]["channel"]["enum"] == ["online", "phone", "email", "letter"]
    assert receive["properties"]["received_on"]["format"] == "date"
    assert schemas["LogIncident"]["properties"]["description"]["maxLength"] == 10_000
    parameters = document(client)["paths"]["/api/cases"]["get"]["parameters"]
    assert {p["name"] for p in parameters} == {"stage", "officer", "overdue", "page", "per_page"}


def test_the_documentation_page_loads_swagger_ui_from_static_files_without_inline_script(
        client: FlaskClient) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-openapi-url="/api/openapi.json"' in html
    assert "swagger-ui-bundle.js" in html
    assert "/static/api/docs.js" in html
    for inline in ("<script>", "style=", "<style"):
        assert inline not in html
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert html.count("<h1") == 1
    for asset in ("/static/api/docs.js", "/static/api/docs.css"):
        static = client.get(asset)
        assert static.status_code == 200
        static.close()


def test_the_states_of_a_case_are_documented_with_the_values_the_api_gives(client: FlaskClient) -> None:
    spec = document(client)
    schemas = spec["components"]["schemas"]
    case, decision = schemas["Case"]["properties"], schemas["DecisionState"]["properties"]
    [stage] = [p for p in spec["paths"]["/api/cases"]["get"]["parameters"] if p["name"] == "stage"]

    assert case["ended"]["enum"] == ["withdrawn", "rejected", "closed", None]
    assert decision["decision"]["enum"] == ["met", "met_by_discretion", "not_met", None]
    assert decision["appeal_outcome"]["enum"] == ["upheld", "dismissed", None]
    assert {"received", "threshold not met", "panel held", "closed"} <= set(case["stage"]["enum"])
    assert [value for value in stage["schema"]["enum"] if value is not None] == case["stage"]["enum"]
