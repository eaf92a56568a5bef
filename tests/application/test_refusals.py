"""Every refusal in the process: the named error, a message that says what to do, nothing written."""

from collections.abc import Callable
from datetime import date

import pytest

from application.backoffice import BackOffice
from application.errors import CaseNotFoundError
from domain import errors
from domain.personal import Person
from domain.values import (
    AgencyResponseKind,
    Applicant,
    Channel,
    ConsentKind,
    DiscretionGround,
    LetterChannel,
    Problem,
    RejectionGround,
    SecondaryReviewOutcome,
)
from tests.application import cases
from tests.application.cases import OFFICER

D = date(2026, 10, 20)
Act = Callable[[BackOffice, str], object]


def receive_in_future(bo: BackOffice, _: str) -> object:
    return bo.cases.receive_application(channel=Channel.PHONE, received_on=date(2026, 12, 1),
                                        applicant=Applicant(Person("x", "A Person")),
                                        problem=Problem("noise", "Park Road"), actor=OFFICER)


def incident(**changes: object) -> Act:
    values: dict = {"happened_on": date(2026, 8, 1), "reported_on": date(2026, 8, 2),
                    "agency": "Kent Police", "actor": OFFICER}
    values.update(changes)
    return lambda bo, ref: bo.cases.log_incident(ref, **values)


def met_by_discretion(grounds: tuple, reason: str) -> Act:
    return lambda bo, ref: bo.cases.decide_threshold_met_by_discretion(
        ref, decided_on=D, grounds=grounds, reason=reason, actor=OFFICER,
        unverified_reason="Decided on the incidents as logged.")


def decide_met(bo: BackOffice, ref: str) -> object:
    return bo.cases.decide_threshold_met(ref, decided_on=D, actor=OFFICER,
                                         unverified_reason="Decided on the incidents as logged.")


def decide_not_met(bo: BackOffice, ref: str) -> object:
    return bo.cases.decide_threshold_not_met(ref, decided_on=D, reason="Too few.", alternative_action="Mediation.",
                                             actor=OFFICER, unverified_reason="Decided on the incidents as logged.")


def appeal(lodged_on: date = D, late_reason: str = "") -> Act:
    return lambda bo, ref: bo.cases.lodge_appeal(ref, lodged_on=lodged_on, grounds="Unhappy.", actor=OFFICER,
                                                 late_reason=late_reason)


def appealed(bo: BackOffice) -> str:
    ref = cases.not_met_letter_sent(bo)
    bo.cases.lodge_appeal(ref, lodged_on=date(2026, 9, 15), grounds="Unhappy.", actor=OFFICER)
    return ref


def schedule(bo: BackOffice, ref: str) -> object:
    return bo.cases.schedule_panel(ref, panel_date=D, chair="Chair", independent_chair=False, members=("a",),
                                   scheduled_on=D, actor=OFFICER)


def hold(bo: BackOffice, ref: str) -> object:
    review = bo.cases.get_case(ref).review
    if review is not None and review.panel_date and not (review.not_invited_reason or review.victim_invited_on
                                                          or review.closed_on or review.panel_held_on):
        bo.cases.decide_not_to_invite_victim(ref, decided_on=D, reason="Kept informed by choice.", actor=OFFICER)
    return bo.cases.hold_panel(ref, held_on=D, attendees=("a",), victim_attended=False, findings="Findings.",
                               actor=OFFICER)


def recommend(agency: str = "Kent Police", text: str = "Do it.") -> Act:
    return lambda bo, ref: bo.cases.issue_recommendation(ref, agency=agency, text=text, issued_on=D, actor=OFFICER)


def outcome_letter(bo: BackOffice, ref: str) -> object:
    return bo.cases.send_outcome_letter(ref, sent_on=D, channel=LetterChannel.POST, actor=OFFICER)


def request_secondary(bo: BackOffice, ref: str) -> object:
    return bo.cases.request_secondary_review(ref, requested_on=D, grounds="Unhappy.", actor=OFFICER)


def secondary_requested(bo: BackOffice) -> str:
    ref = cases.outcome_sent(bo)
    request_secondary(bo, ref)
    return ref


