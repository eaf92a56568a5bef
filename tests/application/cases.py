"""Builders that take a case to a given point of the process through BackOffice."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import date, timedelta
from unittest.mock import patch

from application.backoffice import BackOffice
from domain.personal import Person
from domain.user import Role
from domain.values import Applicant, Channel, ConsentKind, LetterChannel, Problem

RECEIVED = date(2026, 9, 1)
OFFICER = "j.okafor"


def receive(back_office: BackOffice, *, on_behalf: bool = False, received_on: date = RECEIVED) -> str:
    applicant = (
        Applicant(Person("p-2", "Raj Patel"), on_behalf_of_victim=True, relationship="councillor",
                  victims=(Person("p-1", "Ann Smith", address="12 High Street, Dartford"),))
        if on_behalf
        else Applicant(Person("p-1", "Ann Smith", address="12 High Street, Dartford"))
    )
    return back_office.cases.receive_application(
        channel=Channel.ONLINE, received_on=received_on, applicant=applicant,
        problem=Problem("noise", "High Street, Dartford"), actor="public",
    ).reference


def register_officer(back_office: BackOffice, username: str = OFFICER, role: Role = Role.OFFICER) -> str:
    """A user a case may be assigned to (an enabled officer, by default); registered once."""
    if any(account.username == username for account in back_office.accounts.list_accounts()):
        return username
    back_office.accounts.register_user(username, display_name=username.title(), email=f"{username}@dartford.gov.uk",
                                       roles=[role], password="a long enough passphrase", actor="setup")
    return username


def log_qualifying_incidents(back_office: BackOffice, reference: str, count: int = 3) -> None:
    for months_before in range(count, 0, -1):
        happened = RECEIVED - timedelta(days=30 * months_before)
        back_office.cases.log_incident(reference, happened_on=happened, reported_on=happened + timedelta(days=1),
                                       agency="Kent Police", agency_reference=f"KP-{months_before}",
                                       description="Loud music until 3am", actor=OFFICER)


def ready_for_decision(back_office: BackOffice, *, incidents: int = 3, on_behalf: bool = False) -> str:
    reference = receive(back_office, on_behalf=on_behalf)
    log_qualifying_incidents(back_office, reference, incidents)
    if on_behalf:
        back_office.cases.give_consent(reference, kind=ConsentKind.VICTIM_CONSENT, given_on=RECEIVED,
                                       given_by="Ann Smith", actor=OFFICER)
    back_office.cases.give_consent(reference, kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=RECEIVED,
                                   given_by="Ann Smith", actor=OFFICER)
    back_office.cases.acknowledge(reference, acknowledged_on=date(2026, 9, 2), actor=OFFICER)
    return reference


def threshold_met(back_office: BackOffice) -> str:
    reference = ready_for_decision(back_office)
    back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                           unverified_reason="Decided on the incidents as logged.")
    back_office.cases.send_decision_letter(reference, sent_on=date(2026, 9, 10), channel=LetterChannel.EMAIL,
                                           actor=OFFICER)
    return reference


def not_met_letter_sent(back_office: BackOffice) -> str:
    reference = ready_for_decision(back_office, incidents=2)
    back_office.cases.decide_threshold_not_met(
        reference, decided_on=date(2026, 9, 10), reason="Two qualifying incidents; the policy needs three.",
        alternative_action="Referred to the neighbourhood policing team.", actor=OFFICER,
        unverified_reason="Decided on the incidents as logged.")
    back_office.cases.send_decision_letter(reference, sent_on=date(2026, 9, 10), channel=LetterChannel.POST,
                                           actor=OFFICER)
    return reference


def panel_scheduled(back_office: BackOffice) -> str:
    reference = threshold_met(back_office)
    back_office.cases.schedule_panel(reference, panel_date=date(2026, 10, 5), chair="Dr Jane Holt",
                                     independent_chair=True, members=("Kent Police", "Moat Homes"),
                                     scheduled_on=date(2026, 9, 14), actor=OFFICER)
    return reference


def panel_held(back_office: BackOffice) -> str:
    reference = panel_scheduled(back_office)
    back_office.cases.decide_not_to_invite_victim(reference, decided_on=date(2026, 9, 15),
                                                 reason="She chose to be kept informed.", actor=OFFICER)
    back_office.cases.hold_panel(reference, held_on=date(2026, 10, 5), attendees=("Dr Jane Holt", "Kent Police"),
                                 victim_attended=True, findings="Reports were not linked.", actor=OFFICER)
    return reference


def outcome_sent(back_office: BackOffice) -> str:
    reference = panel_held(back_office)
    back_office.cases.issue_recommendation(reference, agency="Kent Police", text="Link the reports.",
                                           issued_on=date(2026, 10, 6), actor=OFFICER)
    back_office.cases.send_outcome_letter(reference, sent_on=date(2026, 10, 12), channel=LetterChannel.POST,
                                          actor=OFFICER)
    return reference


STORED_BEFORE_THE_CHECKS = "Loud\x00music\x1b[2J\x07 [/red] \u202eevil\x9b end"
"""Free text as it might have been stored before control characters were refused: NUL (which PostgreSQL text
cannot hold), a terminal escape that clears the screen, BEL, a closing tag rich would act on, a right-to-left
override and a C1 control."""


def stored_with_control_characters(back_office: BackOffice) -> str:
    """A case whose events hold control characters, recorded with the checks switched off (as events stored
    before they existed): in the applicant's name, the problem, the receiving officer, an incident and the
    reason for the threshold decision."""
    with ExitStack() as checks_off:
        for check in ("domain.personal.check_text", "domain.values.check_text", "domain.application.check_text",
                      "application.core.check_stored"):
            checks_off.enter_context(patch(check))
        reference = back_office.cases.receive_application(
            channel=Channel.PHONE, received_on=RECEIVED,
            applicant=Applicant(Person("p-1", "Ann\x00Smith\x1b]0;owned\x07", address="12 High\x00 Street")),
            problem=Problem("noise\x1b[31m", "High Street\x00, Dartford"), actor="j.okafor\x1b[2J",
        ).reference
        log_qualifying_incidents(back_office, reference)
        back_office.cases.log_incident(reference, happened_on=RECEIVED - timedelta(days=10), reported_on=RECEIVED,
                                       agency="Kent Police", agency_reference="KP\x00-9", actor=OFFICER,
                                       description=STORED_BEFORE_THE_CHECKS)
        back_office.cases.give_consent(reference, kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=RECEIVED,
                                       given_by="Ann\x00Smith", actor=OFFICER)
        back_office.cases.acknowledge(reference, acknowledged_on=date(2026, 9, 2), actor=OFFICER)
        back_office.cases.decide_threshold_met(reference, decided_on=date(2026, 9, 10), actor=OFFICER,
                                               reason=STORED_BEFORE_THE_CHECKS,
                                               unverified_reason="Decided on the incidents as logged.")
    return reference
