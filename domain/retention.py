"""How long the records of an ended case are kept: the partnership's retention period, in whole years
(``retention_years`` in the profile). Cases past it are listed; by the profile's ``erase_after_retention`` a
manager erases them (``MANAGER``, the default), or the nightly job does once a case has been listed for
``erase_notice_days`` (``AUTOMATICALLY``), on the ground that the retention period ended (docs/PERSONAL-DATA.md)."""

from __future__ import annotations

from datetime import date, timedelta

from domain.periods import Period
from domain.words import Worded


class RetentionErasure(Worded):
    """Who erases a case whose retention period has ended."""

    MANAGER = "a manager, from the list of cases past their retention period"
    AUTOMATICALLY = "the nightly job, once the case has been listed for the notice period"


def retention_period(years: int) -> Period:
    return Period(months=12 * years)


def retention_ends_on(ended_on: date, years: int) -> date:
    """The last day of the retention period of a case that ended on ``ended_on``."""
    return retention_period(years).after(ended_on)


def retention_cutoff(today: date, years: int) -> date:
    """Cases that ended before this date are past a retention period of ``years`` years."""
    return retention_period(years).before(today)


def due_for_automatic_erasure(listed_on: date, today: date, notice_days: int) -> bool:
    """A case listed on ``listed_on`` has been listed for the whole notice period by ``today``."""
    return today >= listed_on + timedelta(days=notice_days)
