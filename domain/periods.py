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
