"""The whole process, end to end through BackOffice, on real PostgreSQL."""

from datetime import date

from application.backoffice import BackOffice
from domain.application import AppealOutcome, Ending
from domain.stage import Stage
from domain.timescales import Step
from domain.values import (
    AgencyResponseKind,
    ConsentKind,
    DiscretionGround,
    LetterChannel,
    SecondaryReviewOutcome,
)
from domain.victims import MeetingFormat
from tests.application import cases
from tests.application.cases import OFFICER


def event_names(back_office: BackOffice, reference: str) -> list[str]:
    return [f"{e.record}.{e.event}" for e in back_office.cases.history(reference)]


def test_a_third_party_application_runs_from_receipt_to_closure_after_a_secondary_review(
    back_office: BackOffice,
):
    reference = cases.ready_for_decision(back_office, on_behalf=True)
    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor="m.reid",
                                           reason="Three reports to Kent Police.",
                                           unverified_reason="Decided on the incidents as logged.")
    back_office.cases.send_decision_letter(reference, sent_on=date(2026, 9, 10), channel=LetterChannel.EMAIL,
                                           actor=OFFICER)
    for agency in ("Kent Police", "Moat Homes"):
        back_office.cases.request_agency_information(reference, agency=agency, requested_on=date(2026, 9, 11),
                                                     actor=OFFICER)
        back_office.cases.record_agency_information(reference, agency=agency, received_on=date(2026, 9, 18),
                                                    summary=f"{agency} case notes", actor=OFFICER)
    back_office.cases.schedule_panel(reference, panel_date=date(2026, 10, 5), chair="Dr Jane Holt",
                                     independent_chair=True, members=("Kent Police", "Moat Homes"),
                                     scheduled_on=date(2026, 9, 14), actor=OFFICER)
    back_office.cases.invite_victim(reference, invited_on=date(2026, 9, 15), method="letter",
                                    format=MeetingFormat.IN_PERSON, actor=OFFICER)
    back_office.cases.receive_impact_statement(reference, received_on=date(2026, 9, 25),
                                               statement="I cannot sleep.", actor=OFFICER)
    back_office.cases.hold_panel(reference, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt", "Kent Police"),
                                 victim_attended=True, findings="Reports were not linked.", actor="panel.chair")
    first = back_office.cases.issue_recommendation(reference, agency="Kent Police", text="Link the reports.",
                                                   issued_on=date(2026, 10, 6), actor=OFFICER)
    second = back_office.cases.issue_recommendation(reference, agency="Moat Homes", text="Install sound proofing.",
                                                    issued_on=date(2026, 10, 6), actor=OFFICER)
    back_office.cases.record_agency_response(reference, number=first.number, response=AgencyResponseKind.ACCEPTED,
                                             responded_on=date(2026, 10, 20), actor=OFFICER)
    back_office.cases.record_agency_response(reference, number=second.number, response=AgencyResponseKind.DECLINED,
                                             responded_on=date(2026, 10, 21), reason="No budget this year.",
                                             actor=OFFICER)
    back_office.cases.send_delay_notice(reference, sent_on=date(2026, 10, 30), reason="Waiting for Moat Homes.",
                                        expected_by=date(2026, 11, 13), actor=OFFICER)
    back_office.cases.send_outcome_letter(reference, sent_on=date(2026, 11, 2), channel=LetterChannel.POST,
                                          actor=OFFICER)
    back_office.cases.request_secondary_review(reference, requested_on=date(2026, 11, 5),
                                               grounds="Moat Homes declined.", actor=OFFICER)
    back_office.cases.hold_secondary_review(reference, held_on=date(2026, 11, 16), panel=("Independent panel",),
                                            chair="A. Chair", actor=OFFICER)
    back_office.cases.conclude_secondary_review(reference, concluded_on=date(2026, 11, 17),
                                                outcome=SecondaryReviewOutcome.FURTHER_RECOMMENDATIONS,
                                                reason="Moat Homes to reconsider.", actor=OFFICER)
    back_office.cases.issue_recommendation(reference, agency="Moat Homes", text="Reconsider sound proofing.",
                                           issued_on=date(2026, 11, 17), actor=OFFICER)
    closed = back_office.cases.close_review(reference, closed_on=date(2026, 11, 20), reason="All steps done.",
                                            open_recommendations_reason="Followed up.", actor="m.reid")

    case = back_office.cases.get_case(reference)
    assert case.stage is Stage.CLOSED
    assert case.review is not None
    assert len(case.review.recommendations) == 3
    names = event_names(back_office, reference)
    for required in ("Application.IncidentLogged", "Application.ConsentGiven", "Application.ThresholdMet",
                     "CaseReview.PanelHeld", "CaseReview.RecommendationIssued",
                     "CaseReview.SecondaryReviewRequested", "CaseReview.SecondaryReviewConcluded",
                     "CaseReview.DelayNoticeSent", "CaseReview.Closed"):
        assert required in names
    assert closed.position == back_office.event_count()
    assert all(entry.actor for entry in back_office.cases.history(reference))


