"""Working days in England and Wales, timescale targets and calendar periods."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidDetailsError
from domain.periods import Period, long_date
from domain.timescales import Deadline, DeadlineStatus, Step, Timescales, WorkingCalendar
from infrastructure.calendar import england_and_wales


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return england_and_wales()


# ---------------------------------------------------------------------------- working days
def test_weekends_are_not_working_days(calendar: WorkingCalendar) -> None:
    # Arrange
    saturday, sunday, monday = date(2025, 3, 8), date(2025, 3, 9), date(2025, 3, 10)

    # Act / Assert
    assert not calendar.is_working_day(saturday)
    assert not calendar.is_working_day(sunday)
    assert calendar.is_working_day(monday)


@pytest.mark.parametrize(
    ("day", "occasion"),
    [
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of King Charles III"),
        (date(2022, 6, 3), "Platinum Jubilee"),
        (date(2022, 6, 2), "Spring bank holiday moved for the Platinum Jubilee"),
        (date(2020, 5, 8), "Early May bank holiday moved to VE Day"),
    ],
)
def test_one_off_bank_holidays_are_not_working_days(
    calendar: WorkingCalendar, day: date, occasion: str
) -> None:
    # Arrange: each is a weekday
    assert day.weekday() < 5

    # Act / Assert
    assert not calendar.is_working_day(day), occasion


def test_the_first_monday_of_may_2020_was_a_working_day(calendar: WorkingCalendar) -> None:
    """The Early May bank holiday moved from Monday 4 May 2020 to Friday 8 May (VE Day)."""
    # Arrange
    first_monday = date(2020, 5, 4)

    # Act / Assert
    assert calendar.is_working_day(first_monday)
    assert not calendar.is_working_day(date(2019, 5, 6))  # the usual first Monday in 2019


def test_christmas_and_boxing_day_on_a_weekend_are_replaced_by_the_next_weekdays(
    calendar: WorkingCalendar,
) -> None:
    # Arrange: 25 and 26 December 2021 fell on Saturday and Sunday
    monday, tuesday, wednesday = date(2021, 12, 27), date(2021, 12, 28), date(2021, 12, 29)

    # Act / Assert
    assert not calendar.is_working_day(monday)
    assert not calendar.is_working_day(tuesday)
    assert calendar.is_working_day(wednesday)
    assert calendar.add_working_days(date(2021, 12, 24), 1) == wednesday


def test_adding_working_days_skips_good_friday_and_easter_monday(calendar: WorkingCalendar) -> None:
    # Arrange: Good Friday 29 March 2024, Easter Monday 1 April 2024
    maundy_thursday = date(2024, 3, 28)

    # Act
    next_working_day = calendar.add_working_days(maundy_thursday, 1)
    five_later = calendar.add_working_days(maundy_thursday, 5)

    # Assert
    assert next_working_day == date(2024, 4, 2)
    assert five_later == date(2024, 4, 8)


def test_adding_working_days_does_not_count_the_start_day(calendar: WorkingCalendar) -> None:
    # Arrange
    monday = date(2025, 3, 10)

    # Act / Assert
    assert calendar.add_working_days(monday, 0) == monday
    assert calendar.add_working_days(monday, 1) == date(2025, 3, 11)
    assert calendar.add_working_days(monday, 5) == date(2025, 3, 17)


def test_adding_working_days_from_a_weekend_starts_on_monday(calendar: WorkingCalendar) -> None:
    # Arrange
    saturday = date(2025, 3, 8)

    # Act / Assert
    assert calendar.add_working_days(saturday, 1) == date(2025, 3, 10)


def test_ten_working_days_across_the_coronation_weekend(calendar: WorkingCalendar) -> None:
    # Arrange: Monday 1 May 2023 (Early May) and Monday 8 May 2023 (Coronation) were both holidays
    received = date(2023, 4, 28)

    # Act
    due = calendar.add_working_days(received, 10)

    # Assert
    assert due == date(2023, 5, 16)


def test_working_days_between_counts_days_after_the_start_up_to_the_end(
    calendar: WorkingCalendar,
) -> None:
    # Arrange
    friday, monday = date(2025, 3, 7), date(2025, 3, 10)

    # Act / Assert
    assert calendar.working_days_between(friday, monday) == 1
    assert calendar.working_days_between(friday, friday) == 0
    assert calendar.working_days_between(monday, friday) == -1


def test_working_days_between_skips_easter(calendar: WorkingCalendar) -> None:
    # Arrange
    maundy_thursday, friday_after = date(2024, 3, 28), date(2024, 4, 5)

    # Act
    days = calendar.working_days_between(maundy_thursday, friday_after)

    # Assert
    assert days == 4


@pytest.mark.parametrize("days", [1, 5, 10, 20, 30])
def test_working_days_between_undoes_add_working_days(calendar: WorkingCalendar, days: int) -> None:
    # Arrange
    start = date(2022, 12, 20)

    # Act
    end = calendar.add_working_days(start, days)

    # Assert
    assert calendar.working_days_between(start, end) == days


def test_subtracting_working_days_skips_easter_and_undoes_adding_them(calendar: WorkingCalendar) -> None:
    # Arrange: Good Friday 29 March 2024, Easter Monday 1 April 2024
    tuesday_after_easter = date(2024, 4, 2)

    # Act
    one_before = calendar.subtract_working_days(tuesday_after_easter, 1)
    round_trip = calendar.subtract_working_days(calendar.add_working_days(date(2024, 3, 25), 7), 7)

    # Assert
    assert one_before == date(2024, 3, 28)
    assert round_trip == date(2024, 3, 25)


def test_a_calendar_without_bank_holidays_counts_only_weekends() -> None:
    # Arrange
    bare = WorkingCalendar([])

    # Act / Assert
    assert bare.is_working_day(date(2021, 12, 27))
    assert bare.add_working_days(date(2024, 3, 28), 1) == date(2024, 3, 29)


# ------------------------------------------------------------------------------ timescales
@pytest.mark.parametrize("field", ["acknowledge", "panel", "appeal_window", "secondary_review"])
@pytest.mark.parametrize("days", [0, 251, -5])
def test_timescales_refuse_targets_outside_one_to_250_working_days(field: str, days: int) -> None:
    # Arrange / Act / Assert
    with pytest.raises(InvalidDetailsError) as refused:
        Timescales(**{field: days})
    assert f"'{field}'" in str(refused.value)
    assert "from 1 to 250 working days" in str(refused.value)
    assert f"not {days}" in str(refused.value)


@pytest.mark.parametrize("days", [1, 250])
def test_timescales_accept_the_limits(days: int) -> None:
    # Arrange / Act
    timescales = Timescales(panel=days)

    # Assert
    assert timescales.for_step(Step.PANEL) == days


def test_default_timescales_give_a_target_for_every_step() -> None:
    # Arrange
    timescales = Timescales()

    # Act
    targets = {step: timescales.for_step(step) for step in Step}

    # Assert
    assert targets[Step.ACKNOWLEDGE] == 5
    assert targets[Step.THRESHOLD_DECISION] == 10
    assert all(1 <= days <= 250 for days in targets.values())
    assert all(step.label for step in Step)


def test_a_deadline_is_overdue_only_after_its_due_date_while_open() -> None:
    # Arrange
    due = date(2025, 3, 14)
    open_deadline = Deadline(Step.ACKNOWLEDGE, "", date(2025, 3, 7), due)
    met_late = Deadline(Step.ACKNOWLEDGE, "", date(2025, 3, 7), due, met_on=date(2025, 3, 17))

    # Act / Assert
    assert not open_deadline.is_overdue(due)
    assert open_deadline.is_overdue(date(2025, 3, 15))
    assert not met_late.is_overdue(date(2025, 4, 1))
    assert met_late.was_missed()
    assert not open_deadline.was_missed()


def test_a_deadline_label_names_its_subject() -> None:
    # Arrange
    deadline = Deadline(Step.AGENCY_INFORMATION, "Kent Police", date(2025, 3, 7), date(2025, 3, 21))

    # Act / Assert
    assert deadline.label == "Agency information due (Kent Police)"


# -------------------------------------------------------------------------------- periods
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 1, 31), date(2025, 2, 28)),
        (date(2024, 1, 31), date(2024, 2, 29)),
        (date(2025, 3, 31), date(2025, 4, 30)),
        (date(2025, 1, 15), date(2025, 2, 15)),
        (date(2024, 12, 31), date(2025, 1, 31)),
    ],
)
def test_one_month_after_ends_on_the_same_day_or_the_last_day_of_a_shorter_month(
    start: date, end: date
) -> None:
    # Arrange / Act / Assert
    assert Period(months=1).after(start) == end


def test_thirty_days_after_31_january_is_2_march() -> None:
    # Arrange / Act / Assert
    assert Period(days=30).after(date(2025, 1, 31)) == date(2025, 3, 2)
    assert Period(days=30).after(date(2024, 1, 31)) == date(2024, 3, 1)


def test_six_months_before_the_end_of_august_is_the_end_of_february() -> None:
    # Arrange / Act / Assert
    assert Period(months=6).before(date(2025, 8, 31)) == date(2025, 2, 28)
    assert Period(months=6).before(date(2025, 3, 15)) == date(2024, 9, 15)
    assert Period(days=30).before(date(2025, 3, 2)) == date(2025, 1, 31)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("1 month", Period(months=1)),
        ("6 months", Period(months=6)),
        ("30 days", Period(days=30)),
        ("1 day", Period(days=1)),
        ("  3 Months ", Period(months=3)),
    ],
)
def test_period_parse_accepts_whole_months_and_days(text: str, period: Period) -> None:
    # Arrange / Act / Assert
    assert Period.parse(text) == period


@pytest.mark.parametrize(
    "text", ["a fortnight", "0 days", "-1 months", "1 week", "6", "months", "", "1.5 months"],
)
def test_period_parse_refuses_anything_else_with_an_example(text: str) -> None:
    # Arrange / Act / Assert
    with pytest.raises(InvalidDetailsError) as refused:
        Period.parse(text)
    assert "such as '1 month', '6 months' or '30 days'" in str(refused.value)


def test_period_parse_refuses_a_superscript_digit_with_the_domain_error() -> None:
    """'²' is a digit to ``str.isdigit`` but not to ``int``: the refusal must still be the domain's
    InvalidDetailsError (which the profile loader reports), not a bare ValueError."""
    # Arrange / Act / Assert
    with pytest.raises(InvalidDetailsError, match="is not a period"):
        Period.parse("² months")


@pytest.mark.parametrize(("months", "days"), [(0, 0), (-1, 0), (0, -3)])
def test_a_period_must_be_positive(months: int, days: int) -> None:
    # Arrange / Act / Assert
    with pytest.raises(InvalidDetailsError, match="positive number of months or days"):
        Period(months=months, days=days)


@pytest.mark.parametrize(
    ("period", "text"),
    [(Period(months=1), "one month"), (Period(months=6), "6 months"), (Period(days=1), "one day"),
     (Period(days=30), "30 days")],
)
def test_a_period_reads_as_plain_english(period: Period, text: str) -> None:
    # Arrange / Act / Assert
    assert str(period) == text


def test_long_dates_have_no_leading_zero() -> None:
    # Arrange / Act / Assert
    assert long_date(date(2025, 3, 3)) == "3 March 2025"


@pytest.mark.parametrize(
    ("met_on", "today", "expected"),
    [(date(2026, 3, 2), date(2026, 3, 9), DeadlineStatus.MET),
     (date(2026, 3, 6), date(2026, 3, 9), DeadlineStatus.MET_LATE),
     (None, date(2026, 3, 9), DeadlineStatus.OVERDUE), (None, date(2026, 3, 5), DeadlineStatus.OPEN)],
)
def test_a_deadline_says_whether_it_was_met_on_time_late_or_is_overdue(met_on, today, expected) -> None:
    deadline = Deadline(Step.PANEL, "", date(2026, 2, 2), date(2026, 3, 5), met_on)

    assert deadline.status(today) == expected
