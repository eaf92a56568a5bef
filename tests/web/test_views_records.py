"""The ombudsman pack downloads, the annual report (page and CSV) and the audit trail page."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from psycopg import sql

from application.backoffice import BackOffice
from demo.loader import load_demo
from infrastructure.storage import Database
from projections import report
from projections.statistics import yearly_figures
from tests.application import cases
from tests.web.conftest import parse
from tests.web.pages import assert_well_formed


@pytest.fixture
def auditor(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("auditor")


def test_the_pack_downloads_as_an_html_attachment_and_as_json_that_parses(
        auditor: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    reference = cases.outcome_sent(back_office)
    project()

    html = auditor.get(f"/cases/{reference}/pack")
    as_json = auditor.get(f"/cases/{reference}/pack.json")

    assert html.status_code == 200
    assert html.mimetype == "text/html"
    assert html.headers["Content-Disposition"] == f'attachment; filename="{reference}-ombudsman-pack.html"'
    assert reference in html.get_data(as_text=True)
    assert as_json.headers["Content-Disposition"] == f'attachment; filename="{reference}-ombudsman-pack.json"'
    pack = json.loads(as_json.get_data(as_text=True))
    assert pack["reference"] == reference
    assert pack["audit"]["result"].startswith("Intact")
    assert [d["decision"] for d in pack["decisions"]][:1] == ["Threshold met"]


def test_the_pack_of_an_unknown_case_is_the_404_page(auditor: FlaskClient, project: Callable[[], None]) -> None:
    project()

    page = parse(auditor.get("/cases/CT-2001-0001/pack.json"))

    assert page.status == 404
    assert_well_formed(page)


def test_before_the_read_models_are_built_the_pack_report_and_audit_say_what_to_do(
        auditor: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    for url in (f"/cases/{reference}/pack", "/report", "/report.csv", "/audit"):
        page = parse(auditor.get(url))
        assert page.status == 503, url
        assert_well_formed(page)
        assert "community-trigger rebuild" in page.text()


def test_the_report_shows_the_published_table_the_measures_and_a_chart_and_the_csv_downloads(
        auditor: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    load_demo(back_office)
    project()

    page = parse(auditor.get("/report"))
    download = auditor.get("/report.csv")

    assert page.status == 200
    assert_well_formed(page)
    published = page.soup.find("caption", string="The published table").find_parent("table")
    rows = {r.find("th").get_text(strip=True): [td.get_text(strip=True) for td in r.find_all("td")]
            for r in published.select("tbody tr")}
    assert rows["1 April 2020 to 31 March 2021"] == ["7", "4 met, 3 carried out", "3"]
    assert rows["1 April 2018 to 31 March 2019"] == ["0", "n/a", "n/a"]
    assert page.soup.find("caption", string="The statutory measures") is not None
    chart = page.soup.find("svg", attrs={"role": "img"})
    assert chart is not None
    assert chart.find("title") is not None
    assert chart.find("rect") is not None
    assert page.soup.find(attrs={"style": True}) is None
    assert page.soup.find("style") is None
    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    table = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
    assert table[0][:4] == ["period", "starts_on", "ends_on", "Applications received"]
    assert table[7][:4] == ["1 April 2020 to 31 March 2021", "2020-04-01", "2021-03-31", "7"]


def test_the_report_page_and_the_report_document_draw_the_same_chart(
        auditor: FlaskClient, back_office: BackOffice, database: Database, schema: str,
        project: Callable[[], None]) -> None:
    cases.outcome_sent(back_office)
    cases.not_met_letter_sent(back_office)
    project()
    with database.connect() as conn:
        years = yearly_figures(conn, schema, back_office.profile.statistics_from, back_office.today(),
                               back_office.calendar)

    page = parse(auditor.get("/report"))
    document = BeautifulSoup(report.to_html(years, back_office.profile.name), "html.parser")

    drawn = page.soup.find("svg", attrs={"role": "img"})
    assert drawn is not None
    assert str(drawn) == str(document.find("svg", attrs={"role": "img"}))
    assert [int(bar["height"]) for bar in drawn.find_all("rect")][-3:] == [170, 85, 85]  # 2 received, 1 met, 1 recs
    assert drawn.find_parent("figure").figcaption.get_text(" ", strip=True).startswith("Bars, left to right")

def test_the_audit_trail_is_intact_and_lists_the_entries_newest_first(
        auditor: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    reference = cases.threshold_met(back_office)
    project()

    page = parse(auditor.get("/audit"))

    assert page.status == 200
    assert_well_formed(page)
    assert "The audit chain is intact" in page.text()
    positions = [int(r.find("td").get_text(strip=True)) for r in page.soup.select("tbody tr")]
    assert positions == sorted(positions, reverse=True)
    assert len(positions) > 5
    assert reference in page.text()


def test_after_tampering_the_audit_page_names_the_altered_entry(
        auditor: FlaskClient, back_office: BackOffice, project: Callable[[], None], database: Database,
        schema: str) -> None:
    cases.threshold_met(back_office)
    project()
    with database.connect() as conn:
        tamper(conn, schema, "UPDATE {} SET actor = 'someone else' WHERE position = 7")

    page = parse(auditor.get("/audit"))

    assert page.status == 200
    assert_well_formed(page)
    assert "NOT intact" in page.text()
    assert "Audit entry 7 (" in page.text()
    assert "was altered" in page.text()


def test_the_audit_page_shows_a_checkpoint_to_keep_elsewhere(
        auditor: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    cases.threshold_met(back_office)
    project()

    page = parse(auditor.get("/audit"))

    assert page.status == 200
    assert_well_formed(page)
    [line] = page.soup.select("pre.ct-checkpoint")
    assert line.text.startswith("audit-checkpoint ")
    assert f"entries={back_office.event_count()} " in line.text


@pytest.mark.parametrize(("page_number", "message"), [
    ("0", "a whole number from 1 upwards"), ("two", "a whole number from 1 upwards"),
    ("99999999999", "a whole number from 1 upwards"), ("5", "there is no page 5"),
])
def test_a_bad_page_number_is_a_400_with_a_specific_message(
        auditor: FlaskClient, back_office: BackOffice, project: Callable[[], None], page_number: str,
        message: str) -> None:
    cases.receive(back_office)
    project()

    page = parse(auditor.get("/audit", query_string={"page": page_number}))

    assert page.status == 400
    assert_well_formed(page)
    assert message in page.text()


def test_a_long_audit_trail_is_paged(
        auditor: FlaskClient, back_office: BackOffice, project: Callable[[], None]) -> None:
    for _ in range(6):
        cases.threshold_met(back_office)
    project()

    first = parse(auditor.get("/audit"))
    second = parse(auditor.get("/audit", query_string={"page": "2"}))

    assert len(first.soup.select("tbody tr")) == 50
    assert second.status == 200
    assert_well_formed(second)
    assert first.soup.select_one(".govuk-pagination__next a")["href"] == "/audit?page=2"


def tamper(conn: psycopg.Connection[Any], schema: str, statement: str) -> None:
    """Change the append-only audit table as a superuser could, with its trigger off for a moment."""
    table = sql.SQL("{}.ct_audit").format(sql.Identifier(schema))
    with conn.transaction():
        conn.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER ct_audit_append_only").format(table))
        conn.execute(sql.SQL(statement).format(table))
        conn.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER ct_audit_append_only").format(table))