def review_closed(bo: BackOffice) -> str:
    ref = cases.outcome_sent(bo)
    bo.cases.close_review(ref, closed_on=D, reason="Done.", open_recommendations_reason="Followed up.", actor=OFFICER)
    return ref


def withdrawn(bo: BackOffice) -> str:
    ref = cases.receive(bo)
    bo.cases.withdraw_application(ref, withdrawn_on=date(2026, 9, 3), reason="Moved away.", actor=OFFICER)
    return ref


def consent_withdrawn(bo: BackOffice) -> str:
    ref = cases.ready_for_decision(bo, on_behalf=True)
    bo.cases.withdraw_consent(ref, kind=ConsentKind.VICTIM_CONSENT, withdrawn_on=date(2026, 9, 5),
                              reason="Fears reprisals.", actor=OFFICER)
    return ref


def without_share_consent(bo: BackOffice) -> str:
    ref = cases.receive(bo)
    cases.log_qualifying_incidents(bo, ref)
    bo.cases.acknowledge(ref, acknowledged_on=date(2026, 9, 2), actor=OFFICER)
    return ref


def unacknowledged(bo: BackOffice) -> str:
    ref = cases.receive(bo)
    cases.log_qualifying_incidents(bo, ref)
    return ref


def two_incidents(bo: BackOffice) -> str:
    return cases.ready_for_decision(bo, incidents=2)


def appeal_dismissed(bo: BackOffice) -> str:
    ref = appealed(bo)
    bo.cases.dismiss_appeal(ref, decided_on=date(2026, 9, 25), reason="No new evidence.", actor=OFFICER)
    return ref


