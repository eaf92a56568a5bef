"""Inputs of subject access and rectification (``back_office.privacy``): a request received, the records confirmed
as the person who asked, the date it was answered, and a person's details corrected."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from marshmallow import fields, post_load, validate

from application.inputs.fields import LONG, REQUIRED, SHORT, Day, InputSchema, Text
from application.inputs.intake import PersonSchema
from domain.personal import Person

R = {"required": True, "error_messages": REQUIRED}


class ReceiveSubjectAccessRequest(InputSchema):
    person = fields.Nested(PersonSchema, **R)
    received_on = Day(**R)


class ConfirmRecords(InputSchema):
    subjects = fields.List(Text(SHORT), required=True, validate=validate.Length(
        min=1, max=100, error="Choose at least one record that is the person who asked."),
        error_messages={"required": "Choose at least one record that is the person who asked."})


class AnswerSubjectAccessRequest(InputSchema):
    answered_on = Day(**R)


class CorrectPerson(InputSchema):
    """The person's details as they should be, and why (what the person said was wrong)."""

    subject = Text(SHORT, **R)
    person = fields.Nested(PersonSchema, **R)
    reason = Text(LONG, **R)

    @post_load
    def to_command(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        given: Person = data["person"]
        corrected = replace(given, subject=data["subject"])  # every detail as given, under the person's own subject
        return {"corrected": corrected, "reason": data["reason"]}
