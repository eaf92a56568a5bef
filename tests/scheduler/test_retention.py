"""The nightly retention job lists closed cases past the partnership's retention period (it erases nothing)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import time_machine
from click.testing import CliRunner

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from domain.stage import Stage
from infrastructure.scheduler_tables import retention_list
from scheduler.runner import Scheduler
from tests.application.cases import OFFICER, outcome_sent, receive
from tests.scheduler.conftest import london


def test_a_closed_case_is_listed_the_day_after_its_retention_period_ends_and_open_cases_never(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], database: Any,
    schema: str,
):
    with time_machine.travel(london(2026, 11, 24, 9), tick=True) as clock:
        closed = outcome_sent(office)
        office.cases.close_review(closed, closed_on=date(2026, 11, 20), reason="All recommendations completed.",
                                  open_recommendations_reason="Followed up.", actor=OFFICER)
        receive(office)  # still open
        project()
        scheduler = make_scheduler()

        clock.move_to(london(2032, 11, 20, 2, 30))  # six years to the day: not yet past
        assert scheduler.run("retention") == 0
        clock.move_to(london(2032, 11, 21, 2, 30))
        assert scheduler.run("retention") == 1

        with database.connect() as conn:
            assert retention_list(conn, schema) == [(closed, date(2026, 11, 20), date(2032, 11, 20),
                                                     date(2032, 11, 21))]
        result = CliRunner().invoke(main, ["retention"], env={"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema})
    assert result.exit_code == 0, result.output
    assert "Closed cases past the 6-year retention period (listed 21 November 2032)" in result.output
    assert closed in result.output
    assert office.cases.get_case(closed).stage is Stage.CLOSED  # reported only: the case and its history are untouched
