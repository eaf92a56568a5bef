"""Calendar periods ("one month", "30 days", "six months") and plain-English dates."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from domain.errors import InvalidDetailsError


@dataclass(frozen=True, order=True)
class Period:
    months: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if self.months < 0 or self.days < 0 or (self.months == 0 and self.days == 0):
            raise InvalidDetailsError(
                "A period must be a positive number of months or days, such as '1 month' or "
                "'30 days'."
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        """'1 month', '6 months', '30 days'."""
        parts = text.strip().lower().split()
        if len(parts) == 2 and parts[0].isascii() and parts[0].isdigit():
            number, unit = int(parts[0]), parts[1]
            if unit in ("month", "months") and number > 0:
                return cls(months=number)
            if unit in ("day", "days") and number > 0:
                return cls(days=number)
        raise InvalidDetailsError(
            f"'{text}' is not a period: write a whole number of months or days, such as "
            "'1 month', '6 months' or '30 days'."
        )

    def after(self, start: date) -> date:
        """The last date of the period that starts on ``start``."""
        return _add_months(start, self.months) + timedelta(days=self.days)

    def before(self, end: date) -> date:
        """The first date of the period that ends on ``end``."""
        return _add_months(end, -self.months) - timedelta(days=self.days)

    def last_day_beginning_with(self, start: date) -> date:
        """The last day of the period "beginning with" ``start``, the Act's way of counting (that day
        counts): N months end on the day before the same-numbered day N months later, or on the last
        day of that month where it has no such day; N days end N - 1 days after ``start``."""
        end = start
        if self.months:
            index = start.year * 12 + start.month - 1 + self.months
            year, month = divmod(index, 12)
            last_day = calendar.monthrange(year, month + 1)[1]
            if start.day > last_day:
                end = date(year, month + 1, last_day)
            else:
                end = date(year, month + 1, start.day) - timedelta(days=1)
        if self.days:
            end += timedelta(days=self.days - (0 if self.months else 1))
        return end

    def covers(self, start: date, day: date) -> bool:
        """Whether ``day`` falls within the period beginning with ``start``."""
        return start <= day <= self.last_day_beginning_with(start)

    def earliest_start_covering(self, day: date) -> date:
        """The earliest day a period can begin with and still include ``day`` (the first day of the
        look-back: a report made on it or later is within the period of the application)."""
        start = _add_months(day, -self.months) - timedelta(days=self.days)
        while self.last_day_beginning_with(start) >= day:
            start -= timedelta(days=1)
        while self.last_day_beginning_with(start) < day:
            start += timedelta(days=1)
        return start

    def __str__(self) -> str:
        if self.months:
            return "one month" if self.months == 1 else f"{self.months} months"
        return "one day" if self.days == 1 else f"{self.days} days"


def _add_months(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last_day))


def long_date(day: date) -> str:
    """'3 March 2025'."""
    return f"{day.day} {day:%B %Y}"
