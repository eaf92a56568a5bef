"""Which letters a case has reached and to whom they go, tested on the aggregates without persistence."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Application
from domain.case_review import CaseReview
from domain.errors import LetterNotAvailableError
from domain.letters import APPLICANT, letters_reached, require_letter
from domain.personal import Narrative, Person
from domain.threshold import ThresholdPolicy, assess
from domain.values import Applicant, Channel, LetterKind, Problem, RejectionGround, ReviewRoute

TODAY = date(2026, 7, 31)
ACTOR = "officer.jones"
REFERENCE = "CT-2026-0001"


def received() -> Application:
    return Application.receive(reference=REFERENCE, channel=Channel.ONLINE, received_on=date(2026, 4, 1),
                               applicant=Applicant(Person("p-1", "Ann Smith")),
                               problem=Problem("noise", "High Street"), actor="public", today=TODAY)


def not_met() -> Application:
    application = received()
    application.acknowledge(acknowledged_on=date(2026, 4, 2), actor=ACTOR, today=TODAY)
    policy = ThresholdPolicy(require_consent_to_share=False)
    application.decide_threshold_not_met(
        assessment=assess(policy, [], application.received_on), policy=policy, decided_on=date(2026, 4, 10),
        reason="No incidents were reported.", alternative_action="Mediation offered.", actor=ACTOR, today=TODAY,
        unverified_reason="Decided on the incidents as logged.")
    return application


def reviewed(*agencies: str) -> CaseReview:
    review = CaseReview.open(reference=REFERENCE, application_id=Application.create_id(REFERENCE),
                             opened_on=date(2026, 4, 21), route=ReviewRoute.THRESHOLD_MET, actor=ACTOR,
                             today=TODAY)
    review.schedule_panel(panel_date=date(2026, 5, 19), chair="Dr Holt", independent_chair=True, members=(),
                          scheduled_on=date(2026, 4, 22), actor=ACTOR, today=TODAY)
    review.decide_not_to_invite_victim(decided_on=date(2026, 4, 22), reason="Kept informed by choice.", actor=ACTOR,
                                       today=TODAY)
    review.hold_panel(held_on=date(2026, 5, 19), attendees=("Dr Holt",), victim_attended=False,
                      findings=Narrative("p-1", "Reports were not linked."), actor=ACTOR, today=TODAY)
    for agency in agencies:
        review.issue_recommendation(agency=agency, text=f"{agency}: link the reports.", issued_on=date(2026, 5, 20),
                                    response_due_on=date(2026, 6, 17), actor=ACTOR, today=TODAY)
    return review


def kinds(application: Application, review: CaseReview | None = None) -> list[tuple[str, str]]:
    return [(letter.kind.value, letter.recipient) for letter in letters_reached(application, review)]


def test_a_received_application_has_only_the_acknowledgement():
    assert kinds(received()) == [("acknowledgement", APPLICANT)]


def test_an_application_rejected_before_acknowledgement_has_only_the_rejection_letter():
    application = received()
    application.reject(rejected_on=date(2026, 4, 2), ground=RejectionGround.ANONYMOUS, reason="No name given.",
                       actor=ACTOR, today=TODAY)

    assert kinds(application) == [("rejection", APPLICANT)]


def test_a_decided_application_has_the_threshold_decision_letter_with_its_reasons_kept():
    application = not_met()

    assert kinds(application) == [("acknowledgement", APPLICANT), ("threshold_decision", APPLICANT)]
    assert application.decision_reason == "No incidents were reported."
    assert application.alternative_action == "Mediation offered."


def test_a_review_with_recommendations_has_the_outcome_letter_and_one_letter_per_agency():
    review = reviewed("Kent Police", "Moat Homes", "Kent Police")

    assert kinds(not_met(), review)[2:] == [
        ("outcome", APPLICANT), ("agency_recommendations", "Kent Police"),
        ("agency_recommendations", "Moat Homes")]
    assert str(review.findings) == "Reports were not linked."


def test_the_delay_letter_is_reached_once_a_delay_is_recorded_with_its_reason_and_date():
    review = reviewed()
    assert ("delay", APPLICANT) not in kinds(not_met(), review)

    review.send_delay_notice(sent_on=date(2026, 6, 20), reason="Video footage is still being reviewed.",
                             expected_by=date(2026, 7, 20), actor=ACTOR, today=TODAY)

    assert ("delay", APPLICANT) in kinds(not_met(), review)
    assert review.delays[-1].reason == "Video footage is still being reviewed."
    assert review.delays[-1].expected_by == date(2026, 7, 20)


def test_the_agency_letter_is_found_whatever_the_case_of_the_agency_name():
    letter = require_letter(not_met(), reviewed("Kent Police"), LetterKind.AGENCY_RECOMMENDATIONS, "kent police ")

    assert letter.recipient == "Kent Police"
    assert letter.title == "Recommendations to Kent Police"


@pytest.mark.parametrize(
    ("kind", "recipient", "expected"),
    [
        (LetterKind.OUTCOME, APPLICANT, "Record the review panel for CT-2026-0001"),
        (LetterKind.DELAY, APPLICANT, "No delay has been recorded for CT-2026-0001"),
        (LetterKind.SECONDARY_REVIEW_OUTCOME, APPLICANT, "Record the conclusion of the secondary review"),
        (LetterKind.AGENCY_RECOMMENDATIONS, "Kent Police", "has no recommendations yet; issue them"),
        (LetterKind.ACKNOWLEDGEMENT, "Kent Police", "goes to the applicant, not Kent Police; leave out"),
    ],
    ids=["outcome before the panel", "delay never recorded", "secondary review not concluded",
         "agency before recommendations", "applicant letter to an agency"],
)
def test_a_letter_the_case_has_not_reached_is_refused_saying_what_to_do(
    kind: LetterKind, recipient: str, expected: str
):
    with pytest.raises(LetterNotAvailableError, match=expected):
        require_letter(not_met(), None, kind, recipient)


def test_an_agency_without_recommendations_is_refused_naming_those_with_them():
    with pytest.raises(LetterNotAvailableError) as refused:
        require_letter(not_met(), reviewed("Kent Police", "Moat Homes"), LetterKind.AGENCY_RECOMMENDATIONS,
                       "Clarion Housing")

    assert str(refused.value) == ("Clarion Housing has no recommendation in CT-2026-0001; name an agency that "
                                  "has: Kent Police, Moat Homes.")


def test_a_note_is_kept_with_who_and_when_and_an_empty_one_is_refused() -> None:
    from domain.case_file import CaseFile
    from domain.errors import CaseRuleError, InvalidDetailsError
    from domain.personal import Narrative

    case_file = CaseFile(reference="CT-2026-0001", actor="j.okafor")
    case_file.add_note(text=Narrative("p-1", "Rang her back."), actor="j.okafor", today=date(2026, 11, 24))

    assert [(n.written_on, n.actor, n.text.text) for n in case_file.notes] == [
        (date(2026, 11, 24), "j.okafor", "Rang her back.")]
    with pytest.raises((CaseRuleError, InvalidDetailsError)):
        case_file.add_note(text=Narrative("p-1", "  "), actor="j.okafor", today=date(2026, 11, 24))
    assert len(case_file.notes) == 1
