"""Inputs of the victim's part in the review: their chosen involvement, the panel invitation (in person or
virtually) or the reason for not inviting them, and the action plan's consultation (docs/VICTIMS.md)."""

from __future__ import annotations

from application.inputs.fields import LONG, MEDIUM, REQUIRED, SHORT, Day, InputSchema, Text, choice
from domain.victims import InvolvementLevel, MeetingFormat, ShareMethod

R = {"required": True, "error_messages": REQUIRED}


class ChooseInvolvement(InputSchema):
    level = choice(InvolvementLevel, **R)
    chosen_on = Day(**R)


class InviteVictim(InputSchema):
    invited_on = Day(**R)
    method = Text(SHORT, **R, metadata={"description": "how the victim was invited, e.g. letter"})
    format = choice(MeetingFormat, **R, metadata={"description": "whether they attend in person or virtually"})


class DecideNotToInviteVictim(InputSchema):
    decided_on = Day(**R)
    reason = Text(MEDIUM, **R, metadata={"description": "why the victim is not invited to the panel"})


class DraftActionPlan(InputSchema):
    drafted_on = Day(**R)
    plan = Text(LONG, **R)


class ShareActionPlan(InputSchema):
    shared_on = Day(**R)
    how = choice(ShareMethod, **R)


class ActionPlanResponse(InputSchema):
    responded_on = Day(**R)
    response = Text(LONG, **R, metadata={"description": "what the victim said about the draft plan"})


class FinaliseActionPlan(InputSchema):
    finalised_on = Day(**R)
    without_consultation = Text(MEDIUM, blank=True, metadata={
        "description": "why the plan is finalised before the victim responded; required in that case"})
