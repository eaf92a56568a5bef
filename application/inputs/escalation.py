"""Inputs of the escalation routes' own commands: a challenge to a rejection, and its decision."""

from application.inputs.fields import LONG, MEDIUM, REQUIRED, Day, InputSchema, Text

R = {"required": True, "error_messages": REQUIRED}


class LodgeChallenge(InputSchema):
    lodged_on = Day(**R)
    grounds = Text(LONG, **R)
    late_reason = Text(MEDIUM, blank=True)


class DecideChallenge(InputSchema):
    decided_on = Day(**R)
    reason = Text(MEDIUM, **R)
