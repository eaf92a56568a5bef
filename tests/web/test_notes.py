"""Notes on a case: kept with who wrote them and when, shown on the case page and in its timeline, through the
form and the API alike; bad text gets a message on the field and records nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.application import cases
from tests.web.conftest import csrf_token, parse
from tests.web.pages import assert_well_formed


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


def test_a_note_is_kept_with_its_author_and_date_and_shown_on_the_case_and_in_the_timeline(
        officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    url = f"/cases/{reference}/notes/new"
    form = parse(officer.get(url))
    assert_well_formed(form)

    response = officer.post(url, data={"csrf_token": csrf_token(officer, url),
                                       "text": "Rang Ms Smith back.\nShe will send the diary sheets."})

    assert response.status_code == 302
    page = parse(officer.get(f"/cases/{reference}"))
    note = page.soup.select_one(".ct-note")
    assert "Officer User" in note.get_text(" ")
    assert "She will send the diary sheets." in note.get_text(" ")
    assert [n.text.text for n in back_office.cases.notes(reference)] == [
        "Rang Ms Smith back.\nShe will send the diary sheets."]
    assert back_office.cases.notes(reference)[0].actor == "officer"
    timeline = page.soup.find(id="timeline").find_next("table").get_text(" ")
    assert "Note added" in timeline


@pytest.mark.parametrize(("text", "message"), [
    ("", "Enter"), ("   ", "Enter"), ("Bad \x00 byte", "control character"), ("x" * 5001, "5000")])
def test_a_bad_note_gets_a_message_on_its_field_and_records_nothing(
        officer: FlaskClient, back_office: BackOffice, text: str, message: str) -> None:
    reference = cases.receive(back_office)
    url = f"/cases/{reference}/notes/new"
    before = back_office.event_count()

    page = parse(officer.post(url, data={"csrf_token": csrf_token(officer, url), "text": text}))

    assert page.status == 400
    assert [a["href"] for a in page.soup.select(".govuk-error-summary__list a")] == ["#text"]
    assert message.lower() in page.soup.select_one(".govuk-error-summary__list a").get_text().lower()
    assert back_office.event_count() == before


def test_a_note_on_an_unknown_case_is_not_found(officer: FlaskClient) -> None:
    assert officer.get("/cases/CT-2001-0001/notes/new").status_code == 404
