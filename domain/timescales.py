"""Working days and the partnership's target for each step of the process."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from domain.errors import InvalidDetailsError
from domain.words import Worded


class Step(Enum):
    ACKNOWLEDGE = "acknowledge"
    THRESHOLD_DECISION = "threshold_decision"
    AGENCY_INFORMATION = "agency_information"
    PANEL = "panel"
    OUTCOME_LETTER = "outcome_letter"
    APPEAL_WINDOW = "appeal_window"
    RECOMMENDATION_RESPONSE = "recommendation_response"
    SECONDARY_REVIEW = "secondary_review"
    INCIDENT_VERIFICATION = "incident_verification"
    RECOMMENDATION_COMPLETION = "recommendation_completion"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]

    @property
    def is_partnership_target(self) -> bool:
        """Whether the step is a target of the partnership. The appeal window is not: it is the applicant's
        time to appeal, so when it closes without an appeal nothing was missed (the officer is prompted to
        close the case instead)."""
        return self is not Step.APPEAL_WINDOW


STEP_LABELS = {
    Step.ACKNOWLEDGE: "Acknowledge the application",
    Step.THRESHOLD_DECISION: "Decide the threshold and tell the applicant",
    Step.AGENCY_INFORMATION: "Agency information due",
    Step.PANEL: "Hold the review panel",
    Step.OUTCOME_LETTER: "Send the findings and recommendations (outcome letter)",
    Step.APPEAL_WINDOW: "Appeal window closes",
    Step.RECOMMENDATION_RESPONSE: "Agency response to recommendation due",
    Step.SECONDARY_REVIEW: "Conclude the secondary review",
    Step.INCIDENT_VERIFICATION: "Agency to confirm the incidents reported to it",
    Step.RECOMMENDATION_COMPLETION: "Agency to complete the recommended actions",
}

# What each target counts from, in working days.
STEP_STARTS = {
    Step.ACKNOWLEDGE: "the date the application was received",
    Step.THRESHOLD_DECISION: "the date the application was received",
    Step.AGENCY_INFORMATION: "the date the information was requested",
    Step.PANEL: "the date the review was opened",
    Step.OUTCOME_LETTER: "the date the panel was held",
    Step.APPEAL_WINDOW: "the date the decision letter was sent",
    Step.RECOMMENDATION_RESPONSE: "the date the recommendation was issued",
    Step.SECONDARY_REVIEW: "the date the secondary review was requested",
    Step.INCIDENT_VERIFICATION: "the date the agency was asked to confirm the incidents",
    Step.RECOMMENDATION_COMPLETION: "the date the recommendation was issued (its target date, when one was set)",
}


@dataclass(frozen=True)
class Timescales:
    """Target in working days for each step."""

    acknowledge: int = 5
    threshold_decision: int = 10
    agency_information: int = 10
    panel: int = 20
    outcome_letter: int = 30
    appeal_window: int = 20
    recommendation_response: int = 20
    secondary_review: int = 20
    incident_verification: int = 5
    recommendation_completion: int = 60  # the target for completing a recommendation's actions, unless one is set

    def __post_init__(self) -> None:
        for step in Step:
            days = self.for_step(step)
            if not 1 <= days <= 250:
                raise InvalidDetailsError(
                    f"The target for '{step.value}' must be from 1 to 250 working days, "
                    f"not {days}."
                )

    def for_step(self, step: Step) -> int:
        return int(getattr(self, step.value))


class WorkingCalendar:
    """Monday to Friday, less the bank holidays it is given."""

    def __init__(self, bank_holidays: Collection[date]) -> None:
        self.bank_holidays = frozenset(bank_holidays)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.bank_holidays

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is not counted)."""
        current, remaining = start, days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def subtract_working_days(self, end: date, days: int) -> date:
        """The date ``days`` working days before ``end``."""
        current, remaining = end, days
        while remaining > 0:
            current -= timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )


def due_on(step: Step, start: date, timescales: Timescales, calendar: WorkingCalendar) -> date:
    """The date ``step`` is due when it counts from ``start`` (``STEP_STARTS`` says from what): the
    partnership's target for it, in working days after ``start``."""
    return calendar.add_working_days(start, timescales.for_step(step))


class DeadlineStatus(Worded):
    """Where a deadline stands on a given day; the value is also what people read."""

    MET = "met"
    MET_LATE = "met late"
    OVERDUE = "overdue"
    OPEN = "open"


@dataclass(frozen=True)
class Deadline:
    step: Step
    subject: str  # what the deadline is for, e.g. "Kent Police" or "recommendation 2"
    starts_on: date
    due_on: date
    met_on: date | None = None

    @property
    def label(self) -> str:
        return f"{self.step.label} ({self.subject})" if self.subject else self.step.label

    def is_open(self) -> bool:
        return self.met_on is None

    def is_overdue(self, today: date) -> bool:
        return self.met_on is None and today > self.due_on

    def counts_as_missed(self, today: date) -> bool:
        """Its due date has passed with the step not done, and it is a partnership target."""
        return self.step.is_partnership_target and self.is_overdue(today)

    def was_missed(self) -> bool:
        return self.met_on is not None and self.met_on > self.due_on

    def status(self, today: date) -> DeadlineStatus:
        if self.met_on is not None:
            return DeadlineStatus.MET_LATE if self.was_missed() else DeadlineStatus.MET
        return DeadlineStatus.OVERDUE if self.is_overdue(today) else DeadlineStatus.OPEN
