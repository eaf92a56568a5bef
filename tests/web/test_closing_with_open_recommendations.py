"""Closing a review while recommendations are neither completed nor declined: the form warns and lists them, a
closing without the reason is refused at that field and records nothing, and with the reason it closes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.conftest import parse
from tests.web.pages import assert_well_formed
from tests.web.test_steps_intake import recorded, refused, submit


def test_the_closing_form_warns_of_open_recommendations_and_needs_a_reason_to_close_with_them(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = cases.outcome_sent(back_office)  # recommendation 1 to Kent Police, no response yet
    officer = signed_in("officer")
    url = f"/cases/{reference}/review/closure"

    form = parse(officer.get(url))
    before = back_office.event_count()
    page = refused(submit(officer, url, {"closed_on": date(2026, 11, 20), "reason": "Panel done."}))
    after_refusal = back_office.event_count()
    recorded(submit(officer, url, {"closed_on": date(2026, 11, 20), "reason": "Panel done.",
                                   "open_recommendations_reason": "Kent Police needs until March."}), reference)

    assert_well_formed(form)
    assert "Recommendation 1 is not yet completed or declined." in form.soup.select_one(".govuk-warning-text").text
    assert "Recommendation 1 to Kent Police: Link the reports." in form.text()
    assert page.soup.select_one("#open_recommendations_reason-error") is not None
    assert after_refusal == before
    assert back_office.cases.get_case(reference).review.closed_on == date(2026, 11, 20)  # type: ignore[union-attr]
