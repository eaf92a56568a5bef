"""The counts of filtered case lists are kept by the read models' position (``projections.kept_counts``): a case
the projector adds, closes or hands to another officer is counted at once, and a new day counts the overdue ones
again."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import psycopg

from application.backoffice import BackOffice
from projections.case_list import CaseList
from projections.projector import Projector
from tests.application import cases
from tests.application.cases import OFFICER
from tests.conftest import TODAY


def test_a_kept_count_follows_the_projected_cases_and_the_day(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
) -> None:
    late = cases.receive(back_office, received_on=date(2026, 9, 1))  # acknowledgement due 8 September
    cases.register_officer(back_office, "s.patel")
    projector.catch_up()

    def counts(today: date = TODAY) -> tuple[int, int]:
        case_list = CaseList(conn, schema)
        return (case_list.open_cases(today=today, overdue_only=True).total,
                case_list.open_cases(today=today, officer="s.patel").total)

    assert counts() == counts() == (1, 0)
    recent = cases.receive(back_office, received_on=TODAY)
    back_office.cases.assign_officer(recent, officer="s.patel", actor="m.reid")
    assert counts() == (1, 0)  # not projected yet
    projector.catch_up()
    assert counts() == (1, 1)
    assert counts(TODAY + timedelta(days=60)) == (2, 1)  # a later day: the recent case's step is overdue too
    back_office.cases.withdraw_application(late, withdrawn_on=TODAY, reason="Moved.", actor=OFFICER)
    projector.catch_up()
    assert counts() == (0, 1)
    assert counts(TODAY + timedelta(days=60)) == (1, 1)
