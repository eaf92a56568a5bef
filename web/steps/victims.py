"""Steps of the victim's part (docs/VICTIMS.md): each victim's consent and its withdrawal, the involvement the
victim chooses, the reason they are not invited to the panel, and the action plan they are consulted on. The
rules are the domain's; the refusals name the guidance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from application.backoffice import Cases
from application.core import Recorded
from application.inputs import intake as intake_inputs
from application.inputs import victims as inputs
from domain.actions import Command
from domain.errors import FutureDateError, OutOfOrderError
from domain.values import ConsentKind
from domain.victims import ConsentMethod, InvolvementLevel, MeetingFormat, ShareMethod
from web.steps.fields import Choice, DateField, LongText, Option, Options, Text
from web.steps.step import Context, Step, calls, load_input

REVIEW = "/cases/<reference>/review"
CONSENTS = tuple(Option(kind.value, kind.label[0].upper() + kind.label[1:]) for kind in ConsentKind)
METHODS = tuple(Option(method.value, method.label.capitalize()) for method in ConsentMethod)
LEVELS = tuple(Option(level.value, level.label[0].upper() + level.label[1:]) for level in InvolvementLevel)
FORMATS = tuple(Option(f.value, f.label.capitalize()) for f in MeetingFormat)
SHARED = tuple(Option(how.value, how.label.capitalize()) for how in ShareMethod)


def people(context: Context) -> Options:
    """Whose consent: each victim by name (a business or group with its contact), and the applicant."""
    if context.case is None:
        return ()
    applicant = context.case.application.applicant
    victims = tuple(Option(str(n), applicant.victim_name(n), hint=f"Victim {n}")
                    for n in range(1, len(applicant.victims) + 1))
    yourself = () if applicant.on_behalf_of_victim and victims else (
        Option("0", applicant.person.name, hint="The applicant"),)
    return (*victims, *yourself) if applicant.on_behalf_of_victim else (*yourself, *victims)


def whose(values: Mapping[str, Any]) -> dict[str, Any]:
    return {"victim": int(values["victim"])} if values.get("victim") not in (None, "") else {}


def how(values: Mapping[str, Any]) -> dict[str, Any]:
    return {"method": values["method"]} if values.get("method") else {}


def consent(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(intake_inputs.GiveConsent, values, "kind", "given_on", "given_by", **how(values),
                       **whose(values))
    return context.back_office.cases.give_consent(context.reference, **given, actor=actor)


GIVE_CONSENT = Step(
    "give_consent", "/cases/<reference>/consent/new", "Record consent", "Record consent",
    commands=(Command.GIVE_CONSENT,),
    act=consent, done="Consent recorded on case {reference}.", refusals={FutureDateError: "given_on"},
    fields=(
        Choice("kind", "What was consent given to?", "Select what consent was given to", options=CONSENTS),
        Choice("victim", "Whose consent is it?", options=people,
               hint="Each victim gives their own consent; needed when the application names more than one"),
        Choice("method", "How was it given?", options=METHODS, hint="Optional"),
        DateField("given_on", "When was consent given?", what="the date consent was given"),
        Text("given_by", "Who gave consent?", "Enter who gave consent", hint="Their full name"),
    ))


def withdraw_consent(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(intake_inputs.WithdrawConsent, values, "kind", "withdrawn_on", "reason", **how(values),
                       **whose(values))
    return context.back_office.cases.withdraw_consent(context.reference, **given, actor=actor)


WITHDRAW_CONSENT = Step(
    "withdraw_consent", "/cases/<reference>/consent/withdraw", "Record that consent was withdrawn",
    "Record the withdrawal", act=withdraw_consent, done="Withdrawal of consent recorded on case {reference}.",
    commands=(Command.WITHDRAW_CONSENT,),
    refusals={FutureDateError: "withdrawn_on", OutOfOrderError: "withdrawn_on"},
    intro="Once consent is withdrawn, the case's information is not shared with any agency that does not already "
          "hold it.",
    fields=(
        Choice("kind", "Which consent was withdrawn?", "Select which consent was withdrawn", options=CONSENTS),
        Choice("victim", "Whose consent was withdrawn?", options=people,
               hint="Needed when more than one person gave this consent"),
        Choice("method", "How was it withdrawn?", options=METHODS, hint="Optional"),
        DateField("withdrawn_on", "When was it withdrawn?", what="the date consent was withdrawn"),
        LongText("reason", "Why was it withdrawn?", "Enter why consent was withdrawn", hint="What the person said"),
    ))


involvement = calls(Cases.choose_involvement, inputs.ChooseInvolvement, "level", "chosen_on")

CHOOSE_INVOLVEMENT = Step(
    "choose_involvement", f"{REVIEW}/victim-involvement", "Record the victim's chosen involvement",
    "Record their choice", act=involvement, commands=(Command.CHOOSE_INVOLVEMENT,),
    done="The victim's chosen involvement is recorded on case {reference}.",
    intro="The statutory guidance (July 2025): victims choose their level of involvement in the case review.",
    fields=(Choice("level", "How involved does the victim want to be?", "Select how involved the victim wants to be",
                   options=LEVELS),
            DateField("chosen_on", "When did they choose?", what="the date the victim chose")))


not_invited = calls(Cases.decide_not_to_invite_victim, inputs.DecideNotToInviteVictim, "decided_on", "reason")

NOT_INVITED = Step(
    "victim_not_invited", f"{REVIEW}/victim-not-invited", "Record why the victim is not invited to the panel",
    "Record the reason", act=not_invited, commands=(Command.DECIDE_NOT_TO_INVITE_VICTIM,),
    done="The reason the victim is not invited is recorded on case {reference}.",
    intro="The statutory guidance (2021): the relevant bodies should always consider inviting the victim, or their "
          "representative, to the review meeting. The panel cannot be recorded until the victim is invited or the "
          "reason is recorded.",
    fields=(DateField("decided_on", "When was this decided?", what="the date of the decision"),
            LongText("reason", "Why is the victim not invited?", "Enter why the victim is not invited",
                     hint="For example, they chose to be kept informed only")))


draft = calls(Cases.draft_action_plan, inputs.DraftActionPlan, "drafted_on", "plan")

DRAFT_ACTION_PLAN = Step(
    "draft_action_plan", f"{REVIEW}/action-plan/draft", "Draft the action plan", "Record the draft",
    act=draft, commands=(Command.DRAFT_ACTION_PLAN,), done="Draft action plan recorded on case {reference}.",
    intro="The statutory guidance (July 2025): the victim is consulted on the action plan before it is finalised.",
    fields=(DateField("drafted_on", "When was it drafted?", what="the date the plan was drafted"),
            LongText("plan", "The draft action plan", "Enter the draft action plan")))


share = calls(Cases.share_action_plan, inputs.ShareActionPlan, "shared_on", "how")

SHARE_ACTION_PLAN = Step(
    "share_action_plan", f"{REVIEW}/action-plan/shared", "Share the draft action plan with the victim",
    "Record that it was shared", act=share, commands=(Command.SHARE_ACTION_PLAN,),
    done="The draft action plan was shared with the victim on case {reference}.",
    fields=(DateField("shared_on", "When was it shared?", what="the date the plan was shared"),
            Choice("how", "How was it shared?", "Select how the plan was shared", options=SHARED)))


response = calls(Cases.record_action_plan_response, inputs.ActionPlanResponse, "responded_on", "response")

ACTION_PLAN_RESPONSE = Step(
    "action_plan_response", f"{REVIEW}/action-plan/response", "Record the victim's response to the action plan",
    "Record the response", act=response, commands=(Command.RECORD_ACTION_PLAN_RESPONSE,),
    done="The victim's response to the action plan is recorded on case {reference}.",
    refusals={OutOfOrderError: "responded_on"},
    fields=(DateField("responded_on", "When did they respond?", what="the date of the victim's response"),
            LongText("response", "What did the victim say?", "Enter what the victim said about the draft plan")))


finalise = calls(Cases.finalise_action_plan, inputs.FinaliseActionPlan, "finalised_on", "without_consultation")

FINALISE_ACTION_PLAN = Step(
    "finalise_action_plan", f"{REVIEW}/action-plan/final", "Finalise the action plan", "Finalise the plan",
    act=finalise, commands=(Command.FINALISE_ACTION_PLAN,), done="Action plan finalised on case {reference}.",
    refusals={OutOfOrderError: "without_consultation"},
    fields=(DateField("finalised_on", "When was it finalised?", what="the date the plan was finalised"),
            LongText("without_consultation", "Why is it finalised before the victim responded?",
                     hint="Only if the victim's response is not recorded: the statutory guidance (July 2025) says "
                          "the victim is consulted before the plan is finalised")))

CONSENT_STEPS = (GIVE_CONSENT, WITHDRAW_CONSENT)
STEPS = (CHOOSE_INVOLVEMENT, NOT_INVITED, DRAFT_ACTION_PLAN, SHARE_ACTION_PLAN, ACTION_PLAN_RESPONSE,
         FINALISE_ACTION_PLAN)
