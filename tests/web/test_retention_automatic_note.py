"""When the profile has the nightly job erase the cases past their retention period, the retention list says so,
with the notice period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from flask.testing import FlaskClient
from psycopg import sql

from application.profile import load_profile
from domain.profile import PartnershipProfile
from domain.retention import RetentionErasure
from tests.web.conftest import parse
from tests.web.pages import assert_well_formed


@pytest.fixture
def profile() -> PartnershipProfile:
    return replace(load_profile(), erase_after_retention=RetentionErasure.AUTOMATICALLY, erase_notice_days=30)


def test_the_retention_list_says_the_nightly_job_erases_its_cases_after_the_notice_period(
        signed_in: Callable[[str], FlaskClient], project: Callable[[], None], database, schema: str) -> None:
    project()
    with database.connect() as conn:
        ident = sql.Identifier(schema)
        conn.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {}.ct_retention_due (reference text PRIMARY KEY, "
                             "ended_on date NOT NULL, retention_ended_on date NOT NULL, listed_on date NOT NULL)"
                             ).format(ident))
        conn.execute(sql.SQL("INSERT INTO {}.ct_retention_due VALUES ('CT-2017-0001', '2019-05-01', '2025-05-01', "
                             "'2026-11-24')").format(ident))

    page = parse(signed_in("manager").get("/retention"))

    assert_well_formed(page)
    assert "CT-2017-0001" in page.text()
    assert ("The nightly job erases the personal data of each case on this list 30 days after it was first listed"
            in page.text())
