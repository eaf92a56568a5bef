"""Incidents put right before the threshold decision (domain.application): corrected, struck out, and linked as
the same incident only when they happened on the same day; the assessment takes the incidents as they stand."""

from __future__ import annotations

from datetime import date

from domain.actions import Command, available_actions
from domain.application import Application
from domain.errors import (
    AlreadyRecordedError,
    FutureDateError,
    IncidentReportedBeforeItHappenedError,
    InvalidDetailsError,
    ThresholdAlreadyDecidedError,
)
from domain.personal import Narrative
from domain.threshold import assess
from tests.domain.aggregates import assert_refused, event_names
from tests.domain.test_actions import GIVEN
from tests.domain.test_application_rules import (
    ACTOR,
    POLICY,
    RECEIVED,
    TODAY,
    decide_not_met,
    ready_to_decide,
    received,
)


def logged(*days: date, agency: str = "Kent Police") -> Application:
    application = received()
    for day in days:
        application.log_incident(happened_on=day, reported_on=day, agency=agency, actor=ACTOR, today=TODAY,
                                 agency_reference="KP-1")
    return application


def correct(application: Application, number: int = 1, **changes: object) -> None:
    given: dict[str, object] = {
        "happened_on": date(2026, 2, 1), "reported_on": date(2026, 2, 2), "agency": "Kent Police",
        "agency_reference": "KP-1", "hate_related": False, "description": None,
        "reason": "The police log shows the right date.", **changes}
    application.correct_incident(number=number, actor=ACTOR, today=TODAY, **given)  # type: ignore[arg-type]


def test_a_correction_changes_the_incident_and_keeps_who_and_why() -> None:
    application = logged(date(2026, 2, 1))

    correct(application, happened_on=date(2026, 1, 30), reported_on=date(2026, 1, 31), agency="the council",
            agency_reference="C-9", hate_related=True, description=Narrative("p-1", "Shouted abuse."))

    incident = application.incidents[0]
    assert (incident.happened_on, incident.reported_on, incident.agency, incident.agency_reference,
            incident.hate_related, incident.description) == (
        date(2026, 1, 30), date(2026, 1, 31), "the council", "C-9", True, Narrative("p-1", "Shouted abuse."))
    event = application.pending_events[-1]
    assert event_names(application)[-1] == "IncidentCorrected"
    assert event.original.happened_on == date(2026, 2, 1)  # type: ignore[attr-defined]
    assert (event.actor, event.reason) == (ACTOR, "The police log shows the right date.")  # type: ignore[attr-defined]


def test_a_correction_needs_a_reason() -> None:
    application = logged(date(2026, 2, 1))

    assert_refused(application, InvalidDetailsError, lambda: correct(application, hate_related=True, reason=" "),
                   "why the incident is corrected")


def test_a_correction_that_changes_nothing_is_refused() -> None:
    application = logged(date(2026, 2, 1))

    assert_refused(application, AlreadyRecordedError,
                   lambda: correct(application, happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 1)),
                   "already stands as entered")


def test_a_correction_checks_the_dates_as_logging_does() -> None:
    application = logged(date(2026, 2, 1))

    assert_refused(application, FutureDateError, lambda: correct(application, happened_on=date(2026, 4, 1)),
                   "in the future")
    assert_refused(application, IncidentReportedBeforeItHappenedError,
                   lambda: correct(application, happened_on=date(2026, 2, 5)), "before it happened")


def test_an_incident_cannot_be_corrected_once_the_threshold_is_decided() -> None:
    application = ready_to_decide()
    application.log_incident(happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 1), agency="Kent Police",
                             actor=ACTOR, today=TODAY)
    decide_not_met(application)

    assert_refused(application, ThresholdAlreadyDecidedError, lambda: correct(application, hate_related=True),
                   "the decision stands on the incidents it assessed")
    assert_refused(application, ThresholdAlreadyDecidedError,
                   lambda: application.strike_out_incident(number=1, reason="Wrong case.", actor=ACTOR),
                   "already decided")


