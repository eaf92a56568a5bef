"""The working-day calendar of England and Wales, from the ``holidays`` package.

The package carries the one-off bank holidays too (the State Funeral on 19 September 2022, the
Coronation on 8 May 2023, the Platinum Jubilee on 3 June 2022, the May holiday moved to 8 May in
2020). England and Wales share the same bank holidays.
"""

from __future__ import annotations

from functools import cache

import holidays

from domain.timescales import WorkingCalendar

FIRST_YEAR = 2014


@cache
def england_and_wales(last_year: int = 2040) -> WorkingCalendar:
    years = range(FIRST_YEAR, last_year + 1)
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=years)
    return WorkingCalendar(bank_holidays.keys())
