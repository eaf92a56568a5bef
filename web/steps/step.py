"""One step of the process as a web form: GET shows it, POST validates it, makes one BackOffice call and
redirects to the case page (POST/redirect/GET).

Concurrent changes: every form carries the version of the case it was built from (``version``, the
application's and the review's aggregate versions). If the case has moved on when the form comes back,
nothing is recorded and the form is shown again with 409, the ConflictError's message and what the officer
typed, now carrying the case's current version: the officer looks at what changed (the case page) and
sends the form again only if it still stands. A decision must not be recorded against a case the
decision-maker did not see. The BackOffice's own optimistic save catches a change in the instant between
the check and the save the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from marshmallow import ValidationError
from werkzeug.wrappers import Response

from application.backoffice import BackOffice
from application.core import Recorded
from application.errors import BackOfficeError, CaseNotFoundError, ConflictError
from application.inputs import InputSchema, errors_at, load
from application.inputs.fields import nested
from application.queries import Case
from domain.actions import Command
from domain.errors import CaseRuleError
from domain.periods import long_date
from domain.review_body import DECISIONS, may_decide
from domain.user import Role
from web.access import current_account, may, requires
from web.context import services
from web.forms import Errors
from web.steps.fields import DateField, Field, StepErrors, read_form, schema_for, walk

CASEWORKERS = frozenset({Role.OFFICER, Role.MANAGER})
AGENCY_CONTACTS = frozenset({Role.AGENCY_CONTACT})
REVIEW_BODIES = frozenset({Role.REVIEW_BODY})


@dataclass(frozen=True)
class Context:
    """What a step's page and action work with: the case (None for a new application) and the URL's values."""

    back_office: BackOffice
    case: Case | None
    args: Mapping[str, Any]
    today: date

    @property
    def reference(self) -> str:
        return self.case.reference if self.case else ""


Act = Callable[[Context, Mapping[str, Any], str], Recorded]  # (context, loaded values, actor) → one BackOffice call


def calls(use_case: Callable[..., Recorded], schema: type[InputSchema], *names: str) -> Act:
    """The act of a step whose form fields ``names`` are the command's input as they stand: loaded through
    ``schema`` (``load_input``) and given to the case use case ``use_case`` (a method of ``Cases``) for this case."""
    def act(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
        return use_case(context.back_office.cases, context.reference, **load_input(schema, values, *names), actor=actor)

    return act


@dataclass(frozen=True)
class Step:
    endpoint: str
    rule: str
    title: str
    button: str
    fields: tuple[Field, ...]
    act: Act
    done: str  # the notification after it was recorded: may use {reference}, {number} and the form's values
    commands: tuple[Command, ...] = ()  # the domain's commands this form records (none: a new application)
    intro: str = ""
    template: str = "steps/form.html"
    extra: Callable[[Context], dict[str, Any]] | None = None  # more for the template
    prefill: Callable[[Context], dict[str, Any]] | None = None  # the form's values as it opens (as typed)
    refusals: Mapping[type[Exception], str] = field(default_factory=dict)  # refusal → the field it is shown at
    on_case: bool = True
    # Agency contacts may record it for their own agency only: does the case's request or recommendation this
    # form is about belong to the given agency? (None: caseworkers only.)
    agency_contacts: Callable[[Context, str], bool] | None = None
    agency_fields: tuple[Field, ...] = ()  # the same fields worded for the agency contact ("When did you send it?")

    @property
    def for_review_bodies(self) -> bool:
        """Whether it records a review body's decision (``domain.review_body``), so a review-body user may use it."""
        return bool(self.commands) and all(command in DECISIONS for command in self.commands)

    @property
    def decide(self) -> frozenset[Role]:
        """Which caseworkers may record it, as the domain says for its commands (everyone in CASEWORKERS may
        see the page)."""
        if not self.commands:
            return CASEWORKERS
        return frozenset().union(*(command.roles for command in self.commands)) & CASEWORKERS


