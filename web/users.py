"""User administration (administrators only): the list of users, adding a user, changing a user's
roles, disabling or enabling an account with a reason, and setting a new password. Every change is
an event on the user's record with the acting administrator, so it appears in the audit trail."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from marshmallow import fields, validate, validates
from marshmallow.exceptions import ValidationError
from werkzeug.datastructures import MultiDict

from application.errors import BackOfficeError, ConflictError
from application.users import MINIMUM_PASSWORD_LENGTH, Account, UserNotFoundError
from domain.errors import CaseRuleError
from domain.review_body import review_bodies
from domain.user import USERNAME, Role, normalise_username
from web.access import ADMINISTRATORS, current_account, requires
from web.context import services
from web.forms import Errors, FormSchema

blueprint = Blueprint("users", __name__)

ROLE_VALUES = [role.value for role in Role]
PASSWORD_MESSAGE = f"Enter a password of at least {MINIMUM_PASSWORD_LENGTH} characters"


def _roles_field() -> fields.List:
    return fields.List(fields.String(validate=validate.OneOf(ROLE_VALUES, error="Choose roles from the list")),
                       required=True, validate=validate.Length(min=1, error="Select at least one role"),
                       error_messages={"required": "Select at least one role"})


def _password_field() -> fields.String:
    return fields.String(required=True, validate=validate.Length(
        min=MINIMUM_PASSWORD_LENGTH, max=1000,
        error=f"Enter a password of at least {MINIMUM_PASSWORD_LENGTH} characters (and at most 1,000); a few "
              "unrelated words make a strong one that is easy to remember"),
        error_messages={"required": PASSWORD_MESSAGE})


def _reason_field(what: str) -> fields.String:
    return fields.String(required=True, validate=validate.Length(
        max=1000, error="Enter a reason of 1,000 characters or fewer"),
        error_messages={"required": f"Enter the reason for {what}"})


class NewUserSchema(FormSchema):
    ORDER = ("username", "display_name", "email", "roles", "password")
    AS_TYPED = ("password",)

    username = fields.String(required=True, error_messages={"required": "Enter a username"})
    display_name = fields.String(required=True, validate=validate.Length(
        max=100, error="Enter a name of 100 characters or fewer"), error_messages={"required": "Enter the user's name"})
    email = fields.String(required=True, validate=[
        validate.Length(max=254, error="Enter an email address of 254 characters or fewer"),
        validate.Email(error="Enter an email address in the correct format, like name@example.gov.uk")],
        error_messages={"required": "Enter the user's email address"})
    roles = _roles_field()
    password = _password_field()

    @validates("username")
    def valid_username(self, value: str, **_: Any) -> None:
        if not USERNAME.match(normalise_username(value)):
            raise ValidationError("Enter a username of 2 to 64 characters: lower-case letters, digits, dots, "
                                  "hyphens or underscores, starting with a letter or digit, like j.okafor")


class RolesSchema(FormSchema):
    ORDER = ("roles", "reason")
    MULTILINE = ("reason",)

    roles = _roles_field()
    reason = _reason_field("changing the roles")


class AgencySchema(FormSchema):
    ORDER = ("agency",)

    agency = fields.String(required=True, validate=validate.Length(
        max=200, error="Choose the agency from the list"), error_messages={"required": "Choose the agency"})


class ReviewBodySchema(FormSchema):
    ORDER = ("body",)

    body = fields.String(required=True, validate=validate.Length(
        max=200, error="Choose the body from the list"), error_messages={"required": "Choose the body"})


class StatusSchema(FormSchema):
    ORDER = ("reason",)
    MULTILINE = ("reason",)

    reason = _reason_field("the change")


class PasswordSchema(FormSchema):
    ORDER = ("password",)
    AS_TYPED = ("password",)

    password = _password_field()


def _form() -> dict[str, Any]:
    form: MultiDict[str, str] = request.form
    return {**form.to_dict(), "roles": form.getlist("roles")}


def _actor() -> str:
    account = current_account()
    assert account is not None
    return account.username


def _account(username: str) -> Account:
    try:
        return services().back_office.accounts.get_account(username)
    except UserNotFoundError:
        abort(404)


@blueprint.get("/users")
@requires(ADMINISTRATORS)
def list_users() -> str:
    return render_template("users.html", title="Users", accounts=services().back_office.accounts.list_accounts())


@blueprint.route("/users/new", methods=["GET", "POST"])
@requires(ADMINISTRATORS)
def add_user() -> Any:
    values: dict[str, Any] = {"roles": []}
    errors, status = Errors(), 200
    if request.method == "POST":
        values, errors = NewUserSchema().validate_form(_form())
        if not errors:
            try:
                services().back_office.accounts.register_user(
                    values["username"], display_name=values["display_name"], email=values["email"],
                    roles=[Role(r) for r in values["roles"]], password=values["password"], actor=_actor())
            except (CaseRuleError, BackOfficeError) as refusal:
                message = str(refusal)
                errors = Errors({"email" if "email" in message.lower() else
                                 "password" if "password" in message.lower() else "username": message})
            else:
                flash(f"Added {normalise_username(values['username'])}: they can sign in now.")
                return redirect(url_for("users.list_users"))
        status = 400
    values.pop("password", None)  # never sent back to the page
    return render_template("views/user_new.html", title="Add a user", values=values, errors=errors,
                           role_items=_role_items(values.get("roles") or [])), status


@blueprint.get("/users/<username>")
@requires(ADMINISTRATORS)
def show_user(username: str) -> Any:
    return _user_page(_account(username), Errors())


def _user_page(account: Account, errors: Errors, values: dict[str, Any] | None = None, status: int = 200) -> Any:
    values = values or {}
    roles = values.get("roles") if "roles" in values else [r.value for r in account.roles]
    agency = values.get("agency", account.agency)
    agency_items = [{"value": "", "text": "Choose the agency"}] + [
        {"value": body, "text": body, "selected": body == agency}
        for body in services().back_office.profile.relevant_bodies]
    body = values.get("review-body", account.review_body)
    review_body_items = [{"value": "", "text": "Choose the body"}] + [
        {"value": name, "text": name, "selected": name == body}
        for name in review_bodies(services().back_office.profile.routes)]
    return render_template("views/user.html", title=f"User {account.username}", user=account, errors=errors,
                           values=values, role_items=_role_items(roles or []), agency_items=agency_items,
                           review_body_items=review_body_items), status


def _role_items(chosen: list[str]) -> list[dict[str, Any]]:
    return [{"value": role.value, "text": role.label, "checked": role.value in chosen} for role in Role]


def _change(username: str, schema: FormSchema, ids: dict[str, str], command: Any, done: str) -> Any:
    """Validate the form, make the one change, then back to the user's page (or the page with errors)."""
    account = _account(username)
    form = _form()
    values, errors = schema.validate_form(form)
    shown = {ids[k]: v for k, v in form.items() if k in ids and k != "password"}
    if errors:
        return _user_page(account, Errors((ids.get(k, k), m) for k, m in errors.items()), shown, 400)
    try:
        command(account, values)
    except ConflictError as conflict:
        return _user_page(account, Errors({next(iter(ids.values())): str(conflict)}), shown, 409)
    except (CaseRuleError, BackOfficeError) as refusal:
        return _user_page(account, Errors({next(iter(ids.values())): str(refusal)}), shown, 400)
    flash(done.format(username=account.username))
    return redirect(url_for("users.show_user", username=account.username))


