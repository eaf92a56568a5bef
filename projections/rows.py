"""Rows of the case list and deadline tables, computed from a case's aggregates with the same
domain logic the BackOffice uses (``Case.stage``, ``deadlines_for``, ``needs_delay_letter``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb

from application.queries import Case
from domain.application import AppealOutcome, Application
from domain.case_review import CaseReview
from domain.measures import case_measures, escalations
from domain.reminders import needs_delay_letter
from domain.routes import EscalationRoutes
from domain.text import shown
from domain.timescales import Deadline, Step


def case_row(
    application: Application, review: CaseReview | None, last_activity: datetime, deadlines: list[Deadline],
    awaiting_decision: tuple[str, ...] = (), routes: EscalationRoutes | None = None,
) -> tuple[Any, ...]:
    """``awaiting_decision``: what the case waits for a manager to decide (``domain.actions.awaited_decisions``);
    ``routes``: the profile's, naming the body of each escalation the measures keep."""
    stage = Case(application, review).stage
    pending = sorted((d for d in deadlines if d.is_open()), key=lambda d: d.due_on)
    outcome_due = next((d.due_on for d in deadlines if d.step is Step.OUTCOME_LETTER), None)
    return (*safe_row((
        application.reference,
        application.received_on,
        application.channel.value,
        stage.value,
        stage.is_open,
        application.officer,
        pending[0].due_on if pending else None,
        pending[0].label if pending else None,
        last_activity,
        application.version,
        review.version if review else None,
        application.decision.value if application.decision else None,
        application.appeal_lodged_on is not None,
        application.appeal_outcome is AppealOutcome.UPHELD,
        application.review_opened,
        review.panel_held_on if review else None,
        len(review.recommendations) if review else 0,
        review.victim_attended if review else None,
        review.independent_chair if review and review.panel_date else None,
        review.outcome_letter_sent_on if review else None,
        outcome_due,
        bool(review and review.secondary_requested_on),
        (review.closed_on if review else None) or application.ended_on,
        needs_delay_letter(deadlines, review.delay_notices if review else ()),
        application.was_rejected,
        application.challenge_lodged_on is not None,
        application.challenge_outcome is AppealOutcome.UPHELD,
        " and ".join(awaiting_decision) or None,
    )), Jsonb({**case_measures(application, review).as_dict(),
                "escalations": [[e.body, e.request, e.outcome]
                                for e in (escalations(application, review, routes) if routes else [])]}))


CASE_COLUMNS = (
    "reference", "received_on", "channel", "stage", "is_open", "officer", "next_due_on", "next_due_for",
    "last_activity", "application_version", "review_version", "threshold", "appeal_lodged", "appeal_upheld",
    "review_opened", "panel_held_on", "recommendations", "victim_attended", "independent_chair",
    "outcome_letter_sent_on", "outcome_letter_due_on", "secondary_review_requested", "ended_on",
    "delay_letter_needed", "rejected", "challenge_lodged", "challenge_upheld", "awaiting_decision", "measures",
)


def deadline_rows(reference: str, deadlines: list[Deadline]) -> list[tuple[Any, ...]]:
    return [safe_row((reference, d.step.value, d.subject, d.label, d.starts_on, d.due_on, d.met_on)) for d in deadlines]


def safe_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A read-table row with its stored text made safe (``domain.text.shown``): a control character that
    reached an event (NUL, which PostgreSQL text cannot hold, escape, …) is kept as a visible escape."""
    return tuple(shown(value) if isinstance(value, str) else value for value in row)

