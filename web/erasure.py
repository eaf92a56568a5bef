"""Erase personal data (managers only): the page that deletes the keys of everyone named in a case, or of one
person, with the ground and a confirmation (docs/PERSONAL-DATA.md). Validate → call → redirect to the case."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from application.erasure import case_subjects
from application.errors import BackOfficeError, CaseNotFoundError
from application.inputs import errors_at, load
from application.inputs.erasure import EVERYONE, Erase
from application.named_people import NamedPerson
from application.queries import Case
from domain.erasure import ERASERS, ErasureGround
from domain.errors import CaseRuleError
from web.access import current_account, requires
from web.context import services
from web.forms import Errors

blueprint = Blueprint("erasure", __name__)
FIELDS = ("person", "ground", "confirmed")


def people(case: Case, named: tuple[NamedPerson, ...]) -> list[tuple[str, str]]:
    """(value, label) for each choice of whose data to erase: everyone, the applicant, each victim, and each person
    named in the case's records (who reported incidents, sat on or attended the panel)."""
    applicant = case.application.applicant
    found = [(EVERYONE, "Everyone named in the case")]
    found.append((applicant.person.subject, f"{applicant.person.name} (the applicant)"))
    found += [(victim.subject, f"{victim.name} (a victim)") for victim in applicant.victims]
    subjects = case_subjects(case.application)
    return [(value, label) for value, label in found if value == EVERYONE or value in subjects] + [
        (person.choice, person.label) for person in named]


@blueprint.route("/cases/<reference>/erasure", methods=["GET", "POST"])
@requires(ERASERS)
def erase_personal_data(reference: str) -> Any:
    back_office = services().back_office
    try:
        case = back_office.cases.get_case(reference)
    except CaseNotFoundError:
        abort(404)
    values: dict[str, Any] = {}
    errors, status = Errors(), 200
    if request.method == "POST":
        values = {name: request.form.get(name, "").strip() for name in FIELDS}
        body = {name: value for name, value in values.items() if value}
        account = current_account()
        assert account is not None
        try:
            loaded = load(Erase, body)
            back_office.erasure.erase(case.reference, loaded["person"], ground=loaded["ground"],
                                      actor=account.username)
        except ValidationError as invalid:
            found = {path: messages[0] for path, messages in errors_at(invalid.messages).items()}
            errors = Errors({name: found[name] for name in FIELDS if name in found})
        except (CaseRuleError, BackOfficeError) as refusal:
            errors = Errors({"person": str(refusal)})
        else:
            flash(f"Personal data erased in case {case.reference}. It now reads 'Erased on' today's date.")
            return redirect(url_for("cases.show_case", reference=case.reference))
        status = 400
    people_items = [{"value": value, "text": label, "checked": values.get("person") == value}
                    for value, label in people(case, back_office.erasure.named_people(case.reference))]
    ground_items = [{"value": g.value, "text": g.label[:1].upper() + g.label[1:],
                     "checked": values.get("ground") == g.value} for g in ErasureGround]
    return render_template("erasure.html", title="Erase personal data", case=case, values=values, errors=errors,
                           people_items=people_items, ground_items=ground_items,
                           erased=sorted(back_office.erasure.erased_people(case.reference))), status
