"""Checks on business dates supplied with commands."""

from datetime import date

from domain.errors import FutureDateError, OutOfOrderError
from domain.periods import long_date


def not_in_future(day: date, today: date, what: str) -> None:
    if day > today:
        raise FutureDateError(
            f"The {what} ({long_date(day)}) is in the future; enter a date on or before "
            f"{long_date(today)}."
        )


def not_before(day: date, earlier: date, what: str, earlier_what: str) -> None:
    if day < earlier:
        raise OutOfOrderError(
            f"The {what} ({long_date(day)}) is before {earlier_what} ({long_date(earlier)}); "
            "check the date."
        )
