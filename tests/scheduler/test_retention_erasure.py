"""Retention that acts: a closed case past its retention period is listed for a manager with a link to erase it;
once erased it leaves the nightly list, and the annual figures do not change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import time_machine

from application.backoffice import BackOffice
from domain.erasure import ErasureGround
from domain.values import AgencyResponseKind
from infrastructure.scheduler_tables import retention_list
from projections.statistics import yearly_figures
from scheduler.runner import Scheduler
from tests.application.cases import OFFICER, outcome_sent
from tests.scheduler.conftest import london


def test_a_case_erased_from_the_retention_list_leaves_it_and_the_annual_figures_stay(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], database: Any,
    schema: str,
):
    with time_machine.travel(london(2026, 11, 24, 9), tick=True) as clock:
        closed = outcome_sent(office)
        office.cases.record_agency_response(closed, number=1, response=AgencyResponseKind.COMPLETED,
                                            responded_on=date(2026, 11, 19), actor=OFFICER)
        office.cases.close_review(closed, closed_on=date(2026, 11, 20), reason="All recommendations completed.",
                                  actor=OFFICER)
        project()
        scheduler = make_scheduler()
        clock.move_to(london(2032, 11, 21, 2, 30))
        assert scheduler.run("retention") == 1
        with database.connect() as conn:
            figures = yearly_figures(conn, schema, office.profile.statistics_from, date(2032, 11, 21),
                                     office.calendar)

        office.erasure.erase_case(closed, ground=ErasureGround.RETENTION_ENDED, actor="m.reid")
        project()

        assert scheduler.run("retention") == 0
        with database.connect() as conn:
            assert retention_list(conn, schema) == []
            assert yearly_figures(conn, schema, office.profile.statistics_from, date(2032, 11, 21),
                                  office.calendar) == figures
    assert office.cases.get_case(closed).application.applicant.person.is_erased
