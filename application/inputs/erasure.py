"""The input of an erasure (``back_office.erasure.erase``), shared by the manager's page and the command line: whose
data (everyone in the case, the applicant or a victim by id, or a person named in the case's records), on what
ground, and the confirmation that it cannot be undone."""

from __future__ import annotations

from marshmallow import fields, validate

from application.inputs.fields import SHORT, InputSchema, choice
from domain.erasure import ErasureGround

EVERYONE = "everyone"
NAMED = "named:"  # then a name as the case's records hold it (``application.erasure.NamedPerson.choice``)


class Erase(InputSchema):
    person = fields.String(required=True, validate=validate.Length(min=1, max=len(NAMED) + SHORT),
                           error_messages={"required": "Choose whose personal data to erase"})
    ground = choice(ErasureGround, required=True,
                    error_messages={"required": "Choose the ground for the erasure",
                                    "unknown": "Choose the ground for the erasure"})
    confirmed = fields.Boolean(required=True, truthy={True, "yes"}, validate=validate.Equal(
        True, error="Confirm that you understand the erasure cannot be undone"),
        error_messages={"required": "Confirm that you understand the erasure cannot be undone",
                        "invalid": "Confirm that you understand the erasure cannot be undone"})
