"""Reminders and missed deadlines on the right working day, across weekends and bank holidays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import time_machine

from application.backoffice import BackOffice
from domain.timescales import Step
from scheduler.runner import Scheduler
from tests.application.cases import OFFICER, receive, register_officer
from tests.scheduler.conftest import Inbox, london

OFFICER_ADDRESS = "j.okafor@dartford.gov.uk"
MANAGER = "community.safety.manager@dartford.gov.uk"


def christmas_case(office: BackOffice, project: Callable[[], None]) -> str:
    """Received Monday 21 December 2026: acknowledgement due in 5 working days, which skip Christmas Day
    (Fri 25), the weekend and the Boxing Day substitute (Mon 28): Wednesday 30 December."""
    reference = receive(office, received_on=date(2026, 12, 21))
    register_officer(office)
    office.cases.assign_officer(reference, officer=OFFICER, actor="m.hughes")
    # passed to the relevant bodies on receipt, so the acknowledgement is the one deadline open
    office.cases.pass_to_relevant_bodies(reference, passed_on=date(2026, 12, 21), actor=OFFICER)
    project()
    return reference


def test_reminder_is_sent_two_working_days_before_the_due_date_skipping_bank_holidays(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    with time_machine.travel(london(2026, 12, 21, 9), tick=True) as clock:
        reference = christmas_case(office, project)
        scheduler = make_scheduler()

        clock.move_to(london(2026, 12, 23, 6))
        scheduler.run("deadlines")
        assert inbox.messages == []

        clock.move_to(london(2026, 12, 24, 6))  # Thu 24 Dec is two working days before Wed 30 Dec
        scheduler.run("deadlines")
        assert inbox.subjects() == [
            f"{reference}: Acknowledge the application is due in 2 working days (30 December 2026)"]
        assert str(inbox.messages[0]["To"]) == OFFICER_ADDRESS
        assert "Dear j.okafor" in inbox.messages[0].get_content()

        project()
        clock.move_to(london(2026, 12, 29, 6))  # still inside the reminder window: not reminded again
        scheduler.run("deadlines")
        assert len(inbox.messages) == 1


def test_deadline_is_recorded_missed_on_the_day_after_its_due_date_not_before(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    with time_machine.travel(london(2026, 12, 21, 9), tick=True) as clock:
        reference = christmas_case(office, project)
        scheduler = make_scheduler()

        clock.move_to(london(2026, 12, 30, 23, 50))  # the due date itself: still time to do it
        scheduler.run("deadlines")
        assert office.cases.missed_deadlines(reference) == []

        clock.move_to(london(2026, 12, 31, 6))
        scheduler.run("deadlines")
        [missed] = office.cases.missed_deadlines(reference)
        assert (missed.step, missed.due_on, missed.noticed_on) == (
            Step.ACKNOWLEDGE, date(2026, 12, 30), date(2026, 12, 31))
        assert missed.starts_on == date(2026, 12, 21)
        assert f"{reference}: Acknowledge the application was due 30 December 2026 and is overdue" in inbox.subjects()

        history = office.cases.history(reference)
        assert [(e.event, e.actor) for e in history if e.record == "CaseFile"] == [
            ("Started", "system:scheduler"), ("DeadlineMissed", "system:scheduler")]

        project()
        clock.move_to(london(2027, 1, 1, 6))
        scheduler.run("deadlines")
        assert len(office.cases.missed_deadlines(reference)) == 1  # once per due date
        assert len([s for s in inbox.subjects() if "overdue" in s]) == 1


def test_a_step_done_late_is_still_recorded_missed_but_a_step_done_on_time_is_not(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler],
):
    with time_machine.travel(london(2026, 12, 21, 9), tick=True) as clock:
        on_time = christmas_case(office, project)
        late = christmas_case(office, project)
        office.cases.acknowledge(on_time, acknowledged_on=date(2026, 12, 21), actor=OFFICER)
        project()
        scheduler = make_scheduler()

        clock.move_to(london(2026, 12, 31, 6))
        scheduler.run("deadlines")
        office.cases.acknowledge(late, acknowledged_on=date(2026, 12, 31), actor=OFFICER)

        assert office.cases.missed_deadlines(on_time) == []
        assert [m.step for m in office.cases.missed_deadlines(late)] == [Step.ACKNOWLEDGE]


def test_an_outcome_letter_coming_due_prompts_the_officer_to_send_a_delay_letter(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    from tests.application.cases import panel_held

    with time_machine.travel(london(2026, 10, 6, 9), tick=True) as clock:
        reference = panel_held(office)
        register_officer(office)
        office.cases.assign_officer(reference, officer=OFFICER, actor="m.hughes")
        project()
        due = next(d.due_on for d in office.cases.deadlines(reference) if d.step is Step.OUTCOME_LETTER)
        clock.move_to(london(due.year, due.month, due.day, 6))
        make_scheduler().run("deadlines")

    [reminder] = [m for m in inbox.messages if "outcome letter" in str(m["Subject"])]
    assert "send the applicant a delay letter now" in reminder.get_content()
