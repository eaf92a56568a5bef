"""The SubjectAccessRequest aggregate: a person's request for a copy of what the partnership holds about them
(UK GDPR Art 15), from receipt to the date it was answered.

The request must be answered "without undue delay and in any event within one month of receipt" (UK GDPR
Art 12(3)); ``due_on`` reads that as the ICO does: the corresponding calendar date in the next month (the last
day of that month when it has none), moved to the next working day when it falls on a weekend or bank holiday.
The extension by two further months (Art 12(3), for complex or numerous requests) is not modelled yet.
See docs/SUBJECT-ACCESS.md.

The person's details are a ``Person`` (so they are encrypted and erased like every other personal field);
which records across the cases are that person is an officer's confirmation, kept as the records' ``subject``
ids only (pseudonymous, no personal data).
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from domain.dates import not_already, not_before, not_in_future
from domain.errors import CaseRuleError, InvalidDetailsError
from domain.periods import _add_months, long_date
from domain.personal import Person
from domain.timescales import WorkingCalendar

LAW = "UK GDPR Article 12(3)"


class SubjectAccessError(CaseRuleError):
    """A subject access command broke a rule; nothing was recorded."""


def subject_access_due_on(received_on: date, calendar: WorkingCalendar) -> date:
    """One calendar month after ``received_on`` (the same date next month, or that month's last day), or the next
    working day after it when it is not one."""
    due = _add_months(received_on, 1)
    while not calendar.is_working_day(due):
        due += timedelta(days=1)
    return due


class SubjectAccessRequest(Aggregate):
    @staticmethod
    def create_id() -> UUID:
        return uuid4()

    @classmethod
    def receive(cls, *, person: Person, received_on: date, calendar: WorkingCalendar, actor: str,
                today: date) -> SubjectAccessRequest:
        not_in_future(received_on, today, "date the request was received")
        return cls(person=person, received_on=received_on, due_on=subject_access_due_on(received_on, calendar),
                   actor=actor)

    @event("Received")
    def __init__(self, *, person: Person, received_on: date, due_on: date, actor: str) -> None:
        self.person = person
        self.received_on = received_on
        self.due_on = due_on
        self.subjects: tuple[str, ...] = ()
        self.answered_on: date | None = None

    @property
    def reference(self) -> str:
        """How people name the request: SAR- and the first eight characters of its id."""
        return f"SAR-{str(self.id)[:8].upper()}"

    @property
    def is_open(self) -> bool:
        return self.answered_on is None

    def due_text(self) -> str:
        return f"{long_date(self.due_on)} (one calendar month from receipt, {LAW})"

    def confirm_records(self, *, subjects: tuple[str, ...], actor: str) -> None:
        """The officer confirms which person records, across all cases, are the person who asked."""
        if not self.is_open:
            raise SubjectAccessError("The request has been answered; record a new request to add records.")
        chosen = tuple(sorted({s.strip() for s in subjects if s and s.strip()}))
        if not chosen:
            raise InvalidDetailsError("Choose at least one record that is the person who asked.")
        if chosen == self.subjects:
            raise SubjectAccessError("These records are already confirmed; nothing to change.")
        self._confirm_records(subjects=chosen, actor=actor)

    @event("RecordsConfirmed")
    def _confirm_records(self, *, subjects: tuple[str, ...], actor: str) -> None:
        self.subjects = subjects

    def answer(self, *, answered_on: date, actor: str, today: date) -> None:
        not_already(self.answered_on, "The request was already answered")
        if not self.subjects:
            raise SubjectAccessError("Confirm which records are the person who asked before answering: the copy "
                                     "sent is made from them.")
        not_in_future(answered_on, today, "date the request was answered")
        not_before(answered_on, self.received_on, "date the request was answered", "the date it was received")
        self._answer(answered_on=answered_on, actor=actor)

    @event("Answered")
    def _answer(self, *, answered_on: date, actor: str) -> None:
        self.answered_on = answered_on


def notice_due(request: SubjectAccessRequest, today: date, calendar: WorkingCalendar,
               working_days_before: int) -> str | None:
    """What to tell the managers about an open request today: "reminder" from ``working_days_before`` working days
    before it is due until the due date, "overdue" after it, or nothing."""
    if not request.is_open:
        return None
    if today > request.due_on:
        return "overdue"
    if calendar.subtract_working_days(request.due_on, working_days_before) <= today:
        return "reminder"
    return None
