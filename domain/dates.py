"""Checks on business dates supplied with commands."""

from datetime import date

from domain.errors import AlreadyRecordedError, FutureDateError, OutOfOrderError
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


def not_already(recorded_on: date | None, what: str) -> None:
    """Refuses a step that happens once when it was already recorded: ``what`` says what happened, and
    the refusal gives the date ("The panel was already held on 4 May 2026.")."""
    if recorded_on:
        raise AlreadyRecordedError(f"{what} on {long_date(recorded_on)}.")


def done_first(earlier_step: object, message: str) -> None:
    """Refuses a step until the one it follows has been recorded (``earlier_step`` is what that step
    recorded: its date or decision); ``message`` says what to do first."""
    if not earlier_step:
        raise OutOfOrderError(message)
