"""Subject access requests, their exports, rectification of a person's details, and the access log.

* ``/subject-access``: the requests (officers and managers record and answer them; auditors read them); a request's
  page finds the person across every case for the officer to confirm which records are theirs; the export is a
  page and JSON (``.json``), other people's personal data withheld.
* ``/cases/<reference>/people/<subject>/correct``: rectification, recorded with who and why.
* ``/access-log``: who viewed which case's personal data, filtered by case and by user (auditors and managers).
* ``record_case_views``: after every successful GET of a case's page, history, pack, letters or an API read, one
  row in the access log (who, when, what, which case).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Blueprint, Flask, Response, abort, flash, g, jsonify, redirect, render_template, request, url_for
from marshmallow import ValidationError

from application.documents.pdf import pdf_of
from application.errors import BackOfficeError, CaseNotFoundError
from application.inputs import errors_at, load
from application.inputs import privacy as inputs
from application.subject_access import RequestNotFoundError
from domain.errors import CaseRuleError
from domain.periods import long_date
from domain.personal import ContactMethod, Person
from domain.rectification import people_of
from domain.user import Role
from web.access import current_account, may, requires
from web.context import services
from web.forms import Errors

blueprint = Blueprint("privacy", __name__)

SAR_HANDLERS = frozenset({Role.OFFICER, Role.MANAGER})
SAR_READERS = frozenset({Role.OFFICER, Role.MANAGER, Role.AUDITOR})
ACCESS_LOG_READERS = frozenset({Role.AUDITOR, Role.MANAGER})
PERSON_FIELDS = ("name", "date_of_birth", "email", "phone", "address", "postcode")
CONTACT_FIELDS = ("preferred_contact", "support_needs")  # asked when correcting a person, not of a requester
CONTACT_OPTIONS = tuple((method.value, method.label) for method in ContactMethod)


def install(app: Flask) -> None:
    app.register_blueprint(blueprint)
    app.after_request(record_case_views)


def record_case_views(response: Response) -> Response:
    """One access-log row for a successful GET of anything under a case (page, history, pack, letters, API)."""
    reference = (request.view_args or {}).get("reference")
    account = g.get("api_account") or g.get("account")  # an API call is its token's, whatever the cookie
    if request.method == "GET" and response.status_code == 200 and reference and account is not None:
        services().back_office.privacy.record_view(account.username, request.path, reference)
    return response


@blueprint.app_template_global()
def may_correct_details() -> bool:
    return may(SAR_HANDLERS)


blueprint.add_app_template_global(people_of, "case_people")


def _actor() -> str:
    account = current_account()
    assert account is not None
    return account.username


def _form_errors(error: ValidationError) -> Errors:
    flat = errors_at(error.messages)
    return Errors((key.rpartition(".")[2] if key.startswith("person.") else key, messages[0])
                  for key, messages in flat.items())


def _person_body(form: dict[str, str], names: tuple[str, ...] = PERSON_FIELDS) -> dict[str, str]:
    return {f: form[f].strip() for f in names if form.get(f, "").strip()}


def _as_held(person: Person) -> dict[str, str]:
    """The person's details as the correction form opens with them."""
    values = {f: str(getattr(person, f) or "") for f in PERSON_FIELDS}
    return {**values, "preferred_contact": person.preferred_contact.value if person.preferred_contact else "",
            "support_needs": person.support_needs}


# ---------------------------------------------------------------------------------------------- subject access
@blueprint.get("/subject-access")
@requires(SAR_READERS)
def subject_access_list() -> str:
    requests = services().back_office.privacy.subject_access_requests()
    return render_template("privacy/requests.html", title="Subject access requests", requests=requests,
                           today=services().back_office.today(), long_date=long_date,
                           may_handle=current_account().has_any(SAR_HANDLERS))  # type: ignore[union-attr]


@blueprint.route("/subject-access/new", methods=["GET", "POST"])
@requires(SAR_HANDLERS)
def new_subject_access_request() -> Any:
    values: dict[str, str] = dict(request.form.to_dict()) if request.method == "POST" else {}
    errors = Errors()
    if request.method == "POST":
        body = {"person": _person_body(values), "received_on": values.get("received_on", "").strip()}
        try:
            command = load(inputs.ReceiveSubjectAccessRequest, body)
            recorded = services().back_office.privacy.receive_subject_access_request(**command, actor=_actor())
        except ValidationError as error:
            errors = _form_errors(error)
        except CaseRuleError as error:
            errors = Errors({"received_on": str(error)})
        else:
            flash(f"Subject access request {recorded.reference} recorded.")
            return redirect(url_for("privacy.subject_access_request", request_id=recorded.aggregate_id))
    return render_template("privacy/new_request.html", title="Record a subject access request", values=values,
                           errors=errors), (400 if errors else 200)


def _request_page(request_id: UUID, errors: Errors | None = None, status: int = 200) -> tuple[str, int]:
    privacy = services().back_office.privacy
    try:
        sar = privacy.subject_access_request(request_id)
    except RequestNotFoundError:
        abort(404)
    candidates = privacy.candidates(request_id) if sar.is_open else []
    return render_template("privacy/request.html", title=f"Subject access request {sar.reference}", sar=sar,
                           candidates=candidates, errors=errors or Errors(), long_date=long_date,
                           may_handle=current_account().has_any(SAR_HANDLERS),  # type: ignore[union-attr]
                           today=services().back_office.today()), status


