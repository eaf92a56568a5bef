"""The public form's blueprint and its protection: every request to it is checked for its size
(before its body is read), its rate and the honeypot before any view runs, and refused with a page that says what to do.

Its pages need no sign-in (no ``requires``); signed-in visitors use them in the same way."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from domain.periods import long_date
from web.public.limits import MAX_BODY_BYTES, PAGE_POSTS, Rule
from web.public.state import now, stores

blueprint = Blueprint("public", __name__, url_prefix="/apply")

HONEYPOT = "website"


def problem_page(status: int, title: str, paragraphs: list[str]) -> tuple[str, int]:
    return render_template("public/refused.html", title=title, paragraphs=paragraphs), status


def too_large(_: Any = None) -> tuple[str, int]:
    return problem_page(413, "Your answers are too long to send", [
        f"The form you sent was larger than {MAX_BODY_BYTES // 1024} KB, so it was not accepted. Nothing was saved.",
        "Go back, shorten your answers (each box shows how many characters it takes) and try again.",
    ])


def too_many(rule: Rule) -> tuple[str, int]:
    what = "applications" if rule.name == "submissions" else "forms"
    return problem_page(429, f"You have sent too many {what}", [
        f"To protect this service, it accepts only a limited number of {what} from one place. "
        "What you just sent was not saved.",
        f"Try again in {rule.wait}. If you need help, call the Community Safety Unit.",
    ])


@blueprint.url_value_preprocessor
def refuse_large_bodies(_endpoint: str | None, _values: dict[str, Any] | None) -> None:
    """Before anything reads the body (CSRF protection does, in the app's before_request): a body
    declared too large is refused unread, and one sent without a length stops being read at the limit
    (Flask's per-request ``max_content_length``); either way the friendly 413 page answers."""
    request.max_content_length = MAX_BODY_BYTES
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise RequestEntityTooLarge()


@blueprint.before_request
def protect() -> tuple[str, int] | None:
    if request.method != "POST":
        return None
    if not stores().limiter.allow(request.remote_addr or "unknown", PAGE_POSTS, now()):
        return too_many(PAGE_POSTS)
    if request.form.get(HONEYPOT, "").strip():
        return problem_page(400, "Your form could not be sent", [
            "The form was sent with an answer in the box that must be left empty, so it looked automated and was "
            "not accepted. Nothing was saved.",
            "Go back, clear the box labelled 'Leave this box empty' and try again.",
        ])
    return None


blueprint.register_error_handler(RequestEntityTooLarge, too_large)


@blueprint.context_processor
def helpers() -> dict[str, Any]:
    return {"long_iso_date": lambda text: long_date(date.fromisoformat(text))}
