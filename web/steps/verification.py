"""Steps of verifying the incidents with the agencies before the threshold decision: the officer asks an agency to
confirm the incidents reported to it, and the agency's answer is recorded incident by incident (by an officer, or
by a contact of that agency, whose form is fixed to their agency)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from application.core import Recorded
from application.inputs import intake as inputs
from domain.actions import Command
from domain.errors import (
    AlreadyRecordedError,
    FutureDateError,
    InvalidDetailsError,
    OutOfOrderError,
    UnknownItemError,
)
from domain.verification import VerificationAnswer, same_agency
from web.steps.choices import agency_choice, agency_of
from web.steps.fields import Choice, DateField, LongText, Number, Option, Text
from web.steps.step import Context, Step, load_input

ANSWERS = (
    Option(VerificationAnswer.CONFIRMED.value, "The agency confirms it"),
    Option(VerificationAnswer.DISPUTED.value, "The agency disputes it",
           hint="Give the agency's own reference and why it disputes the incident"),
    Option(VerificationAnswer.NO_RECORD.value, "The agency holds no record of it"))


def request(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.RequestVerification, values, agency=agency_of(values), requested_on=context.today)
    return context.back_office.cases.request_verification(context.reference, **given, actor=actor)


REQUEST_VERIFICATION = Step(
    "request_verification", "/cases/<reference>/verification-requests/new",
    "Ask an agency to confirm the incidents", "Record the request", act=request,
    done="Confirmation of the incidents reported to {agency} requested on case {reference}.",
    commands=(Command.REQUEST_VERIFICATION,),
    intro="The procedure asks the partnership to confirm the incidents with the agencies before the threshold "
          "decision. The request covers every incident reported to the agency, is recorded as made today, and the "
          "answer is due within the partnership's timescale.",
    refusals={UnknownItemError: "agency", AlreadyRecordedError: "agency"},
    fields=(agency_choice("Which agency is asked?", "Select the agency you are asking to confirm its incidents"),))


def answer(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.AnswerVerification, values, "number", "answer", "answered_on", "agency_reference",
                       "reason", agency=agency_of(values))
    return context.back_office.cases.answer_verification(context.reference, **given, actor=actor)


def asked_of(context: Context, agency: str) -> bool:
    """Agency contacts answer only on a case that asked their agency to confirm incidents."""
    application = context.case.application if context.case else None
    return application is not None and any(same_agency(r.agency, agency) for r in application.verification_requests)


ANSWER_VERIFICATION = Step(
    "answer_verification", "/cases/<reference>/verification-answers/new", "Record an agency's answer about an incident",
    "Record the answer", act=answer, done="The answer about incident {number} was recorded on case {reference}.",
    commands=(Command.ANSWER_VERIFICATION,), agency_contacts=asked_of,
    refusals={UnknownItemError: "number", FutureDateError: "answered_on", OutOfOrderError: "answered_on",
              InvalidDetailsError: "reason"},
    fields=(
        agency_choice("Which agency answers?", "Select the agency that answers"),
        Number("number", "Incident number", "Enter the number of the incident the agency answers about"),
        Choice("answer", "What does the agency say?", "Select what the agency says", options=ANSWERS),
        DateField("answered_on", "When did the agency answer?", what="the date the agency answered"),
        Text("agency_reference", "The agency's own reference", hint="Needed when the agency disputes the incident",
             max_length=100, width="govuk-input--width-20"),
        LongText("reason", "The agency's reason", hint="Needed when the agency disputes the incident"),
    ))

STEPS = (REQUEST_VERIFICATION, ANSWER_VERIFICATION)
