"""How long the records of an ended case are kept: the partnership's retention period, in whole years
(``retention_years`` in the profile). Cases past it are only listed for a person to act on; nothing is
erased."""

from __future__ import annotations

from datetime import date

from domain.periods import Period


def retention_period(years: int) -> Period:
    return Period(months=12 * years)


def retention_ends_on(ended_on: date, years: int) -> date:
    """The last day of the retention period of a case that ended on ``ended_on``."""
    return retention_period(years).after(ended_on)


def retention_cutoff(today: date, years: int) -> date:
    """Cases that ended before this date are past a retention period of ``years`` years."""
    return retention_period(years).before(today)