def test_the_threshold_decision_stores_the_policy_and_each_incidents_verdict(back_office: BackOffice):
    reference = cases.ready_for_decision(back_office)

    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                           unverified_reason="Decided on the incidents as logged.")

    stored = next(e for e in back_office.events.get(back_office.cases.get_case(reference).application.id)
              if type(e).__name__ == "ThresholdMet")
    assert stored.policy == back_office.profile.threshold
    assert [v.counts for v in stored.assessment.verdicts] == [True, True, True]
    assert all(v.reason.startswith("Counts:") for v in stored.assessment.verdicts)


def test_an_upheld_appeal_against_not_met_opens_a_case_review(back_office: BackOffice):
    reference = cases.not_met_letter_sent(back_office)

    back_office.cases.lodge_appeal(reference, lodged_on=date(2026, 9, 20), grounds="Police lost a report.",
                                   actor=OFFICER)
    back_office.cases.uphold_appeal(reference, decided_on=date(2026, 9, 25), reason="A fourth report was found.",
                                    actor="m.reid")
    back_office.cases.request_agency_information(reference, agency="Kent Police", requested_on=date(2026, 9, 28),
                                                 actor=OFFICER)

    case = back_office.cases.get_case(reference)
    assert case.application.appeal_outcome is AppealOutcome.UPHELD
    assert case.review is not None
    assert case.review.route.value == "appeal_upheld"
    assert case.stage is Stage.AGENCY_INFORMATION_REQUESTED


def test_a_dismissed_appeal_lets_the_application_close(back_office: BackOffice):
    reference = cases.not_met_letter_sent(back_office)
    back_office.cases.lodge_appeal(reference, lodged_on=date(2026, 9, 20), grounds="Unhappy.", actor=OFFICER)

    back_office.cases.dismiss_appeal(reference, decided_on=date(2026, 9, 25), reason="No new evidence.",
                                     actor="m.reid")
    back_office.cases.close_application(reference, closed_on=date(2026, 9, 26), reason="Appeal dismissed.",
                                        actor=OFFICER)

    assert back_office.cases.get_case(reference).stage is Stage.CLOSED


def test_a_discretionary_decision_records_its_grounds_and_reason(back_office: BackOffice):
    reference = cases.ready_for_decision(back_office, incidents=1)

    back_office.cases.decide_threshold_met_by_discretion(
        reference, decided_on=date(2026, 9, 10), grounds=(DiscretionGround.HARM,),
        reason="A vulnerable victim; risk of serious harm.", actor="m.reid",
        unverified_reason="Decided on the incidents as logged.")

    entry = next(e for e in back_office.cases.history(reference) if e.event == "ThresholdMetByDiscretion")
    assert entry.reason == "A vulnerable victim; risk of serious harm."
    assert "harm" in entry.details
    assert back_office.cases.get_case(reference).review is not None


def test_withdrawing_during_a_review_ends_the_review_too(back_office: BackOffice):
    reference = cases.panel_scheduled(back_office)

    back_office.cases.withdraw_application(reference, withdrawn_on=date(2026, 9, 20),
                                           reason="The neighbour moved away.", actor=OFFICER)

    case = back_office.cases.get_case(reference)
    assert case.application.ended is Ending.WITHDRAWN
    assert case.review is not None
    assert case.review.closed_on == date(2026, 9, 20)


