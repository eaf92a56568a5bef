"""One POST operation per BackOffice command: load the JSON body through the command's input
(``application.inputs``, the same one the forms load through) → one BackOffice
call with the token's user as the actor → 201/200 with the reference, the event position (for
read-your-writes) and the number of the item created. ``COMMANDS`` is also what the OpenAPI document
describes, so the two cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Response, jsonify, url_for

from application.backoffice import BackOffice
from application.core import Recorded
from application.inputs import escalation, intake, review, victims
from application.letters import ProducedLetter
from domain import actions
from domain.user import Role
from web.api.auth import CASEWORKERS, require
from web.api.base import blueprint, load_body, reference_in_path
from web.api.schemas.common import ApiSchema
from web.api.schemas.responses import ProducedLetterSchema, RecordedSchema
from web.context import services

Run = Callable[[BackOffice, str, dict[str, Any], str], Recorded | ProducedLetter]


@dataclass(frozen=True)
class Command:
    name: str  # the endpoint (api.<name>) and the operationId
    path: str  # under /api, with <reference> where the case goes
    schema: type[ApiSchema]
    run: Run
    summary: str
    tag: str
    created: bool = False  # 201 with a Location (a new case, incident, recommendation or letter)

    @property
    def roles(self) -> frozenset[Role]:
        """Who may call it: for a step of the process, the roles the domain gives its command."""
        known = {command.value: command for command in actions.Command}
        return known[self.name].roles & CASEWORKERS if self.name in known else CASEWORKERS


def receive(bo: BackOffice, _: str, data: dict[str, Any], actor: str) -> Recorded:
    return bo.cases.receive_application(**data, actor=actor)


def call(method: str) -> Run:
    """A command that passes the loaded input to ``back_office.cases.<method>(reference, …, actor=…)``."""

    def run(bo: BackOffice, reference: str, data: dict[str, Any], actor: str) -> Recorded:
        recorded: Recorded = getattr(bo.cases, method)(reference, **data, actor=actor)
        return recorded

    return run


def produce(bo: BackOffice, reference: str, data: dict[str, Any], actor: str) -> ProducedLetter:
    return bo.cases.produce_letter(reference, data["kind"], data["recipient"], actor=actor)


def send(bo: BackOffice, reference: str, data: dict[str, Any], actor: str) -> Recorded:
    return bo.cases.send_letter(reference, data["kind"], data["recipient"], channel=data["channel"],
                                sent_on=data["sent_on"], actor=actor)


CASE = "/cases/<reference>"
INTAKE, DECISION, REVIEW, LETTERS = "Intake", "Threshold decision and appeal", "Case review", "Letters"
COMMANDS: tuple[Command, ...] = (
    Command("receive_application", "/cases", intake.ReceiveApplication, receive,
            "Record a new application; answers with its new reference", INTAKE, created=True),
    Command("assign_officer", f"{CASE}/officer", intake.AssignOfficer, call("assign_officer"),
            "Assign the officer handling the case", INTAKE),
    Command("log_incident", f"{CASE}/incidents", intake.LogIncident, call("log_incident"),
            "Log an incident; answers with its number", INTAKE, created=True),
    Command("correct_incident", f"{CASE}/incidents/corrections", intake.CorrectIncident,
            call("correct_incident"), "Correct an incident before the threshold decision: send it as it should stand, "
            "every detail (a detail left out is cleared), with why", INTAKE),
    Command("strike_out_incident", f"{CASE}/incidents/strike-outs", intake.StrikeOutIncident,
            call("strike_out_incident"), "Strike out an incident logged wrongly, saying why", INTAKE),
    Command("give_consent", f"{CASE}/consent", intake.GiveConsent, call("give_consent"),
            "Record consent given", INTAKE),
    Command("withdraw_consent", f"{CASE}/consent/withdrawal", intake.WithdrawConsent, call("withdraw_consent"),
            "Record consent withdrawn", INTAKE),
    Command("acknowledge", f"{CASE}/acknowledgement", intake.Acknowledge, call("acknowledge"),
            "Record the acknowledgement", INTAKE),
    Command("pass_to_relevant_bodies", f"{CASE}/relevant-bodies", intake.PassToRelevantBodies,
            call("pass_to_relevant_bodies"), "Record that the application was passed to all the relevant bodies "
            "(s.104(3)(b) of the 2014 Act)", INTAKE),
    Command("request_verification", f"{CASE}/verification-requests", intake.RequestVerification,
            call("request_verification"), "Ask an agency to confirm the incidents reported to it", INTAKE),
    Command("answer_verification", f"{CASE}/verification-answers", intake.AnswerVerification,
            call("answer_verification"), "Record an agency's answer about an incident: confirmed, disputed or no "
            "record held", INTAKE),
    Command("decide_threshold_met", f"{CASE}/threshold/met", intake.DecideMet, call("decide_threshold_met"),
            "Decide the threshold is met (as the policy says); opens the case review", DECISION),
    Command("decide_threshold_met_by_discretion", f"{CASE}/threshold/met-by-discretion",
            intake.DecideMetByDiscretion, call("decide_threshold_met_by_discretion"),
            "Decide the threshold is met by discretion, with grounds and a reason", DECISION),
    Command("decide_threshold_not_met", f"{CASE}/threshold/not-met", intake.DecideNotMet,
            call("decide_threshold_not_met"), "Decide the threshold is not met", DECISION),
    Command("send_decision_letter", f"{CASE}/decision-letter", intake.SendLetterStep,
            call("send_decision_letter"), "Record that the threshold decision letter was sent", DECISION),
    Command("lodge_appeal", f"{CASE}/appeal", intake.LodgeAppeal, call("lodge_appeal"),
            "Lodge an appeal against 'not met'", DECISION),
    Command("uphold_appeal", f"{CASE}/appeal/upheld", intake.DecideAppeal, call("uphold_appeal"),
            "Uphold the appeal; opens the case review", DECISION),
    Command("dismiss_appeal", f"{CASE}/appeal/dismissed", intake.DecideAppeal, call("dismiss_appeal"),
            "Dismiss the appeal", DECISION),
    Command("lodge_challenge", f"{CASE}/rejection/challenge", escalation.LodgeChallenge, call("lodge_challenge"),
            "Record the applicant's challenge to a rejection; the route's body is emailed", DECISION),
    Command("uphold_challenge", f"{CASE}/rejection/challenge/upheld", escalation.DecideChallenge,
            call("uphold_challenge"), "Uphold the challenge: the rejection is set aside", DECISION),
    Command("dismiss_challenge", f"{CASE}/rejection/challenge/dismissed", escalation.DecideChallenge,
            call("dismiss_challenge"), "Dismiss the challenge: the rejection stands", DECISION),
    Command("withdraw_application", f"{CASE}/withdrawal", intake.Withdraw, call("withdraw_application"),
            "Record that the applicant withdrew", INTAKE),
    Command("reject_application", f"{CASE}/rejection", intake.Reject, call("reject_application"),
            "Reject the application (anonymous, vexatious, …)", INTAKE),
    Command("close_application", f"{CASE}/closure", intake.Close, call("close_application"),
            "Close the application", INTAKE),
    Command("request_agency_information", f"{CASE}/agency-information-requests", review.RequestAgencyInformation,
            call("request_agency_information"), "Ask an agency for its information", REVIEW),
    Command("request_information_from_agencies", f"{CASE}/agency-information-requests/several",
            review.RequestInformationFromAgencies, call("request_information_from_agencies"),
            "Ask several agencies for their information at once: one request each, all recorded or none", REVIEW),
    Command("record_agency_information", f"{CASE}/agency-information", review.RecordAgencyInformation,
            call("record_agency_information"), "Record an agency's information", REVIEW),
    Command("schedule_panel", f"{CASE}/panel/schedule", review.SchedulePanel,
            call("schedule_panel"), "Schedule the review panel", REVIEW),
    Command("invite_victim", f"{CASE}/victim-invitation", review.InviteVictim, call("invite_victim"),
            "Record that the victim was invited to the panel", REVIEW),
    Command("decide_not_to_invite_victim", f"{CASE}/victim-not-invited", victims.DecideNotToInviteVictim,
            call("decide_not_to_invite_victim"), "Record why the victim is not invited to the panel", REVIEW),
    Command("choose_involvement", f"{CASE}/victim-involvement", victims.ChooseInvolvement,
            call("choose_involvement"), "Record the level of involvement the victim chose", REVIEW),
    Command("draft_action_plan", f"{CASE}/action-plan/draft", victims.DraftActionPlan, call("draft_action_plan"),
            "Record the draft action plan", REVIEW),
    Command("share_action_plan", f"{CASE}/action-plan/shared", victims.ShareActionPlan, call("share_action_plan"),
            "Record that the draft action plan was shared with the victim", REVIEW),
    Command("record_action_plan_response", f"{CASE}/action-plan/response", victims.ActionPlanResponse,
            call("record_action_plan_response"), "Record the victim's response to the draft action plan", REVIEW),
    Command("finalise_action_plan", f"{CASE}/action-plan/final", victims.FinaliseActionPlan,
            call("finalise_action_plan"), "Finalise the action plan (with a reason if the victim has not responded)",
            REVIEW),
    Command("receive_impact_statement", f"{CASE}/impact-statement", review.ImpactStatement,
            call("receive_impact_statement"), "Record the victim's impact statement", REVIEW),
    Command("hold_panel", f"{CASE}/panel", review.HoldPanel, call("hold_panel"),
            "Record the review panel and its findings", REVIEW),
    Command("issue_recommendation", f"{CASE}/recommendations", review.IssueRecommendation,
            call("issue_recommendation"), "Address a recommendation to an agency; answers with its number",
            REVIEW, created=True),
    Command("record_agency_response", f"{CASE}/agency-responses", review.AgencyResponse,
            call("record_agency_response"), "Record an agency's response to a recommendation", REVIEW),
    Command("send_delay_notice", f"{CASE}/delay-notice", review.DelayNotice, call("send_delay_notice"),
            "Record a delay letter (reason and new expected date)", REVIEW),
    Command("send_outcome_letter", f"{CASE}/outcome-letter", review.OutcomeLetter, call("send_outcome_letter"),
            "Record that the outcome letter was sent", REVIEW),
    Command("request_secondary_review", f"{CASE}/secondary-review/request", review.SecondaryReviewRequest,
            call("request_secondary_review"), "Record a request for a secondary review", REVIEW),
    Command("hold_secondary_review", f"{CASE}/secondary-review/hearing", review.SecondaryReviewHearing,
            call("hold_secondary_review"), "Record the secondary review held", REVIEW),
    Command("conclude_secondary_review", f"{CASE}/secondary-review/conclusion", review.SecondaryReviewConclusion,
            call("conclude_secondary_review"), "Record the secondary review's conclusion", REVIEW),
    Command("close_review", f"{CASE}/review/closure", review.CloseReview, call("close_review"),
            "Close the case review", REVIEW),
    Command("add_note", f"{CASE}/notes", review.AddNote, call("add_note"),
            "Keep a note on the case (who and when are recorded with it)", LETTERS, created=True),
    Command("produce_letter", f"{CASE}/letters/produced", review.ProduceLetter, produce,
            "Produce a letter (printable HTML) and record who produced it", LETTERS, created=True),
    Command("send_letter", f"{CASE}/letters/sent", review.SendLetter, send,
            "Record that a letter was sent (and the step it is)", LETTERS),
)


RECORDED = RecordedSchema()  # one instance: dumping keeps nothing on it


def command_view(command: Command) -> Callable[..., Response]:
    def view(reference: str = "") -> Response:
        account = require(command.roles)
        if reference:
            reference = reference_in_path(reference)
        data = load_body(command.schema)
        result = command.run(services().back_office, reference, data, account.username)
        if isinstance(result, ProducedLetter):
            letter = result.letter
            body = ProducedLetterSchema().dump({**_recorded(result.recorded), "kind": letter.kind.value,
                                                "recipient": letter.recipient, "title": letter.title,
                                                "template_version": letter.template_version, "html": letter.html})
            recorded = result.recorded
        else:
            body, recorded = RECORDED.dump(_recorded(result)), result
        response = jsonify(body)
        response.status_code = 201 if command.created else 200
        if command.created:
            response.headers["Location"] = url_for("api.get_case", reference=recorded.reference)
        return response

    view.__name__ = command.name
    return view


def _recorded(recorded: Recorded) -> dict[str, Any]:
    return {"reference": recorded.reference, "position": recorded.position, "number": recorded.number}


for _command in COMMANDS:
    blueprint.add_url_rule(_command.path, _command.name, command_view(_command), methods=["POST"])
