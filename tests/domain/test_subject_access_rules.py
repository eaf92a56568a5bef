"""The subject access due date (UK GDPR Art 12(3), as the ICO counts a month) and its reminders, without a
database."""

from __future__ import annotations

from datetime import date

import pytest

from domain.personal import Person
from domain.subject_access import SubjectAccessError, SubjectAccessRequest, notice_due, subject_access_due_on
from domain.timescales import WorkingCalendar

CALENDAR = WorkingCalendar({date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)})


@pytest.mark.parametrize(("received", "due"), [
    (date(2026, 9, 3), date(2026, 10, 5)),  # 3 October 2026 is a Saturday: the next working day
    (date(2026, 9, 2), date(2026, 10, 2)),  # the corresponding date
    (date(2027, 1, 31), date(2027, 3, 1)),  # no 31 February: 28 February, a Sunday: Monday 1 March
    (date(2026, 3, 31), date(2026, 4, 30)),  # no 31 April: the last day of April
    (date(2026, 11, 25), date(2026, 12, 29)),  # 25 December and the 28th are bank holidays, the 26th and 27th a weekend
])
def test_due_one_calendar_month_after_receipt_or_the_next_working_day(received: date, due: date) -> None:
    assert subject_access_due_on(received, CALENDAR) == due


def test_the_managers_are_reminded_in_the_last_working_days_then_told_once_it_is_overdue() -> None:
    request = SubjectAccessRequest.receive(person=Person("p", "Ann Smith"), received_on=date(2026, 9, 2),
                                           calendar=CALENDAR, actor="j.okafor", today=date(2026, 9, 2))

    assert [notice_due(request, day, CALENDAR, 2) for day in (
        date(2026, 9, 29), date(2026, 9, 30), date(2026, 10, 2), date(2026, 10, 3))] == [
        None, "reminder", "reminder", "overdue"]


def test_a_request_is_answered_only_once_its_records_are_confirmed_and_then_gets_no_reminder() -> None:
    request = SubjectAccessRequest.receive(person=Person("p", "Ann Smith"), received_on=date(2026, 9, 2),
                                           calendar=CALENDAR, actor="j.okafor", today=date(2026, 9, 2))
    with pytest.raises(SubjectAccessError, match="Confirm which records"):
        request.answer(answered_on=date(2026, 9, 20), actor="j.okafor", today=date(2026, 9, 20))

    request.confirm_records(subjects=("p-1",), actor="j.okafor")
    request.answer(answered_on=date(2026, 9, 20), actor="j.okafor", today=date(2026, 9, 20))

    assert notice_due(request, date(2026, 10, 5), CALENDAR, 2) is None
