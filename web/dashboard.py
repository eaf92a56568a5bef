"""The start page and the dashboard of open cases (from the case-list read model), overdue first:
each case's deadlines recorded as missed, a "delay letter needed" tag when the outcome letter is due
within 5 working days (or late) with no delay letter since the panel, and for managers and
administrators the closed cases past the retention period."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from flask import Blueprint, g, render_template, request, url_for
from markupsafe import Markup, escape
from marshmallow import fields, validate, validates
from marshmallow.exceptions import ValidationError

from application.subject_access import RequestSummary
from domain.erasure import ERASERS
from domain.periods import long_date
from domain.plurals import counted
from domain.reminders import delay_letters_due_by
from domain.retention import RetentionErasure
from domain.stage import Stage
from domain.user import Role
from projections.case_list import CaseList, CaseSummary, Page
from projections.retention_view import RetentionDue, retention_due
from web import people
from web.access import CASE_READERS, EVERYONE, current_account, may, requires
from web.context import services
from web.forms import Errors, FormSchema

blueprint = Blueprint("dashboard", __name__)

RETENTION_READERS = frozenset({Role.MANAGER, Role.ADMINISTRATOR})

# The stages an open case can be at, in the order of the process (Application.stage, CaseReview.stage), then
# those a case ends at.
STAGES = tuple(stage for stage in Stage if stage.is_open and stage.is_case_stage)
ENDED_STAGES = tuple(stage for stage in Stage if not stage.is_open)


class FiltersSchema(FormSchema):
    ORDER = ("stage", "officer", "overdue", "awaiting", "page")

    stage = fields.Enum(Stage, by_value=True, load_default=None,
                        error_messages={"unknown": "Choose a stage from the list"})
    officer = fields.String(load_default=None, validate=validate.Length(
        max=100, error="Choose an officer from the list"))
    overdue = fields.Boolean(load_default=False, error_messages={"invalid": "Choose whether to show only overdue "
                                                                            "cases"})
    awaiting = fields.Boolean(load_default=False, error_messages={
        "invalid": "Choose whether to show only cases awaiting a manager's decision"})
    page = fields.Integer(load_default=1, strict=False, validate=validate.Range(
        min=1, max=100_000, error="Enter a page number from 1 upwards, like 2"),
        error_messages={"invalid": "Enter the page number as a whole number, like 2"})

    def __init__(self, stages: tuple[Stage, ...], officers: Collection[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stages, self.officers = stages, officers

    @validates("officer")
    def known_officer(self, value: str | None, **_: Any) -> None:
        if value and value not in self.officers:
            raise ValidationError("Choose an officer from the list")

    @validates("stage")
    def known_stage(self, value: Stage | None, **_: Any) -> None:
        if value is not None and value not in self.stages:
            raise ValidationError("Choose a stage from the list")


@blueprint.get("/")
@requires(EVERYONE)
def home() -> str:
    """Where each role starts: an officer at their own cases, a manager at what awaits their decision and the
    team's overdue steps; anyone else at the links their role may use."""
    account = current_account()
    assert account is not None
    roles = ", ".join(role.label.lower() for role in sorted(account.roles, key=lambda r: r.value))
    lists: list[dict[str, Any]] = []
    if account.may_handle_cases:
        today = services().back_office.today()
        with services().read_models() as conn:
            if services().read_models_built(conn):
                case_list = CaseList(conn, services().schema)
                if Role.MANAGER in account.roles:
                    lists.append(_listed(case_list.open_cases(today=today, awaiting_only=True), today,
                                         "Awaiting your decision", "awaiting", {"awaiting": "yes"},
                                         "No case is waiting for a manager's decision."))
                    lists.append(_listed(case_list.open_cases(today=today, overdue_only=True), today,
                                         "The team's overdue steps", "overdue", {"overdue": "yes"},
                                         "No open case has an overdue step."))
                else:
                    lists.append(_listed(case_list.open_cases(today=today, officer=account.username), today,
                                         "My cases", "mine", {"officer": account.username},
                                         "No open case is assigned to you."))
    return render_template("home.html", title="Community Trigger back office", roles=roles, lists=lists)


