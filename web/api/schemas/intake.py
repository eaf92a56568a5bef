"""Request bodies of the commands from receipt to the threshold decision, appeal and endings."""

from __future__ import annotations

from marshmallow import fields, validate

from domain.values import Channel, ConsentKind, DiscretionGround, HateElement, LetterChannel, RejectionGround
from web.api.schemas.common import LONG, MEDIUM, REQUIRED, SHORT, ApiSchema, Day, Text, choice, flag

R = {"required": True, "error_messages": REQUIRED}


class PersonSchema(ApiSchema):
    name = Text(SHORT, **R)
    address = Text(MEDIUM, blank=True)
    postcode = Text(12, blank=True)
    phone = Text(30, blank=True)
    email = Text(SHORT, blank=True)
    date_of_birth = Day(load_default=None)


class ApplicantSchema(ApiSchema):
    person = fields.Nested(PersonSchema, **R)
    on_behalf_of_victim = flag(load_default=False)
    relationship = Text(SHORT, blank=True)
    victims = fields.List(fields.Nested(PersonSchema), load_default=list, validate=validate.Length(
        max=10, error="Give at most 10 victims."))


class ReportedProblemSchema(ApiSchema):
    kind = Text(SHORT, **R, metadata={"description": "e.g. noise, harassment, vandalism"})
    location = Text(MEDIUM, **R)
    hate_element = choice(HateElement, load_default=HateElement.NONE)
    protected_characteristics = fields.List(Text(SHORT), load_default=list, validate=validate.Length(
        max=10, error="Give at most 10 protected characteristics."))
    description = Text(LONG, blank=True)


class ReceiveApplication(ApiSchema):
    channel = choice(Channel, **R)
    received_on = Day(**R)
    applicant = fields.Nested(ApplicantSchema, **R)
    problem = fields.Nested(ReportedProblemSchema, **R)


class AssignOfficer(ApiSchema):
    officer = Text(64, **R, metadata={"description": "the officer's username"})


class LogIncident(ApiSchema):
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


class GiveConsent(ApiSchema):
    kind = choice(ConsentKind, **R)
    given_on = Day(**R)
    given_by = Text(SHORT, **R)


class WithdrawConsent(ApiSchema):
    kind = choice(ConsentKind, **R)
    withdrawn_on = Day(**R)
    reason = Text(MEDIUM, **R)


class Acknowledge(ApiSchema):
    acknowledged_on = Day(**R)


class DecideMet(ApiSchema):
    decided_on = Day(**R)
    reason = Text(MEDIUM, blank=True)


class DecideMetByDiscretion(ApiSchema):
    decided_on = Day(**R)
    grounds = fields.List(choice(DiscretionGround), **R, validate=validate.Length(
        min=1, max=3, error="Choose from 1 to 3 grounds: persistence, harm, adequacy_of_response."))
    reason = Text(MEDIUM, **R)


class DecideNotMet(ApiSchema):
    decided_on = Day(**R)
    reason = Text(MEDIUM, **R)
    alternative_action = Text(MEDIUM, **R)


class SendLetterStep(ApiSchema):
    sent_on = Day(**R)
    channel = choice(LetterChannel, **R)


class LodgeAppeal(ApiSchema):
    lodged_on = Day(**R)
    grounds = Text(LONG, **R)
    late_reason = Text(MEDIUM, blank=True)


class DecideAppeal(ApiSchema):
    decided_on = Day(**R)
    reason = Text(MEDIUM, **R)


class Withdraw(ApiSchema):
    withdrawn_on = Day(**R)
    reason = Text(MEDIUM, **R)


class Reject(ApiSchema):
    rejected_on = Day(**R)
    ground = choice(RejectionGround, **R)
    reason = Text(MEDIUM, **R)


class Close(ApiSchema):
    closed_on = Day(**R)
    reason = Text(MEDIUM, **R)
