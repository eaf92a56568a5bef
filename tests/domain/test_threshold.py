"""The threshold for a case review: invariants of ``assess`` and the local rules of real councils.

The councils and their rules are those listed in docs/domain.md §1.5 (table of local variations).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from domain.errors import ThresholdPolicyError
from domain.periods import Period
from domain.threshold import (
    HateIncidentRule,
    LookBackAnchor,
    SeveralComplainantsRule,
    ThresholdAssessment,
    ThresholdPolicy,
    assess,
)
from domain.values import Incident

PROPERTY = settings(max_examples=200, deadline=None, database=None)

AGENCIES = ("Kent Police", "the council", "Orbit Housing", "Fire and Rescue")
COMPLAINANTS = ("applicant", "Flat 1", "Flat 2", " flat 2 ", "Flat 3", "Flat 4", "Flat 5")


def incident(
    number: int,
    happened_on: date,
    reported_on: date | None = None,
    *,
    agency: str = "Kent Police",
    reported_by: str = "applicant",
    hate_related: bool = False,
    informal: bool = False,
    duplicate_of: int | None = None,
) -> Incident:
    return Incident(
        number=number,
        happened_on=happened_on,
        reported_on=reported_on or happened_on,
        agency=agency,
        reported_by=reported_by,
        hate_related=hate_related,
        informal=informal,
        duplicate_of=duplicate_of,
    )


def counted_numbers(assessment: ThresholdAssessment) -> list[int]:
    return sorted(v.number for v in assessment.verdicts if v.counts)


# ------------------------------------------------------------------------------ strategies
applied_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31))

several_complainants_rules = st.builds(
    SeveralComplainantsRule,
    minimum_complainants=st.integers(2, 5),
    minimum_incidents=st.integers(1, 5),
)
hate_rules = st.builds(
    HateIncidentRule,
    minimum_incidents=st.integers(1, 3),
    within=st.sampled_from([Period(months=6), Period(months=3)]),
)


def policies(
    anchors: tuple[LookBackAnchor, ...] = tuple(LookBackAnchor),
    count_duplicates_once: st.SearchStrategy[bool] | None = None,
) -> st.SearchStrategy[ThresholdPolicy]:
    return st.builds(
        ThresholdPolicy,
        minimum_incidents=st.integers(1, 3),
        report_within=st.sampled_from([Period(months=1), Period(days=30), Period(days=14)]),
        look_back=st.sampled_from([Period(months=6), Period(months=3), Period(days=180)]),
        look_back_anchor=st.sampled_from(anchors),
        most_recent_within=st.none() | st.just(Period(months=1)),
        several_complainants=st.none() | several_complainants_rules,
        hate_incidents=st.none() | hate_rules,
        count_duplicates_once=st.booleans() if count_duplicates_once is None else count_duplicates_once,
        count_informal_reports=st.booleans(),
        require_consent_to_share=st.booleans(),
    )


@st.composite
def incident_lists(draw: st.DrawFn, applied_on: date, max_size: int = 8) -> list[Incident]:
    """Incidents numbered 1..n; a duplicate refers only to an earlier-numbered incident."""
    incidents: list[Incident] = []
    for number in range(1, draw(st.integers(0, max_size)) + 1):
        duplicate_of = (
            draw(st.none() | st.integers(1, number - 1)) if number > 1 else None
        )
        if duplicate_of is None:
            happened_on = applied_on - timedelta(days=draw(st.integers(0, 300)))
        else:
            happened_on = incidents[duplicate_of - 1].happened_on
        reported_on = happened_on + timedelta(days=draw(st.integers(0, 45)))
        incidents.append(
            incident(
                number,
                happened_on,
                reported_on,
                agency=draw(st.sampled_from(AGENCIES)),
                reported_by=draw(st.sampled_from(COMPLAINANTS)),
                hate_related=draw(st.booleans()),
                informal=draw(st.integers(0, 4)) == 0,
                duplicate_of=duplicate_of,
            )
        )
    return incidents


# ------------------------------------------------------------------------------ properties
@PROPERTY
@given(
    policy=policies(anchors=(LookBackAnchor.APPLICATION_DATE,)),
    applied_on=applied_dates,
    data=st.data(),
)
def test_adding_a_qualifying_incident_never_turns_met_into_not_met(
    policy: ThresholdPolicy, applied_on: date, data: st.DataObject
) -> None:
    # Arrange: an incident reported inside the look-back window, promptly after it happened
    incidents = data.draw(incident_lists(applied_on))
    window_start = policy.look_back.earliest_start_covering(applied_on)
    reported_on = window_start + timedelta(
        days=data.draw(st.integers(0, (applied_on - window_start).days))
    )
    happened_on = reported_on - timedelta(days=data.draw(st.integers(0, 40)))
    assume(reported_on <= policy.report_within.after(happened_on))
    extra = incident(len(incidents) + 1, happened_on, reported_on, agency="the council",
                     reported_by=data.draw(st.sampled_from(COMPLAINANTS)),
                     hate_related=data.draw(st.booleans()))

    # Act
    before = assess(policy, incidents, applied_on)
    after = assess(policy, [*incidents, extra], applied_on)

    # Assert
    assert after.verdict_for(extra.number).counts, after.verdict_for(extra.number).reason
    assert after.qualifying == before.qualifying + 1
    if before.met:
        assert after.met, (before.reason, after.reason)


@PROPERTY
@given(policy=policies(), applied_on=applied_dates, data=st.data())
def test_an_incident_reported_after_the_application_never_counts(
    policy: ThresholdPolicy, applied_on: date, data: st.DataObject
) -> None:
    # Arrange
    incidents = data.draw(incident_lists(applied_on))
    happened_on = applied_on - timedelta(days=data.draw(st.integers(0, 20)))
    reported_on = applied_on + timedelta(days=data.draw(st.integers(1, 20)))
    late = incident(len(incidents) + 1, happened_on, reported_on,
                    hate_related=data.draw(st.booleans()))

    # Act
    before = assess(policy, incidents, applied_on)
    after = assess(policy, [*incidents, late], applied_on)

    # Assert
    verdict = after.verdict_for(late.number)
    assert not verdict.counts
    assert "after the application" in verdict.reason
    assert (after.met, after.qualifying, after.rules_met) == (
        before.met, before.qualifying, before.rules_met)


@PROPERTY
@given(
    policy=policies(anchors=(LookBackAnchor.APPLICATION_DATE,)),
    applied_on=applied_dates,
    data=st.data(),
)
def test_an_incident_reported_before_the_look_back_window_never_counts(
    policy: ThresholdPolicy, applied_on: date, data: st.DataObject
) -> None:
    # Arrange: reported promptly, but before the window of reports that support this application
    incidents = data.draw(incident_lists(applied_on))
    window_start = policy.look_back.earliest_start_covering(applied_on)
    reported_on = window_start - timedelta(days=data.draw(st.integers(1, 200)))
    happened_on = reported_on - timedelta(days=data.draw(st.integers(0, 10)))
    old = incident(len(incidents) + 1, happened_on, reported_on)

    # Act
    before = assess(policy, incidents, applied_on)
    after = assess(policy, [*incidents, old], applied_on)

    # Assert
    verdict = after.verdict_for(old.number)
    assert not verdict.counts
    assert "outside" in verdict.reason
    assert (after.local_met, after.qualifying) == (before.local_met, before.qualifying)


@PROPERTY
@given(policy=policies(), applied_on=applied_dates, data=st.data())
def test_an_incident_reported_later_than_the_report_period_never_counts(
    policy: ThresholdPolicy, applied_on: date, data: st.DataObject
) -> None:
    # Arrange: reported one or more days after the last day of the report period
    incidents = data.draw(incident_lists(applied_on))
    happened_on = applied_on - timedelta(days=data.draw(st.integers(32, 300)))
    reported_on = policy.report_within.after(happened_on) + timedelta(
        days=data.draw(st.integers(1, 25)))
    assume(reported_on <= applied_on)
    late = incident(len(incidents) + 1, happened_on, reported_on,
                    hate_related=data.draw(st.booleans()))

    # Act
    before = assess(policy, incidents, applied_on)
    after = assess(policy, [*incidents, late], applied_on)

    # Assert
    verdict = after.verdict_for(late.number)
    assert not verdict.counts
    assert f"{(reported_on - happened_on).days} days after it happened" in verdict.reason
    assert str(policy.report_within) in verdict.reason
    assert (after.local_met, after.qualifying, after.rules_met) == (
        before.local_met, before.qualifying, before.rules_met)


@PROPERTY
@given(policy=policies(), applied_on=applied_dates, data=st.data())
def test_the_number_of_qualifying_incidents_equals_the_verdicts_that_count(
    policy: ThresholdPolicy, applied_on: date, data: st.DataObject
) -> None:
    # Arrange
    incidents = data.draw(incident_lists(applied_on))

    # Act
    assessment = assess(policy, incidents, applied_on)

    # Assert
    assert assessment.qualifying == sum(1 for v in assessment.verdicts if v.counts)


@PROPERTY
@given(policy=policies(), applied_on=applied_dates, data=st.data())
def test_every_incident_gets_exactly_one_verdict_with_a_plain_english_reason(
    policy: ThresholdPolicy, applied_on: date, data: st.DataObject
) -> None:
    # Arrange
    incidents = data.draw(incident_lists(applied_on))

    # Act
    assessment = assess(policy, incidents, applied_on)

    # Assert
    assert sorted(v.number for v in assessment.verdicts) == sorted(i.number for i in incidents)
    assert all(v.reason.strip() for v in assessment.verdicts)
    assert all(v.reason.strip().endswith(".") for v in assessment.verdicts)
    assert assessment.reason.startswith("Met" if assessment.met else "Not met")


@PROPERTY
@given(
    policy=policies(count_duplicates_once=st.just(True)),
    applied_on=applied_dates,
    data=st.data(),
)
def test_a_duplicate_of_an_eligible_incident_never_raises_the_count(
    policy: ThresholdPolicy, applied_on: date, data: st.DataObject
) -> None:
    # Arrange: the same incident, reported to a second agency at some point after it happened
    incidents = data.draw(incident_lists(applied_on))
    before = assess(policy, incidents, applied_on)
    counting = counted_numbers(before)
    assume(counting)
    original = incidents[data.draw(st.sampled_from(counting)) - 1]
    reported_on = original.happened_on + timedelta(days=data.draw(st.integers(0, 45)))
    duplicate = incident(len(incidents) + 1, original.happened_on, reported_on,
                         agency="Another Agency", reported_by=data.draw(st.sampled_from(COMPLAINANTS)),
                         hate_related=original.hate_related, duplicate_of=original.number)

    # Act
    after = assess(policy, [*incidents, duplicate], applied_on)

    # Assert
    assert not after.verdict_for(duplicate.number).counts
    assert after.qualifying == before.qualifying
    if policy.hate_incidents is None:
        # (With a hate rule, a second report of a hate incident may legitimately be the one that
        # falls inside the hate rule's window, as a second report may for the look-back window.
        # Under the Act too, the second report may be the complaint made in time, so the local
        # result is the one compared.)
        assert after.local_met == before.local_met


@PROPERTY
@given(policy=policies(), applied_on=applied_dates, data=st.data())
def test_the_assessment_does_not_depend_on_the_order_the_incidents_are_given_in(
    policy: ThresholdPolicy, applied_on: date, data: st.DataObject
) -> None:
    # Arrange
    incidents = data.draw(incident_lists(applied_on))
    shuffled = data.draw(st.permutations(incidents))

    # Act
    given_order = assess(policy, incidents, applied_on)
    other_order = assess(policy, shuffled, applied_on)

    # Assert
    assert (other_order.met, other_order.qualifying, other_order.reason, other_order.rules_met) == (
        given_order.met, given_order.qualifying, given_order.reason, given_order.rules_met)
    assert {v.number: v for v in other_order.verdicts} == {v.number: v for v in given_order.verdicts}


# --------------------------------------------------------- default (Dartford, Manchester)
APPLIED = date(2025, 7, 10)


def test_three_incidents_each_reported_within_a_month_in_six_months_meet_the_default() -> None:
    """Dartford / Manchester: 3 complaints in 6 months, each reported within 1 month."""
    # Arrange
    incidents = [
        incident(1, date(2025, 2, 1), date(2025, 2, 20)),
        incident(2, date(2025, 4, 3), date(2025, 4, 3)),
        incident(3, date(2025, 6, 30), date(2025, 7, 9), agency="the council"),
    ]

    # Act
    assessment = assess(ThresholdPolicy(), incidents, APPLIED)

    # Assert
    assert assessment.met
    assert assessment.qualifying == 3
    assert assessment.reason == "Met: 3 qualifying incidents, the policy needs 3."
    assert assessment.verdict_for(2).reason.startswith(
        "Counts: reported to Kent Police on 3 April 2025, the same day")
    assert "19 days after it happened" in assessment.verdict_for(1).reason


def test_two_qualifying_incidents_do_not_meet_the_default_and_the_reason_mentions_discretion() -> None:
    """Dartford / Manchester: fewer than 3 qualifying complaints is not met, but s.104(5) discretion
    remains."""
    # Arrange
    incidents = [
        incident(1, date(2025, 4, 3)),
        incident(2, date(2025, 6, 30)),
        incident(3, date(2024, 11, 1)),  # reported more than six months before the application
    ]

    # Act
    assessment = assess(ThresholdPolicy(), incidents, APPLIED)

    # Assert
    assert not assessment.met
    assert assessment.qualifying == 2
    assert "2 qualifying incidents, the policy needs 3" in assessment.reason
    assert "discretion" in assessment.reason
    assert assessment.verdict_for(3).reason == (
        "Reported on 1 November 2024, outside the 6 months before the application "
        "(11 January 2025 to 10 July 2025)."
    )


def test_a_report_made_on_the_first_day_of_the_look_back_window_counts() -> None:
    """Dartford / Manchester: "in the 6 months before the application" includes its first day: the
    first day whose six months (beginning with it) still reach the application on 10 July 2025."""
    # Arrange
    first_day = Period(months=6).earliest_start_covering(APPLIED)
    incidents = [incident(1, first_day), incident(2, first_day - timedelta(days=1))]

    # Act
    assessment = assess(ThresholdPolicy(minimum_incidents=1), incidents, APPLIED)

    # Assert
    assert first_day == date(2025, 1, 11)
    assert assessment.verdict_for(1).counts
    assert not assessment.verdict_for(2).counts


def test_a_late_report_is_explained_in_days_and_against_one_month() -> None:
    """Manchester: each complaint must be reported within one month of the behaviour."""
    # Arrange
    incidents = [incident(1, date(2025, 3, 1), date(2025, 4, 15))]

    # Act
    assessment = assess(ThresholdPolicy(), incidents, APPLIED)

    # Assert
    reason = assessment.verdict_for(1).reason
    assert not assessment.verdict_for(1).counts
    assert reason == (
        "Reported 45 days after it happened (1 March 2025); the policy needs a report within "
        "one month of the incident."
    )


# ----------------------------------------------------------------- Lincolnshire: 30 days
def test_within_30_days_and_within_one_month_differ_at_the_end_of_january() -> None:
    """Lincolnshire / North Kesteven: "within 30 days" rather than one calendar month. An incident
    on 31 January 2025 reported on 2 March 2025 (30 days later) is in time for Lincolnshire but too
    late for a one-month rule (31 January + 1 month = 28 February)."""
    # Arrange
    incidents = [incident(1, date(2025, 1, 31), date(2025, 3, 2))]
    lincolnshire = ThresholdPolicy(minimum_incidents=1, report_within=Period(days=30))
    one_month = ThresholdPolicy(minimum_incidents=1, report_within=Period(months=1))

    # Act
    thirty_days = assess(lincolnshire, incidents, APPLIED)
    calendar_month = assess(one_month, incidents, APPLIED)

    # Assert
    assert thirty_days.verdict_for(1).counts
    assert "within 30 days" in thirty_days.verdict_for(1).reason
    assert not calendar_month.verdict_for(1).counts
    assert "30 days after it happened" in calendar_month.verdict_for(1).reason
    assert "within one month" in calendar_month.verdict_for(1).reason


def test_one_month_from_a_day_in_a_31_day_month_is_longer_than_30_days() -> None:
    """Lincolnshire / North Kesteven: the rules also differ the other way. An incident on
    15 January 2025 reported on 15 February 2025 (31 days) is in time under one calendar month but
    late under 30 days; reported on 14 February (30 days) it is in time under both."""
    # Arrange
    happened = date(2025, 1, 15)
    incidents = [incident(1, happened, date(2025, 2, 14)), incident(2, happened, date(2025, 2, 15))]

    # Act
    thirty_days = assess(ThresholdPolicy(report_within=Period(days=30)), incidents, APPLIED)
    one_month = assess(ThresholdPolicy(report_within=Period(months=1)), incidents, APPLIED)

    # Assert
    assert [v.counts for v in thirty_days.verdicts] == [True, False]
    assert [v.counts for v in one_month.verdicts] == [True, True]
    assert thirty_days.verdict_for(2).reason == (
        "Reported 31 days after it happened (15 January 2025); the policy needs a report within "
        "30 days of the incident."
    )


# ------------------------------------------------- Ashfield / Westminster: first incident
ASHFIELD = ThresholdPolicy(
    look_back_anchor=LookBackAnchor.FIRST_INCIDENT, most_recent_within=Period(months=1)
)


def test_a_window_anchored_on_the_first_incident_may_reach_back_more_than_six_months() -> None:
    """Ashfield / Westminster: 3 incidents within 6 months of the first of them, the most recent
    reported within the last month, even though the first was more than 6 months before applying."""
    # Arrange
    incidents = [
        incident(1, date(2024, 10, 1)),
        incident(2, date(2024, 11, 1)),
        incident(3, date(2025, 3, 25)),
    ]
    applied_on = date(2025, 4, 10)

    # Act
    ashfield = assess(ASHFIELD, incidents, applied_on)
    default = assess(ThresholdPolicy(), incidents, applied_on)

    # Assert
    assert ashfield.met
    assert counted_numbers(ashfield) == [1, 2, 3]
    assert not default.met
    assert counted_numbers(default) == [2, 3]


def test_a_window_anchored_on_the_first_incident_needs_the_most_recent_within_the_last_month() -> None:
    """Ashfield / Westminster: the most recent qualifying incident must be reported within the last
    month before the application."""
    # Arrange
    incidents = [
        incident(1, date(2024, 10, 1)),
        incident(2, date(2024, 11, 1)),
        incident(3, date(2025, 2, 25)),
    ]

    # Act
    assessment = assess(ASHFIELD, incidents, date(2025, 4, 10))

    # Assert
    assert not assessment.met
    assert assessment.qualifying == 3
    assert assessment.rules_met == ()
    assert "most recent qualifying incident was reported on 25 February 2025" in assessment.reason
    assert "within one month" in assessment.reason


def test_incidents_more_than_six_months_after_the_first_fall_outside_its_window() -> None:
    """Ashfield / Westminster: the window is the 6 months starting with the first incident."""
    # Arrange
    incidents = [
        incident(1, date(2024, 6, 1)),
        incident(2, date(2024, 7, 1)),
        incident(3, date(2025, 3, 25)),
    ]

    # Act
    assessment = assess(ASHFIELD, incidents, date(2025, 4, 10))

    # Assert
    assert not assessment.met
    assert counted_numbers(assessment) == [1, 2]
    assert assessment.verdict_for(3).reason.startswith("Happened on 25 March 2025, outside the 6 months")


def test_a_later_qualifying_window_is_found_when_an_earlier_window_holds_more_incidents() -> None:
    """Ashfield / Westminster: four old incidents in January do not prevent three recent incidents
    (September to October, the last within the month before the application) meeting the threshold.

    Bug check: ``_window`` picks the window with the most incidents, then the most-recent rule
    rejects it, although another window satisfies the whole policy.
    """
    # Arrange
    days = [date(2025, 1, 2), date(2025, 1, 9), date(2025, 1, 16), date(2025, 1, 23),
            date(2025, 9, 1), date(2025, 9, 15), date(2025, 10, 1)]
    incidents = [incident(n, day) for n, day in enumerate(days, start=1)]

    # Act
    assessment = assess(ASHFIELD, incidents, date(2025, 10, 10))

    # Assert
    assert assessment.met, assessment.reason
    assert counted_numbers(assessment) == [5, 6, 7]


# ---------------------------------------------------- Pendle / Guildford: five households
PENDLE = ThresholdPolicy(
    several_complainants=SeveralComplainantsRule(minimum_complainants=5, minimum_incidents=5),
    hate_incidents=HateIncidentRule(minimum_incidents=1, within=Period(months=6)),
)


def test_five_households_reporting_meet_the_several_complainants_rule() -> None:
    """Pendle / Guildford: 5 incidents reported by 5 different households."""
    # Arrange
    incidents = [
        incident(n, date(2025, 5, n), reported_by=f"Flat {n}") for n in range(1, 6)
    ]

    # Act
    assessment = assess(PENDLE, incidents, APPLIED)

    # Assert
    assert assessment.met
    assert any("5 different complainants" in rule for rule in assessment.rules_met)
    assert "several-complainants rule needs 5 from 5" in assessment.reason


def test_the_same_household_written_differently_is_one_complainant() -> None:
    """Pendle / Guildford: 'Flat 4' and ' flat 4 ' are one household, so 5 reports come from 4."""
    # Arrange
    households = ["Flat 1", "Flat 2", "Flat 3", "Flat 4", " flat 4 "]
    incidents = [
        incident(n, date(2025, 5, n), reported_by=who) for n, who in enumerate(households, start=1)
    ]

    # Act
    assessment = assess(PENDLE, incidents, APPLIED)

    # Assert
    assert not any("different complainants" in rule for rule in assessment.rules_met)
    assert assessment.rules_met == ("5 qualifying incidents, the policy needs 3",)


# ------------------------------------------------------------ hate incidents (Pendle, Oxford)
def test_one_hate_incident_in_six_months_meets_the_threshold() -> None:
    """Pendle / Herefordshire / Coventry: one hate incident or crime in 6 months."""
    # Arrange
    incidents = [incident(1, date(2025, 3, 1), date(2025, 3, 2), hate_related=True)]

    # Act
    assessment = assess(PENDLE, incidents, APPLIED)

    # Assert
    assert assessment.met
    assert assessment.rules_met == (
        "1 hate incident within 6 months (the hate-incident rule needs 1)",)


def test_one_incident_that_is_not_hate_related_does_not_meet_the_hate_rule() -> None:
    """Pendle / Herefordshire / Coventry: the one-incident rule is only for hate incidents."""
    # Arrange
    incidents = [incident(1, date(2025, 3, 1), date(2025, 3, 2))]

    # Act
    assessment = assess(PENDLE, incidents, APPLIED)

    # Assert
    assert not assessment.met


def test_a_hate_incident_four_months_ago_is_outside_oxfords_three_months() -> None:
    """Oxford / South Lakeland: one hate incident in 3 months."""
    # Arrange
    oxford = ThresholdPolicy(hate_incidents=HateIncidentRule(1, Period(months=3)))
    four_months_ago = [incident(1, date(2025, 3, 5), hate_related=True)]
    two_months_ago = [incident(1, date(2025, 5, 5), hate_related=True)]

    # Act
    old = assess(oxford, four_months_ago, APPLIED)
    recent = assess(oxford, two_months_ago, APPLIED)

    # Assert
    assert not old.met
    assert recent.met
    assert recent.rules_met == ("1 hate incident within 3 months (the hate-incident rule needs 1)",)


def test_a_further_qualifying_report_does_not_undo_a_met_hate_incident_rule() -> None:
    """A partnership combining Pendle's one hate incident in 6 months with Ashfield's "most recent
    report within the last month", counting reports in the 3 months before the application.

    Bug check (found by the monotonicity property): the most-recent check looks only at the
    incidents counted for the main rule. With the hate incident alone (outside the 3-month window,
    so nothing is counted) the threshold is met; adding a report of 1 October 2019 makes it
    "not met", because that report is more than a month old, although the hate rule still holds.
    """
    # Arrange
    policy = ThresholdPolicy(
        look_back=Period(months=3),
        most_recent_within=Period(months=1),
        hate_incidents=HateIncidentRule(minimum_incidents=1, within=Period(months=6)),
    )
    applied_on = date(2020, 1, 1)
    hate_incident = incident(1, date(2019, 9, 1), hate_related=True)
    further_report = incident(2, date(2019, 10, 1), agency="the council")

    # Act
    before = assess(policy, [hate_incident], applied_on)
    after = assess(policy, [hate_incident, further_report], applied_on)

    # Assert
    assert before.met
    assert after.met, after.reason
    assert after.rules_met == before.rules_met


def test_a_hate_incident_reported_late_does_not_meet_the_hate_rule() -> None:
    """Herefordshire: the hate incident must still be a qualifying report (within one month)."""
    # Arrange
    incidents = [incident(1, date(2025, 3, 1), date(2025, 5, 1), hate_related=True)]

    # Act
    assessment = assess(PENDLE, incidents, APPLIED)

    # Assert
    assert not assessment.met
    assert "61 days after it happened" in assessment.verdict_for(1).reason


# ----------------------------------------------- Herefordshire / Ashfield: duplicates once
def test_the_same_incident_reported_to_several_agencies_counts_once() -> None:
    """Herefordshire / Ashfield / Avon & Somerset: reported to the police and the council, once."""
    # Arrange
    incidents = [
        incident(1, date(2025, 5, 1)),
        incident(2, date(2025, 5, 1), date(2025, 5, 2), agency="the council", duplicate_of=1),
        incident(3, date(2025, 6, 1)),
    ]

    # Act
    assessment = assess(ThresholdPolicy(), incidents, APPLIED)

    # Assert
    assert not assessment.met
    assert counted_numbers(assessment) == [1, 3]
    assert assessment.verdict_for(2).reason == (
        "The same incident as incident 1 (reported to Kent Police); an incident reported to "
        "several agencies counts once."
    )


def test_duplicates_count_separately_when_the_policy_says_so() -> None:
    """A partnership without the Herefordshire rule counts each report."""
    # Arrange
    policy = ThresholdPolicy(count_duplicates_once=False)
    incidents = [
        incident(1, date(2025, 5, 1)),
        incident(2, date(2025, 5, 1), date(2025, 5, 2), agency="the council", duplicate_of=1),
        incident(3, date(2025, 6, 1)),
    ]

    # Act
    assessment = assess(policy, incidents, APPLIED)

    # Assert
    assert assessment.met
    assert counted_numbers(assessment) == [1, 2, 3]


def test_a_duplicate_counts_when_the_first_report_was_too_late() -> None:
    """Herefordshire / Ashfield: if the report to the first agency was late, the prompt report to
    the second agency is the one that counts."""
    # Arrange
    incidents = [
        incident(1, date(2025, 5, 1), date(2025, 6, 20)),
        incident(2, date(2025, 5, 1), date(2025, 5, 2), agency="the council", duplicate_of=1),
    ]

    # Act
    assessment = assess(ThresholdPolicy(minimum_incidents=1), incidents, APPLIED)

    # Assert
    assert counted_numbers(assessment) == [2]
    assert assessment.met


def test_an_incident_counts_once_when_only_its_second_report_is_inside_the_look_back_window() -> None:
    """Herefordshire / Ashfield: the incident of 1 January 2025 was reported to the police that day
    (before the window opened on 10 January) and to the council on 20 January (inside the window,
    within a month). It was reported within the 6 months, so it should count once.

    Bug check: duplicates are screened before the window is applied, so neither report counts.
    """
    # Arrange
    incidents = [
        incident(1, date(2025, 1, 1), date(2025, 1, 1)),
        incident(2, date(2025, 1, 1), date(2025, 1, 20), agency="the council", duplicate_of=1),
    ]

    # Act
    assessment = assess(ThresholdPolicy(minimum_incidents=1), incidents, APPLIED)

    # Assert
    assert assessment.qualifying == 1, [v.reason for v in assessment.verdicts]
    assert assessment.met


# ------------------------------------------------------ Bedfordshire / Chesterfield: diaries
def test_diary_sheets_do_not_count_as_reports() -> None:
    """Bedfordshire Police / Chesterfield / Ashfield: diary sheets and informal conversations are not
    reports to an agency."""
    # Arrange
    incidents = [
        incident(1, date(2025, 5, 1), informal=True, agency="diary sheet"),
        incident(2, date(2025, 5, 8), informal=True, agency="diary sheet"),
        incident(3, date(2025, 6, 1)),
    ]

    # Act
    assessment = assess(ThresholdPolicy(), incidents, APPLIED)

    # Assert
    assert not assessment.met
    assert counted_numbers(assessment) == [3]
    assert "diary sheet" in assessment.verdict_for(1).reason
    assert "does not count these" in assessment.verdict_for(1).reason


def test_informal_reports_count_where_the_policy_allows_them() -> None:
    """A partnership without the Bedfordshire / Chesterfield caveat counts informal reports."""
    # Arrange
    policy = ThresholdPolicy(count_informal_reports=True)
    incidents = [
        incident(1, date(2025, 5, 1), informal=True),
        incident(2, date(2025, 5, 8), informal=True),
        incident(3, date(2025, 6, 1)),
    ]

    # Act
    assessment = assess(policy, incidents, APPLIED)

    # Assert
    assert assessment.met


# --------------------------------------------------------------- the law's cap (s.104(4))
@pytest.mark.parametrize("minimum", [4, 5])
def test_a_minimum_above_three_is_refused_citing_the_law(minimum: int) -> None:
    """Pendle's "5 households" cannot be the main count: s.104(4) caps the threshold at 3."""
    # Arrange / Act / Assert
    with pytest.raises(ThresholdPolicyError) as refused:
        ThresholdPolicy(minimum_incidents=minimum)
    message = str(refused.value)
    assert "caps the threshold at 3" in message
    assert "s.104(4)" in message
    assert f"not {minimum}" in message


