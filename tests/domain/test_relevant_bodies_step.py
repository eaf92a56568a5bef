"""Passing the application on to all the relevant bodies (s.104(3)(b) of the 2014 Act), without a database: a
recorded step with a due date in working days from receipt, offered until it is recorded, and refused when it
cannot be true."""

from __future__ import annotations

from datetime import date

from domain.actions import Circumstances, Command, available_actions
from domain.deadlines import deadlines_for
from domain.errors import AlreadyRecordedError, FutureDateError, InvalidDetailsError, OutOfOrderError
from domain.profile import CaseLimits
from domain.timescales import Step, Timescales, WorkingCalendar
from tests.domain.aggregates import assert_refused, event_names
from tests.domain.test_application_rules import (
    ACTOR,
    POLICY,
    RECEIVED,
    TODAY,
    decide_met,
    ready_to_decide,
    received,
)

BODIES = ("Dartford Borough Council", "Kent Police", "NHS Kent and Medway Integrated Care Board")
CALENDAR = WorkingCalendar(())


def passing_on(deadlines: list) -> list:
    return [d for d in deadlines if d.step is Step.RELEVANT_BODIES]


def actions(application) -> set[Command]:
    given = Circumstances(policy=POLICY, limits=CaseLimits(), today=TODAY, appeal_window_closes_on=None)
    return {action.command for action in available_actions(application, None, given)}


def test_passing_the_application_on_records_the_day_and_every_body() -> None:
    application = received()

    application.pass_to_relevant_bodies(passed_on=date(2026, 3, 3), bodies=BODIES, actor=ACTOR, today=TODAY)

    assert event_names(application)[-1] == "PassedToRelevantBodies"
    assert application.passed_to_bodies_on == date(2026, 3, 3)
    assert application.passed_to_bodies == list(BODIES)


def test_passing_on_is_due_in_the_profiles_working_days_from_receipt_and_met_when_recorded() -> None:
    application = received()
    timescales = Timescales(relevant_bodies=3)  # received Monday 2 March 2026: due Thursday 5 March

    [due] = passing_on(deadlines_for(application, None, timescales, CALENDAR))
    assert (due.starts_on, due.due_on, due.met_on) == (RECEIVED, date(2026, 3, 5), None)
    assert due.is_overdue(date(2026, 3, 6))

    application.pass_to_relevant_bodies(passed_on=date(2026, 3, 6), bodies=BODIES, actor=ACTOR, today=TODAY)
    [met] = passing_on(deadlines_for(application, None, timescales, CALENDAR))
    assert met.met_on == date(2026, 3, 6)
    assert met.was_missed()


def test_a_case_decided_without_the_step_recorded_has_no_open_passing_on_deadline() -> None:
    application = ready_to_decide()
    decide_met(application)

    assert passing_on(deadlines_for(application, None, Timescales(), CALENDAR)) == []


def test_passing_on_is_offered_until_it_is_recorded() -> None:
    application = received()
    assert Command.PASS_TO_RELEVANT_BODIES in actions(application)

    application.pass_to_relevant_bodies(passed_on=date(2026, 3, 3), bodies=BODIES, actor=ACTOR, today=TODAY)

    assert Command.PASS_TO_RELEVANT_BODIES not in actions(application)


def test_passing_on_is_not_offered_once_the_bodies_have_decided_the_threshold() -> None:
    application = ready_to_decide()
    decide_met(application)

    assert Command.PASS_TO_RELEVANT_BODIES not in actions(application)


def test_passing_on_cannot_be_recorded_twice() -> None:
    application = received()
    application.pass_to_relevant_bodies(passed_on=date(2026, 3, 3), bodies=BODIES, actor=ACTOR, today=TODAY)

    assert_refused(application, AlreadyRecordedError,
                   lambda: application.pass_to_relevant_bodies(passed_on=date(2026, 3, 4), bodies=BODIES,
                                                               actor=ACTOR, today=TODAY),
                   "already passed to the relevant bodies on 3 March 2026")


def test_passing_on_cannot_predate_receipt_or_be_in_the_future() -> None:
    application = received()

    assert_refused(application, OutOfOrderError,
                   lambda: application.pass_to_relevant_bodies(passed_on=date(2026, 3, 1), bodies=BODIES,
                                                               actor=ACTOR, today=TODAY),
                   "before the date the application was received (2 March 2026)")
    assert_refused(application, FutureDateError,
                   lambda: application.pass_to_relevant_bodies(passed_on=date(2026, 3, 21), bodies=BODIES,
                                                               actor=ACTOR, today=TODAY))


def test_passing_on_needs_the_bodies_the_profile_names() -> None:
    application = received()

    assert_refused(application, InvalidDetailsError,
                   lambda: application.pass_to_relevant_bodies(passed_on=date(2026, 3, 3), bodies=(),
                                                               actor=ACTOR, today=TODAY),
                   "s.104(3)(b)")