REFUSALS = [
    # (id, set-up, act, error, words the message must contain)
    ("unknown reference", cases.receive, lambda bo, _: bo.cases.acknowledge("CT-2026-9999", acknowledged_on=D,
                                                                              actor=OFFICER),
     CaseNotFoundError, "CT-2026-9999"),
    ("no actor", cases.receive, lambda bo, ref: bo.cases.acknowledge(ref, acknowledged_on=D, actor=" "),
     errors.InvalidDetailsError, "who is acting"),
    ("application received in the future", cases.receive, receive_in_future, errors.FutureDateError,
     "in the future"),
    ("incident reported before it happened", cases.receive,
     incident(happened_on=date(2026, 8, 5), reported_on=date(2026, 8, 1)),
     errors.IncidentReportedBeforeItHappenedError, "before it happened"),
    ("incident in the future", cases.receive, incident(happened_on=date(2026, 12, 1),
                                                       reported_on=date(2026, 12, 2)),
     errors.FutureDateError, "future"),
    ("incident with no agency", cases.receive, incident(agency=" "), errors.MissingAgencyError, "agency"),
    ("duplicate of an unknown incident", cases.receive, incident(duplicate_of=7), errors.UnknownItemError,
     "no incident 7"),
    ("duplicate reported to the same agency", unacknowledged, incident(duplicate_of=1),
     errors.InvalidDetailsError, "different agency"),
    ("victim consent on the victim's own application", cases.receive,
     lambda bo, ref: bo.cases.give_consent(ref, kind=ConsentKind.VICTIM_CONSENT, given_on=D, given_by="Ann",
                                           actor=OFFICER),
     errors.InvalidDetailsError, "applied themselves"),
    ("consent given twice", cases.ready_for_decision,
     lambda bo, ref: bo.cases.give_consent(ref, kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=D, given_by="Ann",
                                           actor=OFFICER),
     errors.AlreadyRecordedError, "already recorded"),
    ("withdrawing consent never given", cases.receive,
     lambda bo, ref: bo.cases.withdraw_consent(ref, kind=ConsentKind.SHARE_WITH_AGENCIES, withdrawn_on=D,
                                               reason="r", actor=OFFICER),
     errors.UnknownItemError, "no consent"),
    ("acknowledged twice", cases.ready_for_decision,
     lambda bo, ref: bo.cases.acknowledge(ref, acknowledged_on=D, actor=OFFICER), errors.AlreadyRecordedError,
     "already acknowledged"),
    ("acknowledged before it was received", cases.receive,
     lambda bo, ref: bo.cases.acknowledge(ref, acknowledged_on=date(2026, 8, 1), actor=OFFICER),
     errors.OutOfOrderError, "before the date the application was received"),
    ("threshold decided before acknowledgement", unacknowledged, decide_met, errors.NotAcknowledgedError,
     "Acknowledge"),
    ("third-party application without the victim's consent", consent_withdrawn, decide_met,
     errors.ConsentRequiredError, "victim's consent"),
    ("decision without consent to share", without_share_consent, decide_met, errors.ConsentRequiredError,
     "consent to share"),
    ("'met' when the policy says not met", two_incidents, decide_met,
     errors.ThresholdDecisionContradictsAssessmentError, "discretionary"),
    ("'not met' when the policy says met", cases.ready_for_decision, decide_not_met,
     errors.ThresholdDecisionContradictsAssessmentError, "s.104(4)"),
    ("discretion when the policy already says met", cases.ready_for_decision,
     met_by_discretion((DiscretionGround.HARM,), "Harm."), errors.ThresholdDecisionContradictsAssessmentError,
     "statistics stay true"),
    ("discretion without grounds", two_incidents, met_by_discretion((), "Harm."),
     errors.InvalidDetailsError, "grounds"),
    ("discretion without a reason", two_incidents,
     met_by_discretion((DiscretionGround.HARM,), " "),
     errors.InvalidDetailsError, "reason"),
    ("threshold decided twice", cases.threshold_met, decide_met, errors.ThresholdAlreadyDecidedError,
     "already"),
    ("incident logged after the decision", cases.threshold_met, incident(), errors.ThresholdAlreadyDecidedError,
     "appeal or a new application"),
    ("decision letter before the decision", cases.ready_for_decision,
     lambda bo, ref: bo.cases.send_decision_letter(ref, sent_on=D, channel=LetterChannel.POST, actor=OFFICER),
     errors.OutOfOrderError, "Decide the threshold"),
    ("decision letter twice", cases.threshold_met,
     lambda bo, ref: bo.cases.send_decision_letter(ref, sent_on=D, channel=LetterChannel.POST, actor=OFFICER),
     errors.AlreadyRecordedError, "already sent"),
    ("appeal against a 'met' decision", cases.threshold_met, appeal(), errors.AppealNotAllowedError,
     "not met"),
    ("appeal after the window without a late reason", cases.not_met_letter_sent, appeal(date(2026, 11, 2)),
     errors.AppealNotAllowedError, "window closed on 8 October 2026"),
    ("appeal lodged twice", appealed, appeal(), errors.AlreadyRecordedError, "already lodged"),
    ("appeal decided without an appeal", cases.not_met_letter_sent,
     lambda bo, ref: bo.cases.uphold_appeal(ref, decided_on=D, reason="r", actor=OFFICER),
     errors.AppealNotAllowedError, "No appeal"),
    ("rejected after the threshold decision", cases.threshold_met,
     lambda bo, ref: bo.cases.reject_application(ref, rejected_on=D, ground=RejectionGround.VEXATIOUS, reason="r",
                                                 actor=OFFICER),
     errors.ThresholdAlreadyDecidedError, "no longer be rejected"),
    ("application closed inside the appeal window", cases.not_met_letter_sent,
     lambda bo, ref: bo.cases.close_application(ref, closed_on=date(2026, 9, 20), reason="r", actor=OFFICER),
     errors.OutOfOrderError, "appeal window is open"),
    ("application closed while its appeal is pending", appealed,
     lambda bo, ref: bo.cases.close_application(ref, closed_on=D, reason="r", actor=OFFICER),
     errors.OutOfOrderError, "Decide the appeal"),
    ("application closed before its appeal was decided", appeal_dismissed,
     lambda bo, ref: bo.cases.close_application(ref, closed_on=date(2026, 9, 20), reason="r", actor=OFFICER),
     errors.OutOfOrderError, "before the appeal decision"),
    ("a panel before the threshold is met", cases.ready_for_decision, schedule,
     errors.ThresholdNotYetMetError, "once the threshold is met"),
    ("agency information before the threshold is met", cases.not_met_letter_sent,
     lambda bo, ref: bo.cases.request_agency_information(ref, agency="Kent Police", requested_on=D, actor=OFFICER),
     errors.ThresholdNotYetMetError, "Record the threshold decision first"),
    ("agency information from an agency never asked", cases.threshold_met,
     lambda bo, ref: bo.cases.record_agency_information(ref, agency="Moat Homes", received_on=D, summary="s",
                                                        actor=OFFICER),
     errors.UnknownItemError, "No information was requested from Moat Homes"),
    ("panel held before it was scheduled", cases.threshold_met, hold, errors.OutOfOrderError,
     "Schedule the panel"),
    ("panel held twice", cases.panel_held, hold, errors.AlreadyRecordedError, "already held"),
    ("recommendation before the panel", cases.panel_scheduled, recommend(), errors.PanelNotHeldError,
     "after the review panel has been held"),
    ("recommendation with no agency", cases.panel_held, recommend(agency=""), errors.MissingAgencyError,
     "agency"),
    ("recommendation with no text", cases.panel_held, recommend(text=" "), errors.InvalidDetailsError,
     "recommended"),
    ("response to an unknown recommendation", cases.outcome_sent,
     lambda bo, ref: bo.cases.record_agency_response(ref, number=5, response=AgencyResponseKind.ACCEPTED,
                                                     responded_on=D, actor=OFFICER),
     errors.UnknownItemError, "no recommendation 5"),
    ("declined without a reason", cases.outcome_sent,
     lambda bo, ref: bo.cases.record_agency_response(ref, number=1, response=AgencyResponseKind.DECLINED,
                                                     responded_on=D, actor=OFFICER),
     errors.InvalidDetailsError, "have regard"),
    ("outcome letter before the panel", cases.panel_scheduled, outcome_letter, errors.PanelNotHeldError,
     "outcome letter"),
    ("outcome letter twice", cases.outcome_sent, outcome_letter, errors.AlreadyRecordedError, "already sent"),
    ("delay letter after the outcome letter", cases.outcome_sent,
     lambda bo, ref: bo.cases.send_delay_notice(ref, sent_on=D, reason="r", expected_by=D, actor=OFFICER),
     errors.OutOfOrderError, "already been sent"),
    ("secondary review before the outcome letter", cases.panel_held, request_secondary,
     errors.SecondaryReviewNotAllowedError, "outcome letter first"),
    ("secondary review held before it was requested", cases.outcome_sent,
     lambda bo, ref: bo.cases.hold_secondary_review(ref, held_on=D, panel=("p",), chair="c", actor=OFFICER),
     errors.SecondaryReviewNotAllowedError, "No secondary review"),
    ("secondary review concluded before it was held", secondary_requested,
     lambda bo, ref: bo.cases.conclude_secondary_review(ref, concluded_on=D,
                                                        outcome=SecondaryReviewOutcome.ORIGINAL_REVIEW_UPHELD,
                                                        reason="r", actor=OFFICER),
     errors.SecondaryReviewNotAllowedError, "held before"),
    ("review closed during a secondary review", secondary_requested,
     lambda bo, ref: bo.cases.close_review(ref, closed_on=D, reason="r",
                                           open_recommendations_reason="Followed up.", actor=OFFICER),
     errors.SecondaryReviewNotAllowedError, "conclude it"),
    ("review closed before the outcome letter", cases.panel_held,
     lambda bo, ref: bo.cases.close_review(ref, closed_on=D, reason="r",
                                           open_recommendations_reason="Followed up.", actor=OFFICER),
     errors.OutOfOrderError, "Send the outcome letter"),
    ("a step after the review is closed", review_closed, request_secondary, errors.CaseClosedError,
     "was closed"),
    ("a step after the application was withdrawn", withdrawn,
     lambda bo, ref: bo.cases.acknowledge(ref, acknowledged_on=D, actor=OFFICER), errors.CaseClosedError,
     "withdrawn"),
]


@pytest.mark.parametrize(("set_up", "act", "error", "words"), [pytest.param(*r[1:], id=r[0]) for r in REFUSALS])
def test_refused_command_raises_a_named_error_and_writes_nothing(
    back_office: BackOffice, set_up: Callable[[BackOffice], str], act: Act, error: type[Exception], words: str,
):
    reference = set_up(back_office)
    before = back_office.event_count()
    history_before = back_office.cases.history(reference)

    with pytest.raises(error) as raised:
        act(back_office, reference)

    assert words.lower() in str(raised.value).lower()
    assert back_office.event_count() == before
    assert back_office.cases.history(reference) == history_before
