"""What each page of the public form asks, and how its answers are checked.

One schema per page (each owns its wording and length limits); dates come from the GOV.UK date
input's three boxes and are checked here with the error on the box that is wrong. Answers are kept
in the draft as plain JSON: strings, lists, and dates as ISO strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, validate, validates, validates_schema

from domain.personal import ContactMethod, contact_problem
from web.forms import Errors, FormSchema

BASIS = {
    "self": ("Myself", "I am the victim of the anti-social behaviour."),
    "behalf": ("Someone else", "I am applying on behalf of a victim, for example as a family member, friend, carer, "
                               "councillor, MP or support worker. I will need their agreement."),
    "households": ("Several households", "The behaviour affects more than one household and I am applying for "
                                         "them."),
}
HATE = {
    "none": ("No", ""),
    "hate_incident": ("Yes, a hate incident",
                      "Behaviour you think was motivated by hostility or prejudice because of who someone is."),
    "hate_crime": ("Yes, a hate crime", "A criminal offence you think was motivated by hostility or prejudice."),
}
HOSTILITY = {
    "disability": "Disability",
    "race": "Race or ethnicity",
    "religion": "Religion or belief",
    "sexual_orientation": "Sexual orientation",
    "transgender_identity": "Transgender identity",
    "other": "Something else",
}
YES_NO = ("yes", "no")
CONTACT = {method.value: (method.label, "") for method in ContactMethod}  # how the person would rather be contacted

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")

# Longest answers, shown with each field (character counts) and checked here.
LIMITS = {"name": 100, "address": 300, "postcode": 10, "phone": 20, "email": 254, "relationship": 100,
          "kind": 100, "location": 300, "description": 2000, "household_details": 1000, "agency": 100,
          "reported_to": 100, "reference": 50, "incident_description": 1000, "household": 200,
          "support_needs": 1000}
MAX_INCIDENTS = 20


def _text(label: str, limit: str, *, required: str | None = None, **kwargs: Any) -> fields.String:
    return fields.String(required=required is not None, validate=validate.Length(
        max=LIMITS[limit], error=f"{label} must be {LIMITS[limit]} characters or fewer"),
        error_messages={"required": required or ""}, **kwargs)


def _choice(options: Mapping[str, Any] | tuple[str, ...], message: str) -> fields.String:
    return fields.String(required=True, validate=validate.OneOf(list(options), error=message),
                         error_messages={"required": message})


class BasisSchema(FormSchema):
    ORDER = ("basis",)
    basis = _choice(BASIS, "Select who you are applying for")


class HouseholdsSchema(FormSchema):
    ORDER = ("count", "details")
    MULTILINE = ("details",)
    count = fields.Integer(required=True, strict=False, validate=validate.Range(
        min=2, max=999, error="Enter a number of households from 2 to 999"), error_messages={
        "required": "Enter how many households are affected",
        "invalid": "Enter the number of households as a whole number, like 5"})
    details = _text("Details of the households", "household_details")


class PersonSchema(FormSchema):
    """A person's postcode, telephone and email, checked for their form, and whether a preferred way of contact
    has the detail it needs (the domain's rule, ``contact_problem``); subclasses add the name, address, the
    preferred contact and support needs with their own wording."""

    ORDER = ("name", "address", "postcode", "phone", "email", "preferred_contact", "support_needs", "relationship")
    MULTILINE = ("address", "support_needs")

    postcode = fields.String(required=True)
    phone = fields.String()
    email = fields.String()

    @validates_schema(skip_on_field_errors=False)
    def formats(self, data: dict[str, Any], **_: Any) -> None:
        errors: dict[str, str] = {}
        postcode = data.get("postcode")
        if postcode is not None:
            normal = " ".join(postcode.upper().split())
            if len(normal) > LIMITS["postcode"] or not POSTCODE.match(normal):
                errors["postcode"] = "Enter a full UK postcode, like DA1 1DR"
            else:
                data["postcode"] = normal if " " in normal else f"{normal[:-3]} {normal[-3:]}"
        phone = data.get("phone")
        if phone is not None and (len(phone) > LIMITS["phone"] or not PHONE.match(phone)):
            errors["phone"] = "Enter a telephone number, like 01322 343000 or 07700 900 982"
        email = data.get("email")
        if email is not None and (len(email) > LIMITS["email"] or not EMAIL.match(email)):
            errors["email"] = "Enter an email address in the correct format, like name@example.com"
        method = ContactMethod(data["preferred_contact"]) if data.get("preferred_contact") in CONTACT else None
        missing = contact_problem(method, email=email or "", phone=phone or "", address=data.get("address") or "")
        if missing:
            errors["preferred_contact"] = missing.rstrip(".")
        if errors:
            raise ValidationError(errors)  # type: ignore[arg-type]


class ApplicantSchema(PersonSchema):
    name = _text("Your full name", "name", required="Enter your full name")
    address = _text("Your address", "address", required="Enter your address")
    postcode = fields.String(required=True, error_messages={"required": "Enter your postcode"})
    preferred_contact = _choice(CONTACT, "Select how we should contact you")
    support_needs = _text("What we should know to keep you safe or help you take part", "support_needs")


class VictimSchema(PersonSchema):
    name = _text("The victim's full name", "name", required="Enter the victim's full name")
    address = _text("The victim's address", "address", required="Enter the victim's address")
    postcode = fields.String(required=True, error_messages={"required": "Enter the victim's postcode"})
    preferred_contact = _choice(CONTACT, "Select how we should contact the victim")
    support_needs = _text("What we should know to keep the victim safe or help them take part", "support_needs")
    relationship = _text("Your relationship to the victim", "relationship",
                         required="Enter your relationship to the victim, for example carer or councillor")


class ProblemSchema(FormSchema):
    ORDER = ("kind", "location", "description")
    MULTILINE = ("location", "description")
    kind = _text("The type of anti-social behaviour", "kind",
                 required="Enter the type of anti-social behaviour, for example noise or harassment")
    location = _text("Where it happens", "location", required="Enter where the anti-social behaviour happens")
    description = _text("The description of the problem", "description",
                        required="Describe the problem and how it affects you")


class HateSchema(FormSchema):
    ORDER = ("element",)
    element = _choice(HATE, "Select whether you think the behaviour was motivated by hostility or prejudice")


class HostilitySchema(FormSchema):
    ORDER = ("characteristics",)
    characteristics = fields.List(fields.String(), required=True, error_messages={
        "required": "Select what you think the hostility or prejudice was about"})

    @validates("characteristics")
    def known(self, value: list[str], **_: Any) -> None:
        if not value or any(item not in HOSTILITY for item in value):
            raise ValidationError("Select what you think the hostility or prejudice was about")


REPORTED_BY = {"me": "I did, or someone in my household", "other": "Someone in another household"}


class IncidentSchema(FormSchema):
    ORDER = ("happened", "reported", "agency", "reported_to", "reference", "description", "hate_related",
             "reported_by", "household")
    MULTILINE = ("description",)
    agency = _text("The organisation", "agency",
                   required="Enter who you reported the incident to, for example Kent Police or the council")
    reported_to = _text("The person or team", "reported_to")
    reference = _text("The reference number", "reference")
    description = _text("What happened", "incident_description", required="Describe what happened")
    hate_related = _choice(YES_NO, "Select yes if you think this incident was motivated by hostility or prejudice")
    reported_by = _choice(REPORTED_BY, "Select who reported this incident")
    household = _text("The household", "household")

    @validates_schema(skip_on_field_errors=False)
    def household_named(self, data: dict[str, Any], **_: Any) -> None:
        """An incident another household reported says which household (the threshold can count households)."""
        if data.get("reported_by") == "other" and not data.get("household"):
            raise ValidationError("Enter which household reported it, for example their address", "household")


class AnotherSchema(FormSchema):
    ORDER = ("another",)
    another = _choice(YES_NO, "Select yes if you need to add another incident")


class RemoveSchema(FormSchema):
    ORDER = ("remove",)
    remove = _choice(YES_NO, "Select yes if you want to remove this incident")


class ConsentSchema(FormSchema):
    ORDER = ("share", "victim-consent")
    share = fields.String(required=True, validate=validate.Equal("yes"), error_messages={
        "required": "Confirm that you agree to your information being shared with the agencies"})


class VictimConsentSchema(ConsentSchema):
    victim_consent = fields.String(data_key="victim-consent", required=True, validate=validate.Equal("yes"),
                                   error_messages={"required": "Confirm that the victim agrees to you applying "
                                                               "for them"})


# ------------------------------------------------------------------------------------------------ dates
def read_date(form: Mapping[str, str], name: str, what: str, today: date) -> tuple[date | None, Errors]:
    """The date typed in the three boxes ``name-day``, ``name-month``, ``name-year``, or an error
    (keyed by the id of the box to fix) in the GOV.UK wording: what is missing, not a real date, or
    in the future."""
    parts = {part: (form.get(f"{name}-{part}") or "").strip() for part in ("day", "month", "year")}
    missing = [part for part, value in parts.items() if not value]
    if len(missing) == 3:
        return None, Errors({f"{name}-day": f"Enter {what}"})
    if missing:
        return None, Errors({f"{name}-{missing[0]}": f"{what.capitalize()} must include a {missing[0]}"})
    if not all(value.isdigit() and len(value) <= 4 for value in parts.values()):
        wrong = next(part for part, value in parts.items() if not value.isdigit() or len(value) > 4)
        return None, Errors({f"{name}-{wrong}": f"{what.capitalize()} must be a real date"})
    if len(parts["year"]) != 4:
        return None, Errors({f"{name}-year": "Year must include 4 numbers"})
    try:
        day = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        field = "month" if not 1 <= int(parts["month"]) <= 12 else "day"
        return None, Errors({f"{name}-{field}": f"{what.capitalize()} must be a real date"})
    if day > today:
        return None, Errors({f"{name}-day": f"{what.capitalize()} must be today or in the past"})
    if day.year < 1900:
        return None, Errors({f"{name}-year": f"{what.capitalize()} must be after 1900"})
    return day, Errors()


def date_error_parts(errors: Mapping[str, str], name: str) -> list[str]:
    """The boxes of date ``name`` to mark as wrong: only the one named by a message about one part,
    all three for a date that is missing, not real, or out of order."""
    for part in ("day", "month", "year"):
        message = errors.get(f"{name}-{part}")
        if message:
            whole = message.startswith("Enter ") or "in the past" in message or "same as or after" in message
            return ["day", "month", "year"] if whole else [part]
    return []


def date_parts(form: Mapping[str, str], name: str, stored: str | None) -> dict[str, str]:
    """The three boxes' values: as typed (after an error) or from the stored ISO date."""
    if any(f"{name}-{part}" in form for part in ("day", "month", "year")):
        return {part: form.get(f"{name}-{part}", "") for part in ("day", "month", "year")}
    if stored:
        day = date.fromisoformat(stored)
        return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
    return {"day": "", "month": "", "year": ""}


def read_incident(form: Mapping[str, str], today: date) -> tuple[dict[str, Any], Errors]:
    """An incident's answers (dates as ISO strings), or the errors in the order of the page."""
    values, errors = IncidentSchema().validate_form(form)
    happened, happened_errors = read_date(form, "happened", "the date the incident happened", today)
    reported, reported_errors = read_date(form, "reported", "the date you reported it", today)
    if happened and reported and reported < happened:
        reported_errors = Errors({"reported-day": "The date you reported it must be the same as or after the date "
                                                  "it happened"})
    found = Errors({**happened_errors, **reported_errors, **errors})
    if found:
        return dict(form), found
    return {**values, "happened": happened.isoformat(), "reported": reported.isoformat()}, Errors()  # type: ignore[union-attr]
