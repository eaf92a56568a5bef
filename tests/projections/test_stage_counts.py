"""The open cases per stage that the projector keeps equal a count of the case list, however the events
arrive in batches."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from application.backoffice import BackOffice
from domain.stage import Stage
from projections.case_list import CaseList
from projections.projector import Projector
from tests.application import cases


def counted(conn: psycopg.Connection[Any], schema: str) -> dict[Stage, int]:
    return {Stage(stage): count for stage, count in conn.execute(sql.SQL(
        "SELECT stage, count(*) FROM {}.ct_cases WHERE is_open GROUP BY stage").format(sql.Identifier(schema)))}


def test_stage_counts_follow_cases_as_they_move_between_stages_and_close(
    back_office: BackOffice, conn: psycopg.Connection[Any], schema: str,
):
    projector = Projector(back_office, conn, schema, batch_size=3)
    received = cases.receive(back_office)
    cases.threshold_met(back_office)
    cases.outcome_sent(back_office)
    projector.catch_up()
    assert CaseList(conn, schema).stages() == counted(conn, schema)

    back_office.cases.withdraw_application(received, withdrawn_on=cases.RECEIVED, reason="Moved away.",
                                           actor="j.okafor")
    cases.panel_held(back_office)
    projector.catch_up()

    case_list = CaseList(conn, schema)
    assert case_list.stages() == counted(conn, schema)
    assert case_list.open_cases(today=back_office.today()).total == sum(counted(conn, schema).values()) == 3
