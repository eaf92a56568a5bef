"""The process rules that every layer asks the domain for: due dates, the appeal window, missed
deadlines, delay letters, the retention cut-off and each incident's verdict."""

from __future__ import annotations

from datetime import date

import pytest

from domain.case_file import CaseFile
from domain.deadlines import appeal_window_closes_on, deadlines_for
from domain.errors import OutOfOrderError
from domain.reminders import delay_letters_due_by, needs_delay_letter
from domain.retention import retention_cutoff, retention_ends_on
from domain.threshold import ThresholdPolicy, assess
from domain.timescales import Deadline, Step, Timescales, WorkingCalendar, due_on
from domain.values import Incident
from tests.domain.aggregates import assert_refused
from tests.domain.test_application_rules import decide_not_met, not_met_with_letter, ready_to_decide

# 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays
CALENDAR = WorkingCalendar([date(2026, 4, 3), date(2026, 4, 6)])


# ------------------------------------------------------------------------------- due dates
def test_a_step_is_due_its_target_in_working_days_after_its_start() -> None:
    timescales = Timescales(acknowledge=5, panel=20)

    assert due_on(Step.ACKNOWLEDGE, date(2026, 3, 6), timescales, CALENDAR) == date(2026, 3, 13)
    assert due_on(Step.PANEL, date(2026, 3, 2), timescales, CALENDAR) == date(2026, 3, 30)


def test_a_due_date_skips_bank_holidays() -> None:
    timescales = Timescales(acknowledge=5)

    # Thursday 2 April + 5 working days, over Good Friday and Easter Monday
    assert due_on(Step.ACKNOWLEDGE, date(2026, 4, 2), timescales, CALENDAR) == date(2026, 4, 13)


def test_each_step_counts_its_own_target() -> None:
    timescales = Timescales(recommendation_response=3, agency_information=12)

    assert due_on(Step.RECOMMENDATION_RESPONSE, date(2026, 3, 2), timescales, CALENDAR) == date(2026, 3, 5)
    assert due_on(Step.AGENCY_INFORMATION, date(2026, 3, 2), timescales, CALENDAR) == date(2026, 3, 18)


def test_the_deadlines_of_a_case_use_the_same_due_dates() -> None:
    timescales = Timescales(acknowledge=3, threshold_decision=7)
    application = ready_to_decide()

    found = {d.step: d.due_on for d in deadlines_for(application, None, timescales, CALENDAR)}

    assert found[Step.ACKNOWLEDGE] == due_on(Step.ACKNOWLEDGE, application.received_on, timescales, CALENDAR)
    assert found[Step.THRESHOLD_DECISION] == due_on(Step.THRESHOLD_DECISION, application.received_on,
                                                    timescales, CALENDAR)


# --------------------------------------------------------------------------- appeal window
def test_the_appeal_window_closes_its_working_days_after_the_decision_letter() -> None:
    application = not_met_with_letter()  # letter sent on Wednesday 11 March 2026

    closes_on = appeal_window_closes_on(application, Timescales(appeal_window=20), CALENDAR)

    assert closes_on == date(2026, 4, 10)  # 20 working days, less Good Friday and Easter Monday
    deadlines = deadlines_for(application, None, Timescales(appeal_window=20), CALENDAR)
    assert [d.due_on for d in deadlines if d.step is Step.APPEAL_WINDOW] == [closes_on]


def test_no_appeal_window_is_open_before_the_decision_letter_is_sent() -> None:
    application = ready_to_decide()
    decide_not_met(application)

    assert appeal_window_closes_on(application, Timescales(), CALENDAR) is None


def test_the_applicants_windows_to_ask_a_body_are_their_time_not_partnership_targets() -> None:
    targets = [step for step in Step if step.is_partnership_target]

    windows = {Step.APPEAL_WINDOW, Step.CHALLENGE_WINDOW, Step.SECONDARY_REVIEW_WINDOW}
    assert windows.isdisjoint(targets)
    assert len(targets) == len(Step) - len(windows)


