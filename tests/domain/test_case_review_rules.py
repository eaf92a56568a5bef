"""Rules of the CaseReview aggregate, and the deadlines of a case, tested without persistence.

Every refusal must raise the named error from domain.errors, say what to do, and record nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from domain.application import Application
from domain.case_review import CaseReview
from domain.deadlines import deadlines_for
from domain.errors import (
    AlreadyRecordedError,
    CaseClosedError,
    FutureDateError,
    InvalidDetailsError,
    MissingAgencyError,
    OutOfOrderError,
    PanelNotHeldError,
    SecondaryReviewNotAllowedError,
    UnknownItemError,
)
from domain.personal import Narrative, Person
from domain.stage import Stage
from domain.threshold import ThresholdPolicy, assess
from domain.timescales import Deadline, Step, Timescales, WorkingCalendar
from domain.values import (
    AgencyResponseKind,
    Applicant,
    Channel,
    ConsentKind,
    Incident,
    LetterChannel,
    Problem,
    ReviewRoute,
    SecondaryReviewOutcome,
)
from domain.victims import MeetingFormat
from infrastructure.calendar import england_and_wales
from tests.domain.aggregates import assert_refused, event_names

TODAY = date(2026, 7, 31)
OPENED = date(2026, 4, 21)
PANEL_DAY = date(2026, 5, 19)
LETTER_DAY = date(2026, 5, 29)
ACTOR = "officer.jones"
REFERENCE = "CT-2026-0001"


# --------------------------------------------------------------------------------- helpers
def opened() -> CaseReview:
    return CaseReview.open(reference=REFERENCE, application_id=Application.create_id(REFERENCE),
                           opened_on=OPENED, route=ReviewRoute.THRESHOLD_MET, actor=ACTOR,
                           today=TODAY)


def scheduled() -> CaseReview:
    review = opened()
    review.schedule_panel(panel_date=PANEL_DAY, chair="Pat Quinn", independent_chair=True,
                          members=("Kent Police", "Dartford Borough Council"), actor=ACTOR,
                          today=TODAY, scheduled_on=date(2026, 4, 22))
    return review


def victim_not_invited(review: CaseReview) -> CaseReview:
    """The reason the victim is not invited, which the panel needs unless the victim is invited."""
    review.decide_not_to_invite_victim(decided_on=review.opened_on, reason="She chose to be kept informed.",
                                       actor=ACTOR, today=TODAY)
    return review


def hold_panel(review: CaseReview, held_on: date = PANEL_DAY) -> None:
    review.hold_panel(held_on=held_on, attendees=("Kent Police", "Dartford Borough Council"),
                      victim_attended=True, findings=Narrative("p-1", "Reports were not linked."),
                      actor=ACTOR, today=TODAY)


def panel_held() -> CaseReview:
    review = victim_not_invited(scheduled())
    hold_panel(review)
    return review


def issue(review: CaseReview, agency: str = "Kent Police", issued_on: date = PANEL_DAY,
          text: str = "Link the reports under one case number.") -> int:
    return review.issue_recommendation(agency=agency, text=text, issued_on=issued_on,
                                       response_due_on=date(2026, 6, 16), actor=ACTOR, today=TODAY)


def outcome_letter_sent() -> CaseReview:
    review = panel_held()
    issue(review)
    review.send_outcome_letter(sent_on=LETTER_DAY, channel=LetterChannel.EMAIL, actor=ACTOR,
                               today=TODAY)
    return review


def request_secondary(review: CaseReview) -> None:
    review.request_secondary_review(requested_on=date(2026, 6, 10),
                                    grounds=Narrative("p-1", "The recommendations miss the noise."),
                                    actor=ACTOR, today=TODAY)


def closed() -> CaseReview:
    review = outcome_letter_sent()
    review.close(closed_on=date(2026, 7, 1), reason="Actions complete.",
                 open_recommendations_reason="Followed up.", actor=ACTOR, today=TODAY)
    return review


# ---------------------------------------------------------------------------------- opening
def test_opening_a_review_records_opened_by_the_officer() -> None:
    # Arrange / Act
    review = opened()

    # Assert
    assert event_names(review) == ["Opened"]
    assert review.pending_events[0].actor == ACTOR
    assert review.stage is Stage.REVIEW_OPENED
    assert review.id == CaseReview.create_id(REFERENCE.lower())


def test_a_review_cannot_be_opened_on_a_future_date() -> None:
    # Arrange / Act / Assert
    expected = "The date the review was opened (1 August 2026) is in the future"
    with pytest.raises(FutureDateError, match=re.escape(expected)):
        CaseReview.open(reference=REFERENCE, application_id=Application.create_id(REFERENCE),
                        opened_on=date(2026, 8, 1), route=ReviewRoute.THRESHOLD_MET, actor=ACTOR,
                        today=TODAY)


def test_a_step_cannot_be_dated_before_the_review_was_opened() -> None:
    # Arrange
    review = opened()

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: review.request_agency_information(agency="Kent Police", requested_on=date(2026, 4, 20),
                                                  due_on=date(2026, 5, 5), actor=ACTOR, today=TODAY),
        "is before the date the review was opened (21 April 2026)",
    )


# ----------------------------------------------------------------------- agency information
@pytest.mark.parametrize("agency", ["", "  "])
def test_agency_information_must_name_the_agency(agency: str) -> None:
    # Arrange
    review = opened()

    # Act / Assert
    assert_refused(
        review,
        MissingAgencyError,
        lambda: review.request_agency_information(agency=agency, requested_on=OPENED,
                                                  due_on=date(2026, 5, 5), actor=ACTOR, today=TODAY),
        "Enter the agency you are asking for information",
    )


def test_agency_information_cannot_be_requested_twice_from_the_same_agency() -> None:
    # Arrange
    review = opened()
    review.request_agency_information(agency="Kent Police", requested_on=OPENED,
                                      due_on=date(2026, 5, 5), actor=ACTOR, today=TODAY)

    # Act / Assert
    assert_refused(
        review,
        AlreadyRecordedError,
        lambda: review.request_agency_information(agency=" Kent Police ", requested_on=OPENED,
                                                  due_on=date(2026, 5, 5), actor=ACTOR, today=TODAY),
        "already requested from",
    )


def test_agency_information_that_was_not_requested_cannot_be_received() -> None:
    # Arrange
    review = opened()
    review.request_agency_information(agency="Kent Police", requested_on=OPENED,
                                      due_on=date(2026, 5, 5), actor=ACTOR, today=TODAY)

    # Act / Assert
    assert_refused(
        review,
        UnknownItemError,
        lambda: review.record_agency_information(agency="Orbit Housing", received_on=date(2026, 5, 1),
                                                 summary=Narrative("p-1", "Logs."), actor=ACTOR,
                                                 today=TODAY),
        "No information was requested from Orbit Housing; requests went to Kent Police.",
    )


# ---------------------------------------------------------------------------------- panel
def test_panel_cannot_be_held_before_it_is_scheduled() -> None:
    # Arrange
    review = opened()

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: hold_panel(review),
        f"Schedule the panel for {REFERENCE} before recording that it was held.",
    )
    assert review.panel_held_on is None


def test_panel_cannot_be_held_on_a_date_before_it_was_scheduled() -> None:
    """The panel was scheduled on 22 April 2026; it cannot have been held on 21 April.

    Bug check: every other step refuses a date before the step it follows (outcome letter before the
    panel, secondary review before its request), but ``hold_panel`` only checks the opening date.
    """
    # Arrange
    review = victim_not_invited(scheduled())

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: hold_panel(review, held_on=date(2026, 4, 21)),
        "21 April 2026",
        "22 April 2026",
    )


def test_panel_cannot_be_held_twice() -> None:
    # Arrange
    review = panel_held()

    # Act / Assert
    assert_refused(
        review,
        AlreadyRecordedError,
        lambda: hold_panel(review, held_on=date(2026, 5, 20)),
        "The panel was already held on 19 May 2026.",
    )


def test_panel_needs_its_attendees() -> None:
    # Arrange
    review = victim_not_invited(scheduled())

    # Act / Assert
    assert_refused(
        review,
        InvalidDetailsError,
        lambda: review.hold_panel(held_on=PANEL_DAY, attendees=(), victim_attended=False,
                                  findings=Narrative("p-1", "Findings."), actor=ACTOR, today=TODAY),
        "Enter who attended the panel.",
    )


def test_panel_needs_its_findings() -> None:
    # Arrange
    review = victim_not_invited(scheduled())

    # Act / Assert
    assert_refused(
        review,
        InvalidDetailsError,
        lambda: review.hold_panel(held_on=PANEL_DAY, attendees=("Kent Police",), victim_attended=False,
                                  findings=Narrative("p-1", " "), actor=ACTOR, today=TODAY),
        "Enter the panel's findings.",
    )


def test_the_victim_cannot_be_invited_before_the_panel_is_scheduled() -> None:
    # Arrange
    review = opened()

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: review.invite_victim(invited_on=date(2026, 4, 22), method="letter", format=MeetingFormat.VIRTUAL,
                                     actor=ACTOR,
                                     today=TODAY),
        "Schedule the panel first, so the invitation can give its date.",
    )


def test_agency_information_cannot_be_requested_after_the_panel() -> None:
    # Arrange
    review = panel_held()

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: review.request_agency_information(agency="Orbit Housing", requested_on=PANEL_DAY,
                                                  due_on=date(2026, 6, 2), actor=ACTOR, today=TODAY),
        "information is requested before it",
    )


# ------------------------------------------------------------------------ recommendations
def test_a_recommendation_cannot_be_issued_before_the_panel_is_held() -> None:
    # Arrange
    review = scheduled()

    # Act / Assert
    assert_refused(
        review,
        PanelNotHeldError,
        lambda: issue(review, issued_on=date(2026, 5, 1)),
        "Issuing a recommendation can only happen after the review panel has been held",
        f"record the panel for {REFERENCE} first",
    )
    assert review.recommendations == []


@pytest.mark.parametrize("agency", ["", "   "])
def test_a_recommendation_must_name_the_agency(agency: str) -> None:
    # Arrange
    review = panel_held()

    # Act / Assert
    assert_refused(
        review,
        MissingAgencyError,
        lambda: issue(review, agency=agency),
        "Enter the agency the recommendation is addressed to.",
    )


def test_a_recommendation_must_say_what_to_do() -> None:
    # Arrange
    review = panel_held()

    # Act / Assert
    assert_refused(
        review,
        InvalidDetailsError,
        lambda: issue(review, text=""),
        "Enter what the agency is recommended to do.",
    )


def test_a_recommendation_cannot_be_dated_before_the_panel_that_made_it() -> None:
    """The panel was held on 19 May 2026; its recommendation cannot be issued on 1 May.

    Bug check: ``issue_recommendation`` checks that the panel was held but not that the
    recommendation is dated on or after it (``send_outcome_letter`` does check its date).
    """
    # Arrange
    review = panel_held()

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: issue(review, issued_on=date(2026, 5, 1)),
        "1 May 2026",
        "19 May 2026",
    )


def test_after_the_outcome_letter_recommendations_come_from_a_secondary_review() -> None:
    # Arrange
    review = outcome_letter_sent()

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: issue(review, issued_on=date(2026, 6, 1)),
        "further recommendations come from a secondary review",
    )


def test_an_agency_declining_a_recommendation_must_give_its_reason() -> None:
    # Arrange
    review = panel_held()
    number = issue(review)

    # Act / Assert
    assert_refused(
        review,
        InvalidDetailsError,
        lambda: review.record_agency_response(number=number, response=AgencyResponseKind.DECLINED,
                                              responded_on=date(2026, 6, 1), reason="", actor=ACTOR,
                                              today=TODAY),
        "the agency's reason for declining",
    )


def test_a_response_to_an_unknown_recommendation_is_refused() -> None:
    # Arrange
    review = panel_held()
    issue(review)

    # Act / Assert
    assert_refused(
        review,
        UnknownItemError,
        lambda: review.record_agency_response(number=2, response=AgencyResponseKind.ACCEPTED,
                                              responded_on=date(2026, 6, 1), reason="", actor=ACTOR,
                                              today=TODAY),
        f"{REFERENCE} has no recommendation 2; it has 1.",
    )


# -------------------------------------------------------------------------- outcome letter
def test_the_outcome_letter_cannot_be_sent_before_the_panel_is_held() -> None:
    # Arrange
    review = scheduled()

    # Act / Assert
    assert_refused(
        review,
        PanelNotHeldError,
        lambda: review.send_outcome_letter(sent_on=date(2026, 5, 1), channel=LetterChannel.POST,
                                           actor=ACTOR, today=TODAY),
        "Sending the outcome letter can only happen after the review panel has been held",
    )
    assert review.outcome_letter_sent_on is None


def test_the_outcome_letter_cannot_be_dated_before_the_panel() -> None:
    # Arrange
    review = panel_held()

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: review.send_outcome_letter(sent_on=date(2026, 5, 18), channel=LetterChannel.POST,
                                           actor=ACTOR, today=TODAY),
        "The letter date (18 May 2026) is before the panel (19 May 2026)",
    )


def test_the_outcome_letter_cannot_be_sent_twice() -> None:
    # Arrange
    review = outcome_letter_sent()

    # Act / Assert
    assert_refused(
        review,
        AlreadyRecordedError,
        lambda: review.send_outcome_letter(sent_on=date(2026, 6, 1), channel=LetterChannel.POST,
                                           actor=ACTOR, today=TODAY),
        "The outcome letter was already sent on 29 May 2026.",
    )


def test_a_delay_notice_cannot_promise_a_date_before_it_was_sent() -> None:
    # Arrange
    review = panel_held()

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: review.send_delay_notice(sent_on=date(2026, 5, 20), reason="Police records late.",
                                         expected_by=date(2026, 5, 19), actor=ACTOR, today=TODAY),
        "The expected date (19 May 2026) is before the delay letter (20 May 2026)",
    )


# ------------------------------------------------------------------------ secondary review
def test_a_secondary_review_cannot_be_requested_before_the_outcome_letter() -> None:
    # Arrange
    review = panel_held()

    # Act / Assert
    assert_refused(
        review,
        SecondaryReviewNotAllowedError,
        lambda: request_secondary(review),
        "send the outcome letter first",
    )
    assert review.secondary_requested_on is None


def test_a_secondary_review_cannot_be_held_unless_requested() -> None:
    # Arrange
    review = outcome_letter_sent()

    # Act / Assert
    assert_refused(
        review,
        SecondaryReviewNotAllowedError,
        lambda: review.hold_secondary_review(held_on=date(2026, 6, 20), panel=("OPCC",), chair="Chair",
                                             actor=ACTOR, today=TODAY),
        "No secondary review has been requested.",
    )


def test_a_secondary_review_cannot_conclude_before_it_is_held() -> None:
    # Arrange
    review = outcome_letter_sent()
    request_secondary(review)

    # Act / Assert
    assert_refused(
        review,
        SecondaryReviewNotAllowedError,
        lambda: review.conclude_secondary_review(
            concluded_on=date(2026, 6, 30), outcome=SecondaryReviewOutcome.ORIGINAL_REVIEW_UPHELD,
            reason="The review was sound.", actor=ACTOR, today=TODAY),
        "Record that the secondary review was held before its conclusion.",
    )


def test_a_review_cannot_be_closed_while_a_secondary_review_is_under_way() -> None:
    # Arrange
    review = outcome_letter_sent()
    request_secondary(review)

    # Act / Assert
    assert_refused(
        review,
        SecondaryReviewNotAllowedError,
        lambda: review.close(closed_on=date(2026, 7, 1), reason="Done.",
                             open_recommendations_reason="Followed up.", actor=ACTOR, today=TODAY),
        "A secondary review is under way; conclude it before closing the case.",
    )
    assert review.closed_on is None


def test_a_review_cannot_be_closed_before_the_outcome_letter() -> None:
    # Arrange
    review = panel_held()

    # Act / Assert
    assert_refused(
        review,
        OutOfOrderError,
        lambda: review.close(closed_on=date(2026, 7, 1), reason="Done.",
                             open_recommendations_reason="Followed up.", actor=ACTOR, today=TODAY),
        "Send the outcome letter before closing",
        "(s.104)",
    )


# ---------------------------------------------------------------------------------- closure
STEPS_AFTER_CLOSURE: dict[str, Callable[[CaseReview], object]] = {
    "request information": lambda r: r.request_agency_information(
        agency="Orbit Housing", requested_on=date(2026, 7, 2), due_on=date(2026, 7, 16),
        actor=ACTOR, today=TODAY),
    "issue a recommendation": lambda r: issue(r, issued_on=date(2026, 7, 2)),
    "send a delay notice": lambda r: r.send_delay_notice(
        sent_on=date(2026, 7, 2), reason="Late.", expected_by=date(2026, 7, 9), actor=ACTOR,
        today=TODAY),
    "request a secondary review": lambda r: request_secondary(r),
    "close again": lambda r: r.close(closed_on=date(2026, 7, 2), reason="Again.",
                                     open_recommendations_reason="Followed up.", actor=ACTOR,
                                     today=TODAY),
    "end on withdrawal": lambda r: r.end_on_withdrawal(withdrawn_on=date(2026, 7, 2),
                                                       reason="Moved away.", actor=ACTOR, today=TODAY),
}


@pytest.mark.parametrize("step", STEPS_AFTER_CLOSURE)
def test_no_step_can_be_recorded_after_the_review_is_closed(step: str) -> None:
    # Arrange
    review = closed()

    # Act / Assert
    assert_refused(
        review,
        CaseClosedError,
        lambda: STEPS_AFTER_CLOSURE[step](review),
        f"The case review for {REFERENCE} was closed on 1 July 2026",
        "no further steps can be recorded",
    )


def test_an_agency_response_is_still_recorded_after_the_review_closes() -> None:
    """Recommendations are followed up after closure, so their responses are still recorded."""
    # Arrange
    review = closed()

    # Act
    review.record_agency_response(number=1, response=AgencyResponseKind.COMPLETED,
                                  responded_on=date(2026, 7, 20), reason="", actor=ACTOR, today=TODAY)

    # Assert
    assert event_names(review)[-2:] == ["Closed", "AgencyResponded"]
    assert review.recommendations[0].latest_response is AgencyResponseKind.COMPLETED


def test_a_completed_recommendation_takes_no_further_response() -> None:
    # Arrange
    review = closed()
    review.record_agency_response(number=1, response=AgencyResponseKind.COMPLETED,
                                  responded_on=date(2026, 7, 20), reason="", actor=ACTOR, today=TODAY)

    # Act / Assert
    assert_refused(
        review,
        AlreadyRecordedError,
        lambda: review.record_agency_response(number=1, response=AgencyResponseKind.ACCEPTED,
                                              responded_on=date(2026, 7, 21), reason="", actor=ACTOR,
                                              today=TODAY),
        "Recommendation 1 is already completed.",
    )


# ------------------------------------------------------------------------------ happy path
def test_the_event_classes_have_the_names_the_projections_rely_on() -> None:
    # Arrange / Act / Assert
    assert CaseReview.PanelHeld.__qualname__ == "CaseReview.PanelHeld"
    assert CaseReview.RecommendationIssued.__qualname__ == "CaseReview.RecommendationIssued"
    assert CaseReview.SecondaryReviewRequested.__qualname__ == "CaseReview.SecondaryReviewRequested"


def test_a_review_with_a_secondary_review_records_every_step_with_its_actor() -> None:
    # Arrange
    review = opened()

    # Act
    review.request_agency_information(agency="Kent Police", requested_on=OPENED,
                                      due_on=date(2026, 5, 5), actor="officer.a", today=TODAY)
    review.record_agency_information(agency="Kent Police", received_on=date(2026, 5, 1),
                                     summary=Narrative("p-1", "Six logs."), actor="officer.b",
                                     today=TODAY)
    review.schedule_panel(panel_date=PANEL_DAY, chair="Pat Quinn", independent_chair=True,
                          members=("Kent Police",), actor=ACTOR, today=TODAY,
                          scheduled_on=date(2026, 4, 22))
    review.invite_victim(invited_on=date(2026, 4, 23), method="letter", format=MeetingFormat.IN_PERSON, actor=ACTOR,
                         today=TODAY)
    hold_panel(review)
    first = issue(review)
    review.record_agency_response(number=first, response=AgencyResponseKind.ACCEPTED,
                                  responded_on=date(2026, 5, 26), reason="", actor=ACTOR, today=TODAY)
    review.send_outcome_letter(sent_on=LETTER_DAY, channel=LetterChannel.EMAIL, actor=ACTOR,
                               today=TODAY)
    request_secondary(review)
    review.hold_secondary_review(held_on=date(2026, 6, 24), panel=("OPCC", "Housing"),
                                 chair="OPCC lead", actor=ACTOR, today=TODAY)
    second = issue(review, agency="Dartford Borough Council", issued_on=date(2026, 6, 24),
                   text="Install noise monitoring.")
    review.conclude_secondary_review(concluded_on=date(2026, 6, 30),
                                     outcome=SecondaryReviewOutcome.FURTHER_RECOMMENDATIONS,
                                     reason="A further recommendation.", actor=ACTOR, today=TODAY)
    review.close(closed_on=date(2026, 7, 1), reason="Actions under way.",
                 open_recommendations_reason="Followed up.", actor=ACTOR, today=TODAY)

    # Assert
    assert event_names(review) == [
        "Opened", "AgencyInformationRequested", "AgencyInformationReceived", "PanelScheduled",
        "VictimInvited", "PanelHeld", "RecommendationIssued", "AgencyResponded", "OutcomeLetterSent",
        "SecondaryReviewRequested", "SecondaryReviewHeld", "RecommendationIssued",
        "SecondaryReviewConcluded", "Closed",
    ]
    assert all(isinstance(e.actor, str) and e.actor.strip() for e in review.pending_events)
    assert isinstance(review.pending_events[5], CaseReview.PanelHeld)
    assert isinstance(review.pending_events[9], CaseReview.SecondaryReviewRequested)
    issued = [e for e in review.pending_events if isinstance(e, CaseReview.RecommendationIssued)]
    assert [(e.number, e.agency) for e in issued] == [(1, "Kent Police"), (2, "Dartford Borough Council")]
    assert (first, second) == (1, 2)
    assert review.stage is Stage.CLOSED


# ------------------------------------------------------------------------------- deadlines
@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return england_and_wales()


def application_received_on(received_on: date) -> Application:
    application = Application.receive(
        reference=REFERENCE, channel=Channel.ONLINE, received_on=received_on,
        applicant=Applicant(person=Person(subject="p-1", name="Sam Taylor")),
        problem=Problem(kind="noise", location="Elm Road, Dartford"), actor=ACTOR, today=TODAY,
    )
    application.acknowledge(acknowledged_on=date(2026, 4, 2), actor=ACTOR, today=TODAY)
    application.give_consent(kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=date(2026, 4, 2),
                             given_by=Narrative("subject-sam", "Sam Taylor"), actor=ACTOR, today=TODAY)
    return application


def decided_and_referred(received_on: date) -> Application:
    application = application_received_on(received_on)
    incidents = [Incident(n, date(2026, 3, n), date(2026, 3, n), "Kent Police") for n in (2, 9, 16)]
    application.decide_threshold_met(assessment=assess(POLICY, incidents, received_on),
                                     policy=POLICY, decided_on=date(2026, 4, 16), actor=ACTOR,
                                     today=TODAY, unverified_reason="Decided on the incidents as logged.")
    application.send_decision_letter(sent_on=date(2026, 4, 20), channel=LetterChannel.POST,
                                     actor=ACTOR, today=TODAY)
    application.mark_review_opened(opened_on=OPENED, actor=ACTOR)
    return application


def summary(deadlines: list[Deadline]) -> list[tuple[Step, str, date, date | None]]:
    return [(d.step, d.subject, d.due_on, d.met_on) for d in deadlines]


POLICY = ThresholdPolicy()
EASTER_RECEIVED = date(2026, 4, 1)  # Good Friday 3 April, Easter Monday 6 April 2026


def test_deadlines_before_the_decision_are_counted_in_working_days_across_easter(calendar: WorkingCalendar) -> None:
    # Arrange
    application = application_received_on(EASTER_RECEIVED)

    # Act
    deadlines = deadlines_for(application, None, Timescales(), calendar)

    # Assert
    assert summary(deadlines) == [
        (Step.ACKNOWLEDGE, "", date(2026, 4, 10), date(2026, 4, 2)),
        (Step.THRESHOLD_DECISION, "", date(2026, 4, 17), None),
        (Step.RELEVANT_BODIES, "", date(2026, 4, 7), None),  # 2 working days over Good Friday and Easter Monday
    ]
    acknowledge, decision, _ = deadlines
    assert not acknowledge.is_overdue(date(2026, 4, 20))
    assert not acknowledge.was_missed()
    assert not decision.is_overdue(date(2026, 4, 17))
    assert decision.is_overdue(date(2026, 4, 20))


def test_a_not_met_decision_opens_an_appeal_window_of_twenty_working_days(calendar: WorkingCalendar) -> None:
    # Arrange
    application = application_received_on(EASTER_RECEIVED)
    application.decide_threshold_not_met(
        assessment=assess(POLICY, [], EASTER_RECEIVED), policy=POLICY, decided_on=date(2026, 4, 16),
        reason="No reports.", alternative_action="Mediation.", actor=ACTOR, today=TODAY,
        unverified_reason="Decided on the incidents as logged.")
    application.send_decision_letter(sent_on=date(2026, 4, 17), channel=LetterChannel.POST,
                                     actor=ACTOR, today=TODAY)

    # Act
    deadlines = deadlines_for(application, None, Timescales(), calendar)

    # Assert: the Early May bank holiday (4 May 2026) is skipped
    assert summary(deadlines)[1:] == [
        (Step.THRESHOLD_DECISION, "", date(2026, 4, 17), date(2026, 4, 17)),
        (Step.APPEAL_WINDOW, "", date(2026, 5, 18), None),
    ]
    assert not deadlines[1].was_missed()
    assert deadlines[2].is_overdue(date(2026, 5, 19))


def test_open_deadlines_are_dropped_when_the_application_is_withdrawn(calendar: WorkingCalendar) -> None:
    # Arrange
    application = application_received_on(EASTER_RECEIVED)
    application.withdraw(withdrawn_on=date(2026, 4, 8), reason="Neighbour moved.", actor=ACTOR,
                         today=TODAY)

    # Act
    deadlines = deadlines_for(application, None, Timescales(), calendar)

    # Assert
    assert [d.step for d in deadlines] == [Step.ACKNOWLEDGE]


def test_a_review_adds_agency_panel_outcome_and_recommendation_deadlines(calendar: WorkingCalendar) -> None:
    # Arrange
    application = decided_and_referred(EASTER_RECEIVED)
    review = opened()
    review.request_agency_information(agency="Kent Police", requested_on=OPENED,
                                      due_on=date(2026, 5, 5), actor=ACTOR, today=TODAY)
    review.request_agency_information(agency="Orbit Housing", requested_on=OPENED,
                                      due_on=date(2026, 5, 5), actor=ACTOR, today=TODAY)
    review.record_agency_information(agency="Kent Police", received_on=date(2026, 5, 1),
                                     summary=Narrative("p-1", "Logs."), actor=ACTOR, today=TODAY)
    review.schedule_panel(panel_date=PANEL_DAY, chair="Pat Quinn", independent_chair=False,
                          members=("Kent Police",), actor=ACTOR, today=TODAY,
                          scheduled_on=date(2026, 4, 22))
    victim_not_invited(review)
    hold_panel(review)
    issue(review)
    timescales = Timescales()

    # Act
    deadlines = deadlines_for(application, review, timescales, calendar)

    # Assert: Spring bank holiday 25 May 2026 is skipped for the outcome letter
    assert summary(deadlines) == [
        (Step.ACKNOWLEDGE, "", date(2026, 4, 10), date(2026, 4, 2)),
        (Step.THRESHOLD_DECISION, "", date(2026, 4, 17), date(2026, 4, 20)),
        (Step.AGENCY_INFORMATION, "Kent Police", date(2026, 5, 5), date(2026, 5, 1)),
        (Step.AGENCY_INFORMATION, "Orbit Housing", date(2026, 5, 5), None),
        (Step.PANEL, "", date(2026, 5, 20), PANEL_DAY),
        (Step.OUTCOME_LETTER, "", date(2026, 7, 1), None),
        (Step.RECOMMENDATION_RESPONSE, "recommendation 1 to Kent Police", date(2026, 6, 16), None),
    ]
    by_label = {d.label: d for d in deadlines}
    assert by_label["Decide the threshold and tell the applicant"].was_missed()
    assert by_label["Agency information due (Orbit Housing)"].is_overdue(date(2026, 5, 6))
    assert not by_label["Hold the review panel"].was_missed()
    assert not by_label["Send the findings and recommendations (outcome letter)"].is_overdue(
        date(2026, 7, 1))
    assert by_label["Agency response to recommendation due (recommendation 1 to Kent Police)"].is_overdue(
        date(2026, 6, 17))


def test_closing_a_review_drops_open_deadlines_but_keeps_recommendation_responses(
    calendar: WorkingCalendar,
) -> None:
    # Arrange: Orbit Housing never sent its information; Kent Police has not yet responded
    application = decided_and_referred(EASTER_RECEIVED)
    review = scheduled()
    review.request_agency_information(agency="Orbit Housing", requested_on=date(2026, 4, 22),
                                      due_on=date(2026, 5, 6), actor=ACTOR, today=TODAY)
    victim_not_invited(review)
    hold_panel(review)
    issue(review)
    review.send_outcome_letter(sent_on=LETTER_DAY, channel=LetterChannel.EMAIL, actor=ACTOR,
                               today=TODAY)
    before_closure = deadlines_for(application, review, Timescales(), calendar)
    review.close(closed_on=date(2026, 7, 1), reason="Actions under way.",
                 open_recommendations_reason="Followed up.", actor=ACTOR, today=TODAY)

    # Act
    deadlines = deadlines_for(application, review, Timescales(), calendar)

    # Assert
    assert Step.AGENCY_INFORMATION in [d.step for d in before_closure]
    assert [d.step for d in deadlines] == [
        Step.ACKNOWLEDGE, Step.THRESHOLD_DECISION, Step.PANEL, Step.OUTCOME_LETTER,
        Step.RECOMMENDATION_RESPONSE,
    ]
    assert [d.is_open() for d in deadlines] == [False, False, False, False, True]


def test_a_secondary_review_has_a_deadline_of_twenty_working_days(calendar: WorkingCalendar) -> None:
    # Arrange
    application = decided_and_referred(EASTER_RECEIVED)
    review = outcome_letter_sent()
    request_secondary(review)

    # Act
    deadlines = deadlines_for(application, review, Timescales(secondary_review=20), calendar)

    # Assert
    secondary = next(d for d in deadlines if d.step is Step.SECONDARY_REVIEW)
    assert (secondary.starts_on, secondary.due_on, secondary.met_on) == (
        date(2026, 6, 10), date(2026, 7, 8), None)
