"""Steps of the escalation routes (``docs/ROUTES.md``): a challenge to a rejection, recorded and decided like an
appeal against "not met". The body that decides is the one the profile names for route (a)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from application.backoffice import Cases
from application.core import Recorded
from application.inputs import escalation as inputs
from domain.actions import Command
from domain.application import AppealOutcome
from web.steps.fields import Choice, DateField, LongText, Option
from web.steps.step import Context, Step, calls, load_input

lodge = calls(Cases.lodge_challenge, inputs.LodgeChallenge, "lodged_on", "grounds", "late_reason")


LODGE_CHALLENGE = Step(
    "lodge_challenge", "/cases/<reference>/rejection/challenge", "Record a challenge to the rejection",
    "Record the challenge", commands=(Command.LODGE_CHALLENGE,),
    intro="An applicant can ask for the rejection of their application to be looked at again. The body the "
          "partnership's procedure names is told by email.",
    act=lodge, done="Challenge to the rejection recorded on case {reference}.",
    fields=(DateField("lodged_on", "When did the applicant challenge the rejection?",
                      what="the date the challenge was made"),
            LongText("grounds", "Why does the applicant disagree?", "Enter why the applicant disagrees",
                     hint="In the applicant's words"),
            LongText("late_reason", "Reason for accepting a late challenge",
                     hint="Only if the challenge came after the window to challenge closed")))


def decide(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    cases = context.back_office.cases
    use_case = (cases.uphold_challenge if AppealOutcome(values["outcome"]) is AppealOutcome.UPHELD
                else cases.dismiss_challenge)
    return use_case(context.reference, **load_input(inputs.DecideChallenge, values, "decided_on", "reason"),
                    actor=actor)


DECIDE_CHALLENGE = Step(
    "decide_challenge", "/cases/<reference>/rejection/challenge/decision", "Decide the challenge to the rejection",
    "Record the decision", commands=(Command.UPHOLD_CHALLENGE, Command.DISMISS_CHALLENGE),
    act=decide, done="Decision on the challenge recorded on case {reference}.",
    fields=(Choice("outcome", "What is the decision?", "Select whether the challenge is upheld or dismissed",
                   options=(Option(AppealOutcome.UPHELD.value, "Uphold the challenge",
                                   hint="The rejection is set aside and the application goes ahead"),
                            Option(AppealOutcome.DISMISSED.value, "Dismiss the challenge",
                                   hint="The rejection stands"))),
            DateField("decided_on", "Date of the decision", what="the date of the decision"),
            LongText("reason", "Reasons for the decision", "Enter the reasons for the decision",
                     hint="The applicant will be told these")))

STEPS = (LODGE_CHALLENGE, DECIDE_CHALLENGE)
