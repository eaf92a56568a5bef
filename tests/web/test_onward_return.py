"""The onward return: one year's figures, field by field with each field's definition, as CSV and JSON, from the
report page and from the command line, carrying the same figures as the report."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from click.testing import CliRunner
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from infrastructure.storage import Database
from projections.onward_return import ESCALATION_FIELDS, FIELDS
from tests.application import cases
from tests.web.conftest import parse
from tests.web.pages import assert_well_formed


def a_year(back_office: BackOffice) -> None:
    cases.not_met_letter_sent(back_office)
    cases.outcome_sent(back_office)
    cases.receive(back_office)


def test_the_report_page_offers_each_recent_years_return_and_both_downloads_carry_the_same_figures(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Callable[[], None]) -> None:
    a_year(back_office)
    project()
    auditor = signed_in("auditor")

    page = parse(auditor.get("/report"))
    as_csv = auditor.get("/report/return.csv?year=2026")
    as_json = auditor.get("/report/return.json?year=2026")

    assert_well_formed(page)
    assert page.soup.find("a", href="/report/return.csv?year=2026") is not None
    assert as_csv.headers["Content-Disposition"] == 'attachment; filename="community-trigger-return-2026-27.csv"'
    rows = {r["field"]: r for r in csv.DictReader(io.StringIO(as_csv.get_data(as_text=True)))}
    document = json.loads(as_json.get_data(as_text=True))
    assert document["period"] == {"label": "1 April 2026 to 31 March 2027", "starts_on": "2026-04-01",
                                  "ends_on": "2027-03-31"}
    names = [name for name, _, _ in FIELDS] + [name for name, *_ in ESCALATION_FIELDS]
    assert list(document["figures"]) == names
    assert document["figures"]["applications_received"] == 3
    assert document["figures"]["threshold_not_met"] == 1
    assert document["figures"]["case_reviews_carried_out"] == 1
    assert document["figures"]["case_reviews_with_recommendations"] == 1
    assert document["figures"]["recommendations_made"] == 1
    assert {name: int(rows[name]["value"]) for name in names} == document["figures"]
    assert all(rows[name]["definition"] for name in names)


def test_a_year_with_no_reporting_period_is_not_found(
        signed_in: Callable[[str], FlaskClient], project: Callable[[], None]) -> None:
    project()

    assert signed_in("auditor").get("/report/return.csv?year=2009").status_code == 404


def test_the_return_command_writes_the_same_figures_and_refuses_a_year_with_no_period(
        back_office: BackOffice, project: Callable[[], None], database: Database, schema: str) -> None:
    a_year(back_office)
    project()
    env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema}

    written = CliRunner().invoke(main, ["return", "--year", "2026", "--format", "json"], env=env)
    refused = CliRunner().invoke(main, ["return", "--year", "2030"], env=env)

    assert written.exit_code == 0, written.output
    figures = json.loads(written.stdout)["figures"]
    assert (figures["applications_received"], figures["threshold_not_met"]) == (3, 1)
    assert refused.exit_code != 0
    assert "No reporting period starts in 2030" in refused.output
