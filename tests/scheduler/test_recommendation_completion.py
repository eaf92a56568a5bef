"""A recommendation's actions not completed by their target date: the officer is reminded before it, and the day
after it passes the scheduler records the completion as missed, once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import time_machine

from application.backoffice import BackOffice
from domain.timescales import Step
from scheduler.runner import Scheduler
from tests.application.cases import OFFICER, outcome_sent, register_officer
from tests.scheduler.conftest import Inbox, london

LABEL = "Agency to complete the recommended actions (recommendation 1 to Kent Police)"


def test_an_overdue_completion_is_reminded_before_its_target_and_recorded_missed_the_day_after(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    with time_machine.travel(london(2026, 11, 20, 9), tick=True) as clock:
        register_officer(office)
        reference = outcome_sent(office)  # recommendation 1 to Kent Police, issued 6 October 2026
        office.cases.assign_officer(reference, officer=OFFICER, actor="m.reid")
        recommendation = office.cases.get_case(reference).review.recommendations[0]  # type: ignore[union-attr]
        assert recommendation.target_on == date(2026, 12, 31)  # 60 working days, skipping Christmas
        project()
        scheduler = make_scheduler()

        clock.move_to(london(2026, 12, 29, 6))  # two working days before Thu 31 December (Mon 28 is a holiday)
        scheduler.run("deadlines")
        assert f"{reference}: {LABEL} is due in 2 working days (31 December 2026)" in inbox.subjects()

        project()
        clock.move_to(london(2026, 12, 31, 23, 50))  # the target date itself: still time
        scheduler.run("deadlines")
        assert not [m for m in office.cases.missed_deadlines(reference) if m.step is Step.RECOMMENDATION_COMPLETION]

        clock.move_to(london(2027, 1, 1, 6))
        scheduler.run("deadlines")
        missed = [m for m in office.cases.missed_deadlines(reference) if m.step is Step.RECOMMENDATION_COMPLETION]
        assert [(m.due_on, m.noticed_on) for m in missed] == [(date(2026, 12, 31), date(2027, 1, 1))]
        assert f"{reference}: {LABEL} was due 31 December 2026 and is overdue" in inbox.subjects()

        project()
        clock.move_to(london(2027, 1, 2, 6))
        scheduler.run("deadlines")
        assert len([m for m in office.cases.missed_deadlines(reference)
                    if m.step is Step.RECOMMENDATION_COMPLETION]) == 1