def test_a_struck_out_incident_stays_on_record_but_no_longer_counts() -> None:
    application = logged(date(2026, 1, 5), date(2026, 1, 20), date(2026, 2, 14))
    assert assess(POLICY, application.incidents_as_they_stand, RECEIVED).met

    application.strike_out_incident(number=2, reason="Logged on the wrong case.", actor=ACTOR)

    assert [i.struck_out for i in application.incidents] == [False, True, False]
    assert [i.number for i in application.incidents_as_they_stand] == [1, 3]
    assessment = assess(POLICY, application.incidents_as_they_stand, RECEIVED)
    assert (assessment.met, assessment.qualifying) == (False, 2)
    assert event_names(application)[-1] == "IncidentStruckOut"


def test_a_struck_out_incident_cannot_be_struck_out_or_corrected_again() -> None:
    application = logged(date(2026, 2, 1), date(2026, 2, 3))
    application.strike_out_incident(number=1, reason="Logged on the wrong case.", actor=ACTOR)

    assert_refused(application, AlreadyRecordedError,
                   lambda: application.strike_out_incident(number=1, reason="Again.", actor=ACTOR), "struck out")
    assert_refused(application, AlreadyRecordedError, lambda: correct(application, hate_related=True), "struck out")


def test_striking_out_needs_a_reason() -> None:
    application = logged(date(2026, 2, 1))

    assert_refused(application, InvalidDetailsError,
                   lambda: application.strike_out_incident(number=1, reason="", actor=ACTOR),
                   "why the incident is struck out")


def test_a_report_linked_as_the_same_incident_must_have_happened_on_the_same_day() -> None:
    application = logged(date(2026, 2, 1))

    assert_refused(
        application, InvalidDetailsError,
        lambda: application.log_incident(happened_on=date(2026, 2, 2), reported_on=date(2026, 2, 3),
                                         agency="the council", duplicate_of=1, actor=ACTOR, today=TODAY),
        "happened on 1 February 2026, not on 2 February 2026")


def test_a_correction_cannot_move_a_linked_incident_to_another_day() -> None:
    application = logged(date(2026, 2, 1))
    application.log_incident(happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 2), agency="the council",
                             duplicate_of=1, actor=ACTOR, today=TODAY)

    assert_refused(application, InvalidDetailsError,
                   lambda: correct(application, number=1, happened_on=date(2026, 1, 31)), "same day")
    assert_refused(application, InvalidDetailsError,
                   lambda: correct(application, number=2, happened_on=date(2026, 1, 31), agency="the council"),
                   "same day")


def test_a_linked_group_counts_once_in_the_assessment() -> None:
    application = logged(date(2026, 1, 5), date(2026, 2, 14))
    application.log_incident(happened_on=date(2026, 2, 14), reported_on=date(2026, 2, 15), agency="the council",
                             duplicate_of=2, actor=ACTOR, today=TODAY)

    assessment = assess(POLICY, application.incidents_as_they_stand, RECEIVED)

    assert (assessment.met, assessment.qualifying) == (False, 2)


def test_each_standing_incident_may_be_corrected_or_struck_out_until_the_decision() -> None:
    application = logged(date(2026, 1, 5), date(2026, 1, 20))
    application.strike_out_incident(number=1, reason="Logged on the wrong case.", actor=ACTOR)

    offered = {(a.command, a.number) for a in available_actions(application, None, GIVEN)
               if a.command in (Command.CORRECT_INCIDENT, Command.STRIKE_OUT_INCIDENT)}

    assert offered == {(Command.CORRECT_INCIDENT, 2), (Command.STRIKE_OUT_INCIDENT, 2)}
    decided = ready_to_decide()
    decided.log_incident(happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 1), agency="Kent Police",
                         actor=ACTOR, today=TODAY)
    decide_not_met(decided)
    assert not {a.command for a in available_actions(decided, None, GIVEN)} & {
        Command.CORRECT_INCIDENT, Command.STRIKE_OUT_INCIDENT}