@blueprint.get("/subject-access/<uuid:request_id>")
@requires(SAR_READERS)
def subject_access_request(request_id: UUID) -> tuple[str, int]:
    return _request_page(request_id)


@blueprint.post("/subject-access/<uuid:request_id>/records")
@requires(SAR_HANDLERS)
def confirm_records(request_id: UUID) -> Any:
    try:
        command = load(inputs.ConfirmRecords, {"subjects": request.form.getlist("subjects")})
        services().back_office.privacy.confirm_records(request_id, **command, actor=_actor())
    except ValidationError as error:
        return _request_page(request_id, Errors({"subjects": errors_at(error.messages)["subjects"][0]}), 400)
    except (CaseRuleError, BackOfficeError) as error:
        return _request_page(request_id, Errors({"subjects": str(error)}), 400)
    flash("The records that are the person who asked are confirmed.")
    return redirect(url_for("privacy.subject_access_request", request_id=request_id))


@blueprint.post("/subject-access/<uuid:request_id>/answer")
@requires(SAR_HANDLERS)
def answer_request(request_id: UUID) -> Any:
    try:
        command = load(inputs.AnswerSubjectAccessRequest, {"answered_on": request.form.get("answered_on", "").strip()})
        services().back_office.privacy.answer_subject_access_request(request_id, **command, actor=_actor())
    except ValidationError as error:
        return _request_page(request_id, Errors({"answered_on": errors_at(error.messages)["answered_on"][0]}), 400)
    except (CaseRuleError, BackOfficeError) as error:
        return _request_page(request_id, Errors({"answered_on": str(error)}), 400)
    flash("The date the request was answered is recorded.")
    return redirect(url_for("privacy.subject_access_request", request_id=request_id))


def _export(request_id: UUID) -> dict[str, Any]:
    privacy = services().back_office.privacy
    try:
        privacy.record_export_views(request_id, _actor())
        return privacy.export(request_id)
    except RequestNotFoundError:
        abort(404)


@blueprint.get("/subject-access/<uuid:request_id>/export")
@requires(SAR_READERS)
def export_page(request_id: UUID) -> str:
    export = _export(request_id)
    title = f"Copy of the personal data for {export['request']['reference']}"
    return render_template("privacy/export.html", title=title, export=export, request_id=request_id)


@blueprint.get("/subject-access/<uuid:request_id>/export.json")
@requires(SAR_READERS)
def export_json(request_id: UUID) -> Response:
    export = _export(request_id)
    response = jsonify(export)
    response.headers["Content-Disposition"] = f'attachment; filename="{export["request"]["reference"]}.json"'
    return response


@blueprint.get("/subject-access/<uuid:request_id>/export.pdf")
@requires(SAR_READERS)
def export_pdf(request_id: UUID) -> Response:
    """The export as a PDF on A4 pages, to send to the person (viewing it is recorded as the page is)."""
    export = _export(request_id)
    html = render_template("privacy/export_document.html", export=export,
                           partnership=services().back_office.profile.name,
                           title=f"Copy of your personal data ({export['request']['reference']})")
    return Response(pdf_of(html), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{export["request"]["reference"]}.pdf"'})


# ---------------------------------------------------------------------------------------------- rectification
@blueprint.route("/cases/<reference>/people/<subject>/correct", methods=["GET", "POST"])
@requires(SAR_HANDLERS)
def correct_person(reference: str, subject: str) -> Any:
    privacy = services().back_office.privacy
    try:
        people = {p.subject: p for p in privacy.people(reference)}
    except CaseNotFoundError:
        abort(404)
    person = people.get(subject)
    if person is None:
        abort(404)
    errors = Errors()
    if request.method == "POST":
        values = dict(request.form.to_dict())
        body = {"subject": subject, "person": _person_body(values, PERSON_FIELDS + CONTACT_FIELDS),
                "reason": values.get("reason", "").strip()}
        try:
            command = load(inputs.CorrectPerson, body)
            recorded = privacy.correct_person(reference, **command, actor=_actor())
        except ValidationError as error:
            errors = _form_errors(error)
        except CaseRuleError as error:
            errors = Errors({"reason": str(error)})
        else:
            flash(f"{command['corrected'].name}'s details are corrected; the history shows the correction.")
            return redirect(url_for("cases.show_case", reference=recorded.reference))
    else:
        values = _as_held(person)  # the GET is logged (record_case_views)
    return render_template("privacy/correct.html", title=f"Correct {person.name}'s details", values=values,
                           errors=errors, contact_options=CONTACT_OPTIONS, reference=reference.upper(),
                           subject=subject), (400 if errors else 200)


# ---------------------------------------------------------------------------------------------- the access log
@blueprint.get("/access-log")
@requires(ACCESS_LOG_READERS)
def access_log() -> str:
    case = request.args.get("case", "").strip()[:40]
    user = request.args.get("user", "").strip()[:64]
    entries = services().back_office.privacy.access_entries(reference=case, username=user)
    return render_template("privacy/access_log.html", title="Who viewed personal data", entries=entries,
                           case=case, user=user)
