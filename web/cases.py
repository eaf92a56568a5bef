"""The case page: everything about one case, read from the event store (the case as it stands, its
deadlines, the threshold assessment and its history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, render_template

from application.case_papers import CasePapers
from application.core import LONDON
from application.errors import CaseNotFoundError
from application.history import HistoryEntry, describe
from application.letters import LetterStatus
from application.queries import Case
from domain.case_file import CaseNote
from domain.letters import AvailableLetter, letters_reached
from domain.periods import long_date
from domain.threshold import ThresholdAssessment
from domain.timescales import Deadline, DeadlineStatus
from domain.values import AgencyResponseKind
from projections.ombudsman import LETTERS
from web.access import CASE_READERS, requires
from web.context import services

blueprint = Blueprint("cases", __name__)

STATUS_TAGS = {DeadlineStatus.MET: "govuk-tag--green", DeadlineStatus.MET_LATE: "govuk-tag--yellow",
               DeadlineStatus.OVERDUE: "govuk-tag--red", DeadlineStatus.OPEN: "govuk-tag--grey"}


@dataclass(frozen=True)
class CasePage:
    case: Case
    assessment: ThresholdAssessment
    assessment_is_decision: bool  # the stored decision's assessment, or today's preview
    deadlines: list[Deadline]
    timeline: list[HistoryEntry]
    notes: tuple[CaseNote, ...] = ()
    papers: CasePapers = CasePapers()
    letter_statuses: dict[tuple[Any, str], LetterStatus] | None = None

    @property
    def letters_reached(self) -> list[AvailableLetter]:
        """Every letter the case has reached, in the order of the process (each with its status on the page)."""
        return letters_reached(self.case.application, self.case.review)

    @property
    def letters(self) -> list[HistoryEntry]:
        return [e for e in self.timeline if e.event in LETTERS]

    @property
    def decision(self) -> str | None:
        decision = self.case.application.decision
        return decision.label.capitalize() if decision else None


@blueprint.get("/cases/<reference>")
@requires(CASE_READERS)
def show_case(reference: str) -> str:
    back_office = services().back_office
    try:
        found = back_office.cases.case_page(reference)  # one read of the case's events
    except CaseNotFoundError:
        abort(404)
    case, case_file = found.case, found.case_file
    stored = case.application.assessment
    page = CasePage(case, stored or back_office.cases.assessment_of(case), stored is not None,
                    back_office.cases.deadlines_of(case), found.history,
                    tuple(case_file.notes) if case_file is not None else (), found.papers,
                    back_office.cases.letter_statuses_of(case, case_file))
    return render_template("case.html", title=f"Case {case.reference}", page=page, today=back_office.today(),
                           long_date=long_date, describe=describe, letters=LETTERS, status_tags=STATUS_TAGS,
                           completed_kind=AgencyResponseKind.COMPLETED)


def london_time(moment: datetime) -> str:
    return f"{moment.astimezone(LONDON):%d %b %Y %H:%M}"


blueprint.add_app_template_filter(london_time)
