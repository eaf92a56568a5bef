"""The API's blueprint and what every operation shares: the body limit, reading a JSON body through
a schema, the reference in the path, and the error handlers (all answering problem+json)."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from flask import Blueprint, Response, request
from marshmallow import ValidationError

from application.errors import reference_example
from web.api.problems import HANDLED, ProblemError, domain_error, from_validation, problem
from web.api.schemas.common import ApiSchema
from web.context import services

MAXIMUM_BODY = 64 * 1024
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.before_request
def limit_body() -> Response | None:
    """Bodies over 64 KB are refused (413) before they are read, whatever Content-Length claims."""
    if request.content_length is not None and request.content_length > MAXIMUM_BODY:
        return problem(413, f"The request body is {request.content_length} bytes; the API accepts at most "
                            f"{MAXIMUM_BODY} bytes (64 KB). Nothing was saved.")
    request.max_content_length = MAXIMUM_BODY
    return None


def load_body(schema: type[ApiSchema]) -> dict[str, Any]:
    """The JSON object in the body, loaded by ``schema``; else 415, 400 or 422 with what is wrong."""
    if request.mimetype != "application/json":
        raise ProblemError(415, "Send the request body as JSON with 'Content-Type: application/json'. Nothing was "
                              "saved.")
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ProblemError(400, f"The body is not valid JSON ({_short(error)}). Nothing was saved.") from None
    if not isinstance(data, dict):
        raise ProblemError(422, "Send a JSON object with the fields of this operation. Nothing was saved.",
                         {"_schema": ["Send a JSON object."]})
    loaded: dict[str, Any] = _instance(schema).load(data)
    return loaded


@functools.cache
def _instance(schema: type[ApiSchema]) -> ApiSchema:
    """One instance of each schema: making one costs three times what loading a body with it does, and loading
    keeps nothing on the instance."""
    return schema()


def reference_in_path(reference: str) -> str:
    if not REFERENCE.match(reference):
        example = reference_example(services().back_office.profile.reference_prefix)
        raise ProblemError(404, f"No case has the reference {reference[:40]!r}. References look like {example}.")
    return reference


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__


@blueprint.errorhandler(ProblemError)
def api_problem(error: ProblemError) -> Response:
    return problem(error.status, error.detail, error.errors, error.headers)


@blueprint.errorhandler(ValidationError)
def invalid(error: ValidationError) -> Response:
    return from_validation(error)


for _error in HANDLED:
    blueprint.register_error_handler(_error, domain_error)
