"""The victims' use cases through the back office and the event store: an application for two households, each
victim's consent and its withdrawal after the review opened (refusing a new agency request), the victim's chosen
involvement, the invitation or the reason not to invite, and the action plan consulted on and finalised."""

from __future__ import annotations

from datetime import date

import pytest

from application.backoffice import BackOffice
from application.inputs import intake as inputs
from application.inputs import load
from domain.actions import Command
from domain.errors import ConsentRequiredError, ConsentWithdrawnError, VictimInvolvementError
from domain.personal import Person
from domain.values import Applicant, Channel, ConsentKind, LetterChannel, Problem
from domain.victims import (
    ActionPlan,
    ConsentMethod,
    InvolvementLevel,
    MeetingFormat,
    ShareMethod,
    VictimDetails,
    VictimKind,
)
from tests.application.cases import OFFICER, RECEIVED, log_qualifying_incidents

PANEL = date(2026, 10, 5)


def two_victims(back_office: BackOffice) -> str:
    applicant = Applicant(Person("p-9", "Cllr Raj Patel"), on_behalf_of_victim=True, relationship="councillor",
                          victims=(Person("p-1", "Ann Smith"), Person("p-2", "Dev Rao")),
                          victim_details=(VictimDetails(),
                                          VictimDetails(VictimKind.COMMUNITY_GROUP, "Elm Road Allotments")))
    reference = back_office.cases.receive_application(channel=Channel.PHONE, received_on=RECEIVED, applicant=applicant,
                                                      problem=Problem("noise", "Elm Road"), actor=OFFICER).reference
    log_qualifying_incidents(back_office, reference)
    for victim in (1, 2):
        for kind in ConsentKind:
            back_office.cases.give_consent(reference, kind=kind, victim=victim, given_on=RECEIVED,
                                           given_by="in writing", method=ConsentMethod.WRITTEN, actor=OFFICER)
    back_office.cases.acknowledge(reference, acknowledged_on=date(2026, 9, 2), actor=OFFICER)
    return reference


def referred(back_office: BackOffice) -> str:
    reference = two_victims(back_office)
    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                           unverified_reason="Decided on the incidents as logged.")
    back_office.cases.send_decision_letter(reference, sent_on=date(2026, 9, 10), channel=LetterChannel.EMAIL,
                                           actor=OFFICER)
    back_office.cases.request_agency_information(reference, agency="Kent Police", requested_on=date(2026, 9, 11),
                                                 actor=OFFICER)
    return reference


def scheduled(back_office: BackOffice) -> str:
    reference = referred(back_office)
    back_office.cases.schedule_panel(reference, panel_date=PANEL, chair="Dr Jane Holt", independent_chair=True,
                                     members=("Kent Police",), scheduled_on=date(2026, 9, 14), actor=OFFICER)
    return reference


def held(back_office: BackOffice) -> str:
    reference = scheduled(back_office)
    back_office.cases.invite_victim(reference, invited_on=date(2026, 9, 15), method="letter",
                                    format=MeetingFormat.VIRTUAL, actor=OFFICER)
    back_office.cases.hold_panel(reference, held_on=PANEL, attendees=("Dr Jane Holt", "Ann Smith"),
                                 victim_attended=True, findings="Reports were not linked.", actor=OFFICER)
    return reference


def offered(back_office: BackOffice, reference: str) -> set[Command]:
    return {a.command for a in back_office.cases.available_actions(back_office.cases.get_case(reference))}


def test_an_application_for_two_victims_keeps_each_ones_kind_and_consent(back_office: BackOffice):
    reference = two_victims(back_office)

    application = back_office.cases.get_case(reference).application

    assert [application.applicant.victim_name(n) for n in (1, 2)] == [
        "Ann Smith", "Elm Road Allotments (contact: Dev Rao)"]
    assert {(r.kind, r.victim, r.method) for r in application.consent_records} == {
        (kind, victim, ConsentMethod.WRITTEN) for kind in ConsentKind for victim in (1, 2)}


