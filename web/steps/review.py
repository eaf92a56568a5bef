"""Steps of the case review: agency information, the panel, recommendations and responses, letters, the
secondary review and closure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from application.backoffice import Cases
from application.core import Recorded
from application.inputs import review as inputs
from domain.actions import Command
from domain.errors import FutureDateError, OpenRecommendationsError, UnknownItemError
from domain.values import SecondaryReviewOutcome
from web.steps.choices import OTHER, agency_choice, agency_of
from web.steps.fields import Checks, Choice, DateField, Lines, LongText, Option, Options, Text, yes_no
from web.steps.step import Context, Step, calls, load_input

REVIEW = "/cases/<reference>/review"


def not_yet_asked(context: Context) -> Options:
    """The partnership's agencies this review has not asked yet, and another agency by name."""
    review = context.case.review if context.case else None
    asked = set(review.agency_requests) if review else set()
    return (*(Option(body, body) for body in context.back_office.profile.relevant_bodies if body not in asked),
            Option(OTHER, "Another agency", reveals=(
                Text("other_agency", "Name of the agency", "Enter the name of the agency", when=("agencies", OTHER)),)))


def request_information(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    chosen = [agency for agency in values["agencies"] if agency != OTHER]
    if OTHER in values["agencies"]:
        chosen.append(values["other_agency"])
    given = load_input(inputs.RequestInformationFromAgencies, values, agencies=chosen, requested_on=context.today)
    return context.back_office.cases.request_information_from_agencies(context.reference, **given, actor=actor)


REQUEST_INFORMATION = Step(
    "request_agency_information", f"{REVIEW}/agency-requests/new", "Request information from an agency",
    "Record the requests", act=request_information, done="Agency information requested for case {reference}.",
    commands=(Command.REQUEST_AGENCY_INFORMATION,),
    intro="Each request is recorded as made today; each agency's reply is due within the partnership's timescale. "
          "Either every request is recorded or, if one is refused, none is.",
    fields=(Checks("agencies", "Which agencies are asked?", "Select the agencies you are asking for information",
                   hint="Select all that apply", options=not_yet_asked),))


def record_information(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.RecordAgencyInformation, values, "received_on", "summary", agency=agency_of(values))
    return context.back_office.cases.record_agency_information(context.reference, **given, actor=actor)


def asked_of(context: Context) -> dict[str, Any]:
    """What the agency contact's form shows of the case: the requests, and the incidents as they stand (the
    template shows only the contact's own agency's)."""
    case = context.case
    return {"requests": case.review.agency_requests if case and case.review else {},
            "incidents": case.application.incidents_as_they_stand if case else [], "problem": case.application.problem
            if case else None}


def requested_from(context: Context, agency: str) -> bool:
    """Agency contacts record information only on a case that asked their agency for it."""
    review = context.case.review if context.case else None
    return review is not None and agency in review.agency_requests


RECORD_INFORMATION = Step(
    "record_agency_information", f"{REVIEW}/agency-information/new", "Record information from an agency",
    "Record the information", act=record_information, done="Agency information recorded on case {reference}.",
    commands=(Command.RECORD_AGENCY_INFORMATION,),
    refusals={UnknownItemError: "agency", FutureDateError: "received_on"}, agency_contacts=requested_from,
    extra=asked_of, template="steps/agency_information.html",
    fields=(agency_choice("Which agency supplied it?", "Select the agency that supplied the information"),
            DateField("received_on", "When was it received?", what="the date the information was received"),
            LongText("summary", "Summary of what the agency supplied", "Enter a summary of what the agency supplied")),
    agency_fields=(DateField("received_on", "When did you send it?", what="the date you sent the information"),
                   LongText("summary", "What did you find?", "Enter what you found",
                            hint="What your records hold about the incidents and the problem, and what you did "
                                 "about them")))


def schedule(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.SchedulePanel, values, "panel_date", "chair", "members",
                       independent_chair=values["independent_chair"] == "yes", scheduled_on=context.today)
    return context.back_office.cases.schedule_panel(context.reference, **given, actor=actor)


SCHEDULE_PANEL = Step(
    "schedule_panel", f"{REVIEW}/panel/schedule", "Schedule the review panel", "Schedule the panel",
    commands=(Command.SCHEDULE_PANEL,),
    act=schedule, done="Panel scheduled for case {reference}.",
    fields=(DateField("panel_date", "Date of the panel", what="the date of the panel", past=False),
            Text("chair", "Who chairs the panel?", "Enter who chairs the panel"),
            yes_no("independent_chair", "Is the chair independent?", "Select yes if the chair is independent",
                   hint="Independent of the agencies whose response is reviewed"),
            Lines("members", "Panel members", "Enter the panel members", hint="One member or agency per line")))


invite = calls(Cases.invite_victim, inputs.InviteVictim, "invited_on", "method", "format")


INVITE_VICTIM = Step(
    "invite_victim", f"{REVIEW}/victim-invitation", "Invite the victim to the panel", "Record the invitation",
    commands=(Command.INVITE_VICTIM,),
    act=invite, done="Invitation to the panel recorded on case {reference}.",
    fields=(DateField("invited_on", "When were they invited?", what="the date of the invitation"),
            Choice("method", "How were they invited?", "Select how the victim was invited", options=(
                Option("letter", "By letter"), Option("email", "By email"), Option("phone", "By phone"),
                Option("in person", "In person"))),
            Choice("format", "Will they attend in person or virtually?", "Select whether they attend in person or "
                   "virtually", options=(Option("in_person", "In person"), Option("virtual", "Virtually")),
                   hint="The statutory guidance (July 2025): victims are invited in person or virtually")))


impact_statement = calls(Cases.receive_impact_statement, inputs.ImpactStatement, "received_on", "statement")


IMPACT_STATEMENT = Step(
    "impact_statement", f"{REVIEW}/impact-statement", "Record the victim's impact statement",
    "Record the statement", act=impact_statement, done="Impact statement recorded on case {reference}.",
    commands=(Command.RECEIVE_IMPACT_STATEMENT,),
    fields=(DateField("received_on", "When was it received?", what="the date the statement was received"),
            LongText("statement", "The impact statement", "Enter the impact statement",
                     hint="In the victim's words")))


def hold_panel(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.HoldPanel, values, "held_on", "attendees", "findings", "early_reason",
                       victim_attended=values["victim_attended"] == "yes")
    return context.back_office.cases.hold_panel(context.reference, **given, actor=actor)


def as_scheduled(context: Context) -> dict[str, Any]:
    """The panel form opens with the scheduled chair and members as who attended (the officer removes who did not
    come), with the scheduled date as the day it was held once that day has come, and, when the victim was not
    invited, with "No" for whether the victim attended."""
    review = context.case.review if context.case else None
    if review is None or review.panel_date is None:
        return {}
    held = review.panel_date if review.panel_date <= context.today else context.today
    attended = dict.fromkeys(name for name in (review.chair, *review.panel_members) if name.strip())
    return {"attendees": "\n".join(attended),
            "held_on": {"day": str(held.day), "month": str(held.month), "year": str(held.year)},
            **({"victim_attended": "no"} if review.not_invited_reason else {})}


HOLD_PANEL = Step(
    "hold_panel", f"{REVIEW}/panel", "Record the review panel", "Record the panel",
    commands=(Command.HOLD_PANEL,), prefill=as_scheduled,
    act=hold_panel, done="Panel recorded on case {reference}.", refusals={FutureDateError: "held_on"},
    fields=(DateField("held_on", "When was the panel held?", what="the date the panel was held"),
            Lines("attendees", "Who attended?", "Enter who attended the panel",
                  hint="One person or agency per line. It starts with the chair and members the panel was scheduled "
                       "with: remove anyone who did not attend and add anyone else who did"),
            yes_no("victim_attended", "Did the victim attend?", "Select yes if the victim attended"),
            LongText("findings", "The panel's findings", "Enter the panel's findings"),
            LongText("early_reason", "If it was held before its scheduled date, why?",
                     hint="Only if the panel met earlier than the date the victim and the agencies were given")))


def recommend(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.IssueRecommendation, values, "text", "issued_on", "response_due_on", "target_on",
                       agency=agency_of(values))
    return context.back_office.cases.issue_recommendation(context.reference, **given, actor=actor)


ISSUE_RECOMMENDATION = Step(
    "issue_recommendation", f"{REVIEW}/recommendations/new", "Issue a recommendation", "Issue the recommendation",
    commands=(Command.ISSUE_RECOMMENDATION,),
    act=recommend, done="Recommendation {number} issued on case {reference}.",
    refusals={FutureDateError: "issued_on"},
    fields=(agency_choice("Which agency is it addressed to?", "Select the agency the recommendation is addressed to"),
            LongText("text", "The recommendation", "Enter what the agency is recommended to do"),
            DateField("issued_on", "When was it issued?", what="the date the recommendation was issued"),
            DateField("response_due_on", "When is the agency's response due?", what="the date the response is due",
                      past=False, optional=True, hint=("Optional. Leave empty to use the partnership's timescale. "
                                        "For example, 27 3 2026")),
            DateField("target_on", "When should the actions be completed?", what="the target date for the actions",
                      past=False, optional=True, hint=("Optional. Leave empty to use the partnership's timescale. "
                                                       "The agency is reminded before it and it shows as overdue "
                                                       "after it. For example, 29 5 2026"))))


def recommendation(context: Context) -> dict[str, Any]:
    review = context.case.review if context.case else None
    found = next((r for r in review.recommendations if r.number == context.args["number"]), None) if review else None
    return {"recommendation": found, "number": context.args["number"]}


def respond(context: Context, values: Mapping[str, Any], actor: str) -> Recorded:
    given = load_input(inputs.AgencyResponse, values, "response", "responded_on", "reason",
                       number=context.args["number"])
    return context.back_office.cases.record_agency_response(context.reference, **given, actor=actor)


def addressed_to(context: Context, agency: str) -> bool:
    """Agency contacts answer only the recommendations addressed to their agency."""
    found = recommendation(context)["recommendation"]
    return found is not None and found.agency == agency


AGENCY_RESPONSE = Step(
    "agency_response", f"{REVIEW}/recommendations/<int:number>/response",
    "Record the response to recommendation {number}", "Record the response", act=respond,
    commands=(Command.RECORD_AGENCY_RESPONSE,),
    extra=recommendation, template="steps/agency_response.html",
    done="Response to recommendation {number} recorded on case {reference}.",
    refusals={FutureDateError: "responded_on"}, agency_contacts=addressed_to,
    fields=(Choice("response", "What did the agency say?", "Select the agency's response", options=(
                Option("accepted", "Accepted"), Option("declined", "Declined"),
                Option("progress", "Progress reported"),
                Option("completed", "Completed: the actions are done"))),
            DateField("responded_on", "Date of the response", what="the date of the response",
                      hint="For a completion, the date the actions were completed"),
            LongText("reason", "The agency's reason, or the progress made",
                     hint="Needed when the agency declined (it must have regard to the recommendation) or reports "
                          "progress (what has been done so far)")),
    agency_fields=(Choice("response", "What is your response?", "Select your response", options=(
                       Option("accepted", "We accept it"), Option("declined", "We decline it"),
                       Option("progress", "We have progress to report"),
                       Option("completed", "We have completed the actions"))),
                   DateField("responded_on", "When did you respond, or complete the actions?",
                             what="the date of your response"),
                   LongText("reason", "Your reason, or the progress you have made",
                            hint="Needed when you decline (you must still have regard to the recommendation) or "
                                 "report progress (what you have done so far)")))


delay = calls(Cases.send_delay_notice, inputs.DelayNotice, "sent_on", "reason", "expected_by")


DELAY_NOTICE = Step(
    "delay_notice", f"{REVIEW}/delay-letter", "Record a delay letter", "Record the delay letter",
    commands=(Command.SEND_DELAY_NOTICE,),
    act=delay, done="Delay letter recorded on case {reference}.",
    intro="When the outcome letter will be late, tell the applicant why and when to expect it.",
    fields=(DateField("sent_on", "When was it sent?", what="the date the delay letter was sent"),
            LongText("reason", "Reason for the delay", "Enter the reason for the delay",
                     hint="As the applicant will read it"),
            DateField("expected_by", "When will the outcome letter be sent?",
                      what="the date the outcome letter is expected", past=False)))


request_secondary = calls(Cases.request_secondary_review, inputs.SecondaryReviewRequest, "requested_on", "grounds",
                          "late_reason")


REQUEST_SECONDARY = Step(
    "request_secondary_review", f"{REVIEW}/secondary-review/request", "Record a request for a secondary review",
    "Record the request", act=request_secondary, done="Secondary review requested on case {reference}.",
    commands=(Command.REQUEST_SECONDARY_REVIEW,),
    fields=(DateField("requested_on", "When was it requested?", what="the date the secondary review was requested"),
            LongText("grounds", "Why is the applicant dissatisfied?", "Enter why the applicant is dissatisfied"),
            LongText("late_reason", "Reason for accepting a late request",
                     hint="Only if the request came after the window to ask for a secondary review closed")))


hold_secondary = calls(Cases.hold_secondary_review, inputs.SecondaryReviewHearing, "held_on", "panel", "chair")


HOLD_SECONDARY = Step(
    "hold_secondary_review", f"{REVIEW}/secondary-review/held", "Record the secondary review",
    "Record the secondary review", act=hold_secondary, done="Secondary review recorded on case {reference}.",
    commands=(Command.HOLD_SECONDARY_REVIEW,),
    fields=(DateField("held_on", "When was it held?", what="the date the secondary review was held"),
            Text("chair", "Who chaired it?", "Enter who chaired the secondary review"),
            Lines("panel", "Who carried out the secondary review?", "Enter who carried out the secondary review",
                  hint="One per line: the members of the body the partnership's procedure names")))

OUTCOMES = (Option(SecondaryReviewOutcome.ORIGINAL_REVIEW_UPHELD.value, "The original review is upheld"),
            Option(SecondaryReviewOutcome.FURTHER_RECOMMENDATIONS.value, "Further recommendations"),
            Option(SecondaryReviewOutcome.NEW_REVIEW_ORDERED.value, "A new review is ordered"))


conclude_secondary = calls(Cases.conclude_secondary_review, inputs.SecondaryReviewConclusion,
                           "concluded_on", "outcome", "reason")


CONCLUDE_SECONDARY = Step(
    "conclude_secondary_review", f"{REVIEW}/secondary-review/conclusion", "Record the secondary review's conclusion",
    "Record the conclusion", act=conclude_secondary, done="Secondary review concluded on case {reference}.",
    commands=(Command.CONCLUDE_SECONDARY_REVIEW,),
    fields=(Choice("outcome", "What did it conclude?", "Select what the secondary review concluded", options=OUTCOMES),
            DateField("concluded_on", "Date of the conclusion", what="the date of the conclusion"),
            LongText("reason", "Reasons", "Enter the reasons for the conclusion")))


close_review = calls(Cases.close_review, inputs.CloseReview, "closed_on", "reason", "open_recommendations_reason")


def still_open(context: Context) -> dict[str, Any]:
    """The recommendations neither completed nor declined, which the closing form warns about."""
    review = context.case.review if context.case else None
    return {"still_open": review.open_recommendations if review else []}


CLOSE_REVIEW = Step(
    "close_review", f"{REVIEW}/closure", "Close the case review", "Close the case review",
    commands=(Command.CLOSE_REVIEW,),
    act=close_review, done="Case review {reference} closed.", extra=still_open, template="steps/close_review.html",
    refusals={OpenRecommendationsError: "open_recommendations_reason"},
    fields=(DateField("closed_on", "Date of closing", what="the date of closing"),
            LongText("reason", "Reason for closing", "Enter the reason for closing"),
            LongText("open_recommendations_reason", "Why close before the recommendations are completed?",
                     hint="Needed when any recommendation is neither completed nor declined. The agencies are still "
                          "asked for their responses after the review closes.")))

STEPS = (REQUEST_INFORMATION, RECORD_INFORMATION, SCHEDULE_PANEL, INVITE_VICTIM, IMPACT_STATEMENT, HOLD_PANEL,
         ISSUE_RECOMMENDATION, AGENCY_RESPONSE, DELAY_NOTICE, REQUEST_SECONDARY, HOLD_SECONDARY,
         CONCLUDE_SECONDARY, CLOSE_REVIEW)
