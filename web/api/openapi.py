"""The OpenAPI 3.0.3 document of the JSON API, generated with apispec from the same marshmallow
schemas the operations load and dump with, and from the tables of commands and queries, so every
route is described as it behaves. Served at /api/openapi.json (no token needed: it holds no data)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Response, jsonify

from web.api.base import MAXIMUM_BODY, blueprint
from web.api.commands import COMMANDS, Command
from web.api.problems import PROBLEM, TITLES
from web.api.queries import QUERIES, Query
from web.api.schemas.responses import ProblemSchema, ProducedLetterSchema, RecordedSchema

EXAMPLE_REFERENCE = "CT-2026-0001"
REFERENCE_PARAMETER = {"in": "path", "name": "reference", "required": True,
                       "description": "The case's reference, like CT-2026-0007",
                       "schema": {"type": "string", "minLength": 1, "maxLength": 40,
                                  "example": EXAMPLE_REFERENCE}}
DESCRIPTION = (
    "Every command and query of the Community Trigger back office. Authenticate with "
    "`Authorization: Bearer <token>` (a token an administrator issued with `community-trigger users token`). "
    "Commands answer with the case's reference, the event's `position` (for read-your-writes) and the number "
    "of an item created; errors are `application/problem+json` with `errors` naming each invalid field. "
    f"Bodies are JSON objects of at most {MAXIMUM_BODY // 1024} KB; unknown fields are refused; dates are "
    "YYYY-MM-DD. A 409 means someone else changed the case meanwhile: reload it and try again."
)


def openapi_path(path: str) -> str:
    return "/api" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)


PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _problems(*statuses: int) -> dict[str, Any]:
    return {str(s): {"description": TITLES[s], "content": {PROBLEM: {"schema": PROBLEM_REF}}} for s in statuses}


def _command_operation(command: Command) -> dict[str, Any]:
    success = ProducedLetterSchema if command.name == "produce_letter" else RecordedSchema
    status = "201" if command.created else "200"
    headers = {"Location": {"description": "the case's address", "schema": {"type": "string"}}} \
        if command.created else {}
    return {
        "operationId": command.name, "summary": command.summary, "tags": [command.tag],
        "description": f"Roles: {', '.join(sorted(r.value for r in command.roles))}.",
        "parameters": [REFERENCE_PARAMETER] if "<reference>" in command.path else [],
        "requestBody": {"required": True, "content": {"application/json": {"schema": command.schema}}},
        "responses": {status: {"description": "Recorded", "headers": headers,
                               "content": {"application/json": {"schema": success}}},
                      **_problems(400, 401, 403, 404, 409, 413, 415, 422)},
    }


def _query_operation(query: Query) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [REFERENCE_PARAMETER] if "<reference>" in query.path else []
    if query.parameters is not None:
        parameters.append({"in": "query", "schema": query.parameters})
    content: dict[str, Any] = {"type": "array", "items": query.response} if query.many else query.response
    return {
        "operationId": query.name, "summary": query.summary, "tags": ["Queries"],
        "description": "Roles: auditor, manager, officer.", "parameters": parameters,
        "responses": {"200": {"description": "Found", "content": {"application/json": {"schema": content}}},
                      **_problems(401, 403, 404, 422, 503)},
    }


@cache
def document() -> dict[str, Any]:
    spec = APISpec(title="Community Trigger back office API", version="1.0.0", openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()], info={"description": DESCRIPTION})
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Problem", schema=ProblemSchema)
    operations: dict[str, dict[str, Any]] = {}
    for command in COMMANDS:
        operations.setdefault(openapi_path(command.path), {})["post"] = _command_operation(command)
    for query in QUERIES:
        operations.setdefault(openapi_path(query.path), {})["get"] = _query_operation(query)
    operations["/api/openapi.json"] = {"get": {
        "operationId": "openapi", "summary": "This document", "tags": ["Documentation"], "security": [],
        "responses": {"200": {"description": "The OpenAPI document",
                              "content": {"application/json": {"schema": {"type": "object"}}}}}}}
    operations["/api/docs"] = {"get": {
        "operationId": "docs", "summary": "Interactive documentation (Swagger UI)", "tags": ["Documentation"],
        "security": [], "responses": {"200": {"description": "The documentation page",
                                              "content": {"text/html": {"schema": {"type": "string"}}}}}}}
    for path, methods in operations.items():
        spec.path(path=path, operations=methods)
    result: dict[str, Any] = spec.to_dict()
    result["security"] = [{"bearerAuth": []}]
    return result


@blueprint.get("/openapi.json")
def openapi() -> Response:
    return jsonify(document())