def test_a_minimum_of_zero_is_refused() -> None:
    # Arrange / Act / Assert
    with pytest.raises(ThresholdPolicyError, match="at least 1"):
        ThresholdPolicy(minimum_incidents=0)


@pytest.mark.parametrize("minimum", [1, 2])
def test_a_threshold_lower_than_three_is_allowed_and_applied(minimum: int) -> None:
    """Areas may set a lower number than 3, never higher (s.104(4))."""
    # Arrange
    policy = ThresholdPolicy(minimum_incidents=minimum)
    incidents = [incident(n, date(2025, 6, n)) for n in range(1, minimum + 1)]

    # Act
    enough = assess(policy, incidents, APPLIED)
    one_short = assess(policy, incidents[:-1], APPLIED)

    # Assert
    assert enough.met
    assert not one_short.met


def test_a_hate_rule_above_three_incidents_is_refused() -> None:
    # Arrange / Act / Assert
    with pytest.raises(ThresholdPolicyError, match="from 1 to 3"):
        HateIncidentRule(minimum_incidents=4, within=Period(months=6))


def test_a_several_complainants_rule_needs_at_least_two_complainants() -> None:
    # Arrange / Act / Assert
    with pytest.raises(ThresholdPolicyError, match="at least 2 complainants"):
        SeveralComplainantsRule(minimum_complainants=1, minimum_incidents=3)


