"""Recommendations followed to completion, without a database: a target date, accepted, declined with a reason,
progress and completion with a date, the overdue completion as a deadline, and closing with some still open."""

from __future__ import annotations

from datetime import date

from domain.case_review import CaseReview
from domain.deadlines import deadlines_for
from domain.errors import InvalidDetailsError, OpenRecommendationsError, OutOfOrderError
from domain.timescales import Deadline, Step, Timescales, WorkingCalendar
from domain.values import AgencyResponseKind, LetterChannel
from tests.domain.aggregates import assert_refused
from tests.domain.test_case_review_rules import (
    ACTOR,
    EASTER_RECEIVED,
    LETTER_DAY,
    PANEL_DAY,
    TODAY,
    decided_and_referred,
    panel_held,
)

TARGET = date(2026, 7, 10)
CALENDAR = WorkingCalendar(())


def with_recommendation(target_on: date | None = TARGET) -> CaseReview:
    review = panel_held()
    review.issue_recommendation(agency="Kent Police", text="Link the reports.", issued_on=PANEL_DAY,
                                response_due_on=date(2026, 6, 16), target_on=target_on, actor=ACTOR, today=TODAY)
    return review


def respond(review: CaseReview, kind: AgencyResponseKind, on: date, reason: str = "") -> None:
    review.record_agency_response(number=1, response=kind, responded_on=on, reason=reason, actor=ACTOR, today=TODAY)


def completion(review: CaseReview) -> list[Deadline]:
    application = decided_and_referred(EASTER_RECEIVED)
    return [d for d in deadlines_for(application, review, Timescales(), CALENDAR)
            if d.step is Step.RECOMMENDATION_COMPLETION]


def test_a_recommendation_keeps_its_target_date_and_is_open_until_completed() -> None:
    review = with_recommendation()
    [recommendation] = review.recommendations

    assert recommendation.target_on == TARGET
    assert recommendation.is_open
    respond(review, AgencyResponseKind.ACCEPTED, date(2026, 6, 1))
    assert recommendation.is_open
    respond(review, AgencyResponseKind.PROGRESS, date(2026, 6, 20), "Half the reports linked.")
    assert recommendation.is_open
    respond(review, AgencyResponseKind.COMPLETED, date(2026, 7, 8))
    assert not recommendation.is_open
    assert recommendation.completed_on == date(2026, 7, 8)
    assert recommendation.completed_on_time
    assert review.actions_completed_on == date(2026, 7, 8)


def test_a_target_before_the_recommendation_is_refused() -> None:
    review = panel_held()

    assert_refused(review, OutOfOrderError, lambda: review.issue_recommendation(
        agency="Kent Police", text="Link the reports.", issued_on=PANEL_DAY, response_due_on=date(2026, 6, 16),
        target_on=date(2026, 5, 1), actor=ACTOR, today=TODAY), "target date")


def test_a_declined_recommendation_needs_a_reason_and_then_is_no_longer_open() -> None:
    review = with_recommendation()

    assert_refused(review, InvalidDetailsError, lambda: respond(review, AgencyResponseKind.DECLINED,
                                                                date(2026, 6, 1)), "reason for declining")
    respond(review, AgencyResponseKind.DECLINED, date(2026, 6, 1), "No patrols to spare.")

    [recommendation] = review.recommendations
    assert not recommendation.is_open
    assert recommendation.declined_on == date(2026, 6, 1)
    assert review.actions_completed_on is None  # nothing was completed, so there is no "actions completed" letter


def test_progress_needs_what_was_done_and_none_is_reported_on_a_declined_recommendation() -> None:
    review = with_recommendation()
    assert_refused(review, InvalidDetailsError, lambda: respond(review, AgencyResponseKind.PROGRESS,
                                                                date(2026, 6, 1)), "progress")
    respond(review, AgencyResponseKind.DECLINED, date(2026, 6, 1), "No patrols to spare.")

    assert_refused(review, OutOfOrderError, lambda: respond(review, AgencyResponseKind.COMPLETED, date(2026, 6, 2)),
                   "declined recommendation 1")


def test_a_response_dated_before_the_last_one_is_refused() -> None:
    review = with_recommendation()
    respond(review, AgencyResponseKind.ACCEPTED, date(2026, 6, 10))

    assert_refused(review, OutOfOrderError, lambda: respond(review, AgencyResponseKind.COMPLETED,
                                                            date(2026, 6, 1)), "last response")


def test_completion_is_a_deadline_due_on_the_target_met_by_completion_and_overdue_after() -> None:
    review = with_recommendation()
    respond(review, AgencyResponseKind.ACCEPTED, date(2026, 6, 1))

    [due] = completion(review)
    assert (due.due_on, due.met_on, due.subject) == (TARGET, None, "recommendation 1 to Kent Police")
    assert due.is_overdue(date(2026, 7, 13))
    assert due.counts_as_missed(date(2026, 7, 13))

    respond(review, AgencyResponseKind.COMPLETED, date(2026, 7, 20))
    [met] = completion(review)
    assert met.met_on == date(2026, 7, 20)
    assert met.was_missed()
    assert not review.recommendations[0].completed_on_time


def test_a_recommendation_issued_before_targets_were_kept_has_no_completion_deadline() -> None:
    review = with_recommendation(target_on=None)

    assert completion(review) == []
    assert review.recommendations[0].is_open


def test_closing_with_recommendations_open_needs_a_reason_and_keeps_their_completion_deadlines() -> None:
    review = with_recommendation()
    review.send_outcome_letter(sent_on=LETTER_DAY, channel=LetterChannel.POST, actor=ACTOR, today=TODAY)

    assert_refused(review, OpenRecommendationsError, lambda: review.close(
        closed_on=date(2026, 7, 1), reason="Done.", actor=ACTOR, today=TODAY), "Recommendation 1 is not yet")
    review.close(closed_on=date(2026, 7, 1), reason="Done.", open_recommendations_reason="Kent Police is on it.",
                 actor=ACTOR, today=TODAY)

    [still_due] = completion(review)
    assert still_due.is_open()
    respond(review, AgencyResponseKind.COMPLETED, date(2026, 7, 8))  # followed up after closing
    assert review.recommendations[0].completed_on == date(2026, 7, 8)


def test_closing_with_every_recommendation_completed_or_declined_needs_no_such_reason() -> None:
    review = with_recommendation()
    respond(review, AgencyResponseKind.COMPLETED, date(2026, 5, 25))
    review.send_outcome_letter(sent_on=LETTER_DAY, channel=LetterChannel.POST, actor=ACTOR, today=TODAY)

    review.close(closed_on=date(2026, 7, 1), reason="Done.", actor=ACTOR, today=TODAY)

    assert review.closed_on == date(2026, 7, 1)
