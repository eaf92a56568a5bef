"""Verifying incidents with the agencies before the threshold decision: the officer asks each agency to confirm
the incidents reported to it, the agency answers incident by incident, and a decision made with incidents still
unconfirmed records why."""

from __future__ import annotations

from datetime import date

from domain.actions import Action, Circumstances, Command, available_actions
from domain.application import Application
from domain.deadlines import deadlines_for
from domain.errors import (
    AlreadyRecordedError,
    InvalidDetailsError,
    OutOfOrderError,
    ThresholdAlreadyDecidedError,
    UnknownItemError,
    UnverifiedIncidentsError,
)
from domain.profile import CaseLimits
from domain.timescales import Step, Timescales, WorkingCalendar
from domain.user import Role
from domain.verification import VerificationAnswer
from tests.domain.aggregates import assert_refused, event_names
from tests.domain.test_application_rules import ACTOR, MET, POLICY, TODAY, ready_to_decide

ASKED = date(2026, 3, 9)
ANSWERED = date(2026, 3, 12)


def with_incidents() -> Application:
    """Incidents 1 and 3 reported to Kent Police, 2 to the council."""
    application = ready_to_decide()
    for happened, agency in ((date(2026, 1, 5), "Kent Police"), (date(2026, 1, 20), "the council"),
                             (date(2026, 2, 14), "Kent Police")):
        application.log_incident(happened_on=happened, reported_on=happened, agency=agency, actor=ACTOR, today=TODAY)
    return application


def asked(application: Application, agency: str = "Kent Police") -> Application:
    application.request_verification(agency=agency, requested_on=ASKED, due_on=date(2026, 3, 16), actor=ACTOR,
                                     today=TODAY)
    return application


def answer(application: Application, number: int, kind: VerificationAnswer = VerificationAnswer.CONFIRMED,
           agency: str = "Kent Police", **given: str) -> None:
    application.answer_verification(number=number, agency=agency, answer=kind, answered_on=ANSWERED, actor=ACTOR,
                                    today=TODAY, **given)


def test_asking_an_agency_covers_every_incident_reported_to_it_and_no_other():
    application = asked(with_incidents(), "kent police")

    (request,) = application.verification_requests
    assert (request.agency, request.numbers, request.due_on) == ("Kent Police", (1, 3), date(2026, 3, 16))
    assert [v.label for v in application.incident_verifications] == [
        "awaiting Kent Police (asked on 9 March 2026)", "not yet asked of the council",
        "awaiting Kent Police (asked on 9 March 2026)"]
    assert event_names(application)[-1] == "IncidentVerificationRequested"


def test_an_agency_is_not_asked_twice_about_the_same_incidents_nor_about_incidents_it_never_had():
    application = asked(with_incidents())

    assert_refused(application, AlreadyRecordedError, lambda: asked(application), "already sent to it to confirm")
    assert_refused(application, UnknownItemError, lambda: asked(application, "Moat Homes"),
                   "No incident of CT-2026-0001 was reported to Moat Homes")


def test_the_agency_confirms_disputes_or_holds_no_record_incident_by_incident():
    application = asked(asked(with_incidents()), "the council")

    answer(application, 1)
    answer(application, 3, VerificationAnswer.DISPUTED, agency_reference="KP/26/991", reason="Logged at No. 14.")
    answer(application, 2, VerificationAnswer.NO_RECORD, agency="the council")

    assert [v.label for v in application.incident_verifications] == [
        "confirmed by Kent Police on 12 March 2026", "the council holds no record on 12 March 2026",
        "disputed by Kent Police on 12 March 2026 (their reference KP/26/991): Logged at No. 14."]
    assert [v.confirmed for v in application.incident_verifications] == [True, False, False]


def test_a_dispute_needs_the_agencys_reference_and_reason():
    application = asked(with_incidents())

    assert_refused(application, InvalidDetailsError,
                   lambda: answer(application, 1, VerificationAnswer.DISPUTED, reason="Not ours."),
                   "the agency's own reference")
    assert_refused(application, InvalidDetailsError,
                   lambda: answer(application, 1, VerificationAnswer.DISPUTED, agency_reference="KP/1"),
                   "why the agency disputes the incident")


def test_an_agency_answers_only_about_incidents_it_was_asked_about_and_only_once():
    application = asked(with_incidents())
    answer(application, 1)

    assert_refused(application, UnknownItemError, lambda: answer(application, 2, agency="Kent Police"),
                   "was not asked to confirm incident 2")
    assert_refused(application, UnknownItemError, lambda: answer(application, 3, agency="the council"),
                   "the council has no incident")
    assert_refused(application, UnknownItemError, lambda: answer(application, 1), "already answered")


