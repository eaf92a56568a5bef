"""The page of an agency contact or panel member: the requests for information addressed to their agency,
the requests to confirm the incidents reported to it, and the recommendations to their agency still waiting
for a response, each linking to the form that answers it (which records it for their agency only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, abort, render_template

from application.errors import CaseNotFoundError
from application.panel_papers import panel_papers, panels_of
from domain import plurals
from domain.actions import Action, Command, allowed_for
from domain.application import Application
from domain.case_review import CaseReview
from domain.deadlines import response_subject
from domain.periods import long_date
from domain.timescales import Step
from domain.user import Role
from projections.agency_requests import AgencyDeadline, open_agency_deadlines, open_panel_cases
from web.access import current_account, requires
from web.context import services

blueprint = Blueprint("agency", __name__)

AGENCY_CONTACTS = frozenset({Role.AGENCY_CONTACT})


@dataclass(frozen=True)
class Waiting:
    reference: str
    what: str  # what is due, e.g. "Information requested on 2 March 2026"
    due_on: date
    endpoint: str
    action: str  # link text
    number: int | None = None

    def is_overdue(self, today: date) -> bool:
        return self.due_on < today


@blueprint.get("/agency")
@requires(AGENCY_CONTACTS)
def requests() -> tuple[str, int]:
    account = current_account()
    assert account is not None
    back_office = services().back_office
    title = "Your agency's requests"
    if not account.agency:
        return render_template("agency.html", title=title, agency="", waiting=[], today=back_office.today()), 200
    with services().read_models() as conn:
        if not services().read_models_built(conn):
            return render_template("agency.html", title=title, agency=account.agency, unavailable=True,
                                   waiting=[], today=back_office.today()), 503
        deadlines = open_agency_deadlines(conn, services().schema, account.agency)
        panel_cases = open_panel_cases(conn, services().schema)
    return render_template("agency.html", title=title, agency=account.agency, today=back_office.today(),
                           waiting=waiting_for(account.agency, deadlines), long_date=long_date,
                           panels=panels_of(back_office.cases, panel_cases, account.agency)), 200


@blueprint.get("/agency/panels/<reference>")
@requires(AGENCY_CONTACTS)
def panel(reference: str) -> tuple[str, int]:
    """The papers of a panel the contact's agency sits on, until the case closes; for any other case or agency,
    exactly what a case that does not exist gives."""
    account = current_account()
    assert account is not None
    if not account.agency:  # nothing about any case until their agency is set
        return render_template("agency_not_set.html", title="Your agency is not set yet"), 200
    try:
        papers = panel_papers(services().back_office.cases, reference, account.agency)
    except CaseNotFoundError:
        abort(404)
    return render_template("agency_panel.html", title=f"Panel papers for case {papers.reference}", papers=papers,
                           agency=account.agency, long_date=long_date), 200


def waiting_for(agency: str, deadlines: list[AgencyDeadline]) -> list[Waiting]:
    """What the agency owes on the cases the read models list for it: each open deadline of the agency's (the
    domain's deadlines) whose step the domain lets an agency contact of ``agency`` record now. No rule of its own."""
    back_office = services().back_office
    found: list[Waiting] = []
    for reference in dict.fromkeys(deadline.reference for deadline in deadlines):
        try:
            case = back_office.cases.get_case(reference)
        except CaseNotFoundError:
            continue
        owed = {(d.step, d.subject) for d in back_office.cases.deadlines_of(case) if d.is_open()}
        found += [_waiting(reference, case.application, case.review, action, owed)
                  for action in allowed_for(back_office.cases.available_actions(case), AGENCY_CONTACTS, agency)
                  if _deadlines_of(action, agency) & owed]
    return sorted(found, key=lambda w: (w.due_on, w.reference, w.number or 0))


def _deadlines_of(action: Action, agency: str) -> set[tuple[Step, str]]:
    """The deadlines an agency's action meets: its request for information, or its response to a recommendation
    and then the completion of the recommendation's actions."""
    if action.command is Command.RECORD_AGENCY_INFORMATION:
        return {(Step.AGENCY_INFORMATION, agency)}
    if action.command is Command.ANSWER_VERIFICATION:
        return {(Step.INCIDENT_VERIFICATION, action.agency or "")}
    subject = response_subject(action.number or 0, agency)
    return {(Step.RECOMMENDATION_RESPONSE, subject), (Step.RECOMMENDATION_COMPLETION, subject)}


def _waiting(reference: str, application: Application, review: CaseReview | None, action: Action,
             owed: set[tuple[Step, str]]) -> Waiting:
    if action.command is Command.ANSWER_VERIFICATION:
        open_requests = [r for r in application.verification_requests if r.agency == action.agency]
        awaited = application.check_can_answer_verification(action.agency or "")
        return Waiting(reference, f"Confirm {plurals.in_number(len(awaited), 'incident')} "
                       + ", ".join(map(str, awaited)) + " reported to you",
                       min(r.due_on for r in open_requests if set(r.numbers) & set(awaited)),
                       "steps.answer_verification", "Record your answers")
    assert review is not None  # the other actions are the review's
    if action.command is Command.RECORD_AGENCY_INFORMATION:
        request = review.agency_requests[action.agency or ""]
        reported = [i for i in application.incidents_as_they_stand if i.agency == request.agency]
        return Waiting(reference, f"Information requested on {long_date(request.requested_on)}: what you hold about "
                       f"the {application.problem.kind} at {application.problem.location} and "
                       f"{len(reported)} {plurals.in_number(len(reported), 'incident')} reported to you",
                       request.due_on, "steps.record_agency_information", "Record the information")
    recommendation = next(r for r in review.recommendations if r.number == action.number)
    if (Step.RECOMMENDATION_RESPONSE, response_subject(recommendation.number, recommendation.agency)) in owed:
        return Waiting(reference, f"Response to recommendation {recommendation.number}: {recommendation.text}",
                       recommendation.response_due_on, "steps.agency_response", "Record the response",
                       recommendation.number)
    assert recommendation.target_on is not None  # an owed completion has a target
    return Waiting(reference, f"Complete the actions of recommendation {recommendation.number} (accepted): "
                              f"{recommendation.text}",
                   recommendation.target_on, "steps.agency_response", "Report progress or completion",
                   recommendation.number)
