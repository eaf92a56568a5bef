"""Control characters (NUL, escape, a text-direction override …) typed into any field of any form, or sent
to the JSON API, are refused with a message on that field, and nothing is recorded: one such character once
stopped the read side for good. Line breaks are refused only where the field is a single line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from domain.text import MULTI_LINE
from tests.application import cases
from tests.web.conftest import Page, csrf_token, parse
from tests.web.pages import assert_well_formed
from tests.web.test_api_tokens import bearer
from tests.web.test_public_journey import INCIDENTS, ME, PROBLEM, answer, get
from tests.web.test_steps_intake import PHONE_APPLICATION, submit

CONTROL = "Remove the control characters"
ONE_LINE = "Write this on one line"
NUL, ESC = "Ann\x00Smith", "Ann\x1b[2JSmith"


def field_error(page: Page, field: str) -> str:
    """The message shown against ``field`` (its GOV.UK error message), checking the summary links to it."""
    assert page.title.startswith("Error: "), page.title
    assert_well_formed(page)
    message = page.soup.find(id=f"{field}-error")
    assert message is not None, f"no error shown against {field}: {page.text()[:400]}"
    assert f"#{field}" in [a["href"] for a in page.soup.select(".govuk-error-summary a")] or \
        any(a["href"].startswith(f"#{field}") for a in page.soup.select(".govuk-error-summary a"))
    return message.get_text(" ", strip=True)


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


@pytest.fixture
def admin(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("admin")


class TestStepForms:
    @pytest.mark.parametrize(("field", "value", "message"), [
        ("name", NUL, CONTROL),  # single-line text
        ("name", ESC, CONTROL),
        ("name", "Ann\u202eSmith", CONTROL),  # a right-to-left override
        ("name", "Ann\r\nSmith", ONE_LINE),
        ("phone", "01322\x00000000", CONTROL),
        ("email", "ann\x00@example.com", CONTROL),
        ("description", "Loud music\x00 every night", CONTROL),  # multi-line textarea
        ("description", "Loud music\x07 every night", CONTROL),
    ], ids=["name NUL", "name ESC", "name bidi override", "name CRLF", "phone NUL", "email NUL",
            "textarea NUL", "textarea BEL"])
    def test_a_control_character_in_a_new_application_is_refused_on_its_field_and_nothing_is_recorded(
            self, officer: FlaskClient, back_office: BackOffice, field: str, value: str, message: str) -> None:
        before = back_office.event_count()

        page = parse(submit(officer, "/applications/new", {**PHONE_APPLICATION, field: value}))

        assert page.status == 400
        assert message in field_error(page, field)
        assert back_office.event_count() == before

    def test_line_breaks_are_kept_in_a_textarea(self, officer: FlaskClient, back_office: BackOffice) -> None:
        form = {**PHONE_APPLICATION, "description": "Loud music.\r\nEvery night."}

        response = submit(officer, "/applications/new", form)

        assert response.status_code == 302, parse(response).text()
        assert "Every night." in back_office.cases.get_case("CT-2026-0001").application.problem.description.text

    def test_a_control_character_in_a_date_box_is_refused_on_the_date(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)
        before = back_office.event_count()

        page = parse(submit(officer, f"/cases/{reference}/incidents/new", {
            "happened_on-day": "1\x00", "happened_on-month": "8", "happened_on-year": "2026",
            "reported_on": date(2026, 8, 2), "agency": "Kent Police", "hate_related": "no", "informal": "no"}))

        assert page.status == 400
        assert CONTROL in field_error(page, "happened_on")
        assert back_office.event_count() == before

    def test_a_control_character_in_a_list_of_lines_is_refused(
            self, signed_in: Callable[[str], FlaskClient], back_office: BackOffice) -> None:
        reference = cases.threshold_met(back_office)
        manager = signed_in("manager")
        before = back_office.event_count()

        page = parse(submit(manager, f"/cases/{reference}/review/panel/schedule", {
            "panel_date": date(2026, 12, 10), "chair": "Pat Lee", "members": "Kent Police\nDartford\x1b Council"}))

        assert page.status == 400
        assert CONTROL in field_error(page, "members")
        assert back_office.event_count() == before


class TestPublicForm:
    @pytest.mark.parametrize(("url", "answers", "field"), [
        ("/apply/your-details", ME, "name"),
        ("/apply/your-details", ME, "address"),  # a textarea
        ("/apply/your-details", ME, "email"),
        ("/apply/problem", PROBLEM, "kind"),
        ("/apply/problem", PROBLEM, "description"),
        ("/apply/incidents/add", INCIDENTS[0], "agency"),
        ("/apply/incidents/add", INCIDENTS[0], "description"),
    ])
    @pytest.mark.parametrize("character", ["\x00", "\x1b", "\x07"], ids=["NUL", "ESC", "BEL"])
    def test_a_control_character_is_refused_on_its_field_and_not_kept(
            self, client: FlaskClient, url: str, answers: dict[str, str], field: str, character: str) -> None:
        answer(client, "/apply/who", {"basis": "self"})
        get(client, url)

        response = client.post(url, data={"csrf_token": csrf_token(client, "/apply/who"), **answers,
                                          field: f"{answers[field][:3]}{character}{answers[field][3:]}"})

        page = parse(response)
        assert page.status == 400
        assert CONTROL in field_error(page, field)
        kept = get(client, url).soup.find(attrs={"name": field})
        assert character not in (kept.get("value") or kept.get_text() if kept else "")

    def test_a_line_break_in_a_one_line_answer_is_refused(self, client: FlaskClient) -> None:
        answer(client, "/apply/who", {"basis": "self"})
        get(client, "/apply/your-details")

        response = client.post("/apply/your-details", data={"csrf_token": csrf_token(client, "/apply/who"), **ME,
                                                            "name": "Ann\nSmith"})

        assert ONE_LINE in field_error(parse(response), "name")


class TestUserAdministration:
    @pytest.mark.parametrize("field", ["display_name", "email"])
    def test_a_control_character_in_a_new_users_details_is_refused(
            self, admin: FlaskClient, back_office: BackOffice, field: str) -> None:
        form = {"username": "a.khan", "display_name": "Amira Khan", "email": "a.khan@example.gov.uk",
                "roles": ["officer"], "password": "twelve chars or more"}
        before = back_office.event_count()

        page = parse(admin.post("/users/new", data={"csrf_token": csrf_token(admin, "/users/new"), **form,
                                                    field: f"a\x00{form[field]}"}))

        assert page.status == 400
        assert CONTROL in field_error(page, field)
        assert back_office.event_count() == before

    def test_a_control_character_in_the_reason_for_disabling_is_refused(
            self, admin: FlaskClient, back_office: BackOffice) -> None:
        before = back_office.event_count()

        page = parse(admin.post("/users/officer/status", data={
            "csrf_token": csrf_token(admin, "/users/officer"), "reason": "Left\x1b]0;pwned\x07 the team"}))

        assert page.status == 400
        assert CONTROL in field_error(page, "status-reason")
        assert back_office.event_count() == before
        assert back_office.accounts.get_account("officer").enabled


class TestApi:
    @pytest.mark.parametrize(("url", "body", "field"), [
        ("", {"agency": "Kent\x00 Police", "happened_on": "2026-08-01", "reported_on": "2026-08-02"}, "agency"),
        ("", {"agency": "Kent Police", "happened_on": "2026-08-01", "reported_on": "2026-08-02",
              "description": "Shouting\x1b[31m"}, "description"),
        ("", {"agency": "Kent Police\r\n", "happened_on": "2026-08-01", "reported_on": "2026-08-02",
              "agency_reference": "KP\n1"}, "agency_reference"),
    ], ids=["NUL in a name", "ESC in a description", "line break in a one-line field"])
    def test_a_control_character_is_refused_with_a_field_error_and_nothing_is_recorded(
            self, client: FlaskClient, back_office: BackOffice, url: str, body: dict[str, Any], field: str) -> None:
        reference = cases.receive(back_office)
        headers = bearer(back_office, "officer")
        before = back_office.event_count()

        response = client.post(f"/api/cases/{reference}/incidents", json=body, headers=headers)

        assert response.status_code == 422
        assert field in response.get_json()["errors"]
        assert back_office.event_count() == before


class TestOfficerOfACase:
    @pytest.mark.parametrize(("officer", "message"), [
        ("agency", "cannot be given cases"),  # an agency contact
        ("auditor", "cannot be given cases"),
        ("nobody.here", "There is no user nobody.here"),
        ("j.okafor\r\nBcc: x@example.com", ONE_LINE),
        ("j.okafor, m.reid", "Enter the username of an officer or manager"),
    ], ids=["agency contact", "auditor", "unknown", "CRLF", "comma"])
    def test_the_api_refuses_anyone_who_may_not_handle_cases_on_the_officer_field(
            self, client: FlaskClient, back_office: BackOffice, officer: str, message: str) -> None:
        reference = cases.receive(back_office)
        headers = bearer(back_office, "officer")
        before = back_office.event_count()

        response = client.post(f"/api/cases/{reference}/officer", json={"officer": officer}, headers=headers)

        assert response.status_code == 422, response.get_data(as_text=True)
        assert any(message in m for m in response.get_json()["errors"]["officer"]), response.get_json()
        assert back_office.event_count() == before
        assert back_office.cases.get_case(reference).application.officer == ""

    def test_a_disabled_officer_cannot_be_given_a_case(self, client: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)
        cases.register_officer(back_office, "s.patel")
        back_office.accounts.disable_user("s.patel", reason="Left the team", actor="admin")
        headers = bearer(back_office, "officer")

        response = client.post(f"/api/cases/{reference}/officer", json={"officer": "s.patel"}, headers=headers)

        assert response.status_code == 422
        assert back_office.cases.get_case(reference).application.officer == ""

    def test_the_api_assigns_an_enabled_manager(self, client: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)

        response = client.post(f"/api/cases/{reference}/officer", json={"officer": "Manager"},
                               headers=bearer(back_office, "officer"))

        assert response.status_code == 200, response.get_data(as_text=True)
        assert back_office.cases.get_case(reference).application.officer == "manager"

    def test_the_officer_form_offers_the_same_people_the_rule_allows(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)

        page = parse(officer.get(f"/cases/{reference}/officer"))

        offered = {radio["value"] for radio in page.soup.select("input[name=officer]")}
        allowed = {a.username for a in back_office.accounts.list_accounts() if a.may_handle_cases}
        assert offered == allowed == {"officer", "manager"}


class TestStoredText:
    def test_pages_of_a_case_stored_with_control_characters_render_them_as_visible_escapes(
            self, signed_in: Callable[[str], FlaskClient], back_office: BackOffice,
            project: Callable[[], None]) -> None:
        reference = cases.stored_with_control_characters(back_office)
        project()
        manager = signed_in("manager")

        pages = {url: manager.get(url) for url in (
            f"/cases/{reference}", f"/cases/{reference}/history", f"/cases/{reference}/history/1",
            f"/cases/{reference}/decisions", f"/cases/{reference}/letters", f"/cases/{reference}/pack",
            f"/cases/{reference}/pack.json", f"/cases/{reference}/letters/acknowledgement/print", "/cases", "/audit")}

        for url, response in pages.items():
            assert response.status_code == 200, url
            assert MULTI_LINE.findall(response.get_data(as_text=True)) == [], url
        assert "Ann\\x00Smith" in parse(pages[f"/cases/{reference}"]).text()
