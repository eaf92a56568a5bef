"""The statutory test of s.104(4) beside the local rules: the Act's qualifying complaints against the
procedure's number, which local rules can add routes to but never take away."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.application import ThresholdDecision
from domain.errors import ThresholdDecisionContradictsAssessmentError
from domain.periods import Period
from domain.threshold import (
    HateIncidentRule,
    LookBackAnchor,
    SeveralComplainantsRule,
    ThresholdPolicy,
    assess,
    statutory_test,
)
from tests.domain.aggregates import assert_refused
from tests.domain.test_application_rules import ACTOR, TODAY, ready_to_decide
from tests.domain.test_threshold import PROPERTY, applied_dates, incident, incident_lists, policies

APPLIED = date(2026, 3, 2)
# Three complaints, each made the day of the behaviour, the first four months before applying.
THREE = [incident(1, date(2025, 11, 3)), incident(2, date(2025, 11, 20)), incident(3, date(2026, 1, 5))]
# Ashfield / Westminster: six months from the first incident, the most recent within a month.
STRICTER = ThresholdPolicy(look_back_anchor=LookBackAnchor.FIRST_INCIDENT,
                           most_recent_within=Period(months=1), require_consent_to_share=False)


def test_three_qualifying_complaints_meet_the_threshold_though_the_local_rules_do_not() -> None:
    # Act
    assessment = assess(STRICTER, THREE, APPLIED)

    # Assert
    assert assessment.met
    assert not assessment.local_met
    assert assessment.statutory_met
    assert assessment.statutory.qualifying == 3
    assert "most recent qualifying incident" in assessment.reason
    assert assessment.reason.startswith("Met under the Act: 3 qualifying complaints")
    assert "discretion" not in assessment.reason  # the decision is mandatory, not discretionary
    assert "s.104(4)" in assessment.disagreement
    assert "stricter than the Act" in assessment.disagreement


def test_not_met_is_refused_where_the_act_requires_met_and_names_s104_4() -> None:
    # Arrange
    application = ready_to_decide()
    assessment = assess(STRICTER, THREE, APPLIED)

    # Act / Assert
    assert_refused(
        application,
        ThresholdDecisionContradictsAssessmentError,
        lambda: application.decide_threshold_not_met(
            assessment=assessment, policy=STRICTER, decided_on=date(2026, 3, 10),
            reason="The most recent incident is too old.", alternative_action="Mediation.",
            actor=ACTOR, today=TODAY),
        "s.104(4)", "3 qualifying complaints", "cannot be recorded as not met",
    )
    assert application.decision is None


def test_not_met_refused_on_a_local_route_alone_cites_the_procedure_not_s104_4() -> None:
    # Arrange: one hate incident meets the local hate rule; the Act's three complaints are not there
    application = ready_to_decide()
    policy = ThresholdPolicy(hate_incidents=HateIncidentRule(1, Period(months=6)), require_consent_to_share=False)
    assessment = assess(policy, [incident(1, date(2026, 2, 2), hate_related=True)], APPLIED)
    assert assessment.local_met
    assert not assessment.statutory_met

    # Act / Assert
    message = assert_refused(
        application,
        ThresholdDecisionContradictsAssessmentError,
        lambda: application.decide_threshold_not_met(
            assessment=assessment, policy=policy, decided_on=date(2026, 3, 10), reason="One incident only.",
            alternative_action="Mediation.", actor=ACTOR, today=TODAY),
        "published procedure", "s.104(5)",
    )
    assert "s.104(4)" not in message  # the Act's floor is not what requires it here


def test_a_mandatory_decision_is_not_recorded_as_discretionary() -> None:
    # Arrange
    application = ready_to_decide()
    assessment = assess(STRICTER, THREE, APPLIED)

    # Act / Assert
    assert_refused(
        application,
        ThresholdDecisionContradictsAssessmentError,
        lambda: application.decide_threshold_met_by_discretion(
            assessment=assessment, policy=STRICTER, decided_on=date(2026, 3, 10),
            grounds=(), reason="Harm.", actor=ACTOR, today=TODAY),
        "s.104(4)", "required by the Act, not discretionary",
    )


def test_met_can_be_recorded_where_only_the_act_requires_it() -> None:
    # Arrange
    application = ready_to_decide()
    assessment = assess(STRICTER, THREE, APPLIED)

    # Act
    application.decide_threshold_met(assessment=assessment, policy=STRICTER,
                                     decided_on=date(2026, 3, 10), actor=ACTOR, today=TODAY)

    # Assert
    assert application.decision is ThresholdDecision.MET


def test_a_complaint_made_on_28_february_does_not_qualify_for_an_application_on_31_august() -> None:
    """The issue's example: six months beginning with 28 February end on 27 August."""
    # Act
    result = statutory_test(1, [incident(1, date(2025, 2, 28))], date(2025, 8, 31))
    in_time = statutory_test(1, [incident(1, date(2025, 2, 28))], date(2025, 8, 27))

    # Assert
    assert not result.met
    assert result.verdict_for(1).reason == (
        "Complained of on 28 February 2025; the six months beginning with the complaint ended on "
        "27 August 2025, before the application on 31 August 2025."
    )
    assert in_time.met


