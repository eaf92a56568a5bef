"""A case replayed as it stood at any moment, and each decision with what was in front of the decider."""

from datetime import UTC, date, datetime, timedelta

import pytest

from application.archive import NotYetRecordedError
from application.backoffice import BackOffice
from domain.stage import Stage
from domain.threshold import ThresholdPolicy
from tests.application import cases
from tests.application.cases import OFFICER


def test_the_case_as_at_an_event_shows_the_state_after_that_event(back_office: BackOffice):
    reference = cases.threshold_met(back_office)

    after_receipt = back_office.cases.case_as_at_event(reference, 1)
    after_incidents = back_office.cases.case_as_at_event(reference, 4)
    now = back_office.cases.get_case(reference)

    assert (after_receipt.stage, len(after_receipt.application.incidents), after_receipt.review) == (
        Stage.RECEIVED, 0, None)
    assert len(after_incidents.application.incidents) == 3
    assert now.review is not None
    assert now.stage is Stage.REVIEW_OPENED


def test_the_case_as_at_a_moment_ignores_what_was_recorded_later(back_office: BackOffice):
    reference = cases.receive(back_office)
    moment = datetime.now(UTC)
    back_office.cases.acknowledge(reference, acknowledged_on=date(2026, 9, 2), actor=OFFICER)

    then = back_office.cases.case_as_at(reference, moment)

    assert then.application.acknowledged_on is None
    assert back_office.cases.get_case(reference).application.acknowledged_on == date(2026, 9, 2)
    with pytest.raises(NotYetRecordedError, match="had no events recorded yet"):
        back_office.cases.case_as_at(reference, moment - timedelta(days=1))


def test_a_threshold_decision_is_reconstructed_with_the_policy_verdicts_and_case_before_it(
    make_back_office, profile
):
    strict = make_back_office()
    reference = cases.ready_for_decision(strict, incidents=2)
    strict.cases.decide_threshold_not_met(reference, decided_on=date(2026, 9, 10), reason="Two incidents.",
                                          alternative_action="Mediation.", actor="m.reid",
                                          unverified_reason="Decided on the incidents as logged.")
    # the partnership later lowers its threshold to two incidents: the old decision must not change
    lenient = make_back_office(partnership=type(profile)(**{**vars(profile),
                                                            "threshold": ThresholdPolicy(minimum_incidents=2)}))

    decision = lenient.cases.decisions(reference)[0]

    assert decision.kind == "Threshold not met"
    assert (decision.entry.actor, decision.entry.reason) == ("m.reid", "Two incidents.")
    assert decision.policy is not None
    assert decision.policy.minimum_incidents == 3
    assert decision.assessment is not None
    assert [v.counts for v in decision.assessment.verdicts] == [True, True]
    assert decision.before.application.decision is None
    assert len(decision.before.application.incidents) == 2
    assert lenient.cases.assess_threshold(reference).met  # today's policy would say otherwise


def test_every_kind_of_decision_in_a_case_is_listed_in_order(back_office: BackOffice):
    reference = cases.outcome_sent(back_office)

    kinds = [d.kind for d in back_office.cases.decisions(reference)]

    assert kinds == ["Threshold met", "Recommendation issued"]