def _listed(found: Page, today: date, heading: str, key: str, filters: dict[str, str], empty: str
            ) -> dict[str, Any]:
    return {"heading": heading, "id": key, "total": found.total, "rows": case_rows(found.cases, today),
            "more": url_for("dashboard.open_cases", **filters) if found.pages > 1 else None, "empty": empty}


@blueprint.get("/cases")
@requires(CASE_READERS)
def open_cases() -> tuple[str, int]:
    back_office = services().back_office
    today = back_office.today()
    officers = people.caseworkers()
    with services().read_models() as conn:
        if not services().read_models_built(conn):
            return render_template("dashboard.html", title="Open cases", unavailable=True, errors=Errors()), 503
        case_list = CaseList(conn, services().schema)
        counts = case_list.stages()
        stages = tuple(dict.fromkeys([*STAGES, *counts, *ENDED_STAGES]))
        values, errors = FiltersSchema(stages, {o.username for o in officers}).validate_form(request.args.to_dict())
        found = None if errors else case_list.open_cases(
            today=today, stage=values["stage"], officer=values["officer"], overdue_only=values["overdue"],
            awaiting_only=values["awaiting"], page=values["page"], counts=counts)
        due_by = delay_letters_due_by(today, back_office.calendar)
        delay_needed = {c.reference for c in found.cases if c.needs_delay_letter_by(due_by)} if found else set()
        retention = retention_due(conn, services().schema) if may(RETENTION_READERS) else None
    subject_access = back_office.privacy.subject_access_requests(open_only=True, last=g.get("log_position"))
    chosen = request.args.get("stage")
    stage_items = [{"value": "", "text": "All open cases"}] + [
        {"value": stage.value, "text": f"{stage.label} ({counts.get(stage, 0)})", "selected": stage.value == chosen}
        for stage in stages if stage.is_open] + [
        {"value": stage.value, "text": f"Ended: {stage.label.lower()}", "selected": stage.value == chosen}
        for stage in stages if not stage.is_open]
    officer_items = [{"value": "", "text": "All officers"}] + [
        {"value": o.username, "text": o.display_name, "selected": o.username == request.args.get("officer")}
        for o in officers]
    ended = not errors and values["stage"] is not None and not values["stage"].is_open
    links = found and pagination(found, values)
    return render_template("dashboard.html", title="Ended cases" if ended else "Open cases", values=values,
                           errors=errors, found=found, ended=ended,
                           filters=filters_form(stage_items, officer_items, values, errors),
                           rows=found and case_rows(found.cases, today, delay_needed),
                           retention=retention, retention_rows=retention_rows,
                           subject_access=subject_access, subject_access_rows=subject_access_rows, today=today,
                           pagination=links and pagination_links(links)), (400 if errors else 200)


# The filter form and the page links are GOV.UK macros, which cost more to render than the dashboard's queries;
# the same counts, values and errors always give the same markup, so each rendering is kept (a few hundred).
def filters_form(stage_items: list[dict[str, Any]], officer_items: list[dict[str, Any]], values: dict[str, Any],
                 errors: Errors) -> Markup:
    def ticked(name: str) -> bool:
        return values.get(name) in (True, "yes", "on", "true", "1")

    return _filters_form(request.script_root, json.dumps(stage_items), json.dumps(officer_items),
                         ticked("overdue"), ticked("awaiting"), str(values.get("page") or ""),
                         json.dumps(errors, sort_keys=True))


@lru_cache(maxsize=512)
def _filters_form(_: str, stage_items: str, officer_items: str, overdue: bool, awaiting: bool, page: str,
                  errors: str) -> Markup:
    return Markup(render_template("_dashboard_filters.html", stage_items=json.loads(stage_items),
                                  officer_items=json.loads(officer_items),
                                  values={"overdue": overdue, "awaiting": awaiting, "page": page},
                                  errors=Errors(json.loads(errors))))


def pagination_links(links: dict[str, Any]) -> Markup:
    return _pagination_links(json.dumps(links, sort_keys=True))


@lru_cache(maxsize=512)
def _pagination_links(links: str) -> Markup:
    return Markup(render_template("_dashboard_pagination.html", pagination=json.loads(links)))


