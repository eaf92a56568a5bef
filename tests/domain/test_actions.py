"""Which commands a case may take now, and who may take each (domain.actions), at each stage of a case."""

from __future__ import annotations

from datetime import date

from domain.actions import Action, Circumstances, Command, allowed_for, available_actions, awaited_decisions, has_ended
from domain.application import Application
from domain.case_review import CaseReview
from domain.profile import CaseLimits
from domain.user import Role
from domain.values import AgencyResponseKind
from domain.victims import MeetingFormat
from tests.domain import test_application_rules as applications
from tests.domain import test_case_review_rules as reviews

TODAY = applications.TODAY
GIVEN = Circumstances(policy=applications.POLICY, limits=CaseLimits(), today=TODAY, appeal_window_closes_on=None)
OFFICER, MANAGER = frozenset({Role.OFFICER}), frozenset({Role.MANAGER})
ALWAYS_WHILE_OPEN = {Command.ASSIGN_OFFICER, Command.WITHDRAW_APPLICATION}


def commands(application: Application, review: CaseReview | None = None,
             given: Circumstances = GIVEN) -> set[Command]:
    return {action.command for action in available_actions(application, review, given)}


def with_qualifying_incidents(application: Application) -> Application:
    for number, (happened, agency) in enumerate(
            ((date(2026, 1, 5), "Kent Police"), (date(2026, 1, 20), "the council"),
             (date(2026, 2, 14), "Kent Police")), start=1):
        application.log_incident(happened_on=happened, reported_on=happened, agency=agency, actor="o", today=TODAY)
        assert len(application.incidents) == number
    return application


def test_a_received_application_may_be_acknowledged_but_not_yet_decided() -> None:
    found = commands(applications.received())

    assert found == ALWAYS_WHILE_OPEN | {Command.LOG_INCIDENT, Command.GIVE_CONSENT, Command.ACKNOWLEDGE,
                                         Command.PASS_TO_RELEVANT_BODIES, Command.REJECT_APPLICATION}


def test_the_threshold_decision_waits_for_the_consent_the_policy_needs() -> None:
    found = commands(applications.acknowledged())

    assert Command.ACKNOWLEDGE not in found
    assert not found & {Command.DECIDE_THRESHOLD_MET, Command.DECIDE_THRESHOLD_MET_BY_DISCRETION,
                        Command.DECIDE_THRESHOLD_NOT_MET}


def test_the_decisions_offered_follow_the_assessment() -> None:
    short = commands(applications.ready_to_decide())
    qualifying = commands(with_qualifying_incidents(applications.ready_to_decide()))

    assert {Command.DECIDE_THRESHOLD_MET_BY_DISCRETION, Command.DECIDE_THRESHOLD_NOT_MET} <= short
    assert Command.DECIDE_THRESHOLD_MET not in short
    assert Command.DECIDE_THRESHOLD_MET in qualifying
    assert not qualifying & {Command.DECIDE_THRESHOLD_MET_BY_DISCRETION, Command.DECIDE_THRESHOLD_NOT_MET}
    assert Command.WITHDRAW_CONSENT in short


def test_only_a_manager_may_decide_the_threshold_and_an_officer_waits_for_it() -> None:
    actions = available_actions(with_qualifying_incidents(applications.ready_to_decide()), None, GIVEN)

    assert Action(Command.DECIDE_THRESHOLD_MET) in allowed_for(actions, MANAGER)
    assert Action(Command.DECIDE_THRESHOLD_MET) not in allowed_for(actions, OFFICER)
    assert Action(Command.REJECT_APPLICATION) not in allowed_for(actions, OFFICER)
    assert awaited_decisions(actions, OFFICER) == ("the threshold",)
    assert awaited_decisions(actions, MANAGER) == ()
    assert awaited_decisions(actions, OFFICER | MANAGER) == ()


def test_after_not_met_the_letter_then_an_appeal_and_closing_once_the_window_has_passed() -> None:
    decided = applications.ready_to_decide()
    applications.decide_not_met(decided)
    letter_sent = applications.not_met_with_letter()
    window_open = Circumstances(applications.POLICY, CaseLimits(), TODAY, appeal_window_closes_on=TODAY)
    window_passed = Circumstances(applications.POLICY, CaseLimits(), TODAY, appeal_window_closes_on=date(2026, 3, 19))

    assert commands(decided) == ALWAYS_WHILE_OPEN | {Command.WITHDRAW_CONSENT, Command.SEND_DECISION_LETTER}
    assert Command.LODGE_APPEAL in commands(letter_sent, given=window_open)
    assert Command.CLOSE_APPLICATION not in commands(letter_sent, given=window_open)
    assert Command.CLOSE_APPLICATION in commands(letter_sent, given=window_passed)


def test_a_lodged_appeal_is_decided_by_a_manager_before_the_application_closes() -> None:
    application = applications.not_met_with_letter()
    applications.lodge(application, date(2026, 3, 12))

    actions = available_actions(application, None, GIVEN)

    assert {a.command for a in actions} >= {Command.UPHOLD_APPEAL, Command.DISMISS_APPEAL}
    assert not {a.command for a in actions} & {Command.LODGE_APPEAL, Command.CLOSE_APPLICATION}
    assert awaited_decisions(actions, OFFICER) == ("the appeal",)
    assert Action(Command.UPHOLD_APPEAL) not in allowed_for(actions, OFFICER)


def test_an_ended_application_may_take_nothing() -> None:
    application = applications.received()
    application.withdraw(withdrawn_on=date(2026, 3, 5), reason="Moved away", actor="o", today=TODAY)

    assert commands(application) == set()
    assert has_ended(application, None)


