"""Every route for an applicant who is dissatisfied (Schedule 4 paragraph 3; docs/ROUTES.md), under two profiles
that configure the routes differently: Dartford (an internal appeal for a decision, an independent panel for a
review) and Medway (the local policing body for a decision, a named body for a review). Each route with its
letters, the body told by email, its deadlines and reminders, against real PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from application.backoffice import BackOffice
from application.profile import load_profile
from domain.errors import AppealNotAllowedError, InvalidDetailsError, SecondaryReviewNotAllowedError
from domain.profile import PartnershipProfile
from domain.reminders import reminders_due
from domain.routes import EscalationRoute, RouteKind
from domain.stage import Stage
from domain.timescales import Deadline, Step
from domain.values import AgencyResponseKind, LetterChannel, LetterKind, RejectionGround, SecondaryReviewOutcome
from tests.application import cases
from tests.application.cases import OFFICER

MEDWAY = Path(__file__).parents[2] / "application" / "medway_profile.toml"
PROFILES = {"dartford": load_profile(), "medway": load_profile(MEDWAY)}


@pytest.fixture(params=sorted(PROFILES))
def routed(request: pytest.FixtureRequest, make_back_office: Callable[..., BackOffice]) -> BackOffice:
    """A back office under each of the two profiles."""
    return make_back_office(partnership=PROFILES[request.param])


def text_of(back_office: BackOffice, reference: str, kind: LetterKind) -> str:
    return " ".join(unescape(back_office.cases.render_letter(reference, kind).html).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def deadline(back_office: BackOffice, reference: str, step: Step) -> Deadline:
    return next(d for d in back_office.cases.deadlines(reference) if d.step is step)


def working_days_after(back_office: BackOffice, start: date, days: int) -> date:
    return back_office.calendar.add_working_days(start, days)


def reminded_on(back_office: BackOffice, found: Deadline) -> list[Step]:
    day = back_office.calendar.subtract_working_days(found.due_on, back_office.profile.email.reminder_working_days)
    return [d.step for d in reminders_due([found], day, back_office.calendar,
                                          back_office.profile.email.reminder_working_days)]


def body_email(back_office: BackOffice, reference: str, step: Step):
    return back_office.outbox.email_by_key(f"escalation/{reference}/{step.value}")


# ------------------------------------------------------------------------------------------ rejection
def rejected(back_office: BackOffice, *, letter_on: date = date(2026, 9, 7)) -> str:
    reference = cases.receive(back_office)
    back_office.cases.reject_application(reference, rejected_on=date(2026, 9, 4),
                                         ground=RejectionGround.CONSENT_REFUSED,
                                         reason="Ms Smith told us she does not agree to the application.",
                                         actor=OFFICER)
    back_office.cases.send_letter(reference, LetterKind.REJECTION, channel=LetterChannel.POST, sent_on=letter_on,
                                  actor=OFFICER)
    return reference


def test_a_rejection_letter_gives_the_reason_and_who_to_ask_by_when_as_the_profile_names_them(routed: BackOffice):
    route = routed.profile.routes.decision
    reference = rejected(routed)

    letter = text_of(routed, reference, LetterKind.REJECTION)

    assert "the victim's consent was refused" in letter
    assert "Ms Smith told us she does not agree to the application." in letter
    assert f"How to ask {route.body} to look at this again" in letter
    assert flat(route.how_to_ask) in letter
    challenge_by = working_days_after(routed, routed.today(), route.window)
    assert f"by {challenge_by:%-d %B %Y} ({route.window} working days from the date of this letter)" in letter


def test_rejection_challenge_upheld_reopens_the_application_tells_the_body_and_the_applicant(routed: BackOffice):
    route = routed.profile.routes.decision
    reference = rejected(routed)
    window = deadline(routed, reference, Step.CHALLENGE_WINDOW)
    assert window.due_on == working_days_after(routed, date(2026, 9, 7), route.window)
    assert reminded_on(routed, window) == [Step.CHALLENGE_WINDOW]

    routed.cases.lodge_challenge(reference, lodged_on=date(2026, 9, 10), grounds="My neighbour agreed after all.",
                                 actor=OFFICER)

    case = routed.cases.get_case(reference)
    assert case.application.stage is Stage.REJECTION_CHALLENGED
    assert case.application.stage.is_open
    email = body_email(routed, reference, Step.CHALLENGE_DECISION)
    assert email.to == (route.email,)
    assert route.body in email.body
    assert "Ann Smith" not in email.body
    decision = deadline(routed, reference, Step.CHALLENGE_DECISION)
    assert decision.due_on == working_days_after(routed, date(2026, 9, 10), route.answer_within)
    assert reminded_on(routed, decision) == [Step.CHALLENGE_DECISION]

    routed.cases.uphold_challenge(reference, decided_on=date(2026, 9, 20), reason="Consent was given on 9 September.",
                                  actor=OFFICER)

    application = routed.cases.get_case(reference).application
    assert application.ended is None
    assert application.stage is Stage.RECEIVED
    assert deadline(routed, reference, Step.CHALLENGE_DECISION).met_on == date(2026, 9, 20)
    letter = text_of(routed, reference, LetterKind.APPEAL_OUTCOME)
    assert f"You asked {route.body} to look again at our decision not to accept your application" in letter
    assert "it should be accepted" in letter
    assert "Consent was given on 9 September." in letter
    routed.cases.acknowledge(reference, acknowledged_on=date(2026, 9, 21), actor=OFFICER)  # the process goes on


def test_rejection_challenge_dismissed_leaves_the_rejection_standing_with_its_letter(routed: BackOffice):
    reference = rejected(routed)
    routed.cases.lodge_challenge(reference, lodged_on=date(2026, 9, 10), grounds="I disagree.", actor=OFFICER)

    routed.cases.dismiss_challenge(reference, decided_on=date(2026, 9, 24), reason="The victim still refuses.",
                                   actor=OFFICER)

    assert routed.cases.get_case(reference).application.stage is Stage.REJECTED
    letter = text_of(routed, reference, LetterKind.APPEAL_OUTCOME)
    assert "the decision stands" in letter
    assert "The victim still refuses." in letter


def test_a_late_challenge_needs_the_reason_it_is_accepted_late(routed: BackOffice):
    reference = rejected(routed)
    late = working_days_after(routed, deadline(routed, reference, Step.CHALLENGE_WINDOW).due_on, 1)

    with pytest.raises(AppealNotAllowedError, match="window to challenge the rejection closed"):
        routed.cases.lodge_challenge(reference, lodged_on=late, grounds="I was in hospital.", actor=OFFICER)
    routed.cases.lodge_challenge(reference, lodged_on=late, grounds="I was in hospital.", actor=OFFICER,
                                 late_reason="The applicant was in hospital for three weeks.")

    assert routed.cases.get_case(reference).application.challenge_lodged_on == late


def test_a_challenge_waits_for_the_rejection_letter_which_starts_its_window(back_office: BackOffice):
    reference = cases.receive(back_office)
    back_office.cases.reject_application(reference, rejected_on=date(2026, 9, 4), ground=RejectionGround.ANONYMOUS,
                                         reason="No name given.", actor=OFFICER)

    with pytest.raises(AppealNotAllowedError, match="Send the rejection letter first"):
        back_office.cases.lodge_challenge(reference, lodged_on=date(2026, 9, 5), grounds="Why?", actor=OFFICER)


# --------------------------------------------------------------------------------- "not met" → appeal
def appealed(back_office: BackOffice) -> str:
    reference = cases.not_met_letter_sent(back_office)
    back_office.cases.lodge_appeal(reference, lodged_on=date(2026, 9, 15), grounds="A report was missed.",
                                   actor=OFFICER)
    return reference


def test_not_met_appeal_goes_to_the_configured_body_and_upheld_opens_the_review(routed: BackOffice):
    route = routed.profile.routes.decision
    reference = appealed(routed)

    email = body_email(routed, reference, Step.APPEAL_DECISION)
    assert email.to == (route.email,)
    assert route.body in email.body
    decision = deadline(routed, reference, Step.APPEAL_DECISION)
    assert decision.due_on == working_days_after(routed, date(2026, 9, 15), route.answer_within)
    assert reminded_on(routed, decision) == [Step.APPEAL_DECISION]

    routed.cases.uphold_appeal(reference, decided_on=date(2026, 9, 30), reason="A third report was found.",
                               actor=OFFICER)

    assert routed.cases.get_case(reference).review is not None
    letter = text_of(routed, reference, LetterKind.APPEAL_OUTCOME)
    assert f"You asked {route.body} to review our decision" in letter
    assert "a case review will now be held" in letter
    assert "A third report was found." in letter


def test_not_met_appeal_dismissed_by_the_configured_body_keeps_the_decision(routed: BackOffice):
    route = routed.profile.routes.decision
    reference = appealed(routed)

    routed.cases.dismiss_appeal(reference, decided_on=date(2026, 9, 30), reason="No report was missed.",
                                actor=OFFICER)

    letter = text_of(routed, reference, LetterKind.APPEAL_OUTCOME)
    assert f"You asked {route.body} to review our decision" in letter
    assert "the decision stands" in letter
    assert "No report was missed." in letter
    assert deadline(routed, reference, Step.APPEAL_DECISION).met_on == date(2026, 9, 30)


def test_the_appeal_window_is_the_routes_window(routed: BackOffice):
    reference = cases.not_met_letter_sent(routed)

    window = deadline(routed, reference, Step.APPEAL_WINDOW)

    assert window.due_on == working_days_after(routed, date(2026, 9, 10), routed.profile.routes.decision.window)


# ------------------------------------------------------------------------------- review → secondary review
def secondary_concluded(back_office: BackOffice) -> str:
    reference = cases.outcome_sent(back_office)
    back_office.cases.record_agency_response(reference, number=1, response=AgencyResponseKind.DECLINED,
                                             responded_on=date(2026, 10, 13), actor=OFFICER,
                                             reason="No system to link reports.")
    back_office.cases.request_secondary_review(reference, requested_on=date(2026, 10, 14),
                                               grounds="The police declined.", actor=OFFICER)
    back_office.cases.hold_secondary_review(reference, held_on=date(2026, 10, 20), panel=("A. Reviewer",),
                                            chair="A. Reviewer", actor=OFFICER)
    back_office.cases.issue_recommendation(reference, agency="Kent Police", text="Appoint a single point of contact.",
                                           issued_on=date(2026, 10, 21), actor=OFFICER)
    back_office.cases.conclude_secondary_review(
        reference, concluded_on=date(2026, 10, 22), outcome=SecondaryReviewOutcome.FURTHER_RECOMMENDATIONS,
        reason="The response needed one contact.", actor=OFFICER)
    return reference


def test_review_to_secondary_review_by_the_configured_body_to_its_outcome_letter(routed: BackOffice):
    route = routed.profile.routes.review
    reference = cases.outcome_sent(routed)
    outcome = text_of(routed, reference, LetterKind.OUTCOME)
    assert f"a secondary review by {route.body}, within {route.window} working days" in outcome
    window = deadline(routed, reference, Step.SECONDARY_REVIEW_WINDOW)
    assert window.due_on == working_days_after(routed, date(2026, 10, 12), route.window)

    reference = secondary_concluded(routed)

    email = body_email(routed, reference, Step.SECONDARY_REVIEW)
    assert email.to == (route.email,)
    assert route.body in email.body
    answer = deadline(routed, reference, Step.SECONDARY_REVIEW)
    assert answer.due_on == working_days_after(routed, date(2026, 10, 14), route.answer_within)
    assert answer.met_on == date(2026, 10, 22)
    letter = text_of(routed, reference, LetterKind.SECONDARY_REVIEW_OUTCOME)
    assert f"It was carried out by {route.body}, who concluded it on 22 October 2026" in letter
    assert f"The reasons given by {route.body}" in letter
    assert "What the secondary review recommended" in letter
    assert "Appoint a single point of contact." in letter
    assert "Link the reports." not in letter  # the panel's own (declined) recommendation is not the review's


def test_a_late_secondary_review_request_needs_the_reason_it_is_accepted_late(routed: BackOffice):
    reference = cases.outcome_sent(routed)  # the outcome letter on 12 October; both windows closed by 20 November

    with pytest.raises(SecondaryReviewNotAllowedError, match="window to ask for a secondary review closed"):
        routed.cases.request_secondary_review(reference, requested_on=date(2026, 11, 20), grounds="Late.",
                                              actor=OFFICER)
    routed.cases.request_secondary_review(reference, requested_on=date(2026, 11, 20), grounds="Late.", actor=OFFICER,
                                          late_reason="The letter went to an old address.")

    assert routed.cases.get_case(reference).review.secondary_requested_on == date(2026, 11, 20)


# ------------------------------------------------------------------------------- the two profiles differ
def test_the_two_profiles_letters_name_different_bodies_and_windows(make_back_office: Callable[..., BackOffice]):
    letters = {}
    for name, profile in PROFILES.items():
        back_office = make_back_office(partnership=profile)
        reference = cases.not_met_letter_sent(back_office)
        letters[name] = text_of(back_office, reference, LetterKind.THRESHOLD_DECISION)

    assert "the Community Safety Partnership's appeals panel" in letters["dartford"]
    assert "Kent Police and Crime Commissioner" not in letters["dartford"]
    medway_asks = "Under the Crime and Policing Act 2026 you can ask the Kent Police and Crime Commissioner"
    assert medway_asks in letters["medway"]
    assert "within 15 working days" not in letters["dartford"]
    assert "within 15 working days" in letters["medway"]


def test_the_second_profile_routes_a_decision_to_the_local_policing_body_and_a_review_to_a_named_body():
    medway: PartnershipProfile = PROFILES["medway"]

    assert medway.routes.decision.kind is RouteKind.LOCAL_POLICING_BODY
    assert medway.routes.review.kind is RouteKind.OTHER_BODY
    assert PROFILES["dartford"].routes.decision != medway.routes.decision


def test_a_route_is_a_value_that_refuses_an_impossible_window():
    with pytest.raises(InvalidDetailsError, match="window must be from 1 to 250 working days"):
        EscalationRoute(kind=RouteKind.OTHER_BODY, body="A body", email="a@example.org", window=0, answer_within=5)



def test_a_withdrawn_application_has_its_withdrawal_letter_with_the_date(back_office: BackOffice):
    reference = cases.receive(back_office)
    back_office.cases.withdraw_application(reference, withdrawn_on=date(2026, 9, 3), reason="Moved away.",
                                           actor=OFFICER)

    letter = text_of(back_office, reference, LetterKind.WITHDRAWAL)

    assert f"application {reference}: withdrawn" in letter
    assert "was withdrawn on 3 September 2026" in letter
