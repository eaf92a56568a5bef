"""The back office's answer to "what may this case do now" (``BackOffice.available_actions``), with the
partnership's policy, limits and appeal window, and the one case-wide rule it adds: once its review is closed,
nothing more is recorded on a case's application."""

from __future__ import annotations

from datetime import date

import pytest

from application.backoffice import BackOffice
from domain.actions import Action, Command
from domain.errors import CaseClosedError, OutOfOrderError
from domain.values import LetterChannel
from tests.application import cases
from tests.application.cases import OFFICER

TODAY = date(2026, 11, 24)


def commands(back_office: BackOffice, reference: str) -> set[Command]:
    return {a.command for a in back_office.cases.available_actions(back_office.cases.get_case(reference))}


def test_closing_a_not_met_application_is_offered_once_the_appeal_window_has_passed(back_office: BackOffice) -> None:
    passed = cases.not_met_letter_sent(back_office)  # letter sent on 10 September
    still_open = cases.ready_for_decision(back_office, incidents=2)
    back_office.cases.decide_threshold_not_met(still_open, decided_on=TODAY, reason="Two incidents",
                                               alternative_action="Mediation", actor=OFFICER,
                                               unverified_reason="Decided on the incidents as logged.")
    back_office.cases.send_decision_letter(still_open, sent_on=TODAY, channel=LetterChannel.POST, actor=OFFICER)

    assert Command.CLOSE_APPLICATION in commands(back_office, passed)
    assert Command.CLOSE_APPLICATION not in commands(back_office, still_open)
    with pytest.raises(OutOfOrderError, match="appeal window is open"):
        back_office.cases.close_application(still_open, closed_on=TODAY, reason="No appeal", actor=OFFICER)
    back_office.cases.close_application(passed, closed_on=TODAY, reason="No appeal", actor=OFFICER)


def test_once_its_review_is_closed_a_case_offers_and_accepts_no_application_step(back_office: BackOffice) -> None:
    reference = cases.outcome_sent(back_office)
    back_office.cases.close_review(reference, closed_on=TODAY, reason="All done",
                                   open_recommendations_reason="Followed up.", actor=OFFICER)
    before = back_office.event_count()

    assert back_office.cases.get_case(reference).has_ended
    assert back_office.cases.available_actions(back_office.cases.get_case(reference)) == (
        Action(Command.RECORD_AGENCY_RESPONSE, number=1, agency="Kent Police"),)
    with pytest.raises(CaseClosedError):
        back_office.cases.withdraw_application(reference, withdrawn_on=TODAY, reason="Moved away", actor=OFFICER)
    with pytest.raises(CaseClosedError):
        back_office.cases.assign_officer(reference, officer="manager", actor=OFFICER)
    assert back_office.event_count() == before


def test_an_open_case_offers_the_decision_the_policy_allows(back_office: BackOffice) -> None:
    ready = cases.ready_for_decision(back_office)
    short = cases.ready_for_decision(back_office, incidents=2)

    assert Command.DECIDE_THRESHOLD_MET in commands(back_office, ready)
    assert Command.DECIDE_THRESHOLD_NOT_MET not in commands(back_office, ready)
    assert {Command.DECIDE_THRESHOLD_NOT_MET, Command.DECIDE_THRESHOLD_MET_BY_DISCRETION} <= commands(
        back_office, short)
    assert not back_office.cases.get_case(ready).has_ended
