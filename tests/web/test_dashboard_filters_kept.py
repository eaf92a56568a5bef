"""The dashboard's filter form is kept between requests for the same counts, values and errors: what it shows is
still what the read model and the request say at each request."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.conftest import parse
from tests.web.test_dashboard import RECENT


def stage_options(officer: FlaskClient, query: str = "") -> dict[str, str]:
    page = parse(officer.get(f"/cases{query}"))
    return {o["value"]: o.get_text(strip=True) for o in page.soup.select("select#stage option")}


def test_the_stage_counts_in_the_filter_follow_each_newly_projected_case(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Callable[[], None]) -> None:
    officer = signed_in("officer")
    cases.receive(back_office, received_on=RECENT)
    project()
    before = stage_options(officer)

    cases.receive(back_office, received_on=RECENT)
    project()
    after = stage_options(officer)

    assert before["received"].endswith("(1)")
    assert after["received"].endswith("(2)")


def test_the_filter_shows_the_values_and_errors_of_each_request(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Callable[[], None]) -> None:
    officer = signed_in("officer")
    cases.receive(back_office, received_on=RECENT)
    project()

    first = parse(officer.get("/cases?officer=officer"))
    second = parse(officer.get("/cases?officer=manager&overdue=yes"))
    wrong = parse(officer.get("/cases?stage=nonsense"))

    assert first.soup.select_one("select#officer option[selected]")["value"] == "officer"
    assert first.soup.select_one("input#overdue").get("checked") is None
    assert second.soup.select_one("select#officer option[selected]")["value"] == "manager"
    assert second.soup.select_one("input#overdue").get("checked") is not None
    assert wrong.status == 400
    assert wrong.soup.select_one("#stage-error") is not None
    assert first.soup.select_one("#stage-error") is None
