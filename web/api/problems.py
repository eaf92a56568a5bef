"""Errors of the JSON API as ``application/problem+json`` (RFC 9457): type, title, status, detail and,
for invalid input, ``errors`` (field → messages). Inside ``/api`` every error takes this form, also
those raised before a view runs (an unknown URL, a wrong method, a body too large), never an HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, jsonify, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from application.errors import BackOfficeError, CaseNotFoundError, ConflictError
from application.inputs.fields import errors_at as flatten
from domain.errors import CaseRuleError
from infrastructure.storage import describe_loss, is_connection_loss
from web.errors import RETRY_AFTER

PROBLEM = "application/problem+json"
PREFIX = "/api"
log = logging.getLogger(__name__)

TITLES = {
    400: "The request could not be read",
    401: "Authentication needed",
    403: "Your role may not do this",
    404: "Not found",
    405: "Method not allowed",
    409: "Someone else changed the case",
    413: "The request body is too large",
    415: "Send the body as JSON",
    422: "The request was understood but refused",
    500: "Sorry, there is a problem with the service",
    503: "The service is not ready",
}
DETAILS = {
    400: "The request could not be read; check its syntax.",
    401: "Send 'Authorization: Bearer <token>' with a token an administrator issued to you.",
    403: "Your role does not include this operation.",
    404: "There is nothing at this address; see /api/openapi.json for the operations.",
    405: "This address does not accept that method; see /api/openapi.json.",
    413: "The request body is larger than the API accepts.",
    415: "Send the request body as JSON with 'Content-Type: application/json'.",
    500: "Try again later. Nothing was saved unless a later read shows it.",
}
UNAVAILABLE = ("The service cannot reach its database just now, perhaps because it is restarting. Try again "
               "after the number of seconds in Retry-After. Nothing was saved unless a later read shows it.")


class ProblemError(Exception):
    """Raised inside the API to answer with a problem document."""

    def __init__(self, status: int, detail: str = "", errors: Mapping[str, list[str]] | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers = status, detail, errors, headers


def problem(status: int, detail: str = "", errors: Mapping[str, Any] | None = None,
            headers: Mapping[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status,
                            "detail": detail or DETAILS.get(status, TITLES.get(status, "Error"))}
    if errors:
        body["errors"] = flatten(errors)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def from_validation(error: ValidationError) -> Response:
    messages = error.messages if isinstance(error.messages, Mapping) else {"_schema": error.messages}
    fields = ", ".join(flatten(messages))
    return problem(422, f"Some fields are missing or not valid: {fields}. Nothing was saved.", messages)


def is_api_request() -> bool:
    return request.path == PREFIX or request.path.startswith(f"{PREFIX}/")


def install(app: Flask) -> None:
    """App-wide handlers that answer problem+json under /api and leave other pages to ``fallback``
    handlers already registered (the HTML error pages)."""
    spec = app.error_handler_spec[None][None]
    html_http, html_unexpected = spec.get(HTTPException), spec.get(Exception)

    def http_error(error: HTTPException) -> Any:
        if is_api_request():
            allowed = error.valid_methods if hasattr(error, "valid_methods") and error.valid_methods else None
            return problem(error.code or 500, headers={"Allow": ", ".join(allowed)} if allowed else None)
        return html_http(error) if html_http else error

    def unexpected_error(error: Exception) -> Any:
        if is_api_request():
            if is_connection_loss(error):
                log.warning("Database unavailable, answered 503: %s", describe_loss(error))
                return problem(503, UNAVAILABLE, headers={"Retry-After": str(RETRY_AFTER)})
            log.exception("Unexpected error in the API", exc_info=error)
            return problem(500)
        if html_unexpected:
            return html_unexpected(error)
        raise error

    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)


def domain_error(error: Exception) -> Response:
    """Blueprint handler for refusals raised by the BackOffice."""
    if isinstance(error, CaseNotFoundError):
        return problem(404, str(error))
    if isinstance(error, ConflictError):
        return problem(409, str(error))
    if isinstance(error, CaseRuleError | BackOfficeError):
        field = getattr(error, "field", None)  # a refusal about one input names it
        return problem(422, str(error), {field: [str(error)]} if field else None)
    raise error


HANDLED = (CaseRuleError, BackOfficeError)
