"""Every step of a case that has a target, with its due date in working days and when it was met."""

from __future__ import annotations

from datetime import date

from domain.application import Application, ThresholdDecision
from domain.case_review import CaseReview, Recommendation
from domain.timescales import Deadline, Step, Timescales, WorkingCalendar, due_on


def appeal_window_closes_on(
    application: Application, timescales: Timescales, calendar: WorkingCalendar
) -> date | None:
    """The last day the applicant may appeal without giving a reason for lateness: the appeal window's
    working days after the decision letter was sent (None before it is sent)."""
    sent = application.decision_letter_sent_on
    return due_on(Step.APPEAL_WINDOW, sent, timescales, calendar) if sent else None


def challenge_window_closes_on(
    application: Application, timescales: Timescales, calendar: WorkingCalendar
) -> date | None:
    """The last day the applicant may challenge a rejection without a reason for lateness: the route's window
    (``[routes.decision]``) counted from the rejection letter (None before it is sent)."""
    sent = application.rejection_letter_sent_on
    return due_on(Step.CHALLENGE_WINDOW, sent, timescales, calendar) if sent else None


def secondary_review_window_closes_on(
    review: CaseReview, timescales: Timescales, calendar: WorkingCalendar
) -> date | None:
    """The last day the applicant may ask for a secondary review without a reason for lateness: the route's window
    (``[routes.review]``) counted from the outcome letter (None before it is sent)."""
    sent = review.outcome_letter_sent_on
    return due_on(Step.SECONDARY_REVIEW_WINDOW, sent, timescales, calendar) if sent else None


def deadlines_for(
    application: Application,
    review: CaseReview | None,
    timescales: Timescales,
    calendar: WorkingCalendar,
) -> list[Deadline]:
    def due(step: Step, start: date) -> date:
        return due_on(step, start, timescales, calendar)

    received = application.received_on
    ended_early = application.ended is not None and application.ended.is_early
    found = [
        Deadline(Step.ACKNOWLEDGE, "", received, due(Step.ACKNOWLEDGE, received),
                 application.acknowledged_on),
        Deadline(Step.THRESHOLD_DECISION, "", received, due(Step.THRESHOLD_DECISION, received),
                 application.decision_letter_sent_on),
    ]
    found += relevant_bodies_deadlines(application, timescales, calendar)
    sent = application.decision_letter_sent_on
    if application.decision is ThresholdDecision.NOT_MET and sent:
        found.append(Deadline(Step.APPEAL_WINDOW, "", sent, due(Step.APPEAL_WINDOW, sent),
                              application.appeal_lodged_on or application.ended_on))
    if application.appeal_lodged_on:
        lodged = application.appeal_lodged_on
        found.append(Deadline(Step.APPEAL_DECISION, "", lodged, due(Step.APPEAL_DECISION, lodged),
                              application.appeal_decided_on))
    found += verification_deadlines(application)
    if ended_early:
        found = [d for d in found if not d.is_open()]
    found += challenge_deadlines(application, timescales, calendar)
    if review is None:
        return found
    for request in review.agency_requests.values():
        found.append(Deadline(Step.AGENCY_INFORMATION, request.agency, request.requested_on,
                              request.due_on, request.received_on))
    found.append(Deadline(Step.PANEL, "", review.opened_on, due(Step.PANEL, review.opened_on),
                          review.panel_held_on))
    if review.panel_held_on:
        found.append(Deadline(Step.OUTCOME_LETTER, "", review.panel_held_on,
                              due(Step.OUTCOME_LETTER, review.panel_held_on),
                              review.outcome_letter_sent_on))
    for rec in review.recommendations:
        first_response = rec.responses[0][1] if rec.responses else None
        found.append(Deadline(Step.RECOMMENDATION_RESPONSE, response_subject(rec.number, rec.agency), rec.issued_on,
                              rec.response_due_on, first_response))
        found += completion_deadlines(rec)
    if review.outcome_letter_sent_on:
        sent = review.outcome_letter_sent_on
        found.append(Deadline(Step.SECONDARY_REVIEW_WINDOW, "", sent, due(Step.SECONDARY_REVIEW_WINDOW, sent),
                              review.secondary_requested_on))
    if review.secondary_requested_on:
        start = review.secondary_requested_on
        found.append(Deadline(Step.SECONDARY_REVIEW, "", start, due(Step.SECONDARY_REVIEW, start),
                              review.secondary_concluded_on))
    if review.closed_on:
        found = [d for d in found
                 if not d.is_open() or d.step in FOLLOWED_AFTER_CLOSING]
    return found


def relevant_bodies_deadlines(
    application: Application, timescales: Timescales, calendar: WorkingCalendar
) -> list[Deadline]:
    """Passing the application on to all the relevant bodies (s.104(3)(b)), due in the profile's working days from
    receipt, met the day it was passed on. Once the threshold is decided the bodies have decided it, so an
    application decided without the step recorded (a case from before it was kept) shows none."""
    received = application.received_on
    due = due_on(Step.RELEVANT_BODIES, received, timescales, calendar)
    deadline = Deadline(Step.RELEVANT_BODIES, "", received, due, application.passed_to_bodies_on)
    return [deadline] if application.decision is None or not deadline.is_open() else []


def challenge_deadlines(
    application: Application, timescales: Timescales, calendar: WorkingCalendar
) -> list[Deadline]:
    """The applicant's window to challenge a rejection (from the rejection letter), and the body's decision on
    the challenge (from the day it was lodged)."""
    found = []
    sent, lodged = application.rejection_letter_sent_on, application.challenge_lodged_on
    if sent:
        closes = due_on(Step.CHALLENGE_WINDOW, sent, timescales, calendar)
        found.append(Deadline(Step.CHALLENGE_WINDOW, "", sent, closes, lodged))
    if lodged:
        found.append(Deadline(Step.CHALLENGE_DECISION, "", lodged,
                              due_on(Step.CHALLENGE_DECISION, lodged, timescales, calendar),
                              application.challenge_decided_on))
    return found


# Recommendations are followed up after the review closes: the agency must still have regard to them.
FOLLOWED_AFTER_CLOSING = (Step.RECOMMENDATION_RESPONSE, Step.RECOMMENDATION_COMPLETION)


def completion_deadlines(rec: Recommendation) -> list[Deadline]:
    """The recommendation's actions, due by its target date, met when the agency completed them (or declined the
    recommendation, which ends what it owes). One issued before targets were kept has none."""
    if rec.target_on is None:
        return []
    return [Deadline(Step.RECOMMENDATION_COMPLETION, response_subject(rec.number, rec.agency), rec.issued_on,
                     rec.target_on, rec.completed_on or rec.declined_on)]


def response_subject(number: int, agency: str) -> str:
    """What a recommendation's response deadline is for ("recommendation 2 to Kent Police")."""
    return f"recommendation {number} to {agency}"


def verification_deadlines(application: Application) -> list[Deadline]:
    """Each request to an agency to confirm incidents, met when it has answered for every one of them. Once the
    threshold is decided an unanswered request no longer waits on anyone, so it is not shown."""
    answered = {given.number: given.answered_on for given in application.verification_answers}
    found = []
    for request in application.verification_requests:
        dates = [answered.get(number) for number in request.numbers]
        met_on = max(d for d in dates if d) if all(dates) else None  # type: ignore[type-var]
        deadline = Deadline(Step.INCIDENT_VERIFICATION, request.agency, request.requested_on, request.due_on, met_on)
        if application.decision is None or not deadline.is_open():
            found.append(deadline)
    return found
