"""Inputs of the commands from receipt to the threshold decision, appeal and endings. A new application's
input builds its value objects: each person with a new pseudonymous subject, the applicant, and the problem
with its description as the applicant's narrative."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from application.inputs.fields import LATEST, LONG, MEDIUM, REQUIRED, SHORT, Day, InputSchema, Text, choice, flag
from domain.personal import ContactMethod, Narrative, Person, contact_problem
from domain.values import (
    Applicant,
    Channel,
    ConsentKind,
    DiscretionGround,
    HateElement,
    LetterChannel,
    Problem,
    RejectionGround,
)
from domain.verification import VerificationAnswer
from domain.victims import ConsentMethod, VictimDetails, VictimKind

R = {"required": True, "error_messages": REQUIRED}
SUPPORT_NEEDS = 2_000  # the longest account of a person's support needs or risks
BORN_FROM = date(1900, 1, 1)  # a date of birth may lie before the dates of the process (``EARLIEST``)


class PersonSchema(InputSchema):
    name = Text(SHORT, **R)
    address = Text(MEDIUM, blank=True)
    postcode = Text(12, blank=True)
    phone = Text(30, blank=True)
    email = Text(254, blank=True)
    date_of_birth = Day(load_default=None, validate=validate.Range(
        min=BORN_FROM, max=LATEST, error="Enter a date of birth from 1900-01-01."))
    preferred_contact = choice(ContactMethod, load_default=None, metadata={
        "description": "how the person would rather be contacted; needs the matching detail (email, phone, address)"})
    support_needs = Text(SUPPORT_NEEDS, blank=True, multiline=True, metadata={
        "description": "vulnerabilities, risks, support needs or adjustments (health, language, access)"})

    @validates_schema
    def contact_possible(self, data: dict[str, Any], **_: Any) -> None:
        """A preferred way of contact comes with the detail it needs (the domain's rule, on the field)."""
        problem = contact_problem(data.get("preferred_contact"), email=data.get("email", ""),
                                  phone=data.get("phone", ""), address=data.get("address", ""))
        if problem:
            raise ValidationError(problem, "preferred_contact")

    @post_load
    def to_command(self, data: dict[str, Any], **_: Any) -> Person:
        return Person(subject=new_subject(), **data)


def new_subject() -> str:
    """A new pseudonymous id for a person: the key their personal data would be encrypted and erased under."""
    return f"person-{uuid.uuid4().hex}"


class VictimDetailsSchema(InputSchema):
    kind = choice(VictimKind, load_default=VictimKind.INDIVIDUAL)
    organisation = Text(SHORT, blank=True, metadata={"description": "a business's or community group's name"})

    @validates_schema
    def organisation_named(self, data: dict[str, Any], **_: Any) -> None:
        kind = data.get("kind", VictimKind.INDIVIDUAL)
        if kind.is_organisation and not data.get("organisation"):
            raise ValidationError(f"Enter the name of the {kind.label}.", "organisation")
        if not kind.is_organisation and data.get("organisation"):
            raise ValidationError("Only a business or community group has an organisation name.", "organisation")

    @post_load
    def to_command(self, data: dict[str, Any], **_: Any) -> VictimDetails:
        return VictimDetails(data["kind"], data["organisation"])


class ApplicantSchema(InputSchema):
    person = fields.Nested(PersonSchema, **R)
    on_behalf_of_victim = flag(load_default=False)
    relationship = Text(SHORT, blank=True)
    victims = fields.List(fields.Nested(PersonSchema), load_default=list, validate=validate.Length(
        max=10, error="Give at most 10 victims."))
    victim_details = fields.List(fields.Nested(VictimDetailsSchema), load_default=list, metadata={
        "description": "each victim's kind (individual, business, community group), in the victims' order"})

    @validates_schema
    def victim_given(self, data: dict[str, Any], **_: Any) -> None:
        """An application on a victim's behalf names the victim and the applicant's relationship to them."""
        if data.get("on_behalf_of_victim") and not data.get("victims"):
            raise ValidationError("Enter the victim's details: the application is made on their behalf.", "victims")
        if data.get("on_behalf_of_victim") and not data.get("relationship"):
            raise ValidationError("Enter the applicant's relationship to the victim.", "relationship")
        if len(data.get("victim_details", [])) > len(data.get("victims", [])):
            raise ValidationError("Give each victim's kind once, in the victims' order.", "victim_details")
        for number, (person, details) in enumerate(zip(data.get("victims", []), data.get("victim_details", []),
                                                       strict=False)):
            if details.kind.is_organisation and person.date_of_birth is not None:
                raise ValidationError(f"A {details.kind.label} has no date of birth.",
                                      f"victims.{number}.date_of_birth")

    @post_load
    def to_command(self, data: dict[str, Any], **_: Any) -> Applicant:
        return Applicant(data["person"], on_behalf_of_victim=data["on_behalf_of_victim"],
                         relationship=data["relationship"], victims=tuple(data["victims"]),
                         victim_details=tuple(data["victim_details"]))


class ReportedProblemSchema(InputSchema):
    kind = Text(SHORT, **R, metadata={"description": "e.g. noise, harassment, vandalism"})
    location = Text(MEDIUM, **R)
    hate_element = choice(HateElement, load_default=HateElement.NONE)
    protected_characteristics = fields.List(Text(SHORT), load_default=list, validate=validate.Length(
        max=10, error="Give at most 10 protected characteristics."))
    description = Text(LONG, blank=True)


class ReceiveApplication(InputSchema):
    channel = choice(Channel, **R)
    received_on = Day(**R)
    applicant = fields.Nested(ApplicantSchema, **R)
    problem = fields.Nested(ReportedProblemSchema, **R)

    @post_load
    def to_command(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """``receive_application``'s input: the description is the applicant's own account."""
        applicant: Applicant = data["applicant"]
        given = data["problem"]
        description = given["description"]
        problem = Problem(given["kind"], given["location"], given["hate_element"],
                          protected_characteristics=tuple(given["protected_characteristics"]),
                          description=Narrative(applicant.person.subject, description) if description else None)
        return {"channel": data["channel"], "received_on": data["received_on"], "applicant": applicant,
                "problem": problem}


class AssignOfficer(InputSchema):
    officer = Text(64, **R, metadata={"description": "the officer's username"})


class LogIncident(InputSchema):
    happened_on = Day(**R)
    reported_on = Day(**R)
    agency = Text(SHORT, **R)
    reported_to = Text(SHORT, blank=True)
    agency_reference = Text(100, blank=True)
    reported_by = Text(SHORT, load_default="applicant")
    hate_related = flag(load_default=False)
    informal = flag(load_default=False)
    duplicate_of = fields.Integer(strict=True, load_default=None, validate=validate.Range(
        min=1, max=10_000, error="Give the number of an incident already logged, from 1."))
    description = Text(LONG, blank=True)


INCIDENT_NUMBER = {"strict": True, "validate": validate.Range(
    min=1, max=10_000, error="Give the number of an incident already logged, from 1.")}


class CorrectIncident(InputSchema):
    """The incident as it should stand: every correctable detail, and why it is corrected."""

    number = fields.Integer(**R, **INCIDENT_NUMBER)
    happened_on = Day(**R)
    reported_on = Day(**R)
    agency = Text(SHORT, **R)
    agency_reference = Text(100, blank=True)
    hate_related = flag(load_default=False)
    description = Text(LONG, blank=True)
    reason = Text(MEDIUM, **R, metadata={"description": "why the incident is corrected"})


class StrikeOutIncident(InputSchema):
    number = fields.Integer(**R, **INCIDENT_NUMBER)
    reason = Text(MEDIUM, **R, metadata={"description": "why the incident is struck out"})


VICTIM_NUMBER = {"strict": True, "load_default": None, "validate": validate.Range(
    min=0, max=10, error="Give the victim's number, from 1 (0: the applicant)."), "metadata": {
    "description": "whose consent: the victim's number (1, 2, …) or 0 for the applicant; optional with one victim"}}


class GiveConsent(InputSchema):
    kind = choice(ConsentKind, **R)
    given_on = Day(**R)
    given_by = Text(SHORT, **R)
    victim = fields.Integer(**VICTIM_NUMBER)
    method = choice(ConsentMethod, load_default=None, metadata={"description": "written, verbal or online"})


class WithdrawConsent(InputSchema):
    kind = choice(ConsentKind, **R)
    withdrawn_on = Day(**R)
    reason = Text(MEDIUM, **R)
    victim = fields.Integer(**VICTIM_NUMBER)
    method = choice(ConsentMethod, load_default=None, metadata={"description": "how it was withdrawn"})


class Acknowledge(InputSchema):
    acknowledged_on = Day(**R)


class PassToRelevantBodies(InputSchema):
    passed_on = Day(**R)


UNVERIFIED_REASON = {"description": "why the decision is made with incidents the agencies have not confirmed; "
                                     "required while any is unconfirmed"}


class RequestVerification(InputSchema):
    agency = Text(SHORT, **R)
    requested_on = Day(**R)


class AnswerVerification(InputSchema):
    number = fields.Integer(strict=True, **R, validate=validate.Range(
        min=1, max=10_000, error="Give the number of an incident the agency was asked about, from 1."))
    agency = Text(SHORT, **R)
    answer = choice(VerificationAnswer, **R)
    answered_on = Day(**R)
    agency_reference = Text(100, blank=True)
    reason = Text(MEDIUM, blank=True)

    @validates_schema
    def dispute_explained(self, data: dict[str, Any], **_: Any) -> None:
        """An agency that disputes an incident gives its own reference and why."""
        if data.get("answer") is VerificationAnswer.DISPUTED:
            if not data.get("agency_reference"):
                raise ValidationError("Enter the agency's own reference for the incident it disputes.",
                                      "agency_reference")
            if not data.get("reason"):
                raise ValidationError("Enter why the agency disputes the incident.", "reason")


class DecideMet(InputSchema):
    decided_on = Day(**R)
    reason = Text(MEDIUM, blank=True)
    unverified_reason = Text(MEDIUM, blank=True, metadata=UNVERIFIED_REASON)


class DecideMetByDiscretion(InputSchema):
    decided_on = Day(**R)
    grounds = fields.List(choice(DiscretionGround), **R, validate=validate.Length(
        min=1, max=3, error="Choose from 1 to 3 grounds: persistence, harm, adequacy_of_response."))
    reason = Text(MEDIUM, **R)
    unverified_reason = Text(MEDIUM, blank=True, metadata=UNVERIFIED_REASON)


class DecideNotMet(InputSchema):
    decided_on = Day(**R)
    reason = Text(MEDIUM, **R)
    alternative_action = Text(MEDIUM, **R)
    unverified_reason = Text(MEDIUM, blank=True, metadata=UNVERIFIED_REASON)


class SendLetterStep(InputSchema):
    sent_on = Day(**R)
    channel = choice(LetterChannel, **R)


class LodgeAppeal(InputSchema):
    lodged_on = Day(**R)
    grounds = Text(LONG, **R)
    late_reason = Text(MEDIUM, blank=True)


class DecideAppeal(InputSchema):
    decided_on = Day(**R)
    reason = Text(MEDIUM, **R)


class Withdraw(InputSchema):
    withdrawn_on = Day(**R)
    reason = Text(MEDIUM, **R)


class Reject(InputSchema):
    rejected_on = Day(**R)
    ground = choice(RejectionGround, **R)
    reason = Text(MEDIUM, **R)


class Close(InputSchema):
    closed_on = Day(**R)
    reason = Text(MEDIUM, **R)