def test_a_complaint_made_after_the_month_beginning_with_the_behaviour_does_not_qualify() -> None:
    # Act
    late = statutory_test(1, [incident(1, date(2025, 3, 1), date(2025, 4, 1))], date(2025, 5, 1))
    last_day = statutory_test(1, [incident(1, date(2025, 3, 1), date(2025, 3, 31))], date(2025, 5, 1))

    # Assert
    assert not late.met
    assert "after the month beginning with the behaviour on 1 March 2025 (which ended on 31 March 2025)" \
        in late.verdict_for(1).reason
    assert last_day.met


def test_reports_linked_as_the_same_incident_count_once_under_the_act() -> None:
    # Arrange
    incidents = [incident(1, date(2026, 1, 5)), incident(2, date(2026, 1, 5), agency="the council",
                                                         duplicate_of=1)]

    # Act
    result = statutory_test(2, incidents, APPLIED)

    # Assert
    assert result.qualifying == 1
    assert not result.verdict_for(2).counts


# ------------------------------------------------------------------------------ properties
local_rules = st.fixed_dictionaries({}, optional={
    "report_within": st.sampled_from([Period(days=14), Period(days=30), Period(months=1)]),
    "look_back": st.sampled_from([Period(months=3), Period(days=180), Period(months=6)]),
    "look_back_anchor": st.sampled_from(tuple(LookBackAnchor)),
    "most_recent_within": st.none() | st.just(Period(months=1)),
    "several_complainants": st.none() | st.builds(SeveralComplainantsRule, st.integers(2, 5),
                                                  st.integers(1, 5)),
    "hate_incidents": st.none() | st.builds(HateIncidentRule, st.integers(1, 3),
                                            st.sampled_from([Period(months=3), Period(months=6)])),
    "count_duplicates_once": st.booleans(),
    "count_informal_reports": st.booleans(),
})


@PROPERTY
@given(policy=policies(), rules=local_rules, applied_on=applied_dates, data=st.data())
def test_the_statutory_result_never_depends_on_the_local_rules(
    policy: ThresholdPolicy, rules: dict, applied_on: date, data: st.DataObject
) -> None:
    # Arrange: the same procedure's number, any other local rules
    incidents = data.draw(incident_lists(applied_on))

    # Act
    first = assess(policy, incidents, applied_on)
    second = assess(replace(policy, **rules), incidents, applied_on)

    # Assert
    assert first.statutory == second.statutory


@PROPERTY
@given(policy=policies(), rules=local_rules, applied_on=applied_dates, data=st.data())
def test_adding_a_local_rule_never_turns_a_statutory_met_into_not_met(
    policy: ThresholdPolicy, rules: dict, applied_on: date, data: st.DataObject
) -> None:
    # Arrange
    incidents = data.draw(incident_lists(applied_on))

    # Act
    assessment = assess(replace(policy, **rules), incidents, applied_on)

    # Assert
    if assessment.statutory_met:
        assert assessment.met, assessment.reason
    assert assessment.met == (assessment.statutory_met or assessment.local_met)


@PROPERTY
@given(policy=policies(), applied_on=applied_dates, data=st.data())
def test_a_complaint_outside_the_acts_periods_never_qualifies(
    policy: ThresholdPolicy, applied_on: date, data: st.DataObject
) -> None:
    # Arrange: made after the month beginning with the behaviour, or more than six months before
    incidents = data.draw(incident_lists(applied_on))
    if data.draw(st.booleans()):
        happened_on = applied_on - timedelta(days=data.draw(st.integers(40, 150)))
        reported_on = Period(months=1).last_day_beginning_with(happened_on) + timedelta(
            days=data.draw(st.integers(1, 30)))
    else:
        reported_on = Period(months=6).earliest_start_covering(applied_on) - timedelta(
            days=data.draw(st.integers(1, 200)))
        happened_on = reported_on - timedelta(days=data.draw(st.integers(0, 27)))
    outside = incident(len(incidents) + 1, happened_on, reported_on)

    # Act
    before = assess(policy, incidents, applied_on)
    after = assess(policy, [*incidents, outside], applied_on)

    # Assert
    assert not after.statutory.verdict_for(outside.number).counts
    assert after.statutory.qualifying == before.statutory.qualifying
    assert after.statutory.met == before.statutory.met


def test_only_caveats_stricter_than_the_act_are_barriers() -> None:
    # Act
    default = ThresholdPolicy().barriers()
    generous = ThresholdPolicy(look_back=Period(months=12), minimum_incidents=1,
                               hate_incidents=HateIncidentRule(1, Period(months=6)),
                               several_complainants=SeveralComplainantsRule(3, 3)).barriers()
    short = dict(ThresholdPolicy(report_within=Period(days=14), look_back=Period(months=3)).barriers())

    # Assert
    assert default == ()
    assert generous == ()
    assert set(short) == {"threshold.report_within", "threshold.look_back"}
    assert "within 14 days" in short["threshold.report_within"]