def test_an_answer_cannot_predate_the_request():
    application = asked(with_incidents())

    assert_refused(application, OutOfOrderError, lambda: application.answer_verification(
        number=1, agency="Kent Police", answer=VerificationAnswer.CONFIRMED, answered_on=date(2026, 3, 6),
        actor=ACTOR, today=TODAY), "the request")


def test_a_decision_with_unconfirmed_incidents_is_refused_without_a_reason_citing_the_procedure():
    application = asked(with_incidents())
    answer(application, 1)

    decide = lambda reason: application.decide_threshold_met(  # noqa: E731
        assessment=MET, policy=POLICY, decided_on=date(2026, 3, 13), actor=ACTOR, today=TODAY,
        unverified_reason=reason)
    assert_refused(application, UnverifiedIncidentsError, lambda: decide("  "), "Incidents 2, 3",
                   "the procedure asks the partnership to confirm the incidents with the agencies")
    decide("Kent Police's records are down; the applicant's diary is detailed.")

    assert application.unverified_reason == "Kent Police's records are down; the applicant's diary is detailed."


def test_a_decision_with_every_incident_confirmed_needs_no_reason():
    application = asked(asked(with_incidents()), "the council")
    for number, agency in ((1, "Kent Police"), (2, "the council"), (3, "Kent Police")):
        answer(application, number, agency=agency)

    application.decide_threshold_met(assessment=MET, policy=POLICY, decided_on=date(2026, 3, 13), actor=ACTOR,
                                     today=TODAY)

    assert application.unverified_reason == ""


def test_verification_happens_before_the_decision():
    application = asked(with_incidents())
    application.decide_threshold_met(assessment=MET, policy=POLICY, decided_on=date(2026, 3, 13), actor=ACTOR,
                                     today=TODAY, unverified_reason="Urgent.")

    assert_refused(application, ThresholdAlreadyDecidedError, lambda: answer(application, 1), "already decided")
    assert_refused(application, ThresholdAlreadyDecidedError, lambda: asked(application, "the council"),
                   "already decided")


def circumstances() -> Circumstances:
    return Circumstances(policy=POLICY, limits=CaseLimits(), today=TODAY, appeal_window_closes_on=None)


def test_the_case_offers_requests_to_caseworkers_and_each_agencys_answer_to_its_own_contacts():
    application = with_incidents()
    assert Action(Command.REQUEST_VERIFICATION) in available_actions(application, None, circumstances())

    asked(application)
    actions = available_actions(application, None, circumstances())

    answering = Action(Command.ANSWER_VERIFICATION, agency="Kent Police")
    assert answering in actions
    assert answering.allowed_for({Role.AGENCY_CONTACT}, "Kent Police")
    assert not answering.allowed_for({Role.AGENCY_CONTACT}, "the council")
    assert answering.allowed_for({Role.OFFICER})
    assert not Action(Command.REQUEST_VERIFICATION).allowed_for({Role.AGENCY_CONTACT}, "Kent Police")


def test_a_request_is_a_deadline_met_when_the_agency_has_answered_for_every_incident():
    application = asked(with_incidents())
    calendar = WorkingCalendar(())

    def verification() -> list:
        return [d for d in deadlines_for(application, None, Timescales(), calendar)
                if d.step is Step.INCIDENT_VERIFICATION]

    assert [(d.subject, d.due_on, d.met_on) for d in verification()] == [("Kent Police", date(2026, 3, 16), None)]
    answer(application, 1)
    assert verification()[0].is_open()
    answer(application, 3)
    assert verification()[0].met_on == ANSWERED


def test_a_snapshot_stored_before_verification_existed_loads_with_nothing_asked():
    stored: dict = {"reference": "CT-2026-0001", "decision": "met"}

    Application.upcast_v2_v3(stored)

    assert (stored["verification_requests"], stored["verification_answers"], stored["unverified_reason"]) == (
        [], [], "")


def test_an_incident_struck_out_is_neither_asked_about_nor_left_unverified():
    application = with_incidents()
    application.strike_out_incident(number=2, reason="Logged on the wrong case.", actor=ACTOR)

    assert_refused(application, UnknownItemError, lambda: asked(application, "the council"),
                   "No incident of CT-2026-0001 was reported to the council")
    asked(application)
    answer(application, 1)
    answer(application, 3)
    application.decide_threshold_met(assessment=MET, policy=POLICY, decided_on=date(2026, 3, 13), actor=ACTOR,
                                     today=TODAY)

    assert [v.number for v in application.incident_verifications] == [1, 3]
    assert application.unverified_reason == ""
