"""The assessment uses what the agencies confirmed and shows what is unverified: an incident its agency
disputes or holds no record of counts under neither the Act nor the local rules, with the agency's answer
as the reason; one not yet answered still counts, flagged as unverified."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from domain.periods import Period
from domain.threshold import HateIncidentRule, ThresholdPolicy, assess
from domain.verification import IncidentVerification, VerificationAnswer, VerificationAnswerGiven
from tests.domain.test_statutory_threshold import APPLIED, THREE
from tests.domain.test_threshold import PROPERTY, applied_dates, incident, incident_lists, policies

POLICY = ThresholdPolicy(require_consent_to_share=False)
ASKED, ANSWERED = date(2026, 2, 20), date(2026, 3, 3)


def answered(number: int, answer: VerificationAnswer, reference: str = "", reason: str = "") -> IncidentVerification:
    given_answer = VerificationAnswerGiven(number, "Kent Police", answer, ANSWERED, reference, reason)
    return IncidentVerification(number, "Kent Police", ASKED, given_answer)


def confirmed(number: int) -> IncidentVerification:
    return answered(number, VerificationAnswer.CONFIRMED)


def test_confirmed_incidents_count_under_the_act_and_the_local_rules() -> None:
    # Act
    assessment = assess(POLICY, THREE, APPLIED, [confirmed(1), confirmed(2), confirmed(3)])

    # Assert
    assert assessment.met
    assert assessment.statutory_met
    assert assessment.local_met
    assert all(v.counts and "Unverified" not in v.reason for v in assessment.verdicts)
    assert all(v.counts and "Unverified" not in v.reason for v in assessment.statutory.verdicts)


def test_an_incident_the_agency_holds_no_record_of_does_not_count_and_says_why() -> None:
    # Act
    assessment = assess(POLICY, THREE, APPLIED, [confirmed(1), answered(2, VerificationAnswer.NO_RECORD), confirmed(3)])

    # Assert
    assert not assessment.met
    assert not assessment.statutory_met
    assert assessment.qualifying == 2
    assert assessment.statutory.qualifying == 2
    expected = "Kent Police holds no record of this report (answered 3 March 2026)."
    assert not assessment.verdict_for(2).counts
    assert assessment.verdict_for(2).reason.startswith(expected)
    assert not assessment.statutory.verdict_for(2).counts
    assert assessment.statutory.verdict_for(2).reason.startswith(expected)


def test_a_disputed_incident_does_not_count_and_gives_the_agencys_reference_and_reason() -> None:
    # Act
    assessment = assess(POLICY, THREE, APPLIED, [
        confirmed(1), confirmed(2), answered(3, VerificationAnswer.DISPUTED, "KP/77", "a noise complaint next door")])

    # Assert
    assert not assessment.met
    assert not assessment.statutory_met
    for verdict in (assessment.verdict_for(3), assessment.statutory.verdict_for(3)):
        assert not verdict.counts
        assert verdict.reason == ("Kent Police disputes this report (answered 3 March 2026, their reference KP/77): "
                                  "a noise complaint next door. It does not count.")


def test_a_disputed_hate_incident_does_not_meet_the_hate_rule() -> None:
    # Arrange
    policy = ThresholdPolicy(hate_incidents=HateIncidentRule(1, Period(months=6)), require_consent_to_share=False)
    hate = [incident(1, date(2026, 2, 10), hate_related=True)]

    # Act
    unanswered = assess(policy, hate, APPLIED, [IncidentVerification(1, "Kent Police", ASKED)])
    disputed = assess(policy, hate, APPLIED, [answered(1, VerificationAnswer.DISPUTED, "KP/1", "not hate-related")])

    # Assert
    assert unanswered.met
    assert not disputed.met


def test_an_unanswered_incident_counts_and_is_shown_as_unverified() -> None:
    # Act
    assessment = assess(POLICY, THREE, APPLIED, [
        confirmed(1), confirmed(2), IncidentVerification(3, "Kent Police", ASKED)])

    # Assert
    assert assessment.met
    assert assessment.statutory_met
    for verdict in (assessment.verdict_for(3), assessment.statutory.verdict_for(3)):
        assert verdict.counts
        assert verdict.reason.endswith("Unverified: awaiting Kent Police (asked on 20 February 2026).")
    assert "Unverified" not in assessment.verdict_for(1).reason


def test_a_linked_report_still_counts_when_the_first_report_is_disputed() -> None:
    # Arrange: the same behaviour reported to the police and the council
    incidents = [*THREE, incident(4, date(2026, 1, 5), agency="the council", duplicate_of=3)]

    # Act
    assessment = assess(POLICY, incidents, APPLIED, [
        confirmed(1), confirmed(2), answered(3, VerificationAnswer.NO_RECORD)])

    # Assert
    assert assessment.met
    assert assessment.statutory.qualifying == 3
    assert assessment.verdict_for(4).counts


@PROPERTY
@given(policy=policies(), applied_on=applied_dates, data=st.data())
def test_a_dispute_never_turns_not_met_into_met(policy: ThresholdPolicy, applied_on: date, data: st.DataObject) -> None:
    # Arrange: some of the incidents disputed or not on record, the others confirmed or unanswered
    incidents = data.draw(incident_lists(applied_on))
    answers = st.sampled_from([None, *VerificationAnswer])
    verifications = []
    for one in incidents:
        answer = data.draw(answers)
        given_answer = VerificationAnswerGiven(one.number, one.agency, answer, applied_on) if answer else None
        verifications.append(IncidentVerification(one.number, one.agency, applied_on, given_answer))

    # Act
    before = assess(policy, incidents, applied_on)
    after = assess(policy, incidents, applied_on, verifications)

    # Assert
    if not before.met:
        assert not after.met, after.reason
    if not before.statutory_met:
        assert not after.statutory_met
    assert after.statutory.qualifying <= before.statutory.qualifying
    rejected = {v.number for v in verifications if v.answer and v.answer.answer is not VerificationAnswer.CONFIRMED}
    assert not any(v.counts for v in (*after.verdicts, *after.statutory.verdicts) if v.number in rejected)
