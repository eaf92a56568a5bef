"""The applicant is told when the actions are completed: the "actions completed" letter is reached once every
recommendation is completed or declined (and at least one completed), names what became of each, takes its
wording from the profile, and producing and sending it is recorded."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from application.backoffice import BackOffice
from domain.errors import LetterNotAvailableError
from domain.values import AgencyResponseKind, LetterChannel, LetterKind
from tests.application import cases
from tests.application.cases import OFFICER


def two_recommendations(back_office: BackOffice) -> str:
    reference = cases.outcome_sent(back_office)  # recommendation 1 to Kent Police
    back_office.cases.request_secondary_review(reference, requested_on=date(2026, 10, 20), grounds="More needed.",
                                               actor=OFFICER)
    back_office.cases.hold_secondary_review(reference, held_on=date(2026, 10, 26), panel=("A. Brown",), chair="PCC",
                                            actor=OFFICER)
    back_office.cases.issue_recommendation(reference, agency="Moat Homes", text="Fit a door entry system.",
                                           issued_on=date(2026, 10, 27), actor=OFFICER)
    return reference


def test_the_letter_is_not_reached_while_a_recommendation_is_open(back_office: BackOffice) -> None:
    reference = two_recommendations(back_office)
    back_office.cases.record_agency_response(reference, number=1, response=AgencyResponseKind.COMPLETED,
                                             responded_on=date(2026, 11, 2), actor=OFFICER)

    kinds = [letter.kind for letter in back_office.cases.letters_available(reference)]

    assert LetterKind.ACTIONS_COMPLETED not in kinds
    with pytest.raises(LetterNotAvailableError, match="completed or declined"):
        back_office.cases.produce_letter(reference, LetterKind.ACTIONS_COMPLETED, actor=OFFICER)


def test_once_every_recommendation_is_completed_or_declined_the_applicant_is_told_what_became_of_each(
        back_office: BackOffice) -> None:
    reference = two_recommendations(back_office)
    back_office.cases.record_agency_response(reference, number=1, response=AgencyResponseKind.COMPLETED,
                                             responded_on=date(2026, 11, 2), actor=OFFICER)
    back_office.cases.record_agency_response(reference, number=2, response=AgencyResponseKind.DECLINED,
                                             responded_on=date(2026, 11, 5), reason="The block is being sold.",
                                             actor=OFFICER)

    produced = back_office.cases.produce_letter(reference, LetterKind.ACTIONS_COMPLETED, actor=OFFICER)
    back_office.cases.send_letter(reference, LetterKind.ACTIONS_COMPLETED, channel=LetterChannel.POST,
                                  sent_on=date(2026, 11, 6), actor=OFFICER)

    html = produced.letter.html
    assert "the actions are completed" in html
    assert "The last of them reported on 5 November 2026." in html
    assert "Link the reports.\n    (completed on 2 November 2026)" in html
    assert "Fit a door entry system.\n    (declined on 5 November 2026)" in html
    events = [entry.event for entry in back_office.cases.history(reference) if entry.record == "CaseFile"]
    assert events[-2:] == ["LetterProduced", "LetterSent"]


def test_the_letters_wording_comes_from_the_profile(make_back_office, profile) -> None:  # type: ignore[no-untyped-def]
    texts = {**profile.letters.texts, "actions_completed": {
        **profile.letters.texts["actions_completed"], "body": "Everything the panel asked for is now done."}}
    other = make_back_office(partnership=dataclasses.replace(
        profile, letters=dataclasses.replace(profile.letters, texts=texts)))
    reference = cases.outcome_sent(other)
    other.cases.record_agency_response(reference, number=1, response=AgencyResponseKind.COMPLETED,
                                       responded_on=date(2026, 11, 2), actor=OFFICER)

    html = other.cases.render_letter(reference, LetterKind.ACTIONS_COMPLETED).html

    assert "Everything the panel asked for is now done." in html
    assert "The last of them reported on" not in html
