"""Friendly error pages in the GOV.UK pattern: one heading that says what happened, then what to do."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from infrastructure.storage import describe_loss, is_connection_loss

log = logging.getLogger(__name__)
RETRY_AFTER = 5  # seconds a browser or client is asked to wait while the database is unavailable

PAGES = {
    400: ("There is a problem with the request", ["Check the address or the form and try again."]),
    403: ("You do not have permission to see this page",
          ["Your role does not include this page. If you need it for your work, ask an administrator."]),
    404: ("Page not found", ["If you typed the web address, check it is correct.",
                             "If you pasted the web address, check you copied the entire address."]),
    405: ("There is a problem with the request", ["That page cannot be used in this way."]),
    500: ("Sorry, there is a problem with the service",
          ["Try again later. Anything you entered and did not see saved has not been saved."]),
    503: ("Sorry, the service is unavailable for a moment",
          ["The service cannot reach its database just now, perhaps because it is restarting.",
           "Try again in a few seconds. Anything you entered and did not see saved has not been saved."]),
}


def error_page(status: int, title: str | None = None, paragraphs: list[str] | None = None) -> tuple[str, int]:
    default_title, default_paragraphs = PAGES.get(status, PAGES[400])
    return render_template("error.html", title=title or default_title,
                           paragraphs=paragraphs or default_paragraphs), status


def csrf_failed(error: CSRFError) -> tuple[str, int]:
    return error_page(400, "Your form could not be sent", [
        "The form was out of date, or it did not come from this service (its security token was missing or "
        "did not match). Nothing was saved.",
        "Go back, reload the page and try again.",
    ])


def http_error(error: HTTPException) -> tuple[str, int]:
    return error_page(error.code or 500)


def unexpected_error(error: Exception) -> tuple[str, int] | tuple[str, int, dict[str, str]]:
    if is_connection_loss(error):
        return database_unavailable(error)
    log.exception("Unexpected error", exc_info=error)
    return error_page(500)


def database_unavailable(error: Exception) -> tuple[str, int, dict[str, str]]:
    """503 with Retry-After while the database cannot be reached; one line in the log, not a traceback."""
    log.warning("Database unavailable, answered 503: %s", describe_loss(error))
    page, status = error_page(503)
    return page, status, {"Retry-After": str(RETRY_AFTER)}


def install(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_failed)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
