"""The "add another incident" loop: add an incident, see them all (each with Change and Remove
links), remove one after confirming, and say when there are no more (at most ``most_incidents()``: the
form's own limit, or the partnership profile's limit for a case if that is lower)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, g, redirect, render_template, request, url_for

from web.context import services
from web.forms import Errors
from web.public.answers import (
    LIMITS,
    REPORTED_BY,
    AnotherSchema,
    RemoveSchema,
    date_error_parts,
    date_parts,
    read_incident,
)
from web.public.blueprint import blueprint
from web.public.flow import previous_step
from web.public.pages import View, changing, go_on, most_incidents, needs_draft
from web.public.state import save_answers


def incidents() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = g.answers.setdefault("incidents", [])
    return found


def summary_back() -> str:
    return url_for("public.check" if changing() else f"public.{previous_step('incidents', g.answers)}")


@blueprint.route("/incidents", methods=["GET", "POST"], endpoint="incidents")
@needs_draft
def incidents_summary() -> View:
    listed = incidents()
    if not listed:
        return redirect(url_for("public.add_incident", change="1" if changing() else None))
    if request.method == "POST":
        if len(listed) >= most_incidents():
            values, errors = {"another": "no"}, Errors()
        else:
            values, errors = AnotherSchema().validate_form(request.form.to_dict())
        if not errors:
            if values["another"] == "yes":
                return redirect(url_for("public.add_incident", change="1" if changing() else None))
            g.answers["incidents_done"] = True
            save_answers(g.answers)
            return go_on("incidents", g.answers)
        return show_summary(values, errors), 400
    return show_summary({}, Errors())


def show_summary(values: dict[str, Any], errors: Errors) -> str:
    count = len(incidents())
    title = f"You have added {count} incident{'' if count == 1 else 's'}"
    return render_template("public/incidents.html", title=title, incidents=incidents(), values=values,
                           errors=errors, back=summary_back(), full=count >= most_incidents(),
                           max_incidents=most_incidents(), change="1" if changing() else None)


@blueprint.route("/incidents/add", methods=["GET", "POST"])
@needs_draft
def add_incident() -> View:
    if len(incidents()) >= most_incidents():
        return redirect(url_for("public.incidents", change="1" if changing() else None))
    return edit_incident(len(incidents()) + 1, None)


@blueprint.route("/incidents/<int:number>", methods=["GET", "POST"])
@needs_draft
def change_incident(number: int) -> View:
    if not 1 <= number <= len(incidents()):
        abort(404)
    return edit_incident(number, incidents()[number - 1])


def edit_incident(number: int, stored: dict[str, Any] | None) -> View:
    today: date = services().back_office.today()
    if request.method == "POST":
        values, errors = read_incident(request.form.to_dict(), today)
        if not errors:
            if stored is None:
                incidents().append(values)
            else:
                incidents()[number - 1] = values
            save_answers(g.answers)
            if changing() and stored is not None:
                return go_on("incidents", g.answers)
            return redirect(url_for("public.incidents", change="1" if changing() else None))
        return show_incident(number, values, errors, request.form), 400
    return show_incident(number, stored or {}, Errors(), {})


def show_incident(number: int, values: dict[str, Any], errors: Errors, form: Any) -> str:
    if changing() and number <= len(incidents()):
        back = url_for("public.check")
    elif incidents():
        back = url_for("public.incidents", change="1" if changing() else None)
    else:
        back = url_for(f"public.{previous_step('incidents', g.answers)}")
    return render_template("public/incident.html", title=f"Incident {number}", number=number, values=values,
                           errors=errors, back=back, limits=LIMITS, reported_by_options=REPORTED_BY,
                           date_wrong=lambda name: date_error_parts(errors, name),
                           happened=date_parts(form, "happened", values.get("happened")),
                           reported=date_parts(form, "reported", values.get("reported")))


@blueprint.route("/incidents/<int:number>/remove", methods=["GET", "POST"])
@needs_draft
def remove_incident(number: int) -> View:
    if not 1 <= number <= len(incidents()):
        abort(404)
    back = url_for("public.incidents", change="1" if changing() else None)
    if request.method == "POST":
        values, errors = RemoveSchema().validate_form(request.form.to_dict())
        if not errors:
            if values["remove"] == "yes":
                del incidents()[number - 1]
                if not incidents():
                    g.answers["incidents_done"] = False
                save_answers(g.answers)
            return redirect(back)
        return show_remove(number, values, errors, back), 400
    return show_remove(number, {}, Errors(), back)


def show_remove(number: int, values: dict[str, Any], errors: Errors, back: str) -> str:
    return render_template("public/remove.html", title=f"Are you sure you want to remove incident {number}?",
                           incident=incidents()[number - 1], values=values, errors=errors, back=back)

