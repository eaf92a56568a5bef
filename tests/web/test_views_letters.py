"""A case's letters: the list of letters reached, producing one to print (LetterProduced with the
officer as actor, then the letter as its own document whose styles the CSP allows), and recording
one as sent (LetterSent), with refusals shown as form errors."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from pypdf import PdfReader

from application.backoffice import BackOffice
from domain.personal import ContactMethod, Person
from domain.values import Applicant, Channel, Problem
from tests.application import cases
from tests.web.conftest import csrf_token, parse
from tests.web.pages import assert_refused_on_field, assert_well_formed


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


def events(back_office: BackOffice, reference: str, name: str) -> list[object]:
    return [e for e in back_office.cases.history(reference) if e.event == name]


def test_the_letters_page_lists_each_letter_the_case_has_reached_with_where_it_is(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    page = parse(officer.get(f"/cases/{reference}/letters"))

    assert page.status == 200
    assert_well_formed(page)
    rows = page.soup.select("table")[0].select("tbody tr")
    assert [row.find("th").get_text(" ", strip=True) for row in rows] == [
        "Acknowledgement to applicant", "Threshold decision to applicant"]
    assert rows[0].find("a")["href"] == f"/cases/{reference}/letters/acknowledgement"
    assert "Sent on 2 September 2026" in rows[0].get_text(" ", strip=True)  # acknowledged as a step
    assert "Sent on 10 September 2026" in rows[1].get_text(" ", strip=True)
    fresh = cases.receive(back_office)
    row = parse(officer.get(f"/cases/{fresh}/letters")).soup.select_one("tbody tr")
    assert "To do Not produced yet" in row.get_text(" ", strip=True)


def test_a_letter_page_offers_produce_print_pdf_and_record_as_sent_dated_today(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    page = parse(officer.get(f"/cases/{reference}/letters/threshold_decision"))

    assert page.status == 200
    assert_well_formed(page)
    assert page.soup.find("input", attrs={"name": "letter", "value": "threshold_decision"}) is not None
    assert page.soup.find("a", href=f"/cases/{reference}/letters/threshold_decision/print") is not None
    assert page.soup.find("a", href=f"/cases/{reference}/letters/threshold_decision/pdf") is not None
    today = back_office.today()
    assert [page.soup.find("input", attrs={"name": f"sent_on-{part}"})["value"] for part in ("day", "month", "year")
            ] == [str(today.day), str(today.month), str(today.year)]
    assert page.soup.find("input", attrs={"name": "channel", "value": "post"}).has_attr("checked")


def test_recording_a_letter_as_sent_from_its_page_records_the_step_and_shows_it_sent(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    today = back_office.today()
    token = csrf_token(officer, f"/cases/{reference}/letters/acknowledgement")

    response = officer.post(f"/cases/{reference}/letters/acknowledgement", data={
        "csrf_token": token, "recipient": "applicant", "channel": "email",
        "sent_on-day": today.day, "sent_on-month": today.month, "sent_on-year": today.year})

    assert response.status_code == 302
    assert back_office.cases.get_case(reference).application.acknowledged_on == today
    letters = parse(officer.get(f"/cases/{reference}/letters"))
    assert "Sent Sent by email on" in letters.soup.select_one("tbody tr").get_text(" ", strip=True)


def test_auditors_see_a_letter_page_without_forms_and_cannot_record_it(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    auditor = signed_in("auditor")

    page = parse(auditor.get(f"/cases/{reference}/letters/threshold_decision"))

    assert page.status == 200
    assert page.soup.select("main form[method=post]") == []
    assert page.soup.find("a", href=f"/cases/{reference}/letters/threshold_decision/pdf") is not None


def test_a_letter_downloads_as_a_pdf_with_the_reference_and_the_partnership(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    response = officer.get(f"/cases/{reference}/letters/threshold_decision/pdf")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{reference}-threshold_decision.pdf"'
    pdf = PdfReader(io.BytesIO(response.get_data()))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert reference in text
    assert back_office.profile.name in " ".join(text.split())
    assert "Dear" in text
    assert pdf.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4: 210 mm wide


def test_auditors_see_the_letters_without_the_buttons(
        signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    client = signed_in("auditor")

    page = parse(client.get(f"/cases/{reference}/letters"))

    assert page.status == 200
    assert_well_formed(page)
    assert page.soup.find("input", attrs={"name": "letter"}) is None


def test_producing_a_letter_records_it_with_the_officer_then_shows_it_to_print(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    token = csrf_token(officer, f"/cases/{reference}/letters")

    response = officer.post(f"/cases/{reference}/letters/produce",
                            data={"csrf_token": token, "letter": "threshold_decision", "recipient": "applicant"})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{reference}/letters/threshold_decision"
    produced = events(back_office, reference, "LetterProduced")
    assert len(produced) == 1
    assert produced[0].actor == "officer"
    page = parse(officer.get(response.headers["Location"]))
    assert "Produced and recorded in the case file" in page.text()
    letter = officer.get(f"/cases/{reference}/letters/threshold_decision/print")
    document = letter.get_data(as_text=True)
    assert letter.status_code == 200
    assert document.startswith("<!DOCTYPE html>")
    assert reference in document
    assert "@page { size: A4" in document
    assert letter.headers["Content-Disposition"] == f'inline; filename="{reference}-threshold_decision.html"'
    back = BeautifulSoup(document, "html.parser").select_one("nav.ct-toolbar a")
    assert back["href"] == f"/cases/{reference}/letters/threshold_decision"  # never a dead end


def test_the_printable_letters_inline_styles_are_allowed_by_their_hash_and_nothing_else_inline(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    response = officer.get(f"/cases/{reference}/letters/acknowledgement/print")

    styles = re.findall(r"<style>(.*?)</style>", response.get_data(as_text=True), re.DOTALL)
    digests = [base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() for css in styles]
    policy = response.headers["Content-Security-Policy"]
    assert len(styles) == 2  # the letter's own, and its toolbar's (not printed)
    assert "style-src 'self' " + " ".join(f"'sha256-{d}'" for d in digests) + ";" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_a_letter_the_case_has_not_reached_or_an_unknown_letter_is_not_found(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)

    assert officer.get(f"/cases/{reference}/letters/outcome/print").status_code == 404
    assert officer.get(f"/cases/{reference}/letters/nonsense/print").status_code == 404
    assert officer.get("/cases/CT-2001-0001/letters").status_code == 404


def test_producing_a_letter_not_reached_is_refused_on_the_letters_page_and_records_nothing(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    token = csrf_token(officer, f"/cases/{reference}/letters")
    before = back_office.event_count()

    page = parse(officer.post(f"/cases/{reference}/letters/produce",
                              data={"csrf_token": token, "letter": "outcome"}))

    assert page.status == 400
    assert_well_formed(page)
    assert page.soup.select_one(".govuk-error-summary a")["href"] == "#letters"
    assert back_office.event_count() == before


def test_recording_a_letter_as_sent_records_letter_sent_and_says_so(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    url = f"/cases/{reference}/letters/acknowledgement/send"
    form = parse(officer.get(url))
    assert_well_formed(form)
    token = csrf_token(officer, url)

    response = officer.post(url, data={"csrf_token": token, "recipient": "applicant", "channel": "post",
                                       "sent_on-day": "2", "sent_on-month": "9", "sent_on-year": "2026"})

    assert response.status_code == 302
    sent = events(back_office, reference, "LetterSent")
    assert len(sent) == 1
    assert sent[0].actor == "officer"
    assert back_office.cases.get_case(reference).application.acknowledged_on is not None  # the step, in the same save
    page = parse(officer.get(response.headers["Location"]))
    assert_well_formed(page)
    assert "was sent by post on 2 September 2026" in page.text()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "channel", "Select how the letter was sent"),
    ({"channel": "pigeon", "sent_on-day": "1", "sent_on-month": "10", "sent_on-year": "2026"}, "channel",
     "Select how the letter was sent"),
    ({"channel": "post"}, "sent_on-day", "Enter the date the letter was sent"),
    ({"channel": "post", "sent_on-day": "31", "sent_on-month": "2", "sent_on-year": "2026"}, "sent_on-day",
     "must be a real date"),
    ({"channel": "post", "sent_on-day": "1", "sent_on-month": "1", "sent_on-year": "2030"}, "sent_on-day",
     "must be today or in the past"),
    ({"channel": "email", "sent_on-day": "1", "sent_on-month": "13", "sent_on-year": "2026"}, "sent_on-month",
     "the month is a number from 1 to 12"),
])
def test_bad_send_input_gets_a_specific_message_on_the_field_and_records_nothing(
        officer: FlaskClient, back_office: BackOffice, data: dict[str, str], field: str, message: str) -> None:
    reference = cases.threshold_met(back_office)
    url = f"/cases/{reference}/letters/acknowledgement/send"
    token = csrf_token(officer, url)
    before = back_office.event_count()

    page = parse(officer.post(url, data={"csrf_token": token, **data}))

    assert_refused_on_field(page, field, message)
    assert back_office.event_count() == before


def test_a_refused_send_shows_the_domain_message(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.outcome_sent(back_office)  # the outcome letter's step is already recorded
    url = f"/cases/{reference}/letters/outcome/send"
    token = csrf_token(officer, url)
    before = back_office.event_count()

    page = parse(officer.post(url, data={"csrf_token": token, "channel": "email", "sent_on-day": "13",
                                         "sent_on-month": "10", "sent_on-year": "2026"}))

    assert page.status == 400
    assert_well_formed(page)
    assert page.soup.select_one(".govuk-error-summary__list a").get_text(strip=True) == (
        "The outcome letter was already sent on 12 October 2026.")
    assert back_office.event_count() == before


def test_sending_a_letter_not_reached_is_refused_with_its_reason(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.threshold_met(back_office)
    url = f"/cases/{reference}/letters/outcome/send"
    token = csrf_token(officer, url)

    page = parse(officer.post(url, data={"csrf_token": token, "channel": "email", "sent_on-day": "13",
                                         "sent_on-month": "10", "sent_on-year": "2026"}))

    assert page.status == 400
    assert_well_formed(page)
    assert "panel" in page.soup.select_one(".govuk-error-summary__list").get_text().lower()


@pytest.mark.parametrize(("preferred", "checked"), [(ContactMethod.EMAIL, "email"), (ContactMethod.POST, "post"),
                                                    (None, "email")])
def test_record_as_sent_offers_the_channel_the_applicant_prefers(
        officer: FlaskClient, back_office: BackOffice, preferred: ContactMethod | None, checked: str) -> None:
    reference = back_office.cases.receive_application(
        channel=Channel.PHONE, received_on=cases.RECEIVED,
        applicant=Applicant(Person("p-1", "Ann Smith", address="12 High Street", email="ann@example.org",
                                   preferred_contact=preferred)),
        problem=Problem("noise", "High Street, Dartford"), actor="officer").reference

    page = parse(officer.get(f"/cases/{reference}/letters/acknowledgement"))

    assert page.soup.find("input", attrs={"name": "channel", "value": checked}).has_attr("checked")