@blueprint.get("/retention")
@requires(RETENTION_READERS)
def retention_list() -> tuple[str, int]:
    """Closed cases past the retention period, for managers and administrators (administrators do not read
    cases, so they cannot reach the dashboard that also shows this list)."""
    with services().read_models() as conn:
        if not services().read_models_built(conn):
            return render_template("retention.html", title="Retention", unavailable=True), 503
        retention = retention_due(conn, services().schema)
    return render_template("retention.html", title="Retention", retention=retention,
                           retention_rows=retention_rows), 200


@dataclass(frozen=True)
class CaseRow:
    """One case in the case list's table (``_cases.html``), each cell's text worked out."""

    reference: str
    href: str
    received: str
    stage: str
    officer: str
    next_step: str
    due: str
    overdue: bool
    delay_letter_needed: bool
    missed: int


def case_rows(cases: list[CaseSummary], today: date, delay_needed: Collection[str] = ()) -> list[CaseRow]:
    return [CaseRow(case.reference, url_for("cases.show_case", reference=case.reference), long_date(case.received_on),
                    case.stage.label, people.name_of(case.officer), next_step(case),
                    long_date(case.next_due_on) if case.next_due_on else "", case.is_overdue(today),
                    case.reference in delay_needed, case.missed_deadlines)
            for case in cases]


def next_step(case: CaseSummary) -> str:
    if case.awaiting_decision:
        return f"A manager's decision on {case.awaiting_decision}"
    return case.next_due_for or ""


def retention_rows(rows: list[RetentionDue]) -> list[list[dict[str, Any]]]:
    return [[{"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
                url_for("cases.show_case", reference=row.reference), row.reference)},
             {"text": long_date(row.ended_on)}, {"text": long_date(row.retention_ended_on)},
             {"text": long_date(row.listed_on)},
             {"html": Markup('<a class="govuk-link" href="{}">Erase personal data<span class="govuk-visually-hidden"> '
                             'in {}</span></a>').format(url_for("erasure.erase_personal_data",
                                                                 reference=row.reference), row.reference)
              if may(ERASERS) else ""}] for row in rows]


@blueprint.app_template_global()
def automatic_erasure_note() -> str:
    """Under the retention list, when the profile has the nightly job erase the cases on it (docs/PERSONAL-DATA.md);
    "" when a manager erases them."""
    profile = services().back_office.profile
    if profile.erase_after_retention is not RetentionErasure.AUTOMATICALLY:
        return ""
    return (f"The nightly job erases the personal data of each case on this list "
            f"{counted(profile.erase_notice_days, 'day')} after it was first listed (UK GDPR Article 5(1)(e): kept "
            f"no longer than necessary). A manager may erase one sooner.")


def subject_access_rows(requests: list[RequestSummary], today: date) -> list[list[dict[str, Any]]]:
    def due(summary: RequestSummary) -> Markup:
        text = escape(long_date(summary.due_on))
        if summary.due_on < today:
            text = Markup('<strong class="govuk-tag govuk-tag--red">Overdue</strong> ') + text
        return text

    return [[{"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
                url_for("privacy.subject_access_request", request_id=r.id), r.reference)},
             {"text": long_date(r.received_on)}, {"html": due(r)}] for r in requests]


def pagination(found: Page, values: dict[str, Any]) -> dict[str, Any] | None:
    if found.pages <= 1:
        return None
    filters = {k: v for k, v in values.items() if k != "page" and v not in (None, False)}
    for flag in ("overdue", "awaiting"):
        if filters.get(flag):
            filters[flag] = "yes"
    if filters.get("stage"):
        filters["stage"] = filters["stage"].value

    def link(page: int) -> str:
        return url_for("dashboard.open_cases", **filters, page=page)

    last = found.pages
    numbers = sorted({1, last, *range(max(1, found.page - 2), min(last, found.page + 2) + 1)})
    items = [{"number": n, "href": link(n), "current": n == found.page} for n in numbers]
    with_gaps: list[dict[str, Any]] = []
    for item in items:
        if with_gaps and item["number"] - with_gaps[-1]["number"] > 1:
            with_gaps.append({"ellipsis": True, "number": item["number"] - 1})
        with_gaps.append(item)
    return {"items": [i if not i.get("ellipsis") else {"ellipsis": True} for i in with_gaps],
            "previous": {"href": link(found.page - 1)} if found.page > 1 else None,
            "next": {"href": link(found.page + 1)} if found.page < found.pages else None}
