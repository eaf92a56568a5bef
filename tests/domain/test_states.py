"""The states of a case are enums: each says in words what it is, and answers the questions asked of it."""

from __future__ import annotations

from domain.application import AppealOutcome, Application, Ending, ThresholdDecision
from domain.email import EmailStatus
from domain.stage import Stage


def test_a_threshold_met_by_discretion_is_met_and_one_not_met_is_not():
    assert {decision: decision.is_met for decision in ThresholdDecision} == {
        ThresholdDecision.MET: True, ThresholdDecision.MET_BY_DISCRETION: True, ThresholdDecision.NOT_MET: False}


def test_each_state_reads_as_the_words_people_see():
    assert [decision.label for decision in ThresholdDecision] == [
        "threshold met", "threshold met by discretion", "threshold not met"]
    assert [outcome.label for outcome in AppealOutcome] == ["appeal upheld", "appeal dismissed"]
    assert [ending.label for ending in Ending] == ["withdrawn", "rejected", "closed"]
    assert [status.label for status in EmailStatus] == ["queued", "handing over", "delivered", "failed", "uncertain",
                                                       "not sent"]
    assert f"{Stage.THRESHOLD_NOT_MET}, {ThresholdDecision.MET}" == "threshold not met, threshold met"


def test_an_appeal_outcome_and_an_ending_are_the_stage_they_leave_the_case_at():
    assert [outcome.stage for outcome in AppealOutcome] == [Stage.APPEAL_UPHELD, Stage.APPEAL_DISMISSED]
    assert [ending.stage for ending in Ending] == [Stage.WITHDRAWN, Stage.REJECTED, Stage.CLOSED]
    assert [ending for ending in Ending if ending.is_early] == [Ending.WITHDRAWN, Ending.REJECTED]


def test_only_a_closed_withdrawn_or_rejected_case_is_not_open():
    assert {stage for stage in Stage if not stage.is_open} == {Stage.CLOSED, Stage.WITHDRAWN, Stage.REJECTED}
    assert [stage for stage in Stage if not stage.is_case_stage] == [Stage.REFERRED_TO_REVIEW]


def test_only_a_queued_or_failed_email_is_still_to_be_sent():
    assert {status for status in EmailStatus if status.is_pending} == {EmailStatus.QUEUED, EmailStatus.FAILED}


def test_a_snapshot_that_holds_the_states_as_text_is_upcast_onto_the_enums():
    stored = {"decision": "not_met", "appeal_outcome": "upheld", "ended": None, "reference": "CT-2026-0001"}
    closed = {"decision": "met_by_discretion", "appeal_outcome": None, "ended": "closed"}

    Application.upcast_v1_v2(stored)
    Application.upcast_v1_v2(closed)

    assert stored == {"decision": ThresholdDecision.NOT_MET, "appeal_outcome": AppealOutcome.UPHELD, "ended": None,
                      "reference": "CT-2026-0001"}
    assert closed == {"decision": ThresholdDecision.MET_BY_DISCRETION, "appeal_outcome": None,
                      "ended": Ending.CLOSED}