def test_an_open_review_offers_information_requests_and_the_panel() -> None:
    application = with_qualifying_incidents(applications.ready_to_decide())
    applications.decide_met(application)
    review = reviews.opened()
    review.request_agency_information(agency="Kent Police", requested_on=date(2026, 4, 22),
                                      due_on=date(2026, 5, 6), actor="o", today=reviews.TODAY)

    actions = available_actions(application, review, GIVEN)
    found = {a.command for a in actions}

    assert {Command.REQUEST_AGENCY_INFORMATION, Command.SCHEDULE_PANEL, Command.RECEIVE_IMPACT_STATEMENT,
            Command.SEND_DELAY_NOTICE, Command.SEND_DECISION_LETTER} <= found
    assert not found & {Command.HOLD_PANEL, Command.INVITE_VICTIM, Command.ISSUE_RECOMMENDATION,
                        Command.SEND_OUTCOME_LETTER, Command.CLOSE_REVIEW, Command.REJECT_APPLICATION}
    assert Action(Command.RECORD_AGENCY_INFORMATION, agency="Kent Police") in actions


def test_a_scheduled_panel_offers_the_victim_an_invitation_or_a_reason_before_it_can_be_held() -> None:
    found = {a.command for a in available_actions(applications.received(), reviews.scheduled(), GIVEN)}

    assert {Command.INVITE_VICTIM, Command.DECIDE_NOT_TO_INVITE_VICTIM, Command.SCHEDULE_PANEL} <= found
    assert Command.HOLD_PANEL not in found


def test_a_scheduled_panel_may_be_held_once_the_victim_is_invited() -> None:
    review = reviews.scheduled()
    review.invite_victim(invited_on=date(2026, 4, 23), method="letter", format=MeetingFormat.VIRTUAL,
                         actor="officer", today=date(2026, 7, 1))

    found = {a.command for a in available_actions(applications.received(), review, GIVEN)}

    assert Command.HOLD_PANEL in found
    assert not found & {Command.INVITE_VICTIM, Command.DECIDE_NOT_TO_INVITE_VICTIM}


def test_after_the_panel_recommendations_and_the_outcome_letter() -> None:
    review = reviews.panel_held()
    number = reviews.issue(review)

    actions = available_actions(applications.received(), review, GIVEN)
    found = {a.command for a in actions}

    assert {Command.ISSUE_RECOMMENDATION, Command.SEND_OUTCOME_LETTER, Command.SEND_DELAY_NOTICE} <= found
    assert not found & {Command.SCHEDULE_PANEL, Command.HOLD_PANEL, Command.REQUEST_AGENCY_INFORMATION,
                        Command.CLOSE_REVIEW}
    assert Action(Command.RECORD_AGENCY_RESPONSE, number=number, agency="Kent Police") in actions
    assert Action(Command.RECORD_AGENCY_RESPONSE, number=number, agency="Kent Police").allowed_for(
        {Role.AGENCY_CONTACT}, agency="Kent Police")
    assert not Action(Command.RECORD_AGENCY_RESPONSE, number=number, agency="Kent Police").allowed_for(
        {Role.AGENCY_CONTACT}, agency="Moat Homes")


def test_after_the_outcome_letter_a_secondary_review_or_closing() -> None:
    review = reviews.outcome_letter_sent()
    found = {a.command for a in available_actions(applications.received(), review, GIVEN)}
    reviews.request_secondary(review)
    during = {a.command for a in available_actions(applications.received(), review, GIVEN)}

    assert {Command.REQUEST_SECONDARY_REVIEW, Command.CLOSE_REVIEW} <= found
    assert not found & {Command.SEND_OUTCOME_LETTER, Command.ISSUE_RECOMMENDATION, Command.SEND_DELAY_NOTICE}
    assert Command.HOLD_SECONDARY_REVIEW in during
    assert not during & {Command.CLOSE_REVIEW, Command.REQUEST_SECONDARY_REVIEW, Command.CONCLUDE_SECONDARY_REVIEW}


def test_a_closed_review_ends_the_case_but_open_recommendations_are_still_followed_up() -> None:
    review = reviews.closed()

    actions = available_actions(applications.received(), review, GIVEN)

    assert has_ended(applications.received(), review)
    assert [a.command for a in actions] == [Command.RECORD_AGENCY_RESPONSE]
    review.record_agency_response(number=1, response=AgencyResponseKind.COMPLETED, responded_on=date(2026, 7, 2),
                                  reason="", actor="o", today=reviews.TODAY)
    assert available_actions(applications.received(), review, GIVEN) == ()


def test_who_may_take_each_command() -> None:
    managers_only = {c for c in Command if c.roles == MANAGER}

    assert managers_only == {Command.DECIDE_THRESHOLD_MET, Command.DECIDE_THRESHOLD_MET_BY_DISCRETION,
                             Command.DECIDE_THRESHOLD_NOT_MET, Command.UPHOLD_APPEAL, Command.DISMISS_APPEAL,
                             Command.REJECT_APPLICATION, Command.UPHOLD_CHALLENGE, Command.DISMISS_CHALLENGE}
    assert all(Role.OFFICER in c.roles for c in Command if c not in managers_only)
    assert {c for c in Command if Role.AGENCY_CONTACT in c.roles} == {Command.RECORD_AGENCY_INFORMATION,
                                                                       Command.RECORD_AGENCY_RESPONSE,
                                                                       Command.ANSWER_VERIFICATION}
