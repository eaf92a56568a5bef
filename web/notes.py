"""Notes on a case: an officer or manager keeps a note (who and when are recorded with it); the notes show on the
case page and in its timeline."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from application.core import normalise_reference
from application.errors import BackOfficeError, CaseNotFoundError, ConflictError
from application.inputs import errors_at, load
from application.inputs.review import AddNote
from domain.errors import CaseRuleError
from web.access import current_account, requires
from web.context import services
from web.forms import Errors
from web.steps.step import CASEWORKERS

blueprint = Blueprint("notes", __name__)


@blueprint.route("/cases/<reference>/notes/new", methods=["GET", "POST"])
@requires(CASEWORKERS)
def add_note(reference: str) -> Any:
    back_office = services().back_office
    try:
        back_office.cases.get_case(reference)
    except CaseNotFoundError:
        abort(404)
    reference = normalise_reference(reference)
    text, errors, status = "", Errors(), 200
    if request.method == "POST":
        text = str(request.form.get("text", ""))
        account = current_account()
        assert account is not None
        try:
            back_office.cases.add_note(reference, **load(AddNote, {"text": text}), actor=account.username)
        except ValidationError as invalid:
            errors["text"] = next(iter(errors_at(invalid.messages).values()))[0]
        except (CaseRuleError, BackOfficeError, ConflictError) as refusal:
            errors["text"] = str(refusal)
        else:
            flash("Note added to the case.")
            return redirect(url_for("cases.show_case", reference=reference) + "#notes")
        status = 400
    return render_template("notes/new.html", title=f"Add a note to {reference}", reference=reference, text=text,
                           errors=errors), status
