"""Inputs of the case review's commands, and of producing and sending letters."""

from __future__ import annotations

from marshmallow import fields, validate

from application.inputs.fields import LONG, MEDIUM, REQUIRED, SHORT, Day, InputSchema, Text, choice, flag, names
from application.inputs.victims import InviteVictim
from domain.values import AgencyResponseKind, LetterChannel, LetterKind, SecondaryReviewOutcome

R = {"required": True, "error_messages": REQUIRED}
__all__ = ["InviteVictim"]  # the victim's inputs live in ``inputs.victims``; this one is also found here


class RequestAgencyInformation(InputSchema):
    agency = Text(SHORT, **R)
    requested_on = Day(**R)


class RequestInformationFromAgencies(InputSchema):
    """Several agencies asked for information at once: one request each, all recorded or none."""
    agencies = fields.List(Text(SHORT), required=True, error_messages=REQUIRED, validate=validate.Length(
        min=1, max=30, error="Give from 1 to 30 agencies."))
    requested_on = Day(**R)


class RecordAgencyInformation(InputSchema):
    agency = Text(SHORT, **R)
    received_on = Day(**R)
    summary = Text(LONG, **R)


class SchedulePanel(InputSchema):
    panel_date = Day(**R)
    chair = Text(SHORT, **R)
    independent_chair = flag(load_default=False)
    members = names(load_default=list)
    scheduled_on = Day(**R)


class ImpactStatement(InputSchema):
    received_on = Day(**R)
    statement = Text(LONG, **R)


class HoldPanel(InputSchema):
    held_on = Day(**R)
    attendees = names(**R)
    victim_attended = flag(**R)
    findings = Text(LONG, **R)
    early_reason = Text(MEDIUM, blank=True, metadata={
        "description": "why the panel was held before its scheduled date; required in that case"})


class IssueRecommendation(InputSchema):
    agency = Text(SHORT, **R)
    text = Text(MEDIUM, **R)
    issued_on = Day(**R)
    response_due_on = Day(load_default=None)
    target_on = Day(load_default=None, metadata={"description": "when the actions should be completed (default: the "
                                                                "profile's recommendation_completion target)"})


class AgencyResponse(InputSchema):
    number = fields.Integer(strict=True, **R, validate=validate.Range(
        min=1, max=10_000, error="Give the number of a recommendation, from 1."))
    response = choice(AgencyResponseKind, **R)
    responded_on = Day(**R)
    reason = Text(MEDIUM, blank=True)


class DelayNotice(InputSchema):
    sent_on = Day(**R)
    reason = Text(MEDIUM, **R)
    expected_by = Day(**R)


class OutcomeLetter(InputSchema):
    sent_on = Day(**R)
    channel = choice(LetterChannel, **R)


class SecondaryReviewRequest(InputSchema):
    requested_on = Day(**R)
    grounds = Text(LONG, **R)
    late_reason = Text(MEDIUM, blank=True)


class SecondaryReviewHearing(InputSchema):
    held_on = Day(**R)
    panel = names(**R)
    chair = Text(SHORT, **R)


class SecondaryReviewConclusion(InputSchema):
    concluded_on = Day(**R)
    outcome = choice(SecondaryReviewOutcome, **R)
    reason = Text(MEDIUM, **R)


class CloseReview(InputSchema):
    closed_on = Day(**R)
    reason = Text(MEDIUM, **R)
    open_recommendations_reason = Text(MEDIUM, blank=True, load_default="", metadata={
        "description": "why the review closes while recommendations are neither completed nor declined"})


class ProduceLetter(InputSchema):
    kind = choice(LetterKind, **R)
    recipient = Text(SHORT, load_default="applicant",
                     metadata={"description": "'applicant', or the agency for agency_recommendations"})


class SendLetter(ProduceLetter):
    channel = choice(LetterChannel, **R)
    sent_on = Day(**R)


class AddNote(InputSchema):
    text = Text(MEDIUM, **R)
