"""The victims' rules, tested without persistence: several victims each with their own consent and its
withdrawal, the kinds of victim, consent withdrawn stopping sharing with a new agency, the panel invitation or
the reason for not inviting, the victim's chosen involvement, the action plan's consultation, and a panel held
before its scheduled date (docs/VICTIMS.md)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.actions import Circumstances, Command, available_actions
from domain.application import Application
from domain.case_review import CaseReview
from domain.errors import (
    AlreadyRecordedError,
    ConsentRequiredError,
    ConsentWithdrawnError,
    InvalidDetailsError,
    OutOfOrderError,
    PanelNotHeldError,
    UnknownItemError,
    VictimInvolvementError,
)
from domain.personal import Narrative, Person
from domain.profile import CaseLimits
from domain.threshold import ThresholdPolicy
from domain.values import Applicant, Channel, ConsentKind, Problem
from domain.victims import (
    ActionPlan,
    ConsentMethod,
    ConsentRecord,
    InvolvementLevel,
    MeetingFormat,
    ShareMethod,
    VictimDetails,
    VictimKind,
)
from tests.domain import test_application_rules as applications
from tests.domain import test_case_review_rules as reviews
from tests.domain.aggregates import assert_refused, event_names

TODAY = date(2026, 7, 31)
ACTOR = "officer.jones"
GIVEN = Circumstances(ThresholdPolicy(), CaseLimits(), TODAY, None)


def two_households() -> Application:
    """Applied for by a councillor on behalf of a household and a shop."""
    applicant = Applicant(
        Person("p-9", "Cllr Ann Lee"), on_behalf_of_victim=True, relationship="ward councillor",
        victims=(Person("p-1", "Sam Taylor"), Person("p-2", "Priya Shah")),
        victim_details=(VictimDetails(), VictimDetails(VictimKind.BUSINESS, "Elm Road Stores")))
    application = Application.receive(reference="CT-2026-0001", channel=Channel.PHONE, received_on=date(2026, 3, 2),
                                      applicant=applicant, problem=Problem("noise", "Elm Road"), actor=ACTOR,
                                      today=TODAY)
    application.acknowledge(acknowledged_on=date(2026, 3, 3), actor=ACTOR, today=TODAY)
    return application


def consent(application: Application, kind: ConsentKind, victim: int, on: date = date(2026, 3, 4)) -> None:
    application.give_consent(kind=kind, victim=victim, given_on=on, given_by=Narrative("p", "in writing"),
                             method=ConsentMethod.WRITTEN, actor=ACTOR, today=TODAY)


def withdraw(application: Application, kind: ConsentKind, victim: int, on: date = date(2026, 4, 22)) -> None:
    application.withdraw_consent(kind=kind, victim=victim, withdrawn_on=on, reason="Does not want it shared.",
                                 method=ConsentMethod.VERBAL, actor=ACTOR, today=TODAY)


# ------------------------------------------------------------------------------ victims and kinds
def test_a_business_victim_is_named_by_its_organisation_and_its_contact() -> None:
    application = two_households()

    assert application.applicant.victim_name(1) == "Sam Taylor"
    assert application.applicant.victim_name(2) == "Elm Road Stores (contact: Priya Shah)"
    assert application.applicant.victim_kind(2).kind is VictimKind.BUSINESS


def test_a_business_or_community_group_needs_its_name_and_an_individual_has_none() -> None:
    with pytest.raises(InvalidDetailsError, match=r"Enter the name of the community group\."):
        VictimDetails(VictimKind.COMMUNITY_GROUP)
    with pytest.raises(InvalidDetailsError, match=r"An individual victim has no organisation name"):
        VictimDetails(VictimKind.INDIVIDUAL, "Elm Road Stores")


def test_a_business_victim_has_no_date_of_birth() -> None:
    with pytest.raises(InvalidDetailsError, match="A business has no date of birth"):
        Applicant(Person("p-9", "Cllr Ann Lee"), on_behalf_of_victim=True, relationship="councillor",
                  victims=(Person("p-2", "Priya Shah", date_of_birth=date(1980, 1, 1)),),
                  victim_details=(VictimDetails(VictimKind.BUSINESS, "Elm Road Stores"),))


# ---------------------------------------------------------------------------------- consent
def test_each_victim_gives_their_own_consent_with_how_and_when() -> None:
    application = two_households()

    consent(application, ConsentKind.VICTIM_CONSENT, 1)
    consent(application, ConsentKind.VICTIM_CONSENT, 2, on=date(2026, 3, 5))

    assert application.consent_records == [
        ConsentRecord(ConsentKind.VICTIM_CONSENT, 1, date(2026, 3, 4), ConsentMethod.WRITTEN),
        ConsentRecord(ConsentKind.VICTIM_CONSENT, 2, date(2026, 3, 5), ConsentMethod.WRITTEN),
    ]
    assert application.consents == {ConsentKind.VICTIM_CONSENT: date(2026, 3, 4)}


def test_with_several_victims_the_consent_must_say_whose_it_is() -> None:
    application = two_households()

    assert_refused(application, InvalidDetailsError, lambda: application.give_consent(
        kind=ConsentKind.VICTIM_CONSENT, given_on=date(2026, 3, 4), given_by=Narrative("p", "Sam"), actor=ACTOR,
        today=TODAY), "Choose which victim gave consent", "2 victims")
    assert_refused(application, UnknownItemError, lambda: consent(application, ConsentKind.VICTIM_CONSENT, 3),
                   "has no victim 3")


def test_the_threshold_waits_for_every_victims_consent_naming_who_has_not_given_it() -> None:
    application = two_households()
    consent(application, ConsentKind.VICTIM_CONSENT, 1)
    consent(application, ConsentKind.SHARE_WITH_AGENCIES, 1)

    assert_refused(application, ConsentRequiredError, lambda: applications.decide_met(application),
                   "still needed from Elm Road Stores (contact: Priya Shah)")


def test_a_withdrawal_is_kept_with_its_date_and_how_and_the_consent_no_longer_counts() -> None:
    application = two_households()
    consent(application, ConsentKind.VICTIM_CONSENT, 1)
    consent(application, ConsentKind.VICTIM_CONSENT, 2)

    withdraw(application, ConsentKind.VICTIM_CONSENT, 2)

    assert application.consent_records[1] == ConsentRecord(
        ConsentKind.VICTIM_CONSENT, 2, date(2026, 3, 4), ConsentMethod.WRITTEN, date(2026, 4, 22), ConsentMethod.VERBAL)
    assert application.consent_in_force(ConsentKind.VICTIM_CONSENT, 2) is None
    assert application.consent_in_force(ConsentKind.VICTIM_CONSENT, 1) is not None
    assert event_names(application)[-1] == "ConsentWithdrawn"


def test_a_consent_cannot_be_withdrawn_before_it_was_given() -> None:
    application = two_households()
    consent(application, ConsentKind.VICTIM_CONSENT, 1)

    assert_refused(application, OutOfOrderError,
                   lambda: withdraw(application, ConsentKind.VICTIM_CONSENT, 1, on=date(2026, 3, 3)),
                   "the date it was given")


def referred_with_consents() -> Application:
    application = two_households()
    for victim in (1, 2):
        consent(application, ConsentKind.VICTIM_CONSENT, victim)
        consent(application, ConsentKind.SHARE_WITH_AGENCIES, victim)
    applications.decide_met(application)
    return application


def test_consent_withdrawn_after_the_review_opened_refuses_sharing_with_a_new_agency_naming_who_and_when() -> None:
    application = referred_with_consents()
    withdraw(application, ConsentKind.SHARE_WITH_AGENCIES, 2)

    with pytest.raises(ConsentWithdrawnError) as refused:
        application.check_can_share_with_new_agency()

    assert str(refused.value).startswith(
        "Elm Road Stores (contact: Priya Shah) withdrew consent to share information with the agencies on "
        "22 April 2026")


def test_consent_withdrawn_stops_the_case_offering_a_new_information_request() -> None:
    application = referred_with_consents()
    review = reviews.opened()
    assert Command.REQUEST_AGENCY_INFORMATION in {a.command for a in available_actions(application, review, GIVEN)}

    withdraw(application, ConsentKind.SHARE_WITH_AGENCIES, 2)

    assert Command.REQUEST_AGENCY_INFORMATION not in {a.command for a in available_actions(application, review, GIVEN)}


def test_consent_given_again_lets_information_be_shared_again() -> None:
    application = referred_with_consents()
    withdraw(application, ConsentKind.SHARE_WITH_AGENCIES, 2)

    consent(application, ConsentKind.SHARE_WITH_AGENCIES, 2, on=date(2026, 4, 29))

    application.check_can_share_with_new_agency()  # passes
    assert application.consent_withdrawn is None


# ----------------------------------------------------------------------- involvement and invitation
def test_the_victim_chooses_a_level_of_involvement_and_may_change_it() -> None:
    review = reviews.opened()

    review.choose_involvement(level=InvolvementLevel.VIEWS_IN_WRITING, chosen_on=date(2026, 4, 22), actor=ACTOR,
                              today=TODAY)
    review.choose_involvement(level=InvolvementLevel.ATTEND_MEETING, chosen_on=date(2026, 4, 28), actor=ACTOR,
                              today=TODAY)

    assert (review.involvement, review.involvement_chosen_on) == (InvolvementLevel.ATTEND_MEETING, date(2026, 4, 28))
    assert_refused(review, AlreadyRecordedError, lambda: review.choose_involvement(
        level=InvolvementLevel.ATTEND_MEETING, chosen_on=date(2026, 4, 29), actor=ACTOR, today=TODAY),
        "already: attends the review meeting")


def test_the_invitation_says_whether_the_victim_attends_in_person_or_virtually() -> None:
    review = reviews.scheduled()

    assert_refused(review, InvalidDetailsError, lambda: review.invite_victim(
        invited_on=date(2026, 4, 23), method="letter", actor=ACTOR, today=TODAY), "in person or virtually")
    review.invite_victim(invited_on=date(2026, 4, 23), method="letter", format=MeetingFormat.VIRTUAL, actor=ACTOR,
                         today=TODAY)

    assert (review.victim_invited_on, review.invitation_format) == (date(2026, 4, 23), MeetingFormat.VIRTUAL)


def test_the_panel_is_refused_until_the_victim_is_invited_or_the_reason_not_to_is_recorded() -> None:
    review = reviews.scheduled()

    assert_refused(review, VictimInvolvementError, lambda: reviews.hold_panel(review),
                   "Invite the victim to the panel", "or record why they are not invited")
    review.decide_not_to_invite_victim(decided_on=date(2026, 4, 23), reason="She asked to be kept informed only.",
                                       actor=ACTOR, today=TODAY)
    reviews.hold_panel(review)

    assert review.panel_held_on == reviews.PANEL_DAY
    assert review.not_invited_reason == "She asked to be kept informed only."


def test_the_reason_for_not_inviting_the_victim_cannot_be_blank_and_excludes_an_invitation() -> None:
    review = reviews.scheduled()

    assert_refused(review, InvalidDetailsError, lambda: review.decide_not_to_invite_victim(
        decided_on=date(2026, 4, 23), reason="  ", actor=ACTOR, today=TODAY), "why the victim is not invited")
    review.decide_not_to_invite_victim(decided_on=date(2026, 4, 23), reason="Kept informed by choice.", actor=ACTOR,
                                       today=TODAY)
    assert_refused(review, AlreadyRecordedError, lambda: review.invite_victim(
        invited_on=date(2026, 4, 24), method="letter", format=MeetingFormat.IN_PERSON, actor=ACTOR, today=TODAY),
        "not invited")


# ------------------------------------------------------------------------------ panel held early
def test_a_panel_held_before_its_scheduled_date_needs_the_reason() -> None:
    review = reviews.victim_not_invited(reviews.scheduled())
    early = date(2026, 5, 12)

    assert_refused(review, InvalidDetailsError, lambda: reviews.hold_panel(review, held_on=early),
                   "scheduled for 19 May 2026", "why it was held earlier, on 12 May 2026")
    review.hold_panel(held_on=early, attendees=("Kent Police",), victim_attended=False,
                      findings=Narrative("p-1", "Not linked."), actor=ACTOR, today=TODAY,
                      early_reason="Brought forward: the chair is away on 19 May.")

    assert (review.panel_held_on, review.early_reason) == (early, "Brought forward: the chair is away on 19 May.")


def test_a_panel_held_on_its_scheduled_date_keeps_no_early_reason() -> None:
    review = reviews.victim_not_invited(reviews.scheduled())

    review.hold_panel(held_on=reviews.PANEL_DAY, attendees=("Kent Police",), victim_attended=False,
                      findings=Narrative("p-1", "Not linked."), actor=ACTOR, today=TODAY, early_reason="ignored")

    assert review.early_reason == ""


# -------------------------------------------------------------------------------- action plan
def drafted() -> CaseReview:
    review = reviews.panel_held()
    review.draft_action_plan(drafted_on=date(2026, 5, 20), plan=Narrative("p-1", "Police patrols; noise diary."),
                             actor=ACTOR, today=TODAY)
    return review


def offered(review: CaseReview) -> set[Command]:
    return {a.command for a in available_actions(applications.received(), review, GIVEN)}


def test_the_action_plan_is_drafted_after_the_panel() -> None:
    review = reviews.victim_not_invited(reviews.scheduled())

    assert_refused(review, PanelNotHeldError, lambda: review.draft_action_plan(
        drafted_on=date(2026, 5, 20), plan=Narrative("p-1", "Patrols."), actor=ACTOR, today=TODAY),
        "after the review panel has been held")
    assert Command.DRAFT_ACTION_PLAN not in offered(review)


def test_the_action_plan_is_drafted_shared_answered_and_finalised_in_that_order() -> None:
    review = drafted()
    assert offered(review) & {Command.SHARE_ACTION_PLAN, Command.FINALISE_ACTION_PLAN} == {
        Command.SHARE_ACTION_PLAN, Command.FINALISE_ACTION_PLAN}
    assert Command.RECORD_ACTION_PLAN_RESPONSE not in offered(review)

    review.share_action_plan(shared_on=date(2026, 5, 21), how=ShareMethod.EMAIL, actor=ACTOR, today=TODAY)
    assert Command.RECORD_ACTION_PLAN_RESPONSE in offered(review)
    review.record_action_plan_response(responded_on=date(2026, 5, 26), response=Narrative("p-1", "Add CCTV."),
                                       actor=ACTOR, today=TODAY)
    review.finalise_action_plan(finalised_on=date(2026, 5, 27), actor=ACTOR, today=TODAY)

    assert review.action_plan == ActionPlan(date(2026, 5, 20), date(2026, 5, 21), ShareMethod.EMAIL,
                                            date(2026, 5, 26), date(2026, 5, 27))
    assert not offered(review) & {Command.DRAFT_ACTION_PLAN, Command.SHARE_ACTION_PLAN,
                                  Command.RECORD_ACTION_PLAN_RESPONSE, Command.FINALISE_ACTION_PLAN}
    assert event_names(review)[-4:] == ["ActionPlanDrafted", "ActionPlanShared", "ActionPlanResponseReceived",
                                        "ActionPlanFinalised"]


def test_finalising_without_the_victims_response_needs_the_reason() -> None:
    review = drafted()
    review.share_action_plan(shared_on=date(2026, 5, 21), how=ShareMethod.LETTER, actor=ACTOR, today=TODAY)

    assert_refused(review, VictimInvolvementError, lambda: review.finalise_action_plan(
        finalised_on=date(2026, 6, 5), actor=ACTOR, today=TODAY),
        "record their response, or why the plan is finalised without it")
    review.finalise_action_plan(finalised_on=date(2026, 6, 5), actor=ACTOR, today=TODAY,
                                without_consultation="No reply after two letters and a call.")

    assert review.action_plan is not None
    assert review.action_plan.finalised_without_consultation == "No reply after two letters and a call."
    assert not review.action_plan.consulted


def test_the_response_is_recorded_only_after_the_plan_was_shared_and_not_before_that_date() -> None:
    review = drafted()

    assert_refused(review, OutOfOrderError, lambda: review.record_action_plan_response(
        responded_on=date(2026, 5, 26), response=Narrative("p-1", "Fine."), actor=ACTOR, today=TODAY),
        "Share the draft action plan with the victim")
    review.share_action_plan(shared_on=date(2026, 5, 21), how=ShareMethod.PHONE, actor=ACTOR, today=TODAY)
    assert_refused(review, OutOfOrderError, lambda: review.record_action_plan_response(
        responded_on=date(2026, 5, 20), response=Narrative("p-1", "Fine."), actor=ACTOR, today=TODAY),
        "the date the plan was shared")
