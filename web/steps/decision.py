"""Steps from the threshold decision to the end of an application: the decision and its letter, an appeal and
its decision, withdrawal, rejection and closure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from application.backoffice import Cases
from application.core import Recorded
from application.inputs import intake as inputs
from domain.actions import Command
from domain.application import AppealOutcome, ThresholdDecision
from domain.errors import FutureDateError, ThresholdDecisionContradictsAssessmentError, UnverifiedIncidentsError
from domain.values import DiscretionGround, RejectionGround
from web.steps.fields import Checks, Choice, DateField, LongText, Option
from web.steps.step import Context, Step, calls, load_input

GROUNDS = (Option(DiscretionGround.PERSISTENCE.value, "Persistence of the behaviour"),
           Option(DiscretionGround.HARM.value, "Harm, or potential for harm, to the victim"),
           Option(DiscretionGround.ADEQUACY_OF_RESPONSE.value, "Adequacy of the response to the incidents"))
REJECTION_GROUNDS = (
    Option(RejectionGround.ANONYMOUS.value, "Anonymous"), Option(RejectionGround.VEXATIOUS.value, "Vexatious"),
    Option(RejectionGround.MALICIOUS.value, "Malicious"),
    Option(RejectionGround.OUT_OF_SCOPE.value, "Out of scope", hint="For example, not anti-social behaviour"),
    Option(RejectionGround.COMPLAINTS_PROCESS.value, "A matter for an agency's complaints process"),
    Option(RejectionGround.DUPLICATE.value, "A duplicate of another application"),
    Option(RejectionGround.CONSENT_REFUSED.value, "The victim's consent was refused",
           hint="The victim did not agree to the application, or to sharing their information with the agencies"))


def assessment(context: Context) -> dict[str, Any]:
    return {"assessment": context.back_office.cases.assess_threshold(context.reference),
            "verifications": context.case.application.incident_verifications if context.case else ()}


def decide(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    back_office, reference, decided_on = context.back_office, context.reference, values["decided_on"]
    decision = ThresholdDecision(values["decision"])
    values = {**values, "unverified_reason": values.get("unverified_reason", "")}
    if decision is ThresholdDecision.MET:
        given = load_input(inputs.DecideMet, values, "unverified_reason", decided_on=decided_on,
                           reason=values.get("met_reason", ""),
                           typed_at={"reason": "met_reason"})
        return back_office.cases.decide_threshold_met(reference, **given, actor=actor)
    if decision is ThresholdDecision.MET_BY_DISCRETION:
        given = load_input(inputs.DecideMetByDiscretion, values, "grounds", "unverified_reason", decided_on=decided_on,
                           reason=values["discretion_reason"], typed_at={"reason": "discretion_reason"})
        return back_office.cases.decide_threshold_met_by_discretion(reference, **given, actor=actor)
    given = load_input(inputs.DecideNotMet, values, "alternative_action", "unverified_reason", decided_on=decided_on,
                       reason=values["not_met_reason"], typed_at={"reason": "not_met_reason"})
    return back_office.cases.decide_threshold_not_met(reference, **given, actor=actor)


THRESHOLD_DECISIONS = (Command.DECIDE_THRESHOLD_MET, Command.DECIDE_THRESHOLD_MET_BY_DISCRETION,
                       Command.DECIDE_THRESHOLD_NOT_MET)
MET = ("decision", ThresholdDecision.MET.value)
MET_BY_DISCRETION = ("decision", ThresholdDecision.MET_BY_DISCRETION.value)
NOT_MET = ("decision", ThresholdDecision.NOT_MET.value)
THRESHOLD = Step(
    "threshold_decision", "/cases/<reference>/threshold", "Decide the threshold", "Record the decision",
    commands=THRESHOLD_DECISIONS,
    act=decide, extra=assessment, template="steps/threshold.html",
    done="Threshold decision recorded on case {reference}.",
    refusals={ThresholdDecisionContradictsAssessmentError: "decision", FutureDateError: "decided_on",
              UnverifiedIncidentsError: "unverified_reason"},
    fields=(
        Choice("decision", "What is the decision?", "Select the threshold decision", options=(
            Option(ThresholdDecision.MET.value, "The threshold is met", reveals=(
                LongText("met_reason", "Reason", hint="Optional. Without it, the assessment's reason is recorded.",
                         when=MET),)),
            Option(ThresholdDecision.MET_BY_DISCRETION.value, "The threshold is met by discretion",
                   hint="The policy's rules are not met, but the partnership decides to hold a review", reveals=(
                       Checks("grounds", "Grounds for the discretion", "Select the grounds for the discretion",
                              hint="Select all that apply (s.104(5))", options=GROUNDS, when=MET_BY_DISCRETION),
                       LongText("discretion_reason", "Reason for the discretion",
                                "Enter the reason for the discretionary decision", when=MET_BY_DISCRETION))),
            Option(ThresholdDecision.NOT_MET.value, "The threshold is not met", reveals=(
                LongText("not_met_reason", "Why the threshold is not met", "Enter why the threshold is not met",
                         hint="The decision letter gives this reason", when=NOT_MET),
                LongText("alternative_action", "What will be done instead",
                         "Enter the action that will be taken instead", when=NOT_MET))),
        )),
        DateField("decided_on", "Date of the decision", what="the date of the decision"),
        LongText("unverified_reason", "Why decide before the agencies have confirmed every incident?", hint=(
            "Needed while any incident is not confirmed by the agency it was reported to: the procedure asks the "
            "partnership to confirm the incidents with the agencies before deciding")),
    ))





appeal = calls(Cases.lodge_appeal, inputs.LodgeAppeal, "lodged_on", "grounds", "late_reason")


LODGE_APPEAL = Step(
    "lodge_appeal", "/cases/<reference>/appeal", "Lodge an appeal", "Lodge the appeal",
    commands=(Command.LODGE_APPEAL,),
    intro="An applicant can appeal against a decision that the threshold is not met.",
    act=appeal, done="Appeal lodged on case {reference}.",
    fields=(DateField("lodged_on", "When was the appeal made?", what="the date the appeal was made"),
            LongText("grounds", "Grounds of appeal", "Enter the grounds of appeal", hint="In the applicant's words"),
            LongText("late_reason", "Reason for accepting a late appeal",
                     hint="Only if the appeal came after the appeal window closed")))


def decide_appeal(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    use_case = (context.back_office.cases.uphold_appeal if AppealOutcome(values["outcome"]) is AppealOutcome.UPHELD
                else context.back_office.cases.dismiss_appeal)
    return use_case(context.reference, **load_input(inputs.DecideAppeal, values, "decided_on", "reason"), actor=actor)


DECIDE_APPEAL = Step(
    "decide_appeal", "/cases/<reference>/appeal/decision", "Decide the appeal", "Record the appeal decision",
    commands=(Command.UPHOLD_APPEAL, Command.DISMISS_APPEAL),
    act=decide_appeal, done="Appeal decision recorded on case {reference}.",
    fields=(Choice("outcome", "What is the decision?", "Select whether the appeal is upheld or dismissed", options=(
                Option(AppealOutcome.UPHELD.value, "Uphold the appeal", hint="The case goes to a case review"),
                Option(AppealOutcome.DISMISSED.value, "Dismiss the appeal"))),
            DateField("decided_on", "Date of the decision", what="the date of the decision"),
            LongText("reason", "Reason for the decision", "Enter the reason for the decision")))


withdraw = calls(Cases.withdraw_application, inputs.Withdraw, "withdrawn_on", "reason")


WITHDRAW = Step(
    "withdraw_application", "/cases/<reference>/withdrawal", "Record that the application was withdrawn",
    "Record the withdrawal", act=withdraw, done="Application {reference} withdrawn.",
    commands=(Command.WITHDRAW_APPLICATION,),
    intro="When the applicant withdraws; an open case review ends with the application.",
    fields=(DateField("withdrawn_on", "When was it withdrawn?", what="the date the application was withdrawn"),
            LongText("reason", "Why was it withdrawn?", "Enter why the application was withdrawn")))


reject = calls(Cases.reject_application, inputs.Reject, "rejected_on", "ground", "reason")


REJECT = Step(
    "reject_application", "/cases/<reference>/rejection", "Reject the application", "Reject the application",
    commands=(Command.REJECT_APPLICATION,),
    act=reject, done="Application {reference} rejected.",
    fields=(Choice("ground", "Why is it rejected?", "Select the ground for rejecting the application",
                   options=REJECTION_GROUNDS),
            LongText("reason", "Reason", "Enter the reason for rejecting the application",
                     hint="The applicant will be told this"),
            DateField("rejected_on", "Date of the rejection", what="the date of the rejection")))


close = calls(Cases.close_application, inputs.Close, "closed_on", "reason")


CLOSE = Step(
    "close_application", "/cases/<reference>/closure", "Close the application", "Close the application",
    commands=(Command.CLOSE_APPLICATION,),
    intro="After a 'not met' decision, once the appeal window has passed or the appeal was decided.",
    act=close, done="Application {reference} closed.",
    fields=(DateField("closed_on", "Date of closing", what="the date of closing"),
            LongText("reason", "Reason for closing", "Enter the reason for closing")))

STEPS = (THRESHOLD, LODGE_APPEAL, DECIDE_APPEAL, WITHDRAW, REJECT, CLOSE)
