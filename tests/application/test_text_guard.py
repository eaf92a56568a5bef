"""The last guard before an event is written: a command whose free text holds control characters is refused
whichever way it came in, and nothing is recorded; a case goes only to an enabled officer or manager."""

from __future__ import annotations

from datetime import date

import pytest

from application.backoffice import BackOffice
from domain.errors import InvalidDetailsError
from domain.stage import Stage
from domain.user import NotAnOfficerError, Role
from tests.application import cases


@pytest.mark.parametrize("reason", ["Moved\x00 away", "Moved\x1b[2J away", "Moved \u202eaway"])
def test_free_text_with_a_control_character_is_refused_and_nothing_is_recorded(
        back_office: BackOffice, reason: str) -> None:
    reference = cases.receive(back_office)
    before = back_office.event_count()

    with pytest.raises(InvalidDetailsError, match="Reason: remove the control characters"):
        back_office.cases.withdraw_application(reference, withdrawn_on=date(2026, 9, 2), reason=reason,
                                               actor="j.okafor")

    assert back_office.event_count() == before
    assert back_office.cases.get_case(reference).stage is Stage.RECEIVED


def test_a_reason_over_several_lines_is_recorded(back_office: BackOffice) -> None:
    reference = cases.receive(back_office)

    back_office.cases.withdraw_application(reference, withdrawn_on=date(2026, 9, 2),
                                           reason="Moved away.\nNo longer\tneeded.", actor="j.okafor")

    assert back_office.cases.get_case(reference).stage is Stage.WITHDRAWN


@pytest.mark.parametrize(("username", "role", "message"), [
    ("a.contact", Role.AGENCY_CONTACT, "a.contact cannot be given cases"),
    ("an.auditor", Role.AUDITOR, "an.auditor cannot be given cases"),
])
def test_a_case_goes_only_to_an_officer_or_manager(back_office: BackOffice, username: str, role: Role,
                                                   message: str) -> None:
    reference = cases.receive(back_office)
    cases.register_officer(back_office, username, role)
    before = back_office.event_count()

    with pytest.raises(NotAnOfficerError, match=message):
        back_office.cases.assign_officer(reference, officer=username, actor="m.reid")

    assert back_office.event_count() == before


def test_a_case_goes_to_an_enabled_manager_by_their_username_in_any_case(back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    cases.register_officer(back_office, "m.reid", Role.MANAGER)

    back_office.cases.assign_officer(reference, officer=" M.Reid ", actor="m.reid")

    assert back_office.cases.get_case(reference).application.officer == "m.reid"
