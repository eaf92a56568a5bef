"""The start page and the dashboard of open cases (from the case-list read model), overdue first:
each case's deadlines recorded as missed, a "delay letter needed" tag when the outcome letter is due
within 5 working days (or late) with no delay letter since the panel, and for managers and
administrators the closed cases past the retention period."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from flask import Blueprint, render_template, request, url_for
from markupsafe import Markup, escape
from marshmallow import fields, validate, validates
from marshmallow.exceptions import ValidationError

from domain.erasure import ERASERS
from domain.periods import long_date
from domain.reminders import delay_letters_due_by
from domain.stage import Stage
from domain.user import Role
from projections.case_list import CaseList, CaseSummary, Page
from projections.retention_view import RetentionDue, retention_due
from projections.tables import read_models_built
from web.access import CASE_READERS, EVERYONE, current_account, may, requires
from web.context import services
from web.forms import Errors, FormSchema

blueprint = Blueprint("dashboard", __name__)

RETENTION_READERS = frozenset({Role.MANAGER, Role.ADMINISTRATOR})

# The stages an open case can be at, in the order of the process (Application.stage, CaseReview.stage).
STAGES = tuple(stage for stage in Stage if stage.is_open and stage.is_case_stage)


class FiltersSchema(FormSchema):
    ORDER = ("stage", "officer", "overdue", "page")

    stage = fields.Enum(Stage, by_value=True, load_default=None,
                        error_messages={"unknown": "Choose a stage from the list"})
    officer = fields.String(load_default=None, validate=validate.Length(
        max=100, error="Enter an officer's username of 100 characters or fewer"))
    overdue = fields.Boolean(load_default=False, error_messages={"invalid": "Choose whether to show only overdue "
                                                                            "cases"})
    page = fields.Integer(load_default=1, strict=False, validate=validate.Range(
        min=1, max=100_000, error="Enter a page number from 1 upwards, like 2"),
        error_messages={"invalid": "Enter the page number as a whole number, like 2"})

    def __init__(self, stages: tuple[Stage, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stages = stages

    @validates("stage")
    def known_stage(self, value: Stage | None, **_: Any) -> None:
        if value is not None and value not in self.stages:
            raise ValidationError("Choose a stage from the list")


@blueprint.get("/")
@requires(EVERYONE)
def home() -> str:
    account = current_account()
    assert account is not None
    roles = ", ".join(role.label.lower() for role in sorted(account.roles, key=lambda r: r.value))
    return render_template("home.html", title="Community Trigger back office", roles=roles)


@blueprint.get("/cases")
@requires(CASE_READERS)
def open_cases() -> tuple[str, int]:
    back_office = services().back_office
    today = back_office.today()
    with services().read_models() as conn:
        if not read_models_built(conn, services().schema):
            return render_template("dashboard.html", title="Open cases", unavailable=True, errors=Errors()), 503
        case_list = CaseList(conn, services().schema)
        counts = case_list.stages()
        stages = tuple(dict.fromkeys([*STAGES, *counts]))
        values, errors = FiltersSchema(stages).validate_form(request.args.to_dict())
        found = None if errors else case_list.open_cases(today=today, stage=values["stage"],
                                                          officer=values["officer"],
                                                          overdue_only=values["overdue"], page=values["page"])
        delay_needed = case_list.delay_letters_needed(
            [c.reference for c in found.cases] if found else [],
            delay_letters_due_by(today, back_office.calendar))
        retention = retention_due(conn, services().schema) if may(RETENTION_READERS) else None
    stage_items = [{"value": "", "text": "All stages"}] + [
        {"value": stage.value, "text": f"{stage.label} ({counts.get(stage, 0)})",
         "selected": stage.value == request.args.get("stage")}
        for stage in stages]
    return render_template("dashboard.html", title="Open cases", values=values, errors=errors, found=found,
                           stage_items=stage_items, rows=found and case_rows(found.cases, today, delay_needed),
                           retention=retention, retention_rows=retention_rows,
                           pagination=found and pagination(found, values)), (400 if errors else 200)


def case_rows(cases: list[CaseSummary], today: date, delay_needed: Collection[str] = ()) -> list[list[dict[str, Any]]]:
    def due(case: CaseSummary) -> Markup:
        text = escape(long_date(case.next_due_on)) if case.next_due_on else Markup("")
        if case.is_overdue(today):
            text = Markup('<strong class="govuk-tag govuk-tag--red">Overdue</strong> ') + text
        if case.reference in delay_needed:
            text += Markup(' <strong class="govuk-tag govuk-tag--orange">Delay letter needed</strong>')
        return text

    def missed(case: CaseSummary) -> Markup:
        if not case.missed_deadlines:
            return Markup("0")
        return Markup('<a class="govuk-link" href="{}#missed-deadlines">{}<span class="govuk-visually-hidden"> '
                      'deadlines missed in {}</span></a>').format(
            url_for("cases.show_case", reference=case.reference), case.missed_deadlines, case.reference)

    return [[{"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
                url_for("cases.show_case", reference=case.reference), case.reference)},
             {"text": long_date(case.received_on)}, {"text": case.stage.label},
             {"text": case.officer or "Not assigned"}, {"text": case.next_due_for or ""}, {"html": due(case)},
             {"html": missed(case), "format": "numeric"}]
            for case in cases]


def retention_rows(rows: list[RetentionDue]) -> list[list[dict[str, Any]]]:
    return [[{"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
                url_for("cases.show_case", reference=row.reference), row.reference)},
             {"text": long_date(row.ended_on)}, {"text": long_date(row.retention_ended_on)},
             {"text": long_date(row.listed_on)},
             {"html": Markup('<a class="govuk-link" href="{}">Erase personal data<span class="govuk-visually-hidden"> '
                             'in {}</span></a>').format(url_for("erasure.erase_personal_data",
                                                                 reference=row.reference), row.reference)
              if may(ERASERS) else ""}] for row in rows]


def pagination(found: Page, values: dict[str, Any]) -> dict[str, Any] | None:
    if found.pages <= 1:
        return None
    filters = {k: v for k, v in values.items() if k != "page" and v not in (None, False)}
    if filters.get("overdue"):
        filters["overdue"] = "yes"
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