def load_input(schema: type[InputSchema], values: Mapping[str, Any], *names: str,
               typed_at: Mapping[str, str] | None = None, **more: Any) -> dict[str, Any]:
    """The command's input (``application.inputs``) from the form's values ``names`` (those given; the form and
    the input name them alike) and ``more`` (by the input's field path); raises ``ValidationError``, its errors
    at the form field given in ``typed_at`` for an input field typed in a field named otherwise."""
    try:
        return load(schema, nested({**{name: values[name] for name in names if name in values}, **more}))
    except ValidationError as invalid:
        raise ValidationError({(typed_at or {}).get(path, path): messages
                               for path, messages in errors_at(invalid.messages).items()}) from None


def case_version(case: Case | None) -> str:
    if case is None:
        return ""
    return f"{case.application.version}" + (f".{case.review.version}" if case.review else "")


def register(blueprint: Any, step: Step) -> None:
    @requires(CASEWORKERS | (AGENCY_CONTACTS if step.agency_contacts else frozenset())
              | (REVIEW_BODIES if step.for_review_bodies else frozenset()))
    def view(**args: Any) -> Response | tuple[str, int] | str:
        if (body := review_body_of(step)) is not None:
            return review_body_view(step, body, args)
        if (agency := contact_agency(step)) == "":  # nothing about any case until their agency is set
            return render_template("agency_not_set.html", title="Your agency is not set yet"), (
                200 if request.method == "GET" else 400)
        context = load_context(step, args)
        if agency is not None and step.agency_contacts and not step.agency_contacts(context, agency):
            abort(404)  # another agency's request or recommendation: exactly like one that does not exist
        fields = step.agency_fields if agency is not None and step.agency_fields else step.fields
        specs = tuple(spec.bind(context) for spec in fields if agency is None or spec.name != "agency")
        if request.method == "GET":
            return render(step, context, specs, opening_values(step, context, specs), None, agency=agency)
        if agency is None and not may(step.decide):
            abort(403)
        return submit(step, context, specs, agency)

    view.__name__ = step.endpoint
    blueprint.add_url_rule(step.rule, endpoint=step.endpoint, view_func=view, methods=["GET", "POST"])


def opening_values(step: Step, context: Context, specs: tuple[Field, ...]) -> dict[str, Any]:
    """What the form shows as it opens: today's date in the dates of things recorded on the day, then the step's
    own values (the incident as it stands, the panel's members)."""
    dates = {spec.name: opened for spec in walk(specs) if isinstance(spec, DateField)
             and (opened := spec.opens_with(context.today)) is not None}
    return {**dates, **(step.prefill(context) if step.prefill else {})}


def review_body_of(step: Step) -> str | None:
    """None unless the account acts only as a review body (and the step is a body's decision): then its body."""
    account = current_account()
    assert account is not None
    if account.has_any(CASEWORKERS | AGENCY_CONTACTS) or not step.for_review_bodies:
        return None
    return account.review_body


def review_body_view(step: Step, body: str, args: Mapping[str, Any]) -> Response | tuple[str, int] | str:
    """A review-body user's form: only on a case referred to their body, for a decision of their body's route
    (``domain.review_body.may_decide``); any other case or decision is refused (403)."""
    if not body:
        return render_template("review_body_not_set.html", title="Your review body is not set yet"), (
            200 if request.method == "GET" else 400)
    context = load_context(step, args)
    assert context.case is not None
    routes = context.back_office.profile.routes
    if not all(may_decide(command, body, context.case.application, context.case.review, routes)
               for command in step.commands):
        abort(403)
    specs = tuple(spec.bind(context) for spec in step.fields)
    if request.method == "GET":
        return render(step, context, specs, opening_values(step, context, specs), None, review_body=body)
    return submit(step, context, specs, review_body=body)


def contact_agency(step: Step) -> str | None:
    """None for caseworkers; for an agency contact, their agency ("" when not set yet)."""
    account = current_account()
    assert account is not None
    if account.has_any(CASEWORKERS) or step.agency_contacts is None:
        return None
    return account.agency