def test_withdrawn_consent_is_recorded_with_its_reason(back_office: BackOffice):
    reference = cases.ready_for_decision(back_office, on_behalf=True)

    back_office.cases.withdraw_consent(reference, kind=ConsentKind.VICTIM_CONSENT, withdrawn_on=date(2026, 9, 5),
                                       reason="Victim fears reprisals.", actor=OFFICER)

    entry = back_office.cases.history(reference)[-1]
    assert (entry.event, entry.reason) == ("ConsentWithdrawn", "Victim fears reprisals.")


def test_references_are_numbered_per_year_and_case_insensitive(back_office: BackOffice):
    first = cases.receive(back_office, received_on=date(2025, 12, 30))
    second = cases.receive(back_office, received_on=date(2026, 1, 2))
    third = cases.receive(back_office, received_on=date(2026, 1, 3))

    assert (first, second, third) == ("CT-2025-0001", "CT-2026-0001", "CT-2026-0002")
    assert back_office.cases.get_case(" ct-2026-0002 ").reference == "CT-2026-0002"


def test_deadlines_are_working_days_from_each_step(back_office: BackOffice):
    reference = cases.panel_held(back_office)

    deadlines = {d.step: d for d in back_office.cases.deadlines(reference)}

    # received Tuesday 1 September 2026: 5 working days -> Tuesday 8 September
    assert deadlines[Step.ACKNOWLEDGE].due_on == date(2026, 9, 8)
    assert deadlines[Step.ACKNOWLEDGE].met_on == date(2026, 9, 2)
    # panel held Monday 5 October 2026: 30 working days -> Monday 16 November
    assert deadlines[Step.OUTCOME_LETTER].due_on == date(2026, 11, 16)
    assert deadlines[Step.OUTCOME_LETTER].is_overdue(date(2026, 11, 24))


def test_every_command_returns_the_position_of_its_last_event(back_office: BackOffice):
    reference = cases.receive(back_office)

    recorded = back_office.cases.acknowledge(reference, acknowledged_on=date(2026, 9, 2), actor=OFFICER)

    assert recorded.position == back_office.event_count()
    assert recorded.aggregate_id == back_office.cases.get_case(reference).application.id


def test_agency_responses_are_still_recorded_after_the_review_closes(back_office: BackOffice):
    reference = cases.outcome_sent(back_office)
    back_office.cases.close_review(reference, closed_on=date(2026, 10, 20), reason="Actions agreed.",
                                   open_recommendations_reason="Followed up.", actor=OFFICER)

    back_office.cases.record_agency_response(reference, number=1, response=AgencyResponseKind.COMPLETED,
                                             responded_on=date(2026, 11, 3), actor=OFFICER)

    deadline = next(d for d in back_office.cases.deadlines(reference) if d.step is Step.RECOMMENDATION_RESPONSE)
    assert deadline.met_on == date(2026, 11, 3)


def test_a_threshold_met_without_the_officers_words_records_the_assessments_reason(back_office: BackOffice):
    reference = cases.ready_for_decision(back_office)

    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                           unverified_reason="Decided on the incidents as logged.")

    entry = next(e for e in back_office.cases.history(reference) if e.event == "ThresholdMet")
    assert entry.reason == "Met: 3 qualifying incidents, the policy needs 3."


def test_a_case_is_handled_by_the_receiving_officer_until_it_is_assigned_to_another(back_office: BackOffice):
    reference = cases.receive(back_office)  # received online: nobody handles it yet

    first = back_office.cases.get_case(reference).application.officer
    cases.register_officer(back_office, "s.patel")
    back_office.cases.assign_officer(reference, officer="s.patel", actor="m.reid")

    assert first == ""
    assert back_office.cases.get_case(reference).application.officer == "s.patel"
    assert back_office.cases.history(reference)[-1].event == "OfficerAssigned"
