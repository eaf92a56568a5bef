"""The Act's way of counting periods (docs/THRESHOLD-LAW.md): a period "beginning with" a day counts
that day; N months end on the day before the same-numbered day N months later, or on the last day of
that month where it has no such day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.periods import Period

PROPERTY = settings(max_examples=300, deadline=None, database=None)
SIX_MONTHS = Period(months=6)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
periods = st.sampled_from([Period(months=1), Period(months=3), Period(months=6), Period(days=30),
                           Period(days=180), Period(months=12)])


@pytest.mark.parametrize(("start", "last_day"), [
    (date(2025, 2, 28), date(2025, 8, 27)),  # the same-numbered day exists: the day before it
    (date(2024, 2, 29), date(2024, 8, 28)),  # leap day
    (date(2025, 4, 30), date(2025, 10, 29)),
    (date(2025, 8, 31), date(2026, 2, 28)),  # no 31 February: the last day of February
    (date(2023, 8, 31), date(2024, 2, 29)),  # ... in a leap year, 29 February
    (date(2025, 8, 29), date(2026, 2, 28)),  # no 29 February 2026
    (date(2025, 9, 1), date(2026, 2, 28)),
])
def test_six_months_beginning_with_a_day_end_as_the_act_counts(start: date, last_day: date) -> None:
    assert SIX_MONTHS.last_day_beginning_with(start) == last_day


def test_a_complaint_on_28_february_does_not_reach_an_application_on_31_august() -> None:
    """The issue's example: counting back from 31 August and clamping let 28 February in."""
    assert not SIX_MONTHS.covers(date(2025, 2, 28), date(2025, 8, 31))
    assert not SIX_MONTHS.covers(date(2025, 2, 28), date(2025, 8, 28))
    assert SIX_MONTHS.covers(date(2025, 2, 28), date(2025, 8, 27))
    assert SIX_MONTHS.earliest_start_covering(date(2025, 8, 31)) == date(2025, 3, 1)


def test_one_month_beginning_with_the_behaviour_ends_the_day_before_the_same_day_next_month() -> None:
    month = Period(months=1)
    assert month.last_day_beginning_with(date(2025, 3, 1)) == date(2025, 3, 31)
    assert month.last_day_beginning_with(date(2025, 1, 15)) == date(2025, 2, 14)
    assert month.last_day_beginning_with(date(2025, 1, 31)) == date(2025, 2, 28)
    assert month.last_day_beginning_with(date(2024, 1, 30)) == date(2024, 2, 29)


def test_a_period_of_days_beginning_with_a_day_counts_that_day() -> None:
    assert Period(days=30).last_day_beginning_with(date(2025, 1, 1)) == date(2025, 1, 30)
    assert Period(days=1).last_day_beginning_with(date(2025, 1, 1)) == date(2025, 1, 1)


@PROPERTY
@given(period=periods, start=days)
def test_a_period_includes_its_first_day_and_ends_after_it(period: Period, start: date) -> None:
    last = period.last_day_beginning_with(start)
    assert period.covers(start, start)
    assert period.covers(start, last)
    assert not period.covers(start, last + timedelta(days=1))
    assert not period.covers(start, start - timedelta(days=1))


@PROPERTY
@given(months=st.integers(1, 24), start=days)
def test_n_months_end_before_the_same_numbered_day_or_on_the_month_end(months: int, start: date) -> None:
    last = Period(months=months).last_day_beginning_with(start)
    month_index = start.year * 12 + start.month - 1 + months
    assert (last.year * 12 + last.month - 1) in (month_index, month_index - 1)
    following = last + timedelta(days=1)
    if following.month == last.month or (last.year * 12 + last.month - 1) == month_index - 1:
        assert following.day == start.day  # the same-numbered day N months later
    else:
        assert last.day < start.day  # that month has no such day: its last day


@PROPERTY
@given(period=periods, a=days, b=days)
def test_a_later_start_never_ends_earlier(period: Period, a: date, b: date) -> None:
    first, second = sorted((a, b))
    assert period.last_day_beginning_with(first) <= period.last_day_beginning_with(second)


@PROPERTY
@given(period=periods, day=days)
def test_the_earliest_start_covering_a_day_is_exactly_the_first_that_reaches_it(
    period: Period, day: date
) -> None:
    start = period.earliest_start_covering(day)
    assert period.covers(start, day)
    assert not period.covers(start - timedelta(days=1), day)