def test_an_appeal_window_that_closed_without_an_appeal_does_not_count_as_missed() -> None:
    window = Deadline(Step.APPEAL_WINDOW, "", date(2026, 3, 11), date(2026, 4, 10))
    panel = Deadline(Step.PANEL, "", date(2026, 3, 11), date(2026, 4, 10))

    assert window.is_overdue(date(2026, 4, 13))
    assert not window.counts_as_missed(date(2026, 4, 13))
    assert panel.counts_as_missed(date(2026, 4, 13))
    assert not panel.counts_as_missed(date(2026, 4, 10))


def test_the_case_file_refuses_to_record_the_appeal_window_as_missed() -> None:
    case_file = CaseFile(reference="CT-2026-0001", actor="system:scheduler")
    window = Deadline(Step.APPEAL_WINDOW, "", date(2026, 3, 11), date(2026, 4, 10))

    assert_refused(case_file, OutOfOrderError,
                   lambda: case_file.record_deadline_missed(deadline=window, actor="system:scheduler",
                                                            today=date(2026, 4, 20)),
                   "the applicant's time", "cannot be missed")
    assert case_file.missed == []


# ---------------------------------------------------------------------------- delay letters
OUTCOME = Deadline(Step.OUTCOME_LETTER, "", date(2026, 3, 2), date(2026, 4, 15))


def test_an_open_outcome_letter_without_a_delay_letter_since_the_panel_needs_one() -> None:
    assert needs_delay_letter([OUTCOME], [])
    assert needs_delay_letter([OUTCOME], [date(2026, 2, 20)])  # a delay letter before the panel


def test_a_delay_letter_sent_after_the_panel_answers_it() -> None:
    assert not needs_delay_letter([OUTCOME], [date(2026, 3, 2)])
    assert not needs_delay_letter([OUTCOME], [date(2026, 2, 20), date(2026, 3, 20)])


def test_a_sent_outcome_letter_or_another_step_needs_no_delay_letter() -> None:
    sent = Deadline(Step.OUTCOME_LETTER, "", date(2026, 3, 2), date(2026, 4, 15), met_on=date(2026, 4, 1))
    panel = Deadline(Step.PANEL, "", date(2026, 2, 2), date(2026, 3, 2))

    assert not needs_delay_letter([sent, panel], [])
    assert not needs_delay_letter([], [])


def test_a_delay_letter_is_wanted_for_an_outcome_letter_due_within_five_working_days() -> None:
    assert delay_letters_due_by(date(2026, 3, 30), CALENDAR) == date(2026, 4, 8)  # over Easter


# -------------------------------------------------------------------------------- retention
def test_cases_that_ended_before_the_cut_off_are_past_retention() -> None:
    assert retention_cutoff(date(2026, 3, 20), 6) == date(2020, 3, 20)
    assert retention_cutoff(date(2024, 2, 29), 1) == date(2023, 2, 28)


def test_the_retention_period_of_a_case_ends_the_years_after_it_ended() -> None:
    assert retention_ends_on(date(2020, 3, 20), 6) == date(2026, 3, 20)
    assert retention_ends_on(date(2020, 2, 29), 1) == date(2021, 2, 28)


@pytest.mark.parametrize("years", [1, 6, 10])
def test_a_case_is_past_retention_exactly_when_its_period_has_ended(years: int) -> None:
    today = date(2026, 3, 20)
    cutoff = retention_cutoff(today, years)

    assert retention_ends_on(cutoff, years) == today
    assert retention_ends_on(cutoff.replace(day=cutoff.day - 1), years) < today


# --------------------------------------------------------------------------------- verdicts
def test_each_assessed_incident_has_its_verdict_and_a_later_one_has_none() -> None:
    received = date(2026, 3, 2)
    assessment = assess(ThresholdPolicy(), [
        Incident(1, date(2026, 2, 14), date(2026, 2, 14), "Kent Police"),
        Incident(2, date(2025, 1, 5), date(2025, 1, 5), "the council"),
    ], received)

    first, second = assessment.verdict_for(1), assessment.verdict_for(2)

    assert first is not None
    assert first.counts
    assert second is not None
    assert not second.counts
    assert "outside" in second.reason
    assert assessment.verdict_for(3) is None  # logged after this assessment
