"""The page of an agency contact or panel member: the requests for information addressed to their agency
and the recommendations to their agency still waiting for a response, each linking to the form that
answers it (which records it for their agency only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, render_template

from application.errors import CaseNotFoundError
from domain.periods import long_date
from domain.timescales import Step
from domain.user import Role
from projections.agency_requests import AgencyDeadline, open_agency_deadlines
from projections.tables import read_models_built
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
        if not read_models_built(conn, services().schema):
            return render_template("agency.html", title=title, agency=account.agency, unavailable=True,
                                   waiting=[], today=back_office.today()), 503
        deadlines = open_agency_deadlines(conn, services().schema, account.agency)
    return render_template("agency.html", title=title, agency=account.agency, today=back_office.today(),
                           waiting=waiting_for(account.agency, deadlines), long_date=long_date), 200


def waiting_for(agency: str, deadlines: list[AgencyDeadline]) -> list[Waiting]:
    back_office = services().back_office
    found: list[Waiting] = []
    for deadline in deadlines:
        try:
            review = back_office.cases.get_case(deadline.reference).review
        except CaseNotFoundError:
            continue
        if review is None:
            continue
        if deadline.step == Step.AGENCY_INFORMATION.value:
            request = review.agency_requests.get(agency)
            if request is not None and request.received_on is None:
                found.append(Waiting(deadline.reference, f"Information requested on {long_date(request.requested_on)}",
                                     request.due_on, "steps.record_agency_information", "Record the information"))
        else:
            found += [Waiting(deadline.reference, f"Response to recommendation {rec.number}: {rec.text}",
                              rec.response_due_on, "steps.agency_response", "Record the response", rec.number)
                      for rec in review.recommendations if rec.agency == agency and not rec.responses]
    return sorted(found, key=lambda w: (w.due_on, w.reference, w.number or 0))