def test_the_policy_describes_itself_in_plain_english() -> None:
    """Pendle: the default count, several complainants and one hate incident in 6 months."""
    # Arrange / Act
    text = PENDLE.describe()

    # Assert
    assert text == (
        "3 qualifying incidents reported within 6 months before the application, each reported "
        "within one month of happening; or 5 incidents reported by 5 or more different "
        "complainants; or 1 hate incident within 6 months"
    )


def test_the_first_incident_windows_reason_quotes_the_window_applied() -> None:
    """Ashfield / Westminster, bug: an incident on 1 March was said to be "outside the 6 months
    starting with the first incident (1 May 2026 to 1 November 2026)"; the window applied begins
    with the incident of 1 May, and six months beginning with 1 May end on 31 October."""
    # Arrange
    days = [date(2026, 3, 1), date(2026, 5, 1), date(2026, 9, 1), date(2026, 10, 20)]
    incidents = [incident(n, day) for n, day in enumerate(days, start=1)]
    policy = ThresholdPolicy(look_back_anchor=LookBackAnchor.FIRST_INCIDENT)

    # Act
    assessment = assess(policy, incidents, date(2026, 11, 5))

    # Assert
    assert assessment.local_met
    assert counted_numbers(assessment) == [2, 3, 4]
    assert assessment.verdict_for(1).reason == (
        "Happened on 1 March 2026, outside the 6 months beginning with the incident of 1 May 2026 "
        "(1 May 2026 to 31 October 2026)."
    )
