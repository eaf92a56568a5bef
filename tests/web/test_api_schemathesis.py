"""schemathesis runs every operation of /api/openapi.json against the app in-process (WSGI), with a
manager's bearer token (a manager may use every operation) and a case at the panel stage at the
documented example reference, and checks there is never a server error and every response conforms
to the document (status code, content type, body schema), for valid and for invalid input.

Each operation is its own test (schemathesis's own pytest wrapper does not run under pytest 9), with few
examples so the whole file runs in about a minute; generation is derandomised so every run is the same
(under CI=true it must pass every time)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from application.backoffice import BackOffice
from tests.application.cases import panel_scheduled
from tests.web.test_api_tokens import bearer
from web.api.openapi import EXAMPLE_REFERENCE, document

pytestmark = pytest.mark.slow

OPERATIONS = [(method, path) for path, methods in document()["paths"].items() for method in methods]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m.upper()} {p}" for m, p in OPERATIONS])
def test_no_operation_answers_with_a_server_error_or_off_its_schema(
        method: str, path: str, app: Flask, back_office: BackOffice, project: Any) -> None:
    assert panel_scheduled(back_office) == EXAMPLE_REFERENCE
    project()
    headers = bearer(back_office, "manager")
    operation = schemathesis.openapi.from_wsgi("/api/openapi.json", app)[path][method]
    described = document()["paths"][path][method]
    takes_input = bool(described.get("parameters") or described.get("requestBody"))
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if takes_input else (GenerationMode.POSITIVE,):
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=6, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        call()
