"""GET operations: the case list from the read model, a case as it stands (from the event store),
its history, deadlines, decisions and letters, the yearly figures and the audit-chain check.
``QUERIES`` is also what the OpenAPI document describes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Response, jsonify, request
from marshmallow import Schema

from application.history import HistoryEntry
from application.queries import Case
from domain.actions import allowed_for
from domain.stage import Stage
from domain.timescales import Deadline
from projections import audit
from projections.case_list import CaseList
from projections.statistics import yearly_figures
from web.api.auth import CASE_READERS, caller, require
from web.api.base import blueprint, reference_in_path
from web.api.problems import ProblemError
from web.api.schemas import responses as out
from web.api.schemas.common import ApiSchema
from web.context import services


@dataclass(frozen=True)
class Query:
    name: str
    path: str
    response: type[Schema]
    summary: str
    many: bool = False
    parameters: type[ApiSchema] | None = None


QUERIES: list[Query] = []


def query(name: str, path: str, response: type[Schema], summary: str, *, many: bool = False,
          parameters: type[ApiSchema] | None = None) -> Callable[[Callable[..., Any]], Callable[..., Response]]:
    def register(function: Callable[..., Any]) -> Callable[..., Response]:
        def view(reference: str = "") -> Response:
            require(CASE_READERS)
            args = _arguments(parameters)
            found = function(reference_in_path(reference), **args) if reference else function(**args)
            return jsonify(response(many=many).dump(found))

        view.__name__ = name
        QUERIES.append(Query(name, path, response, summary, many, parameters))
        blueprint.add_url_rule(path, name, view, methods=["GET"])
        return view

    return register


def _arguments(parameters: type[ApiSchema] | None) -> dict[str, Any]:
    given = request.args.to_dict(flat=False)
    if any(len(values) > 1 for values in given.values()):
        raise ProblemError(422, "Give each query parameter once.",
                         {k: ["Give this parameter once."] for k, v in given.items() if len(v) > 1})
    flat = {key: values[0] for key, values in given.items()}
    if parameters is None:
        if flat:
            raise ProblemError(422, "This operation takes no query parameters.",
                             {key: ["Unknown field."] for key in flat})
        return {}
    loaded: dict[str, Any] = parameters().load(flat)
    return loaded


def _read_model(action: Callable[[Any], Any]) -> Any:
    with services().read_models() as conn:
        if not services().read_models_built(conn):
            raise ProblemError(503, "The read models are not built yet; run 'community-trigger rebuild' or "
                                  "'project', then try again.")
        return action(conn)


@query("list_cases", "/cases", out.CaseListSchema, "Open cases, overdue first (from the read model)",
       parameters=out.CaseListQuery)
def list_cases(*, stage: Stage | None, officer: str | None, overdue: bool, page: int, per_page: int) -> Any:
    today = services().back_office.today()
    found = _read_model(lambda conn: CaseList(conn, services().schema).open_cases(
        today=today, stage=stage, officer=officer, overdue_only=overdue, page=page, per_page=per_page))
    cases = [{**vars(c), "overdue": c.is_overdue(today)} for c in found.cases]
    return {"cases": cases, "total": found.total, "page": found.page, "pages": found.pages,
            "per_page": found.per_page}


@query("get_case", "/cases/<reference>", out.CaseSchema, "The case as it stands (from the event store)")
def get_case(reference: str) -> Any:
    back_office = services().back_office
    case = back_office.cases.get_case(reference)
    body = case_body(case, back_office.cases.deadlines(case.reference), back_office.today())
    return {**body, "available_actions": [
        {"command": a.command.value, "number": a.number, "agency": a.agency}
        for a in allowed_for(back_office.cases.available_actions(case), caller().roles)]}


@query("case_history", "/cases/<reference>/history", out.HistoryEntrySchema, "Every event of the case, in order",
       many=True)
def case_history(reference: str) -> list[HistoryEntry]:
    return services().back_office.cases.history(reference)


@query("case_deadlines", "/cases/<reference>/deadlines", out.DeadlineSchema,
       "Each step's due date in working days, met or overdue", many=True)
def case_deadlines(reference: str) -> list[dict[str, Any]]:
    back_office = services().back_office
    return [_deadline(d, back_office.today()) for d in back_office.cases.deadlines(reference)]


@query("case_decisions", "/cases/<reference>/decisions", out.DecisionSchema,
       "Each decision, its reason and the stage the case was at", many=True)
def case_decisions(reference: str) -> list[dict[str, Any]]:
    return [{"kind": d.kind, "entry": d.entry, "stage_before": d.before.stage,
             "incidents_counted": [v.number for v in d.assessment.verdicts if v.counts] if d.assessment else None}
            for d in services().back_office.cases.decisions(reference)]


@query("case_letters", "/cases/<reference>/letters", out.LetterSchema, "The letters the case has reached",
       many=True)
def case_letters(reference: str) -> list[dict[str, Any]]:
    return [{"kind": a.kind.value, "recipient": a.recipient, "title": a.title}
            for a in services().back_office.cases.letters_available(reference)]


@query("report", "/report", out.ReportSchema, "The yearly figures (financial years)", parameters=out.ReportQuery)
def report(*, year: int | None) -> dict[str, Any]:
    back_office = services().back_office
    profile = back_office.profile
    years = _read_model(lambda conn: yearly_figures(conn, services().schema, profile.statistics_from,
                                                    back_office.today(), back_office.calendar))
    if year is not None:
        years = [y for y in years if y.starts_on.year == year]
        if not years:
            raise ProblemError(404, f"No reporting period starts in {year}.")
    return {"partnership": profile.name, "years": [y.as_dict() for y in years]}


@query("verify_audit", "/audit/verify", out.AuditSchema, "Recompute the hash-chained audit trail")
def verify_audit() -> dict[str, Any]:
    schema = services().schema
    key = services().audit_key
    result = _read_model(lambda conn: audit.verify(conn, schema, services().back_office.recorder, key=key))
    return {"intact": result.intact, "entries": result.entries, "events": result.events,
            "problem": result.problem, "problems": list(result.problems), "checkpoints": list(result.checkpoints)}


def _deadline(deadline: Deadline, today: Any) -> dict[str, Any]:
    return {"step": deadline.step.value, "label": deadline.label, "subject": deadline.subject,
            "starts_on": deadline.starts_on, "due_on": deadline.due_on, "met_on": deadline.met_on,
            "status": deadline.status(today).value}


def case_body(case: Case, deadlines: list[Deadline], today: Any) -> dict[str, Any]:
    a, r = case.application, case.review
    return {
        "reference": a.reference, "stage": case.stage, "channel": a.channel.value, "received_on": a.received_on,
        "officer": a.officer, "on_behalf_of_victim": a.on_behalf_of_victim, "acknowledged_on": a.acknowledged_on,
        "ended": a.ended, "ended_on": a.ended_on,
        "problem": {"kind": a.problem.kind, "location": a.problem.location,
                    "hate_element": a.problem.hate_element.value},
        "incidents": [vars(i) for i in a.incidents],
        "consent": {kind.value: on for kind, on in a.consents.items()},
        "decision": {"decision": a.decision, "decided_on": a.decided_on, "reason": a.decision_reason,
                     "alternative_action": a.alternative_action, "letter_sent_on": a.decision_letter_sent_on,
                     "appeal_lodged_on": a.appeal_lodged_on, "appeal_outcome": a.appeal_outcome},
        "review": None if r is None else {
            "stage": r.stage, "route": r.route.value, "opened_on": r.opened_on,
            "agencies_requested": list(r.agency_requests), "panel_date": r.panel_date,
            "panel_held_on": r.panel_held_on,
            "recommendations": [{"number": x.number, "agency": x.agency, "text": x.text, "issued_on": x.issued_on,
                                 "response_due_on": x.response_due_on,
                                 "responses": [{"response": k.value, "on": d.isoformat()} for k, d in x.responses]}
                                for x in r.recommendations],
            "outcome_letter_sent_on": r.outcome_letter_sent_on,
            "secondary_review_outcome": r.secondary_outcome.value if r.secondary_outcome else None,
            "closed_on": r.closed_on},
        "deadlines": [_deadline(d, today) for d in deadlines],
    }
