"""Working days and the partnership's target for each step of the process."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
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
    # The routes' own timescales (``domain/routes.py``), set by the profile's [routes], not [timescales]:
    APPEAL_DECISION = "appeal_decision"
    CHALLENGE_WINDOW = "challenge_window"
    CHALLENGE_DECISION = "challenge_decision"
    SECONDARY_REVIEW_WINDOW = "secondary_review_window"
    RECOMMENDATION_COMPLETION = "recommendation_completion"
    RELEVANT_BODIES = "relevant_bodies"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]

    @property
    def is_partnership_target(self) -> bool:
        """Whether the step is a target of the partnership. The appeal window is not: it is the applicant's
        time to appeal, so when it closes without an appeal nothing was missed (the officer is prompted to
        close the case instead)."""
        return self not in APPLICANTS_WINDOWS


# The applicant's time to ask an escalation body: reminded, never "missed".
APPLICANTS_WINDOWS = frozenset({Step.APPEAL_WINDOW, Step.CHALLENGE_WINDOW, Step.SECONDARY_REVIEW_WINDOW})
# The steps whose working days come from the profile's escalation routes.
ROUTE_STEPS = frozenset({Step.APPEAL_WINDOW, Step.APPEAL_DECISION, Step.CHALLENGE_WINDOW, Step.CHALLENGE_DECISION,
                         Step.SECONDARY_REVIEW_WINDOW, Step.SECONDARY_REVIEW})

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
    Step.APPEAL_DECISION: "Decide the appeal against the threshold decision",
    Step.CHALLENGE_WINDOW: "Window to challenge the rejection closes",
    Step.CHALLENGE_DECISION: "Decide the challenge to the rejection",
    Step.SECONDARY_REVIEW_WINDOW: "Window to ask for a secondary review closes",
    Step.RECOMMENDATION_COMPLETION: "Agency to complete the recommended actions",
    Step.RELEVANT_BODIES: "Pass the application to all the relevant bodies",
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
    Step.APPEAL_DECISION: "the date the appeal was lodged",
    Step.CHALLENGE_WINDOW: "the date the rejection letter was sent",
    Step.CHALLENGE_DECISION: "the date the challenge was lodged",
    Step.SECONDARY_REVIEW_WINDOW: "the date the outcome letter was sent",
    Step.RECOMMENDATION_COMPLETION: "the date the recommendation was issued (its target date, when one was set)",
    Step.RELEVANT_BODIES: "the date the application was received",
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
    appeal_decision: int = 20
    challenge_window: int = 20
    challenge_decision: int = 20
    secondary_review_window: int = 20
    recommendation_completion: int = 60  # the target for completing a recommendation's actions, unless one is set
    # s.104(3)(b): the application passed on to all the relevant bodies, who decide the threshold together, so
    # counted from receipt and due before the threshold decision (docs/RELEVANT_BODIES.md)
    relevant_bodies: int = 2

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
    """Monday to Friday, less the bank holidays it is given.

    Counting working days is a table lookup: the calendar keeps, for a span of years around the days it is
    asked about, every working day in order and each day's count of working days up to it, so adding ten
    working days is two lookups instead of stepping day by day (the projector does this for every deadline
    of every case it touches). The rule itself is ``is_working_day``; the table is only built from it."""

    SPAN = 366 * 4  # days the table is extended by, either side, when it is built or widened

    def __init__(self, bank_holidays: Collection[date]) -> None:
        self.bank_holidays = frozenset(bank_holidays)
        # (ordinal of the first day, working days from the first day up to and including each day, the ordinals
        # of the working days in order): replaced whole, so threads sharing the calendar always see one table
        self._table: tuple[int, list[int], list[int]] = (0, [], [])

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.bank_holidays

    def _covering(self, first: int, last: int) -> tuple[int, list[int], list[int]]:
        """The table, widened if need be to cover the days with ordinals ``first`` to ``last``."""
        table = self._table
        start, counts, _ = table
        if counts and start <= first and last < start + len(counts):
            return table
        if counts:
            first, last = min(first, start), max(last, start + len(counts) - 1)
        first, last = first - self.SPAN, last + self.SPAN
        counts, working, count = [], [], 0
        for ordinal in range(first, last + 1):
            if self.is_working_day(date.fromordinal(ordinal)):
                count += 1
                working.append(ordinal)
            counts.append(count)
        self._table = table = (first, counts, working)
        return table

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is not counted)."""
        if days <= 0:
            return start
        ordinal, reach = start.toordinal(), days * 2 + 30
        while True:
            first, counts, working = self._covering(ordinal, ordinal + reach)
            index = counts[ordinal - first] + days - 1  # the (count up to start + days)-th working day
            if index < len(working):
                return date.fromordinal(working[index])
            reach += self.SPAN  # a run of holidays longer than the table reaches

    def subtract_working_days(self, end: date, days: int) -> date:
        """The date ``days`` working days before ``end``."""
        if days <= 0:
            return end
        ordinal, reach = end.toordinal(), days * 2 + 30
        while True:
            first, counts, working = self._covering(ordinal - reach, ordinal)
            before = counts[ordinal - 1 - first]  # working days of the table strictly before ``end``
            if before >= days:
                return date.fromordinal(working[before - days])
            reach += self.SPAN

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        first, last = start.toordinal(), end.toordinal()
        table_first, counts, _ = self._covering(first, last)
        return counts[last - table_first] - counts[first - table_first]


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
