"""Fixes found on the way: the notice after an agency's response names the recommendation, administrators
reach the retention list the dashboard says they see, and the demo's second officer can sign in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient
from psycopg import sql

from application.backoffice import BackOffice
from demo.loader import DEMO_USERS, OFFICERS
from domain.user import Role
from infrastructure.storage import Database
from tests.web.conftest import parse
from tests.web.pages import assert_well_formed
from tests.web.test_agency_contacts import a_review_waiting_on_two_agencies
from tests.web.test_steps_intake import submit


def test_the_notice_after_an_agency_response_names_the_recommendation_by_its_number(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = a_review_waiting_on_two_agencies(back_office)
    officer = signed_in("officer")

    submit(officer, f"/cases/{reference}/review/recommendations/2/response",
           {"response": "accepted", "responded_on": date(2026, 11, 24)})
    page = parse(officer.get(f"/cases/{reference}"))

    assert f"Response to recommendation 2 recorded on case {reference}." in page.text()
    assert "recommendation None" not in page.text()


def test_an_administrator_sees_the_closed_cases_past_retention_on_their_own_page(
        signed_in: Callable[[str], FlaskClient], project: Callable[[], None], database: Database,
        schema: str) -> None:
    project()
    with database.connect() as conn:
        ident = sql.Identifier(schema)
        conn.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {}.ct_retention_due (reference text PRIMARY KEY, "
                             "ended_on date NOT NULL, retention_ended_on date NOT NULL, listed_on date NOT NULL)")
                     .format(ident))
        conn.execute(sql.SQL("INSERT INTO {}.ct_retention_due VALUES ('CT-2017-0001', '2019-05-01', '2025-05-01', "
                             "'2026-11-24')").format(ident))
    admin = signed_in("admin")

    home = parse(admin.get("/"))
    page = parse(admin.get("/retention"))

    assert home.soup.find("a", href="/retention") is not None
    assert page.status == 200
    assert_well_formed(page)
    assert "CT-2017-0001" in page.soup.find("table").get_text()
    assert "1 May 2025" in page.soup.find("table").get_text()


def test_every_officer_the_demo_gives_cases_to_has_a_demo_sign_in_as_an_officer() -> None:
    officers = {username for username, _, role in DEMO_USERS if role is Role.OFFICER}

    assert set(OFFICERS) <= officers