def test_the_shared_input_loads_two_victims_with_their_kinds():
    given = load(inputs.ReceiveApplication, {
        "channel": "phone", "received_on": "2026-09-01",
        "applicant": {"person": {"name": "Cllr Raj Patel"}, "on_behalf_of_victim": True, "relationship": "councillor",
                      "victims": [{"name": "Ann Smith"}, {"name": "Priya Shah"}],
                      "victim_details": [{"kind": "individual"}, {"kind": "business", "organisation": "Elm Stores"}]},
        "problem": {"kind": "noise", "location": "Elm Road"}})

    applicant: Applicant = given["applicant"]
    assert [p.name for p in applicant.victims] == ["Ann Smith", "Priya Shah"]
    assert applicant.victim_details == (VictimDetails(), VictimDetails(VictimKind.BUSINESS, "Elm Stores"))


def test_the_shared_input_refuses_a_business_without_its_name_at_the_field():
    from marshmallow import ValidationError

    with pytest.raises(ValidationError) as refused:
        load(inputs.ReceiveApplication, {
            "channel": "phone", "received_on": "2026-09-01",
            "applicant": {"person": {"name": "Priya Shah"}, "victims": [{"name": "Priya Shah"}],
                          "victim_details": [{"kind": "business"}]},
            "problem": {"kind": "noise", "location": "Elm Road"}})

    assert refused.value.messages == {"applicant": {"victim_details": {0: {"organisation": [
        "Enter the name of the business."]}}}}


def test_the_threshold_waits_for_the_second_victims_consent(back_office: BackOffice):
    reference = two_victims(back_office)
    back_office.cases.withdraw_consent(reference, kind=ConsentKind.VICTIM_CONSENT, victim=2,
                                       withdrawn_on=date(2026, 9, 3), reason="The group no longer agrees.",
                                       method=ConsentMethod.WRITTEN, actor=OFFICER)

    with pytest.raises(ConsentRequiredError, match="still needed from Elm Road Allotments"):
        back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                               unverified_reason="Decided on the incidents as logged.")


def test_consent_withdrawn_after_the_review_opened_refuses_a_new_agency_and_keeps_the_one_asked(
    back_office: BackOffice,
):
    reference = referred(back_office)

    back_office.cases.withdraw_consent(reference, kind=ConsentKind.SHARE_WITH_AGENCIES, victim=1,
                                       withdrawn_on=date(2026, 9, 12), reason="She does not want Moat Homes told.",
                                       method=ConsentMethod.VERBAL, actor=OFFICER)

    with pytest.raises(ConsentWithdrawnError, match=r"Ann Smith withdrew consent to share .* on 12 September 2026"):
        back_office.cases.request_agency_information(reference, agency="Moat Homes", requested_on=date(2026, 9, 13),
                                                     actor=OFFICER)
    case = back_office.cases.get_case(reference)
    assert set(case.review.agency_requests) == {"Kent Police"}  # type: ignore[union-attr]
    assert Command.REQUEST_AGENCY_INFORMATION not in offered(back_office, reference)
    back_office.cases.record_agency_information(reference, agency="Kent Police", received_on=date(2026, 9, 14),
                                                summary="Logs.", actor=OFFICER)  # the agency asked still answers


def test_the_victim_chooses_their_involvement(back_office: BackOffice):
    reference = referred(back_office)

    back_office.cases.choose_involvement(reference, level=InvolvementLevel.ATTEND_MEETING,
                                         chosen_on=date(2026, 9, 12), actor=OFFICER)

    review = back_office.cases.get_case(reference).review
    assert (review.involvement, review.involvement_chosen_on) == (  # type: ignore[union-attr]
        InvolvementLevel.ATTEND_MEETING, date(2026, 9, 12))


