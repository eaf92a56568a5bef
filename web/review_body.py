"""The pages of a review-body user (``domain/review_body.py``): the cases referred to their body, each case's papers
(what the body needs for its decision: the case's record in words), and links to the forms that record the body's
decision (the same steps a manager or an officer uses, which let a review body record only its own decisions)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, render_template
from psycopg import sql

from application.errors import CaseNotFoundError
from application.queries import Case
from domain.actions import Command
from domain.periods import long_date
from domain.review_body import DECISIONS, is_referred_to, may_decide
from domain.user import Role
from web.access import current_account, requires
from web.context import services

blueprint = Blueprint("review_body", __name__)

REVIEW_BODIES = frozenset({Role.REVIEW_BODY})
# The form that records each decision (``web/steps``), and its link text.
DECISION_FORMS = {
    Command.UPHOLD_APPEAL: ("steps.decide_appeal", "Decide the appeal"),
    Command.UPHOLD_CHALLENGE: ("steps.decide_challenge", "Decide the challenge to the rejection"),
    Command.CONCLUDE_SECONDARY_REVIEW: ("steps.conclude_secondary_review", "Record the secondary review's conclusion"),
}


@dataclass(frozen=True)
class Referred:
    case: Case
    decisions: tuple[tuple[str, str], ...]  # (endpoint, link text) of each decision open to the body now


def _body() -> str:
    account = current_account()
    assert account is not None
    return account.review_body


def referred_to(body: str) -> list[Referred]:
    """The cases referred to ``body``: those the case list says were escalated, each checked with the domain."""
    back_office = services().back_office
    with services().read_models() as conn:
        references = [row[0] for row in conn.execute(sql.SQL(
            "SELECT reference FROM {}.ct_cases WHERE appeal_lodged OR challenge_lodged OR secondary_review_requested "
            "ORDER BY received_on, reference").format(sql.Identifier(services().schema))).fetchall()]
    found = []
    for reference in references:
        try:
            case = back_office.cases.get_case(reference)
        except CaseNotFoundError:
            continue
        if is_referred_to(body, case.application, case.review, back_office.profile.routes):
            found.append(Referred(case, _decisions(case, body)))
    return found


def _decisions(case: Case, body: str) -> tuple[tuple[str, str], ...]:
    back_office = services().back_office
    available = {action.command for action in back_office.cases.available_actions(case)}
    return tuple(DECISION_FORMS[command] for command in DECISION_FORMS
                 if command in available and command in DECISIONS
                 and may_decide(command, body, case.application, case.review, back_office.profile.routes))


@blueprint.get("/review-body")
@requires(REVIEW_BODIES)
def referred_cases() -> str:
    body = _body()
    return render_template("review_body.html", title="Cases referred to your body", body=body,
                           referred=referred_to(body) if body else [], long_date=long_date)


@blueprint.get("/review-body/cases/<reference>")
@requires(REVIEW_BODIES)
def papers(reference: str) -> str:
    body, back_office = _body(), services().back_office
    try:
        case, history = back_office.cases.case_with_history(reference)
    except CaseNotFoundError:
        abort(404)
    if not is_referred_to(body, case.application, case.review, back_office.profile.routes):
        abort(403)  # a case not referred to the body is refused
    return render_template("review_body_papers.html", title=f"Case {case.reference}: the papers", body=body,
                           case=case, history=history, decisions=_decisions(case, body), long_date=long_date)
