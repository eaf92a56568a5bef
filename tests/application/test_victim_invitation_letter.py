"""The victim's invitation to the review panel is a letter from the profile's wording: addressed to the victim (the
first victim named on an application made for them), saying in person or virtually, with the panel's date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from application.backoffice import BackOffice
from application.profile import load_profile
from domain.errors import LetterNotAvailableError
from domain.values import LetterKind
from domain.victims import MeetingFormat
from tests.application import cases
from tests.application.cases import OFFICER

MEDWAY = Path(__file__).parents[2] / "application" / "medway_profile.toml"


def invited(back_office: BackOffice, format: MeetingFormat) -> str:
    reference = cases.panel_scheduled(back_office)  # panel on 5 October 2026
    back_office.cases.invite_victim(reference, invited_on=date(2026, 9, 15), method="letter", format=format,
                                    actor=OFFICER)
    return reference


def test_the_invitation_is_not_reached_before_the_victim_is_invited(back_office: BackOffice) -> None:
    reference = cases.panel_scheduled(back_office)

    with pytest.raises(LetterNotAvailableError, match="Record the victim's invitation"):
        back_office.cases.render_letter(reference, LetterKind.VICTIM_INVITATION)


def test_an_in_person_invitation_names_the_panels_date_and_goes_to_the_victim(back_office: BackOffice) -> None:
    reference = invited(back_office, MeetingFormat.IN_PERSON)

    html = back_office.cases.render_letter(reference, LetterKind.VICTIM_INVITATION).html

    assert "will meet on 5 October 2026" in html
    assert "invited to\nattend in person" in html or "invited to attend in person" in html
    assert "video call" not in html
    assert "Ann Smith" in html
    assert "12 High Street" in html


def test_a_virtual_invitation_says_so_in_the_profiles_wording(make_back_office) -> None:  # type: ignore[no-untyped-def]
    dartford = make_back_office()
    medway = make_back_office(partnership=load_profile(MEDWAY))

    default_html = dartford.cases.render_letter(invited(dartford, MeetingFormat.VIRTUAL),
                                                LetterKind.VICTIM_INVITATION).html
    medway_html = medway.cases.render_letter(invited(medway, MeetingFormat.VIRTUAL), LetterKind.VICTIM_INVITATION).html

    assert "video call" in default_html
    assert "attend in person" not in default_html
    assert "meets online on 5 October 2026" in medway_html
    assert "video call" not in medway_html
