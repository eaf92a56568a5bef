"""Rules of the Application aggregate, tested without persistence.

Every refusal must raise the named error from domain.errors, say what to do, and record nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from domain.application import Application, ThresholdDecision
from domain.errors import (
    AlreadyRecordedError,
    AppealNotAllowedError,
    CaseClosedError,
    ConsentRequiredError,
    FutureDateError,
    IncidentReportedBeforeItHappenedError,
    InvalidDetailsError,
    MissingAgencyError,
    NotAcknowledgedError,
    OutOfOrderError,
    ThresholdAlreadyDecidedError,
    ThresholdDecisionContradictsAssessmentError,
    ThresholdNotYetMetError,
    UnknownItemError,
)
from domain.personal import Narrative, Person
from domain.stage import Stage
from domain.threshold import ThresholdAssessment, ThresholdPolicy, assess
from domain.values import (
    Applicant,
    Channel,
    ConsentKind,
    DiscretionGround,
    Incident,
    LetterChannel,
    Problem,
    RejectionGround,
)
from tests.domain.aggregates import assert_refused, event_names

TODAY = date(2026, 3, 20)
RECEIVED = date(2026, 3, 2)
ACTOR = "officer.jones"
POLICY = ThresholdPolicy()
NO_SHARING_POLICY = ThresholdPolicy(require_consent_to_share=False)
MET = assess(
    POLICY,
    [
        Incident(1, date(2026, 1, 5), date(2026, 1, 5), "Kent Police"),
        Incident(2, date(2026, 1, 20), date(2026, 1, 21), "the council"),
        Incident(3, date(2026, 2, 14), date(2026, 2, 14), "Kent Police"),
    ],
    RECEIVED,
)
NOT_MET = assess(POLICY, [Incident(1, date(2026, 2, 14), date(2026, 2, 14), "Kent Police")], RECEIVED)


# --------------------------------------------------------------------------------- helpers
def received(*, on_behalf_of_victim: bool = False) -> Application:
    if on_behalf_of_victim:
        applicant = Applicant(
            person=Person(subject="p-2", name="Cllr Ann Lee"),
            on_behalf_of_victim=True,
            relationship="ward councillor",
            victims=(Person(subject="p-1", name="Sam Taylor"),),
        )
    else:
        applicant = Applicant(person=Person(subject="p-1", name="Sam Taylor"))
    return Application.receive(
        reference="CT-2026-0001",
        channel=Channel.ONLINE,
        received_on=RECEIVED,
        applicant=applicant,
        problem=Problem(kind="noise", location="Elm Road, Dartford"),
        actor=ACTOR,
        today=TODAY,
    )


def acknowledged(*, on_behalf_of_victim: bool = False) -> Application:
    application = received(on_behalf_of_victim=on_behalf_of_victim)
    application.acknowledge(acknowledged_on=date(2026, 3, 3), actor=ACTOR, today=TODAY)
    return application


def ready_to_decide(*, on_behalf_of_victim: bool = False) -> Application:
    application = acknowledged(on_behalf_of_victim=on_behalf_of_victim)
    if on_behalf_of_victim:
        application.give_consent(kind=ConsentKind.VICTIM_CONSENT, given_on=date(2026, 3, 3),
                                 given_by=Narrative("subject-sam", "Sam Taylor"), actor=ACTOR, today=TODAY)
    application.give_consent(kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=date(2026, 3, 3),
                             given_by=Narrative("subject-sam", "Sam Taylor"), actor=ACTOR, today=TODAY)
    return application


def decide_met(application: Application, assessment: ThresholdAssessment = MET) -> None:
    application.decide_threshold_met(assessment=assessment, policy=POLICY,
                                     decided_on=date(2026, 3, 10), actor=ACTOR, today=TODAY,
                                     unverified_reason="Decided on the incidents as logged.")


def decide_not_met(application: Application, assessment: ThresholdAssessment = NOT_MET) -> None:
    application.decide_threshold_not_met(
        assessment=assessment, policy=POLICY, decided_on=date(2026, 3, 10),
        reason="One qualifying incident.", alternative_action="Mediation offered.", actor=ACTOR,
        today=TODAY, unverified_reason="Decided on the incidents as logged."
    )


def not_met_with_letter() -> Application:
    application = ready_to_decide()
    decide_not_met(application)
    application.send_decision_letter(sent_on=date(2026, 3, 11), channel=LetterChannel.EMAIL,
                                     actor=ACTOR, today=TODAY)
    return application


def lodge(application: Application, lodged_on: date, late_reason: str = "") -> None:
    application.lodge_appeal(
        lodged_on=lodged_on, grounds=Narrative("p-1", "The police logs were missed."),
        window_closes_on=date(2026, 4, 8), actor=ACTOR, today=date(2026, 5, 1),
        late_reason=late_reason,
    )


# ---------------------------------------------------------------------------- receipt
def test_a_received_application_records_a_received_event_by_the_officer() -> None:
    # Arrange / Act
    application = received()

    # Assert
    assert event_names(application) == ["Received"]
    assert application.pending_events[0].actor == ACTOR
    assert application.stage is Stage.RECEIVED
    assert application.id == Application.create_id("ct-2026-0001")


def test_an_application_cannot_be_received_on_a_future_date() -> None:
    # Arrange / Act / Assert
    with pytest.raises(FutureDateError, match="is in the future; enter a date on or before 20 March 2026"):
        Application.receive(
            reference="CT-2026-0002", channel=Channel.PHONE, received_on=date(2026, 3, 21),
            applicant=Applicant(person=Person(subject="p-1", name="Sam Taylor")),
            problem=Problem(kind="noise", location="Elm Road"), actor=ACTOR, today=TODAY,
        )


def test_a_third_party_application_needs_the_victims_details() -> None:
    # Arrange / Act / Assert
    with pytest.raises(InvalidDetailsError, match="Enter the victim's details"):
        Applicant(person=Person(subject="p-2", name="Cllr Ann Lee"), on_behalf_of_victim=True,
                  relationship="councillor")


# -------------------------------------------------------------------------------- incidents
def test_logging_an_incident_records_incident_logged_with_the_next_number() -> None:
    # Arrange
    application = received()

    # Act
    first = application.log_incident(happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 2),
                                      agency=" Kent Police ", actor=ACTOR, today=TODAY)
    second = application.log_incident(happened_on=date(2026, 2, 8), reported_on=date(2026, 2, 8),
                                       agency="the council", actor=ACTOR, today=TODAY)

    # Assert
    events = application.pending_events[1:]
    assert [type(e) for e in events] == [Application.IncidentLogged, Application.IncidentLogged]
    assert [e.incident.number for e in events] == [1, 2]
    assert (first.number, second.number) == (1, 2)
    assert first.agency == "Kent Police"
    assert application.incidents == [first, second]


def test_an_incident_cannot_be_reported_before_it_happened() -> None:
    # Arrange
    application = received()

    # Act / Assert
    assert_refused(
        application,
        IncidentReportedBeforeItHappenedError,
        lambda: application.log_incident(happened_on=date(2026, 2, 10), reported_on=date(2026, 2, 9),
                                         agency="Kent Police", actor=ACTOR, today=TODAY),
        "reported on 9 February 2026, before it happened on 10 February 2026",
        "check both dates",
    )
    assert application.incidents == []


@pytest.mark.parametrize(
    ("happened_on", "reported_on", "what"),
    [
        (date(2026, 3, 21), date(2026, 3, 21), "date the incident happened"),
        (date(2026, 3, 19), date(2026, 3, 21), "date the incident was reported"),
    ],
)
def test_an_incident_cannot_be_dated_in_the_future(happened_on: date, reported_on: date, what: str) -> None:
    # Arrange
    application = received()

    # Act / Assert
    assert_refused(
        application,
        FutureDateError,
        lambda: application.log_incident(happened_on=happened_on, reported_on=reported_on,
                                         agency="Kent Police", actor=ACTOR, today=TODAY),
        f"The {what} (21 March 2026) is in the future",
        "on or before 20 March 2026",
    )


@pytest.mark.parametrize("agency", ["", "   "])
def test_an_incident_must_name_the_agency_it_was_reported_to(agency: str) -> None:
    # Arrange
    application = received()

    # Act / Assert
    assert_refused(
        application,
        MissingAgencyError,
        lambda: application.log_incident(happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 1),
                                         agency=agency, actor=ACTOR, today=TODAY),
        "Enter the agency the incident was reported to",
    )


def test_a_duplicate_must_have_been_reported_to_a_different_agency() -> None:
    # Arrange
    application = received()
    application.log_incident(happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 1),
                             agency="Kent Police", actor=ACTOR, today=TODAY)

    # Act / Assert
    assert_refused(
        application,
        InvalidDetailsError,
        lambda: application.log_incident(happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 3),
                                         agency="kent police", duplicate_of=1, actor=ACTOR,
                                         today=TODAY),
        "a duplicate is the same incident reported to a different agency",
    )


def test_a_duplicate_must_refer_to_a_logged_incident() -> None:
    # Arrange
    application = received()

    # Act / Assert
    assert_refused(
        application,
        UnknownItemError,
        lambda: application.log_incident(happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 3),
                                         agency="the council", duplicate_of=4, actor=ACTOR,
                                         today=TODAY),
        "has no incident 4; it has 0 incidents",
    )


def test_no_incident_can_be_logged_once_the_threshold_is_decided() -> None:
    # Arrange
    application = ready_to_decide()
    decide_met(application)

    # Act / Assert
    assert_refused(
        application,
        ThresholdAlreadyDecidedError,
        lambda: application.log_incident(happened_on=date(2026, 2, 1), reported_on=date(2026, 2, 1),
                                         agency="Kent Police", actor=ACTOR, today=TODAY),
        "new evidence belongs in an appeal or a new application",
    )


# ------------------------------------------------------------------------ acknowledgement
def test_an_application_cannot_be_acknowledged_twice() -> None:
    # Arrange
    application = acknowledged()

    # Act / Assert
    assert_refused(
        application,
        AlreadyRecordedError,
        lambda: application.acknowledge(acknowledged_on=date(2026, 3, 4), actor=ACTOR, today=TODAY),
        "already acknowledged on 3 March 2026",
    )


def test_an_acknowledgement_cannot_predate_the_application() -> None:
    # Arrange
    application = received()

    # Act / Assert
    assert_refused(
        application,
        OutOfOrderError,
        lambda: application.acknowledge(acknowledged_on=date(2026, 3, 1), actor=ACTOR, today=TODAY),
        "before the date the application was received (2 March 2026)",
    )


# -------------------------------------------------------------------------------- consent
def test_victim_consent_is_not_recorded_when_the_victim_applied_themselves() -> None:
    # Arrange
    application = received()

    # Act / Assert
    assert_refused(
        application,
        InvalidDetailsError,
        lambda: application.give_consent(kind=ConsentKind.VICTIM_CONSENT, given_on=date(2026, 3, 3),
                                         given_by=Narrative("subject-sam", "Sam Taylor"), actor=ACTOR, today=TODAY),
        "record consent to share with the agencies instead",
    )


def test_the_same_consent_cannot_be_given_twice() -> None:
    # Arrange
    application = ready_to_decide()

    # Act / Assert
    assert_refused(
        application,
        AlreadyRecordedError,
        lambda: application.give_consent(kind=ConsentKind.SHARE_WITH_AGENCIES,
                                         given_on=date(2026, 3, 4), given_by=Narrative("subject-sam", "Sam Taylor"),
                                         actor=ACTOR, today=TODAY),
        "Consent to share information with the agencies is already recorded",
    )


def test_consent_that_was_never_given_cannot_be_withdrawn() -> None:
    # Arrange
    application = received()

    # Act / Assert
    assert_refused(
        application,
        UnknownItemError,
        lambda: application.withdraw_consent(kind=ConsentKind.SHARE_WITH_AGENCIES,
                                             withdrawn_on=date(2026, 3, 4), reason="Changed mind",
                                             actor=ACTOR, today=TODAY),
        "no consent to share information with the agencies on record",
    )


# --------------------------------------------------------------------- threshold decision
def test_the_threshold_cannot_be_decided_before_acknowledgement() -> None:
    # Arrange
    application = received()
    application.give_consent(kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=date(2026, 3, 3),
                             given_by=Narrative("subject-sam", "Sam Taylor"), actor=ACTOR, today=TODAY)

    # Act / Assert
    assert_refused(
        application,
        NotAcknowledgedError,
        lambda: decide_met(application),
        "Acknowledge CT-2026-0001 before deciding the threshold",
    )
    assert application.decision is None


def test_a_third_party_application_needs_the_victims_consent_before_the_decision() -> None:
    # Arrange
    application = acknowledged(on_behalf_of_victim=True)
    application.give_consent(kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=date(2026, 3, 3),
                             given_by=Narrative("subject-sam", "Sam Taylor"), actor=ACTOR, today=TODAY)

    # Act / Assert
    assert_refused(
        application,
        ConsentRequiredError,
        lambda: decide_met(application),
        "made on behalf of the victim; record the victim's consent",
    )


def test_the_decision_is_refused_after_the_victim_withdraws_consent() -> None:
    # Arrange
    application = ready_to_decide(on_behalf_of_victim=True)
    application.withdraw_consent(kind=ConsentKind.VICTIM_CONSENT, withdrawn_on=date(2026, 3, 5),
                                 reason="Does not want the councillor to act for her",
                                 actor=ACTOR, today=TODAY)

    # Act / Assert
    assert_refused(
        application,
        ConsentRequiredError,
        lambda: decide_met(application),
        "record the victim's consent before deciding the threshold",
    )
    assert event_names(application)[-1] == "ConsentWithdrawn"


def test_the_decision_needs_consent_to_share_when_the_policy_requires_it() -> None:
    # Arrange
    application = acknowledged()

    # Act / Assert
    assert_refused(
        application,
        ConsentRequiredError,
        lambda: decide_met(application),
        "policy needs consent to share information with the agencies",
        "reject the application if it was refused",
    )


def test_the_decision_does_not_need_consent_to_share_when_the_policy_does_not() -> None:
    # Arrange
    application = acknowledged()

    # Act
    application.decide_threshold_met(assessment=MET, policy=NO_SHARING_POLICY,
                                     decided_on=date(2026, 3, 10), actor=ACTOR, today=TODAY,
                                     unverified_reason="Decided on the incidents as logged.")

    # Assert
    assert application.decision is ThresholdDecision.MET
    assert application.policy == NO_SHARING_POLICY


def test_met_cannot_be_recorded_when_the_assessment_says_not_met() -> None:
    # Arrange
    application = ready_to_decide()

    # Act / Assert
    assert_refused(
        application,
        ThresholdDecisionContradictsAssessmentError,
        lambda: decide_met(application, NOT_MET),
        "the threshold is not met (1 qualifying incident)",
        "Record a discretionary decision",
    )


def test_not_met_cannot_be_recorded_when_the_assessment_says_met() -> None:
    # Arrange
    application = ready_to_decide()

    # Act / Assert
    assert_refused(
        application,
        ThresholdDecisionContradictsAssessmentError,
        lambda: decide_not_met(application, MET),
        "3 qualifying incidents, the policy needs 3",
        "a review must then be held (s.104(4))",
    )
    assert application.decision is None


def test_a_discretionary_decision_needs_grounds() -> None:
    # Arrange
    application = ready_to_decide()

    # Act / Assert
    assert_refused(
        application,
        InvalidDetailsError,
        lambda: application.decide_threshold_met_by_discretion(
            assessment=NOT_MET, policy=POLICY, decided_on=date(2026, 3, 10), grounds=(),
            reason="Serious harm to a vulnerable victim.", actor=ACTOR, today=TODAY,
            unverified_reason="Decided on the incidents as logged."),
        "persistence, harm or the adequacy of the response (s.104(5))",
    )


@pytest.mark.parametrize("reason", ["", "  "])
def test_a_discretionary_decision_needs_a_reason(reason: str) -> None:
    # Arrange
    application = ready_to_decide()

    # Act / Assert
    assert_refused(
        application,
        InvalidDetailsError,
        lambda: application.decide_threshold_met_by_discretion(
            assessment=NOT_MET, policy=POLICY, decided_on=date(2026, 3, 10),
            grounds=(DiscretionGround.HARM,), reason=reason, actor=ACTOR, today=TODAY,
            unverified_reason="Decided on the incidents as logged."),
        "Enter the reason for the discretionary decision.",
    )


def test_a_discretionary_decision_is_refused_when_the_policy_already_says_met() -> None:
    # Arrange
    application = ready_to_decide()

    # Act / Assert
    assert_refused(
        application,
        ThresholdDecisionContradictsAssessmentError,
        lambda: application.decide_threshold_met_by_discretion(
            assessment=MET, policy=POLICY, decided_on=date(2026, 3, 10),
            grounds=(DiscretionGround.HARM,), reason="Serious harm.", actor=ACTOR, today=TODAY,
            unverified_reason="Decided on the incidents as logged."),
        "record that the threshold is met, not a discretionary decision",
    )


def test_a_discretionary_decision_meets_the_threshold_with_its_grounds() -> None:
    # Arrange
    application = ready_to_decide()

    # Act
    application.decide_threshold_met_by_discretion(
        assessment=NOT_MET, policy=POLICY, decided_on=date(2026, 3, 10),
        grounds=(DiscretionGround.HARM, DiscretionGround.PERSISTENCE),
        reason="Serious harm to a vulnerable victim.", actor=ACTOR, today=TODAY,
        unverified_reason="Decided on the incidents as logged.")

    # Assert
    event = application.pending_events[-1]
    assert isinstance(event, Application.ThresholdMetByDiscretion)
    assert event.grounds == (DiscretionGround.HARM, DiscretionGround.PERSISTENCE)
    assert application.threshold_met
    assert application.decision is ThresholdDecision.MET_BY_DISCRETION


def test_the_threshold_cannot_be_decided_twice() -> None:
    # Arrange
    application = ready_to_decide()
    decide_met(application)

    # Act / Assert
    assert_refused(
        application,
        ThresholdAlreadyDecidedError,
        lambda: decide_met(application),
        "already decided on 10 March 2026 (met)",
        "an appeal can change it",
    )


def test_a_not_met_decision_cannot_be_replaced_by_a_discretionary_one() -> None:
    # Arrange
    application = ready_to_decide()
    decide_not_met(application)

    # Act / Assert
    assert_refused(
        application,
        ThresholdAlreadyDecidedError,
        lambda: application.decide_threshold_met_by_discretion(
            assessment=NOT_MET, policy=POLICY, decided_on=date(2026, 3, 12),
            grounds=(DiscretionGround.HARM,), reason="On reflection.", actor=ACTOR, today=TODAY,
            unverified_reason="Decided on the incidents as logged."),
        "already decided on 10 March 2026 (not met)",
    )


def test_a_decision_cannot_be_dated_in_the_future() -> None:
    # Arrange
    application = ready_to_decide()

    # Act / Assert
    assert_refused(
        application,
        FutureDateError,
        lambda: application.decide_threshold_met(assessment=MET, policy=POLICY,
                                                 decided_on=date(2026, 3, 21), actor=ACTOR,
                                                 today=TODAY, unverified_reason="Decided on the incidents as logged."),
        "The decision date (21 March 2026) is in the future",
    )


def test_an_application_cannot_be_rejected_after_the_threshold_is_decided() -> None:
    # Arrange
    application = ready_to_decide()
    decide_not_met(application)

    # Act / Assert
    assert_refused(
        application,
        ThresholdAlreadyDecidedError,
        lambda: application.reject(rejected_on=date(2026, 3, 12), ground=RejectionGround.VEXATIOUS,
                                   reason="Vexatious.", actor=ACTOR, today=TODAY),
        "can no longer be rejected",
    )


# ------------------------------------------------------------------------ require_threshold_met
def test_a_review_step_is_refused_while_the_threshold_is_undecided() -> None:
    # Arrange
    application = acknowledged()

    # Act / Assert
    assert_refused(
        application,
        ThresholdNotYetMetError,
        lambda: application.require_threshold_met("scheduling the panel"),
        "Scheduling the panel can only happen once the threshold is met",
        "at stage 'acknowledged'",
        "Record the threshold decision first",
    )


def test_a_review_step_is_refused_after_a_not_met_decision() -> None:
    # Arrange
    application = not_met_with_letter()

    # Act / Assert
    assert_refused(
        application,
        ThresholdNotYetMetError,
        lambda: application.mark_review_opened(opened_on=date(2026, 3, 12), actor=ACTOR),
        "at stage 'threshold not met'",
    )


def test_a_review_step_is_allowed_once_an_appeal_is_upheld() -> None:
    # Arrange
    application = not_met_with_letter()
    lodge(application, date(2026, 3, 20))
    application.uphold_appeal(decided_on=date(2026, 4, 1), reason="Police logs show 3 reports.",
                              actor=ACTOR, today=date(2026, 5, 1))

    # Act
    application.require_threshold_met("opening a case review")
    application.mark_review_opened(opened_on=date(2026, 4, 2), actor=ACTOR)

    # Assert
    assert application.threshold_met
    assert application.stage is Stage.REFERRED_TO_REVIEW
    assert event_names(application)[-2:] == ["AppealUpheld", "ReferredForReview"]


# --------------------------------------------------------------------------------- appeals
def test_a_met_decision_cannot_be_appealed() -> None:
    # Arrange
    application = ready_to_decide()
    decide_met(application)
    application.send_decision_letter(sent_on=date(2026, 3, 11), channel=LetterChannel.POST,
                                     actor=ACTOR, today=TODAY)

    # Act / Assert
    assert_refused(
        application,
        AppealNotAllowedError,
        lambda: lodge(application, date(2026, 3, 20)),
        "Only a decision that the threshold is not met can be appealed",
    )


def test_an_appeal_cannot_be_lodged_before_the_decision_letter_is_sent() -> None:
    # Arrange
    application = ready_to_decide()
    decide_not_met(application)

    # Act / Assert
    assert_refused(
        application,
        AppealNotAllowedError,
        lambda: lodge(application, date(2026, 3, 20)),
        "Send the decision letter first",
        "the appeal window runs from it",
    )


def test_a_late_appeal_without_a_reason_is_refused() -> None:
    # Arrange
    application = not_met_with_letter()

    # Act / Assert
    assert_refused(
        application,
        AppealNotAllowedError,
        lambda: lodge(application, date(2026, 4, 9), late_reason="   "),
        "The appeal window closed on 8 April 2026",
        "record the reason for accepting it",
    )
    assert application.appeal_lodged_on is None


def test_a_late_appeal_is_accepted_with_a_reason() -> None:
    # Arrange
    application = not_met_with_letter()

    # Act
    lodge(application, date(2026, 4, 9), late_reason="Applicant was in hospital.")

    # Assert
    event = application.pending_events[-1]
    assert isinstance(event, Application.AppealLodged)
    assert event.late_reason == "Applicant was in hospital."
    assert application.stage is Stage.APPEAL_LODGED


def test_an_appeal_on_the_last_day_of_the_window_needs_no_late_reason() -> None:
    # Arrange
    application = not_met_with_letter()

    # Act
    lodge(application, date(2026, 4, 8))

    # Assert
    assert application.appeal_lodged_on == date(2026, 4, 8)


def test_an_appeal_cannot_be_lodged_twice() -> None:
    # Arrange
    application = not_met_with_letter()
    lodge(application, date(2026, 3, 20))

    # Act / Assert
    assert_refused(
        application,
        AlreadyRecordedError,
        lambda: lodge(application, date(2026, 3, 21)),
        "An appeal was already lodged on 20 March 2026",
    )


def test_an_appeal_cannot_be_decided_before_it_is_lodged() -> None:
    # Arrange
    application = not_met_with_letter()

    # Act / Assert
    assert_refused(
        application,
        AppealNotAllowedError,
        lambda: application.dismiss_appeal(decided_on=date(2026, 3, 19), reason="No new evidence.",
                                           actor=ACTOR, today=TODAY),
        "No appeal has been lodged for CT-2026-0001",
    )


# --------------------------------------------------------------------------------- endings
def test_an_application_cannot_be_closed_while_the_appeal_window_is_open() -> None:
    # Arrange
    application = not_met_with_letter()

    # Act / Assert
    assert_refused(
        application,
        OutOfOrderError,
        lambda: application.close(closed_on=date(2026, 3, 19), reason="No appeal.",
                                  appeal_window_closes_on=date(2026, 4, 8), actor=ACTOR, today=TODAY),
        "The appeal window is open until 8 April 2026",
    )


STEPS_AFTER_WITHDRAWAL: dict[str, Callable[[Application], object]] = {
    "log an incident": lambda a: a.log_incident(
        happened_on=date(2026, 3, 1), reported_on=date(2026, 3, 1), agency="Kent Police",
        actor=ACTOR, today=TODAY),
    "give consent": lambda a: a.give_consent(
        kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=date(2026, 3, 13),
        given_by=Narrative("subject-sam", "Sam Taylor"), actor=ACTOR, today=TODAY),
    "acknowledge": lambda a: a.acknowledge(acknowledged_on=date(2026, 3, 13), actor=ACTOR, today=TODAY),
    "decide": lambda a: decide_met(a),
    "withdraw again": lambda a: a.withdraw(withdrawn_on=date(2026, 3, 13), reason="Again.",
                                           actor=ACTOR, today=TODAY),
    "reject": lambda a: a.reject(rejected_on=date(2026, 3, 13), ground=RejectionGround.DUPLICATE,
                                 reason="Duplicate.", actor=ACTOR, today=TODAY),
}


@pytest.mark.parametrize("step", STEPS_AFTER_WITHDRAWAL)
def test_no_step_can_be_recorded_after_the_application_is_withdrawn(step: str) -> None:
    # Arrange
    application = received()
    application.withdraw(withdrawn_on=date(2026, 3, 12), reason="The neighbour moved away.",
                         actor=ACTOR, today=TODAY)

    # Act / Assert
    assert_refused(
        application,
        CaseClosedError,
        lambda: STEPS_AFTER_WITHDRAWAL[step](application),
        "Application CT-2026-0001 was withdrawn on 12 March 2026",
        "no further steps can be recorded on it",
    )


def test_no_step_can_be_recorded_after_the_application_is_closed() -> None:
    # Arrange
    application = not_met_with_letter()
    application.close(closed_on=date(2026, 4, 9), reason="No appeal was made.",
                      appeal_window_closes_on=date(2026, 4, 8), actor=ACTOR, today=date(2026, 4, 9))

    # Act / Assert
    assert_refused(
        application,
        CaseClosedError,
        lambda: lodge(application, date(2026, 4, 20), late_reason="Applicant abroad."),
        "was closed on 9 April 2026",
    )


# ------------------------------------------------------------------------------ happy path
def test_the_event_classes_have_the_names_the_projections_rely_on() -> None:
    # Arrange / Act / Assert
    assert Application.IncidentLogged.__qualname__ == "Application.IncidentLogged"
    assert Application.ConsentGiven.__qualname__ == "Application.ConsentGiven"
    assert Application.ThresholdMet.__qualname__ == "Application.ThresholdMet"


def test_a_third_party_application_to_a_met_decision_records_every_step_with_its_actor() -> None:
    # Arrange
    application = received(on_behalf_of_victim=True)

    # Act
    for number, day in enumerate((date(2026, 1, 5), date(2026, 1, 20), date(2026, 2, 14)), 1):
        application.log_incident(happened_on=day, reported_on=day, agency="Kent Police",
                                 actor=f"officer.{number}", today=TODAY)
    application.acknowledge(acknowledged_on=date(2026, 3, 3), actor=ACTOR, today=TODAY)
    application.give_consent(kind=ConsentKind.VICTIM_CONSENT, given_on=date(2026, 3, 3),
                             given_by=Narrative("subject-sam", "Sam Taylor"), actor=ACTOR, today=TODAY)
    application.give_consent(kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=date(2026, 3, 3),
                             given_by=Narrative("subject-sam", "Sam Taylor"), actor=ACTOR, today=TODAY)
    assessment = assess(POLICY, application.incidents, application.received_on)
    decide_met(application, assessment)
    application.send_decision_letter(sent_on=date(2026, 3, 11), channel=LetterChannel.POST,
                                     actor=ACTOR, today=TODAY)
    application.mark_review_opened(opened_on=date(2026, 3, 12), actor=ACTOR)

    # Assert
    assert event_names(application) == [
        "Received", "IncidentLogged", "IncidentLogged", "IncidentLogged", "Acknowledged",
        "ConsentGiven", "ConsentGiven", "ThresholdMet", "DecisionLetterSent", "ReferredForReview",
    ]
    assert all(isinstance(e.actor, str) and e.actor.strip() for e in application.pending_events)
    met = application.pending_events[7]
    assert isinstance(met, Application.ThresholdMet)
    assert met.assessment.met
    assert met.assessment.qualifying == 3
    assert [e.kind for e in application.pending_events if isinstance(e, Application.ConsentGiven)] == [
        ConsentKind.VICTIM_CONSENT, ConsentKind.SHARE_WITH_AGENCIES]
    assert application.version == len(application.pending_events)
