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
