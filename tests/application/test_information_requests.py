"""The application passed to all the relevant bodies (s.104(3)(b)), and the request to an agency for its information
sent through the outbox: by email to the body's contact email in the profile (no personal data in the subject), or
as a letter to its postal address, from the profile's wording."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from application.backoffice import BackOffice
from application.errors import BackOfficeError
from application.profile import load_profile
from domain.email import Email
from domain.errors import AlreadyRecordedError, InvalidDetailsError, LetterNotAvailableError
from domain.ids import email_id
from domain.timescales import Step
from domain.values import LetterChannel, LetterKind
from tests.application import cases
from tests.application.cases import OFFICER

MEDWAY = Path(__file__).parents[2] / "application" / "medway_profile.toml"
ASKED_ON = date(2026, 9, 11)
SENT_ON = date(2026, 9, 11)


def asked(back_office: BackOffice, agency: str = "Kent Police") -> str:
    reference = cases.threshold_met(back_office)
    back_office.cases.request_agency_information(reference, agency=agency, requested_on=ASKED_ON, actor=OFFICER)
    return reference


def test_passing_the_application_on_records_every_relevant_body_and_meets_its_deadline(
        back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    [due] = [d for d in back_office.cases.deadlines(reference) if d.step is Step.RELEVANT_BODIES]
    assert (due.due_on, due.met_on) == (date(2026, 9, 3), None)  # 2 working days from Tuesday 1 September

    back_office.cases.pass_to_relevant_bodies(reference, passed_on=date(2026, 9, 2), actor=OFFICER)

    application = back_office.cases.get_case(reference).application
    assert application.passed_to_bodies == list(back_office.profile.relevant_bodies)
    [met] = [d for d in back_office.cases.deadlines(reference) if d.step is Step.RELEVANT_BODIES]
    assert met.met_on == date(2026, 9, 2)
    with pytest.raises(AlreadyRecordedError):
        back_office.cases.pass_to_relevant_bodies(reference, passed_on=date(2026, 9, 2), actor=OFFICER)


def test_the_passing_on_target_is_the_profiles(make_back_office) -> None:  # type: ignore[no-untyped-def]
    medway = make_back_office(partnership=load_profile(MEDWAY))
    reference = cases.receive(medway)

    [due] = [d for d in medway.cases.deadlines(reference) if d.step is Step.RELEVANT_BODIES]

    assert due.due_on == date(2026, 9, 4)  # Medway gives 3 working days


def test_an_emailed_request_is_queued_to_the_bodys_email_with_no_personal_data_in_its_subject(
        back_office: BackOffice) -> None:
    reference = asked(back_office)

    back_office.cases.send_letter(reference, LetterKind.INFORMATION_REQUEST, "Kent Police",
                                  channel=LetterChannel.EMAIL, sent_on=SENT_ON, actor=OFFICER)

    email = back_office.outbox.email_by_key(f"information-request/{reference}/Kent Police/{SENT_ON}")
    assert isinstance(email, Email)
    assert email.to == ("dartford.csu@kent.police.uk",)
    assert reference in email.subject
    for personal in ("Ann Smith", "High Street", "noise"):  # the partnership is named, not the case
        assert personal not in email.subject
    assert "Dear colleague," in email.body
    assert "needs the information\nKent Police holds" not in email.body  # paragraphs are joined, not wrapped
    assert "Kent Police holds about the anti-social behaviour reported" in email.body
    assert "by 25 September 2026" in email.body  # the request's due date: 10 working days after 11 September
    statuses = back_office.cases.letter_statuses(reference)
    assert statuses[(LetterKind.INFORMATION_REQUEST, "Kent Police")].channel is LetterChannel.EMAIL


def test_a_request_by_post_renders_with_the_agencys_postal_address_and_queues_no_email(
        back_office: BackOffice) -> None:
    reference = asked(back_office)

    html = back_office.cases.render_letter(reference, LetterKind.INFORMATION_REQUEST, "Kent Police").html
    back_office.cases.send_letter(reference, LetterKind.INFORMATION_REQUEST, "Kent Police",
                                  channel=LetterChannel.POST, sent_on=SENT_ON, actor=OFFICER)

    assert "Sutton Road" in html
    assert "ME15 9BZ" in html
    assert "request for information from Kent Police" in html
    with pytest.raises(BackOfficeError, match="no email"):
        back_office.outbox.email(email_id(f"information-request/{reference}/Kent Police/{SENT_ON}"))


def test_the_request_letters_wording_comes_from_the_profile(make_back_office) -> None:  # type: ignore[no-untyped-def]
    medway = make_back_office(partnership=load_profile(MEDWAY))
    reference = asked(medway, agency="Kent Police")

    html = medway.cases.render_letter(reference, LetterKind.INFORMATION_REQUEST, "Kent Police").html

    assert "Medway ASB case review" in html
    assert "ASB case review co-ordinator" in html


def test_the_request_goes_only_to_an_agency_that_was_asked(back_office: BackOffice) -> None:
    reference = asked(back_office)

    with pytest.raises(LetterNotAvailableError, match="Moat Homes was not asked"):
        back_office.cases.render_letter(reference, LetterKind.INFORMATION_REQUEST, "Moat Homes")
    assert [(a.kind, a.recipient) for a in back_office.cases.letters_available(reference)
            if a.kind is LetterKind.INFORMATION_REQUEST] == [(LetterKind.INFORMATION_REQUEST, "Kent Police")]


def test_an_email_to_an_agency_without_an_email_in_the_profile_is_refused(back_office: BackOffice) -> None:
    reference = asked(back_office, agency="Sevenoaks Mediation")

    with pytest.raises(InvalidDetailsError, match="no contact email for Sevenoaks Mediation"):
        back_office.cases.send_letter(reference, LetterKind.INFORMATION_REQUEST, "Sevenoaks Mediation",
                                      channel=LetterChannel.EMAIL, sent_on=SENT_ON, actor=OFFICER)