def test_the_panel_waits_for_the_invitation_or_the_reason_not_to_invite(back_office: BackOffice):
    reference = scheduled(back_office)
    assert Command.HOLD_PANEL not in offered(back_office, reference)

    with pytest.raises(VictimInvolvementError, match="Invite the victim to the panel"):
        back_office.cases.hold_panel(reference, held_on=PANEL, attendees=("Dr Jane Holt",), victim_attended=False,
                                     findings="Not linked.", actor=OFFICER)
    back_office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                                  reason="She chose to give her views in writing.", actor=OFFICER)

    assert Command.HOLD_PANEL in offered(back_office, reference)
    assert back_office.cases.get_case(reference).review.not_invited_reason == (  # type: ignore[union-attr]
        "She chose to give her views in writing.")


def test_the_invitation_records_whether_the_victim_attends_virtually(back_office: BackOffice):
    reference = held(back_office)

    review = back_office.cases.get_case(reference).review

    assert (review.victim_invited_on, review.invitation_format) == (  # type: ignore[union-attr]
        date(2026, 9, 15), MeetingFormat.VIRTUAL)


def test_a_panel_recorded_before_its_scheduled_date_keeps_the_reason(back_office: BackOffice):
    reference = scheduled(back_office)
    back_office.cases.invite_victim(reference, invited_on=date(2026, 9, 15), method="letter",
                                    format=MeetingFormat.IN_PERSON, actor=OFFICER)

    back_office.cases.hold_panel(reference, held_on=date(2026, 10, 1), attendees=("Dr Jane Holt",),
                                 victim_attended=True, findings="Not linked.", actor=OFFICER,
                                 early_reason="Brought forward at the victim's request.")

    review = back_office.cases.get_case(reference).review
    assert review.early_reason == "Brought forward at the victim's request."  # type: ignore[union-attr]


def test_the_action_plan_is_drafted_shared_answered_and_finalised(back_office: BackOffice):
    reference = held(back_office)

    back_office.cases.draft_action_plan(reference, drafted_on=date(2026, 10, 6), plan="Patrols; noise diary.",
                                        actor=OFFICER)
    back_office.cases.share_action_plan(reference, shared_on=date(2026, 10, 7), how=ShareMethod.EMAIL, actor=OFFICER)
    back_office.cases.record_action_plan_response(reference, responded_on=date(2026, 10, 9),
                                                  response="Please add CCTV on the stairs.", actor=OFFICER)
    back_office.cases.finalise_action_plan(reference, finalised_on=date(2026, 10, 12), actor=OFFICER)

    review = back_office.cases.get_case(reference).review
    assert review.action_plan == ActionPlan(  # type: ignore[union-attr]
        date(2026, 10, 6), date(2026, 10, 7), ShareMethod.EMAIL, date(2026, 10, 9), date(2026, 10, 12))
    history = [e.event for e in back_office.cases.history(reference)][-4:]
    assert history == ["ActionPlanDrafted", "ActionPlanShared", "ActionPlanResponseReceived", "ActionPlanFinalised"]


def test_finalising_the_action_plan_without_the_victims_response_keeps_the_reason(back_office: BackOffice):
    reference = held(back_office)
    back_office.cases.draft_action_plan(reference, drafted_on=date(2026, 10, 6), plan="Patrols.", actor=OFFICER)

    with pytest.raises(VictimInvolvementError, match="record their response"):
        back_office.cases.finalise_action_plan(reference, finalised_on=date(2026, 10, 20), actor=OFFICER)
    back_office.cases.finalise_action_plan(reference, finalised_on=date(2026, 10, 20), actor=OFFICER,
                                           without_consultation="The victim asked not to be contacted again.")

    plan = back_office.cases.get_case(reference).review.action_plan  # type: ignore[union-attr]
    assert plan is not None
    assert plan.finalised_without_consultation == "The victim asked not to be contacted again."
