"""The GOV.UK date input: day, month and year typed into three boxes, read into a ``date`` with the
Design System's error messages ("The date the incident happened must include a month"), each naming
the part of the date to highlight."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields

PARTS = ("day", "month", "year")


class DateInputError(ValueError):
    """What is wrong with a typed date, and which part to highlight (``day``, ``month`` or ``year``; empty for the
    whole date)."""

    def __init__(self, message: str, part: str = "") -> None:
        super().__init__(message)
        self.message, self.part = message, part


def parts_of(form: Mapping[str, str], name: str) -> dict[str, str]:
    """The three typed parts of the date input ``name`` (``name-day`` …), stripped."""
    return {part: (form.get(f"{name}-{part}") or "").strip() for part in PARTS}


def parse_date(parts: Mapping[str, str], what: str, *, today: date, past: bool = True) -> date:
    """``what`` names the date in the messages, e.g. "the date the incident happened". ``past``: the date
    must be today or earlier."""
    subject = what[0].upper() + what[1:]
    missing = [part for part in PARTS if not parts.get(part)]
    if len(missing) == len(PARTS):
        raise DateInputError(f"Enter {what}")
    if missing:
        raise DateInputError(f"{subject} must include a {' and '.join(missing)}", missing[0])
    numbers = {}
    for part in PARTS:
        text = parts[part]
        if not text.isdigit() or len(text) > 4:
            raise DateInputError(f"{subject} must be a real date", part)
        numbers[part] = int(text)
    if len(parts["year"]) != 4:
        raise DateInputError(f"{subject} must include a year with 4 numbers, for example 2026", "year")
    if not 1 <= numbers["month"] <= 12:
        raise DateInputError(f"{subject} must be a real date", "month")
    try:
        day = date(numbers["year"], numbers["month"], numbers["day"])
    except ValueError:
        raise DateInputError(f"{subject} must be a real date") from None
    if day.year < 1900:
        raise DateInputError(f"{subject} must be after 1900", "year")
    if past and day > today:
        raise DateInputError(f"{subject} must be today or in the past")
    return day


def error_part(parts: Mapping[str, str], what: str, *, today: date, past: bool = True) -> str | None:
    """The part to highlight ("" for the whole date), or None when the date is fine."""
    try:
        parse_date(parts, what, today=today, past=past)
    except DateInputError as error:
        return error.part
    return None


class GovukDate(fields.Field):  # type: ignore[type-arg]
    """A marshmallow field reading ``{"day": …, "month": …, "year": …}`` into a date. The schema it belongs
    to gives ``today``."""

    def __init__(self, what: str, *, past: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.what, self.past = what, past

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        if not isinstance(value, Mapping):
            raise ValidationError(f"Enter {self.what}")
        today: date = getattr(self.parent, "today", date.today())
        try:
            return parse_date(value, self.what, today=today, past=self.past)
        except DateInputError as error:
            raise ValidationError(error.message) from None
