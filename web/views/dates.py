"""GOV.UK date inputs (day, month and year boxes) read into a date, with the GOV.UK error wording:
each error names the date and goes on the box that is wrong (day, month or year), so the error
summary links to it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

PARTS = ("day", "month", "year")
TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


@dataclass(frozen=True)
class DateField:
    """A date input named ``name`` (boxes ``name-day``, ``name-month``, ``name-year``)."""

    name: str
    what: str  # e.g. "The date the letter was sent"

    def values(self, form: Mapping[str, Any]) -> dict[str, str]:
        return {part: str(form.get(f"{self.name}-{part}", ""))[:20].strip() for part in PARTS}

    def read(self, form: Mapping[str, Any], today: date, *,
             allow_future: bool = False) -> tuple[date | None, str | None, str | None]:
        """The date, or None with the message and the id of the box it belongs to."""
        values = self.values(form)
        missing = [part for part in PARTS if not values[part]]
        if len(missing) == 3:
            return None, f"Enter {self.what.lower()}", f"{self.name}-day"
        if missing:
            return None, f"{self.what} must include a {' and '.join(missing)}", f"{self.name}-{missing[0]}"
        for part in PARTS:
            if not values[part].isdigit():
                return None, f"{self.what} must be a real date, with the {part} in numbers", f"{self.name}-{part}"
        if len(values["year"]) != 4:
            return None, "Year must include 4 numbers", f"{self.name}-year"
        day, month, year = (int(values[part]) for part in PARTS)
        if not 1 <= month <= 12:
            return None, f"{self.what} must be a real date: the month is a number from 1 to 12", f"{self.name}-month"
        try:
            found = date(year, month, day)
        except ValueError:
            return None, f"{self.what} must be a real date, like 27 3 2026", f"{self.name}-day"
        if not allow_future and found > today:
            return None, f"{self.what} must be today or in the past", f"{self.name}-day"
        return found, None, None

    def items(self, form: Mapping[str, Any], error_field: str | None) -> list[dict[str, Any]]:
        """The govukDateInput items, keeping what was typed and marking the box in error."""
        values = self.values(form)
        widths = {"day": 2, "month": 2, "year": 4}
        return [{"name": part, "label": part.capitalize(), "value": values[part],
                 "classes": f"govuk-input--width-{widths[part]}"
                            + (" govuk-input--error" if error_field in (f"{self.name}-{part}",) else "")}
                for part in PARTS]


def read_time(text: str) -> time | None:
    """A 24-hour time like 14:30 (or 14.30); None when it is not one."""
    found = TIME.match((text or "").strip())
    if not found:
        return None
    hours, minutes = int(found.group(1)), int(found.group(2))
    return time(hours, minutes) if hours < 24 and minutes < 60 else None
