"""The working-day table gives exactly what stepping day by day through the calendar's rule gives."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.timescales import WorkingCalendar
from infrastructure.calendar import england_and_wales

DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2039, 12, 31))


def stepped_add(calendar: WorkingCalendar, start: date, days: int) -> date:
    current, remaining = start, days
    while remaining > 0:
        current += timedelta(days=1)
        remaining -= calendar.is_working_day(current)
    return current


def stepped_subtract(calendar: WorkingCalendar, end: date, days: int) -> date:
    current, remaining = end, days
    while remaining > 0:
        current -= timedelta(days=1)
        remaining -= calendar.is_working_day(current)
    return current


def stepped_between(calendar: WorkingCalendar, start: date, end: date) -> int:
    if end < start:
        return -stepped_between(calendar, end, start)
    return sum(calendar.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


@settings(max_examples=300)
@given(start=DAYS, days=st.integers(min_value=-3, max_value=250))
def test_adding_and_subtracting_working_days_agree_with_stepping_through_the_calendar(start: date, days: int) -> None:
    calendar = england_and_wales()

    assert calendar.add_working_days(start, days) == stepped_add(calendar, start, days)
    assert calendar.subtract_working_days(start, days) == stepped_subtract(calendar, start, days)


@settings(max_examples=300)
@given(start=DAYS, end=DAYS)
def test_working_days_between_agrees_with_counting_day_by_day(start: date, end: date) -> None:
    calendar = england_and_wales()

    assert calendar.working_days_between(start, end) == stepped_between(calendar, start, end)


def test_a_long_run_of_holidays_beyond_the_first_table_is_still_counted() -> None:
    # Arrange: every weekday of 2030 is a holiday, so the next working day is in 2031
    year = [date(2030, 1, 1) + timedelta(days=n) for n in range(365)]
    calendar = WorkingCalendar(year)

    # Act / Assert
    assert calendar.add_working_days(date(2029, 12, 31), 1) == date(2031, 1, 1)
    assert calendar.subtract_working_days(date(2031, 1, 1), 1) == date(2029, 12, 31)
    assert calendar.working_days_between(date(2029, 12, 31), date(2031, 1, 1)) == 1


def test_a_fresh_calendar_answers_the_same_whichever_day_it_is_first_asked_about() -> None:
    # Arrange: two calendars whose tables start from days twenty years apart
    early, late = WorkingCalendar([date(2024, 12, 25)]), WorkingCalendar([date(2024, 12, 25)])
    early.add_working_days(date(2005, 1, 3), 1)
    late.add_working_days(date(2045, 1, 2), 1)

    # Act / Assert
    assert early.add_working_days(date(2024, 12, 24), 1) == late.add_working_days(date(2024, 12, 24), 1) == \
        date(2024, 12, 26)
