"""The officer records the application passed to all the relevant bodies from the case page's "What to do next",
and through the API; a date before receipt is refused at its field and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.conftest import parse
from tests.web.test_api_commands import Api
from tests.web.test_steps_intake import recorded, refused, submit


def test_the_case_page_offers_the_step_and_its_form_records_it(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    officer = signed_in("officer")
    reference = cases.receive(back_office)
    page = parse(officer.get(f"/cases/{reference}"))
    assert "Pass the application to the relevant bodies" in page.text()

    recorded(submit(officer, f"/cases/{reference}/relevant-bodies", {"passed_on": date(2026, 9, 2)}), reference)

    application = back_office.cases.get_case(reference).application
    assert application.passed_to_bodies_on == date(2026, 9, 2)
    assert "Pass the application to the relevant bodies" not in parse(officer.get(f"/cases/{reference}")).text()


def test_a_date_before_receipt_is_refused_at_its_field_and_nothing_is_recorded(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    officer = signed_in("officer")
    reference = cases.receive(back_office)

    page = refused(submit(officer, f"/cases/{reference}/relevant-bodies", {"passed_on": date(2026, 8, 31)}))

    assert "received" in page.soup.select_one("#passed_on-error").get_text()
    assert back_office.cases.get_case(reference).application.passed_to_bodies_on is None


def test_the_api_records_the_application_passed_on(client: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    Api(client, back_office, "officer").post(f"/cases/{reference}/relevant-bodies", {"passed_on": "2026-09-02"})

    assert back_office.cases.get_case(reference).application.passed_to_bodies_on == date(2026, 9, 2)