@blueprint.post("/users/<username>/roles")
@requires(ADMINISTRATORS)
def change_roles(username: str) -> Any:
    return _change(username, RolesSchema(), {"roles": "roles", "reason": "roles-reason"},
                   lambda account, values: services().back_office.accounts.change_roles(
                       account.username, roles=[Role(r) for r in values["roles"]], reason=values["reason"],
                       actor=_actor()),
                   "Changed the roles of {username}.")


@blueprint.post("/users/<username>/agency")
@requires(ADMINISTRATORS)
def assign_agency(username: str) -> Any:
    return _change(username, AgencySchema(), {"agency": "agency"},
                   lambda account, values: services().back_office.accounts.assign_agency(
                       account.username, agency=values["agency"], actor=_actor()),
                   "Set the agency of {username}.")


@blueprint.post("/users/<username>/review-body")
@requires(ADMINISTRATORS)
def assign_review_body(username: str) -> Any:
    return _change(username, ReviewBodySchema(), {"body": "review-body"},
                   lambda account, values: services().back_office.accounts.assign_review_body(
                       account.username, body=values["body"], actor=_actor()),
                   "Set the review body of {username}.")


@blueprint.post("/users/<username>/status")
@requires(ADMINISTRATORS)
def change_status(username: str) -> Any:
    def command(account: Account, values: dict[str, Any]) -> None:
        accounts = services().back_office.accounts
        change = accounts.disable_user if account.enabled else accounts.enable_user
        change(account.username, reason=values["reason"], actor=_actor())

    enabled = _account(username).enabled
    return _change(username, StatusSchema(), {"reason": "status-reason"}, command,
                   "Disabled {username}: they can no longer sign in." if enabled
                   else "Enabled {username}: they can sign in again.")


@blueprint.post("/users/<username>/password")
@requires(ADMINISTRATORS)
def set_password(username: str) -> Any:
    return _change(username, PasswordSchema(), {"password": "password"},
                   lambda account, values: services().back_office.accounts.change_password(
                       account.username, password=values["password"], actor=_actor()),
                   "Set a new password for {username}. Tell them it in person or by phone, never by email.")
