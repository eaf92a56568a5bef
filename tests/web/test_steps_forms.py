"""What every step form does: it is a well-formed page carrying the CSRF token and the case version, and an
empty submission lists the form's errors, each linking to its field, and records nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.test_steps_intake import form_page, refused, submit, summary
from web.steps import STEPS
from web.steps.step import Step


def url_of(rule: str, reference: str) -> str:
    return rule.replace("<reference>", reference).replace("<int:number>", "1")


@pytest.mark.parametrize("step", STEPS, ids=[step.endpoint for step in STEPS])
def test_an_empty_step_form_lists_its_errors_linked_to_its_fields_and_records_nothing(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, step: Step) -> None:
    manager = signed_in("manager")
    reference = cases.threshold_met(back_office)
    url = url_of(step.rule, reference)
    page = form_page(manager, url)
    form = page.soup.find("form", attrs={"method": "post", "action": url})
    before = back_office.event_count()

    answer = refused(submit(manager, url, {}, page=page))

    assert form.find("input", attrs={"name": "csrf_token"}) is not None
    assert (form.find("input", attrs={"name": "version"}) is not None) == step.on_case
    assert answer.h1 == page.h1
    assert summary(answer)
    for _, href in summary(answer):
        assert answer.soup.find(id=href[1:]) is not None, href
    assert back_office.event_count() == before


def test_the_date_of_a_step_recorded_on_the_day_opens_as_today_and_an_incidents_dates_open_empty(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    officer = signed_in("officer")
    reference = cases.receive(back_office)
    today = back_office.today()

    consent = form_page(officer, f"/cases/{reference}/consent/new")
    incident = form_page(officer, f"/cases/{reference}/incidents/new")

    def boxes(page: object, name: str) -> list[str]:
        return [page.soup.find("input", attrs={"name": f"{name}-{part}"}).get("value", "")  # type: ignore[attr-defined]
                for part in ("day", "month", "year")]

    assert boxes(consent, "given_on") == [str(today.day), str(today.month), str(today.year)]
    assert boxes(incident, "happened_on") == ["", "", ""]
    assert boxes(incident, "reported_on") == ["", "", ""]
