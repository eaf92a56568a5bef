"""The papers of a review panel, for the agencies that sit on it: the incidents and the threshold, what each
agency supplied, and the victims' impact statements. An agency named among the scheduled panel's members reads
them until the review closes (``CaseReview.panel_member``); any other agency is told the case does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from application.errors import CaseNotFoundError
from application.history import describe
from application.queries import Case, CaseQueries
from domain.case_review import CaseReview
from domain.threshold import ThresholdAssessment
from domain.values import Incident


@dataclass(frozen=True)
class AgencyInformation:
    agency: str
    requested_on: date
    due_on: date
    received_on: date | None
    summary: str  # empty until it is received


@dataclass(frozen=True)
class ImpactStatement:
    received_on: date
    statement: str


@dataclass(frozen=True)
class PanelPapers:
    reference: str
    panel_date: date
    chair: str
    members: tuple[str, ...]
    problem: str
    incidents: tuple[Incident, ...]
    threshold: ThresholdAssessment
    agency_information: tuple[AgencyInformation, ...]
    impact_statements: tuple[ImpactStatement, ...]


def as_recorded(cases: CaseQueries, reference: str) -> Case:
    """The case as it stands, its panel's members known: a review loaded from a snapshot stored before they were
    kept (CaseReview version 3, ``upcast_v3_v4``) has none, so it is rebuilt from its events."""
    case = cases.get_case(reference)
    if case.review is not None and case.review.panel_date is not None and not case.review.panel_members:
        case, _ = cases.case_with_history(reference)
    return case


def panels_of(cases: CaseQueries, references: list[str], agency: str) -> list[CaseReview]:
    """The reviews among ``references`` whose scheduled panel ``agency`` sits on, earliest panel first."""
    found: list[CaseReview] = []
    for reference in references:
        try:
            review = as_recorded(cases, reference).review
        except CaseNotFoundError:
            continue
        if review is not None and review.panel_member(agency):
            found.append(review)
    return sorted(found, key=lambda r: (r.panel_date or date.max, r.reference))


def panel_papers(cases: CaseQueries, reference: str, agency: str) -> PanelPapers:
    """The papers of the panel of ``reference`` for ``agency``; ``CaseNotFoundError`` unless it sits on it."""
    case = as_recorded(cases, reference)
    review = case.review
    if review is None or not review.panel_member(agency) or review.panel_date is None:
        raise CaseNotFoundError(reference)
    summaries: dict[str, str] = {}
    statements: list[ImpactStatement] = []
    for event in cases.events_of(case.reference):
        name = type(event).__qualname__
        if name == "CaseReview.AgencyInformationReceived":
            summaries[event.agency] = str(event.summary)
        elif name == "CaseReview.ImpactStatementReceived":
            statements.append(ImpactStatement(event.received_on, str(event.statement)))
    application = case.application
    return PanelPapers(
        reference=case.reference, panel_date=review.panel_date, chair=review.chair, members=tuple(review.panel_members),
        problem=describe(application.problem),
        incidents=tuple(application.incidents_as_they_stand), threshold=cases.assessment_of(case),
        agency_information=tuple(
            AgencyInformation(r.agency, r.requested_on, r.due_on, r.received_on, summaries.get(r.agency, ""))
            for r in review.agency_requests.values()),
        impact_statements=tuple(statements))
