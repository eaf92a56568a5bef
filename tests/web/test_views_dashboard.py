"""The dashboard additions: each case's deadlines recorded as missed (linking to them on the case
page), the "delay letter needed" tag, and the closed cases past retention for managers and
administrators; and the case page's links to its history, decisions, pack and letters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient
from psycopg import sql

from application.backoffice import BackOffice
from infrastructure.storage import Database
from tests.application import cases
from tests.web.conftest import Page, parse
from tests.web.pages import assert_well_formed


def row_of(page: Page, reference: str) -> list[str]:
    row = next(r for r in page.soup.select("tbody tr") if r.find("th").get_text(strip=True) == reference)
    return [td.get_text(" ", strip=True) for td in row.find_all("td")]


def test_the_missed_column_counts_missed_deadlines_and_links_to_them_on_the_case_page(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Callable[[], None]) -> None:
    late = cases.ready_for_decision(back_office)  # the threshold decision was due weeks ago
    on_time = cases.receive(back_office, received_on=date(2026, 11, 20))
    missed = back_office.cases.record_missed_deadlines(late)
    project()
    client = signed_in("officer")

    page = parse(client.get("/cases"))

    assert_well_formed(page)
    assert [th.get_text(strip=True) for th in page.soup.select("thead th")][-1] == "Missed"
    assert row_of(page, late)[-1].startswith(str(len(missed)))
    assert row_of(page, on_time)[-1] == "0"
    link = page.soup.find("a", href=f"/cases/{late}#missed-deadlines")
    assert link is not None
    case_page = parse(client.get(f"/cases/{late}"))
    assert_well_formed(case_page)
    section = case_page.soup.find(id="missed-deadlines")
    assert section is not None
    assert missed[0].label in section.find_next("ul").get_text()


def test_the_delay_letter_tag_shows_when_the_outcome_letter_is_late_and_no_delay_letter_went(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Callable[[], None]) -> None:
    needs_one = cases.panel_held(back_office)  # outcome letter due mid-November, not sent
    has_one = cases.panel_held(back_office)
    back_office.cases.send_delay_notice(has_one, sent_on=date(2026, 11, 10), reason="Awaiting the housing report",
                                        expected_by=date(2026, 12, 4), actor="j.okafor")
    just_decided = cases.threshold_met(back_office)
    project()

    page = parse(signed_in("officer").get("/cases"))

    assert_well_formed(page)
    assert "Delay letter needed" in row_of(page, needs_one)[-2]
    assert "Delay letter needed" not in row_of(page, has_one)[-2]
    assert "Delay letter needed" not in row_of(page, just_decided)[-2]


def test_managers_see_the_closed_cases_past_retention_and_officers_do_not(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Callable[[], None],
        database: Database, schema: str) -> None:
    project()
    with database.connect() as conn:
        ident = sql.Identifier(schema)
        conn.execute(sql.SQL("CREATE TABLE {}.ct_retention_due (reference text PRIMARY KEY, ended_on date NOT NULL, "
                             "retention_ended_on date NOT NULL, listed_on date NOT NULL)").format(ident))
        conn.execute(sql.SQL("INSERT INTO {}.ct_retention_due VALUES ('CT-2017-0001', '2019-05-01', '2025-05-01', "
                             "'2026-11-24')").format(ident))

    manager = parse(signed_in("manager").get("/cases"))

    assert_well_formed(manager)
    panel = manager.soup.find(id="retention")
    assert panel.get_text(strip=True) == "Closed cases past the retention period"
    assert "CT-2017-0001" in panel.find_next("table").get_text()
    assert "1 May 2025" in panel.find_next("table").get_text()
    assert "The nightly job erases" not in manager.text()  # by default a manager erases them


def test_the_retention_panel_says_none_before_the_scheduler_has_listed_any_and_officers_never_see_it(
        signed_in: Callable[[str], FlaskClient], client: FlaskClient, project: Callable[[], None]) -> None:
    project()

    manager = parse(signed_in("manager").get("/cases"))
    client.post("/sign-out", data={"csrf_token": manager.soup.find("input", attrs={"name": "csrf_token"})["value"]})
    officer = parse(signed_in("officer").get("/cases"))

    assert "None: no closed case is past the retention period" in manager.text()
    assert officer.soup.find(id="retention") is None


def test_the_case_page_links_to_its_history_decisions_pack_and_letters(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice, project: Callable[[], None]) -> None:
    reference = cases.threshold_met(back_office)
    project()

    page = parse(signed_in("auditor").get(f"/cases/{reference}"))

    assert_well_formed(page)
    hrefs = {a["href"] for a in page.soup.find_all("a")}
    assert {f"/cases/{reference}/history", f"/cases/{reference}/decisions", f"/cases/{reference}/pack",
            f"/cases/{reference}/pack.json", f"/cases/{reference}/letters"} <= hrefs
