"""When to remind an officer of a deadline, and when a missed outcome letter calls for a delay letter."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.timescales import Deadline, Step, WorkingCalendar

DELAY_LETTER_WORKING_DAYS = 5  # an outcome letter due within this many working days needs its delay letter now


def reminder_day(deadline: Deadline, calendar: WorkingCalendar, working_days_before: int) -> date:
    """The working day on which the officer is reminded: ``working_days_before`` working days before the
    due date (0: the due date itself)."""
    return calendar.subtract_working_days(deadline.due_on, working_days_before)


def reminders_due(deadlines: Iterable[Deadline], today: date, calendar: WorkingCalendar,
                  working_days_before: int) -> list[Deadline]:
    """Open deadlines whose reminder day has come and whose due date has not passed. A reminder day that
    fell while nobody was watching (a weekend, downtime) is still honoured until the due date."""
    return [d for d in deadlines
            if d.is_open() and reminder_day(d, calendar, working_days_before) <= today <= d.due_on]


def delay_letter_needed(deadline: Deadline, delay_notices: Iterable[date]) -> bool:
    """An outcome letter that is due and not sent needs a delay letter unless one went after the panel."""
    return (deadline.step is Step.OUTCOME_LETTER and deadline.is_open()
            and not any(sent >= deadline.starts_on for sent in delay_notices))


def needs_delay_letter(deadlines: Iterable[Deadline], delay_notices: Iterable[date]) -> bool:
    """Whether a case with these deadlines and delay notices has an outcome letter that calls for a delay
    letter (``delay_letter_needed``); when to send it is for the caller (as its due date nears)."""
    notices = tuple(delay_notices)
    return any(delay_letter_needed(deadline, notices) for deadline in deadlines)


def delay_letters_due_by(today: date, calendar: WorkingCalendar) -> date:
    """An outcome letter that calls for a delay letter and is due by this date needs it now."""
    return calendar.add_working_days(today, DELAY_LETTER_WORKING_DAYS)
