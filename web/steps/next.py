"""The steps a case can take next, from where it stands: the links under "What to do next" on the case page.

Only steps the process allows at this point are offered (the domain still checks every rule when a form is
sent), and only to officers and managers. A step only a manager can record is listed for officers too: its page
shows what the manager will decide on (the threshold assessment, for instance)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from application.queries import Case
from domain.application import ThresholdDecision
from domain.values import AgencyResponseKind
from web.access import may
from web.steps import decision, intake
from web.steps import review as reviewing
from web.steps.step import CASEWORKERS, Step


@dataclass(frozen=True)
class NextStep:
    text: str
    href: str


def application_steps(case: Case) -> list[Step]:
    application = case.application
    if application.ended or (case.review is not None and case.review.closed_on):
        return []
    steps = [intake.ASSIGN_OFFICER]
    if not application.decision:
        steps += [intake.LOG_INCIDENT, intake.GIVE_CONSENT]
    if application.consents:
        steps.append(intake.WITHDRAW_CONSENT)
    if not application.acknowledged_on:
        steps.append(intake.ACKNOWLEDGE)
    elif not application.decision:
        steps.append(decision.THRESHOLD)
    if application.decision and not application.decision_letter_sent_on:
        steps.append(decision.DECISION_LETTER)
    if application.decision is ThresholdDecision.NOT_MET and application.decision_letter_sent_on:
        if not application.appeal_lodged_on:
            steps.append(decision.LODGE_APPEAL)
        elif not application.appeal_outcome:
            steps.append(decision.DECIDE_APPEAL)
        if not application.review_opened and (not application.appeal_lodged_on or application.appeal_outcome):
            steps.append(decision.CLOSE)
    if not application.decision:
        steps.append(decision.REJECT)
    steps.append(decision.WITHDRAW)
    return steps


def review_steps(case: Case) -> list[Step]:
    review = case.review
    if review is None or review.closed_on or case.application.ended:
        return []
    steps = []
    if not review.panel_held_on:
        steps.append(reviewing.REQUEST_INFORMATION)
    if any(request.received_on is None for request in review.agency_requests.values()):
        steps.append(reviewing.RECORD_INFORMATION)
    if not review.panel_held_on:
        steps.append(reviewing.SCHEDULE_PANEL)
        if review.panel_date:
            steps += [reviewing.INVITE_VICTIM, reviewing.IMPACT_STATEMENT, reviewing.HOLD_PANEL]
    elif not review.outcome_letter_sent_on or (review.secondary_held_on and not review.secondary_concluded_on):
        steps.append(reviewing.ISSUE_RECOMMENDATION)
    if review.panel_held_on and not review.outcome_letter_sent_on:
        steps += [reviewing.DELAY_NOTICE, reviewing.OUTCOME_LETTER]
    if review.outcome_letter_sent_on:
        if not review.secondary_requested_on:
            steps.append(reviewing.REQUEST_SECONDARY)
        elif not review.secondary_held_on:
            steps.append(reviewing.HOLD_SECONDARY)
        elif not review.secondary_concluded_on:
            steps.append(reviewing.CONCLUDE_SECONDARY)
        if not review.secondary_requested_on or review.secondary_concluded_on:
            steps.append(reviewing.CLOSE_REVIEW)
    return steps


def next_steps(case: Case) -> list[NextStep] | None:
    """The links to offer for ``case``: each step's form, then a response for each open recommendation. None for
    people who do not record steps."""
    if not may(CASEWORKERS):
        return None
    reference = case.reference
    links = [NextStep(step.title, url_for(f"steps.{step.endpoint}", reference=reference))
             for step in [*application_steps(case), *review_steps(case)]]
    if case.review and not case.review.closed_on:
        links += [NextStep(f"Record the response to recommendation {r.number} ({r.agency})",
                           url_for("steps.agency_response", reference=reference, number=r.number))
                  for r in case.review.recommendations if r.latest_response is not AgencyResponseKind.COMPLETED]
    return links