def load_context(step: Step, args: Mapping[str, Any]) -> Context:
    back_office = services().back_office
    case = None
    if step.on_case:
        try:
            case = back_office.cases.get_case(args["reference"])
        except CaseNotFoundError:
            abort(404)
    return Context(back_office, case, args, back_office.today())


def submit(step: Step, context: Context, specs: tuple[Field, ...],
           agency: str | None = None, review_body: str = "") -> Response | tuple[str, int]:
    raw = read_form(specs, request.form)
    values, errors = schema_for(specs, context.today).validate_form(raw)
    if errors:
        return render(step, context, specs, raw, errors, request.form.get("version", ""), agency=agency,
                      review_body=review_body), 400
    if agency:  # fixed to the agency contact's own agency
        values = {**values, "agency": agency}
    account = current_account()
    assert account is not None
    try:
        based_on = request.form.get("version", "")
        if based_on and based_on != case_version(context.case):
            raise ConflictError(context.reference)
        recorded = step.act(context, values, account.username)
    except CaseNotFoundError:
        abort(404)
    except ConflictError as conflict:
        current = load_context(step, context.args)
        return render(step, current, specs, raw, refusal(step, specs, conflict), agency=agency,
                      review_body=review_body), 409
    except (CaseRuleError, BackOfficeError) as error:
        return render(step, context, specs, raw, refusal(step, specs, error), request.form.get("version", ""),
                      agency=agency, review_body=review_body), 400
    except ValidationError as invalid:  # the command's input refused a value the form let through
        return render(step, context, specs, raw, input_errors(specs, invalid), request.form.get("version", ""),
                      agency=agency, review_body=review_body), 400
    made = {"number": recorded.number} if recorded.number is not None else {}  # else the number in the address
    flash(step.done.format_map({**values, **context.args, "reference": recorded.reference, **made}))
    if agency:  # agency contacts do not see the case page: back to their agency's requests
        return redirect(url_for("agency.requests"))
    if review_body:  # nor do review bodies: back to the body's cases
        return redirect(url_for("review_body.referred_cases"))
    return redirect(url_for("cases.show_case", reference=recorded.reference))


def refusal(step: Step, specs: tuple[Field, ...], error: Exception) -> Errors:
    """The refusal's own message, shown at the field it concerns (the first field unless the step says)."""
    name = next((name for kind, name in step.refusals.items() if isinstance(error, kind)), specs[0].name)
    spec = next(spec for spec in walk(specs) if spec.name == name)
    return StepErrors({name: str(error)}, {name: ""} if isinstance(spec, DateField) else {})


def input_errors(specs: tuple[Field, ...], invalid: ValidationError) -> Errors:
    """The input's errors at the form fields they concern (named alike, or renamed by ``load_input``; else the
    first field), in the order of the page."""
    flat = tuple(walk(specs))
    names = {spec.name for spec in flat}
    found: dict[str, str] = {}
    for path, messages in errors_at(invalid.messages).items():
        found.setdefault(path if path in names else flat[0].name, messages[0])
    ordered = {spec.name: found[spec.name] for spec in flat if spec.name in found}
    return StepErrors(ordered, {spec.name: "" for spec in flat if isinstance(spec, DateField) and spec.name in found})


def render(step: Step, context: Context, specs: tuple[Field, ...], values: Mapping[str, Any],
           errors: Errors | None, version: str | None = None, *, agency: str | None = None,
           review_body: str = "") -> str:
    extra = step.extra(context) if step.extra else {}
    return render_template(
        step.template, title=step.title.format(**context.args), step=step, case=context.case, specs=specs,
        values=values, errors=errors, version=case_version(context.case) if version is None else version,
        may_decide=bool(review_body) or (may(step.decide) if agency is None else bool(agency)), agency=agency,
        review_body=review_body,
        action=url_for(f"steps.{step.endpoint}", **context.args), long_date=long_date,
        **extra)
