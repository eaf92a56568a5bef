"""What the case views share: loading a case (an unknown reference is the 404 page) and the case's
state as at a moment, with its deadlines as they stood then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import abort

from application.errors import CaseNotFoundError
from application.history import HistoryEntry
from application.queries import Case
from domain.deadlines import deadlines_for
from domain.timescales import Deadline
from web.context import services


@dataclass(frozen=True)
class CaseState:
    """The case as it stood on ``on`` (the page shows its deadlines' status as at that day)."""

    case: Case
    on: date
    deadlines: list[Deadline]


def state_of(case: Case, on: date) -> CaseState:
    back_office = services().back_office
    return CaseState(case, on, deadlines_for(case.application, case.review, back_office.profile.timescales,
                                             back_office.calendar))


def history_of(reference: str) -> list[HistoryEntry]:
    """The case's events in order; the 404 page for an unknown reference."""
    try:
        return services().back_office.cases.history(reference)
    except CaseNotFoundError:
        abort(404)


def guarded(call: Any, *args: Any, **kwargs: Any) -> Any:
    """``call(*args, **kwargs)``, with an unknown case answered by the 404 page."""
    try:
        return call(*args, **kwargs)
    except CaseNotFoundError:
        abort(404)
