"""The step that records the application passed on to all the relevant bodies (s.104(3)(b) of the Anti-social
Behaviour, Crime and Policing Act 2014; docs/RELEVANT_BODIES.md). The bodies are the profile's."""

from __future__ import annotations

from application.backoffice import Cases
from application.inputs import intake as inputs
from domain.actions import Command
from domain.errors import FutureDateError, OutOfOrderError
from web.steps.fields import DateField
from web.steps.step import Step, calls

PASS_TO_RELEVANT_BODIES = Step(
    "pass_to_relevant_bodies", "/cases/<reference>/relevant-bodies", "Pass the application to the relevant bodies",
    "Record that it was passed on",
    commands=(Command.PASS_TO_RELEVANT_BODIES,),
    act=calls(Cases.pass_to_relevant_bodies, inputs.PassToRelevantBodies, "passed_on"),
    done="Case {reference} recorded as passed to all the relevant bodies.",
    refusals={FutureDateError: "passed_on", OutOfOrderError: "passed_on"},
    intro="The law requires an application made to the point of contact to be passed on to all the relevant "
          "bodies in the area (section 104(3)(b) of the Anti-social Behaviour, Crime and Policing Act 2014). "
          "Record the day it was sent to every body the partnership's procedure names.",
    fields=(DateField("passed_on", "When was the application passed on?",
                      what="the date the application was passed on"),))

STEPS = (PASS_TO_RELEVANT_BODIES,)
