"""Which commands a case may take now, and who may take each: the process's own answer to "what can happen
next", asked by the case page, the API and the tests.

The answer comes from the aggregates' ``check_can_…`` methods, the same checks each command makes before it
records anything, so what is offered and what is accepted cannot disagree. A command is available when its
check passes for the case as it stands; what the person still has to type (dates, reasons) is checked when
the command is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.application import Application
from domain.case_review import CaseReview
from domain.errors import CaseRuleError
from domain.profile import CaseLimits
from domain.threshold import ThresholdPolicy
from domain.user import CASEWORKER_ROLES, Role
from domain.values import ConsentKind


class Command(Enum):
    """One member per command a person records on an existing case (values: the use cases' names)."""

    ASSIGN_OFFICER = "assign_officer"
    LOG_INCIDENT = "log_incident"
    CORRECT_INCIDENT = "correct_incident"
    STRIKE_OUT_INCIDENT = "strike_out_incident"
    GIVE_CONSENT = "give_consent"
    WITHDRAW_CONSENT = "withdraw_consent"
    ACKNOWLEDGE = "acknowledge"
    PASS_TO_RELEVANT_BODIES = "pass_to_relevant_bodies"
    REQUEST_VERIFICATION = "request_verification"
    ANSWER_VERIFICATION = "answer_verification"
    DECIDE_THRESHOLD_MET = "decide_threshold_met"
    DECIDE_THRESHOLD_MET_BY_DISCRETION = "decide_threshold_met_by_discretion"
    DECIDE_THRESHOLD_NOT_MET = "decide_threshold_not_met"
    SEND_DECISION_LETTER = "send_decision_letter"
    LODGE_APPEAL = "lodge_appeal"
    UPHOLD_APPEAL = "uphold_appeal"
    DISMISS_APPEAL = "dismiss_appeal"
    LODGE_CHALLENGE = "lodge_challenge"
    UPHOLD_CHALLENGE = "uphold_challenge"
    DISMISS_CHALLENGE = "dismiss_challenge"
    WITHDRAW_APPLICATION = "withdraw_application"
    REJECT_APPLICATION = "reject_application"
    CLOSE_APPLICATION = "close_application"
    REQUEST_AGENCY_INFORMATION = "request_agency_information"
    RECORD_AGENCY_INFORMATION = "record_agency_information"
    SCHEDULE_PANEL = "schedule_panel"
    INVITE_VICTIM = "invite_victim"
    DECIDE_NOT_TO_INVITE_VICTIM = "decide_not_to_invite_victim"
    CHOOSE_INVOLVEMENT = "choose_involvement"
    RECEIVE_IMPACT_STATEMENT = "receive_impact_statement"
    HOLD_PANEL = "hold_panel"
    ISSUE_RECOMMENDATION = "issue_recommendation"
    RECORD_AGENCY_RESPONSE = "record_agency_response"
    DRAFT_ACTION_PLAN = "draft_action_plan"
    SHARE_ACTION_PLAN = "share_action_plan"
    RECORD_ACTION_PLAN_RESPONSE = "record_action_plan_response"
    FINALISE_ACTION_PLAN = "finalise_action_plan"
    SEND_DELAY_NOTICE = "send_delay_notice"
    SEND_OUTCOME_LETTER = "send_outcome_letter"
    REQUEST_SECONDARY_REVIEW = "request_secondary_review"
    HOLD_SECONDARY_REVIEW = "hold_secondary_review"
    CONCLUDE_SECONDARY_REVIEW = "conclude_secondary_review"
    CLOSE_REVIEW = "close_review"

    @property
    def roles(self) -> frozenset[Role]:
        """Who may record it. Agency contacts record only for their own agency (see ``Action.allowed_for``)."""
        return MANAGER_COMMANDS.get(self, FOR_AGENCY_CONTACTS.get(self, CASEWORKERS))

    @property
    def awaited_decision(self) -> str:
        """For a decision the case waits on, what it is about ("the threshold"); "" for any other command."""
        return AWAITED_DECISIONS.get(self, "")


CASEWORKERS = CASEWORKER_ROLES
MANAGERS = frozenset({Role.MANAGER})
MANAGER_COMMANDS = {
    command: MANAGERS for command in (
        Command.DECIDE_THRESHOLD_MET, Command.DECIDE_THRESHOLD_MET_BY_DISCRETION, Command.DECIDE_THRESHOLD_NOT_MET,
        Command.UPHOLD_APPEAL, Command.DISMISS_APPEAL, Command.REJECT_APPLICATION, Command.UPHOLD_CHALLENGE,
        Command.DISMISS_CHALLENGE)}
FOR_AGENCY_CONTACTS = {command: CASEWORKERS | {Role.AGENCY_CONTACT}
                       for command in (Command.RECORD_AGENCY_INFORMATION, Command.RECORD_AGENCY_RESPONSE,
                                       Command.ANSWER_VERIFICATION)}
# The decisions the process waits on once they are open (rejecting is possible, never awaited).
AWAITED_DECISIONS = {
    Command.DECIDE_THRESHOLD_MET: "the threshold", Command.DECIDE_THRESHOLD_MET_BY_DISCRETION: "the threshold",
    Command.DECIDE_THRESHOLD_NOT_MET: "the threshold", Command.UPHOLD_APPEAL: "the appeal",
    Command.DISMISS_APPEAL: "the appeal", Command.UPHOLD_CHALLENGE: "the challenge to the rejection",
    Command.DISMISS_CHALLENGE: "the challenge to the rejection"}


@dataclass(frozen=True)
class Action:
    """A command the case may take now; for a per-item command, the item it is about (the recommendation's or
    the incident's number, or the agency whose information is awaited)."""

    command: Command
    number: int | None = None
    agency: str | None = None

    @property
    def roles(self) -> frozenset[Role]:
        return self.command.roles

    def allowed_for(self, roles: Iterable[Role], agency: str | None = None) -> bool:
        """May someone with ``roles`` (an agency contact: of ``agency``) take it?"""
        roles = frozenset(roles)
        if roles & self.roles - {Role.AGENCY_CONTACT}:
            return True
        if Role.AGENCY_CONTACT in roles & self.roles:
            return bool(agency) and agency == self.agency
        return False


@dataclass(frozen=True)
class Circumstances:
    """What the checks need besides the case: the partnership's policy and limits, today, and when the
    applicant's appeal window closes (None before the decision letter)."""

    policy: ThresholdPolicy
    limits: CaseLimits
    today: date
    appeal_window_closes_on: date | None


def _passes(check: Callable[[], object]) -> bool:
    try:
        check()
    except CaseRuleError:
        return False
    return True


def available_actions(application: Application, review: CaseReview | None,
                      circumstances: Circumstances) -> tuple[Action, ...]:
    """Every command the case may take now, in the order of the process, with per-item commands for each item."""
    return (*_application_actions(application, review, circumstances),
            *_review_actions(application, review, circumstances))


def has_ended(application: Application, review: CaseReview | None) -> bool:
    """Has the case ended (its application withdrawn, rejected or closed, or its review closed)? Agencies'
    responses to its recommendations are still recorded after it has."""
    return not _passes(application.check_can_withdraw) or (review is not None and not _passes(review.check_case_open))


def _application_actions(application: Application, review: CaseReview | None, given: Circumstances) -> list[Action]:
    if review is not None and not _passes(review.check_case_open):
        return []  # the case ended with its review
    policy = given.policy
    assessment = application.assess_threshold(policy)
    checks: dict[Command, Callable[[], object]] = {
        Command.ASSIGN_OFFICER: application.check_can_assign_officer,
        Command.LOG_INCIDENT: lambda: application.check_can_log_incident(given.limits),
        Command.GIVE_CONSENT: lambda: _any_kind(application.check_can_give_consent),
        Command.WITHDRAW_CONSENT: lambda: _any_kind(application.check_can_withdraw_consent),
        Command.ACKNOWLEDGE: application.check_can_acknowledge,
        Command.PASS_TO_RELEVANT_BODIES: application.check_can_pass_to_relevant_bodies,
        Command.REQUEST_VERIFICATION: application.check_can_request_verification,
        Command.DECIDE_THRESHOLD_MET: lambda: application.check_can_decide_threshold_met(assessment, policy),
        Command.DECIDE_THRESHOLD_MET_BY_DISCRETION:
            lambda: application.check_can_decide_threshold_met_by_discretion(assessment, policy),
        Command.DECIDE_THRESHOLD_NOT_MET: lambda: application.check_can_decide_threshold_not_met(assessment, policy),
        Command.SEND_DECISION_LETTER: application.check_can_send_decision_letter,
        Command.LODGE_APPEAL: application.check_can_lodge_appeal,
        Command.UPHOLD_APPEAL: application.check_can_decide_appeal,
        Command.DISMISS_APPEAL: application.check_can_decide_appeal,
        Command.LODGE_CHALLENGE: application.check_can_lodge_challenge,
        Command.UPHOLD_CHALLENGE: application.check_can_decide_challenge,
        Command.DISMISS_CHALLENGE: application.check_can_decide_challenge,
        Command.CLOSE_APPLICATION: lambda: application.check_can_close(given.appeal_window_closes_on, given.today),
        Command.REJECT_APPLICATION: application.check_can_reject,
        Command.WITHDRAW_APPLICATION: application.check_can_withdraw,
    }
    actions = [Action(command) for command, check in checks.items() if _passes(check)]
    if _passes(application.check_can_correct_incident):
        actions += [Action(command, number=incident.number) for incident in application.incidents_as_they_stand
                    for command in (Command.CORRECT_INCIDENT, Command.STRIKE_OUT_INCIDENT)]
    return actions + _answers(application)


def _answers(application: Application) -> list[Action]:
    """An answer awaited from each agency asked to confirm incidents (it answers incident by incident)."""
    agencies = dict.fromkeys(request.agency for request in application.verification_requests)
    return [Action(Command.ANSWER_VERIFICATION, agency=agency) for agency in agencies
            if _passes(lambda agency=agency: application.check_can_answer_verification(agency))]


def _any_kind(check: Callable[[ConsentKind], None]) -> None:
    """Passes when ``check`` passes for some kind of consent; else raises the last kind's refusal."""
    refusal: CaseRuleError | None = None
    for kind in ConsentKind:
        try:
            check(kind)
        except CaseRuleError as error:
            refusal = error
        else:
            return
    assert refusal is not None
    raise refusal


def _review_actions(application: Application, review: CaseReview | None, given: Circumstances) -> list[Action]:
    if review is None:
        return []
    checks: dict[Command, Callable[[], object]] = {
        Command.REQUEST_AGENCY_INFORMATION: lambda: (review.check_can_request_agency_information(given.limits),
                                                     application.check_can_share_with_new_agency()),
        Command.SCHEDULE_PANEL: review.check_can_schedule_panel,
        Command.CHOOSE_INVOLVEMENT: review.check_can_choose_involvement,
        Command.INVITE_VICTIM: review.check_can_invite_victim,
        Command.DECIDE_NOT_TO_INVITE_VICTIM: review.check_can_decide_not_to_invite_victim,
        Command.RECEIVE_IMPACT_STATEMENT: review.check_can_receive_impact_statement,
        Command.HOLD_PANEL: review.check_can_hold_panel,
        Command.ISSUE_RECOMMENDATION: lambda: review.check_can_issue_recommendation(given.limits),
        Command.DRAFT_ACTION_PLAN: review.check_can_draft_action_plan,
        Command.SHARE_ACTION_PLAN: review.check_can_share_action_plan,
        Command.RECORD_ACTION_PLAN_RESPONSE: review.check_can_record_action_plan_response,
        Command.FINALISE_ACTION_PLAN: review.check_can_finalise_action_plan,
        Command.SEND_DELAY_NOTICE: review.check_can_send_delay_notice,
        Command.SEND_OUTCOME_LETTER: review.check_can_send_outcome_letter,
        Command.REQUEST_SECONDARY_REVIEW: review.check_can_request_secondary_review,
        Command.HOLD_SECONDARY_REVIEW: review.check_can_hold_secondary_review,
        Command.CONCLUDE_SECONDARY_REVIEW: review.check_can_conclude_secondary_review,
        Command.CLOSE_REVIEW: review.check_can_close,
    }
    actions = [Action(command) for command, check in checks.items() if _passes(check)]
    actions += [Action(Command.RECORD_AGENCY_INFORMATION, agency=agency) for agency in review.agency_requests
                if _passes(lambda agency=agency: review.check_can_record_agency_information(agency))]
    actions += [Action(Command.RECORD_AGENCY_RESPONSE, number=r.number, agency=r.agency)
                for r in review.recommendations
                if _passes(lambda number=r.number: review.check_can_record_agency_response(number))]
    return actions


def allowed_for(actions: Iterable[Action], roles: Iterable[Role], agency: str | None = None) -> tuple[Action, ...]:
    """The actions someone with ``roles`` may take."""
    roles = frozenset(roles)
    return tuple(action for action in actions if action.allowed_for(roles, agency))


def awaited_decisions(actions: Iterable[Action], roles: Iterable[Role]) -> tuple[str, ...]:
    """What the case waits for someone else to decide (a manager): each subject once, in order."""
    roles = frozenset(roles)
    subjects = [a.command.awaited_decision for a in actions
                if a.command.awaited_decision and not a.allowed_for(roles)]
    return tuple(dict.fromkeys(subjects))
