"""The step forms from receipt to acknowledgement: a new application by phone, email or letter, the officer,
incidents, consent and the acknowledgement; and what every step form does with bad input and concurrent
changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from application.backoffice import BackOffice
from domain.personal import ContactMethod
from domain.values import Channel, ConsentKind, HateElement
from tests.application import cases
from tests.web.conftest import Page, parse, sign_in
from tests.web.pages import assert_well_formed

Form = dict[str, Any]


def client_for(app: Flask, username: str) -> FlaskClient:
    """A browser of its own, signed in as ``username`` (two people at once)."""
    client = app.test_client()
    assert sign_in(client, username).status_code == 302
    return client


def form_page(client: FlaskClient, url: str) -> Page:
    page = parse(client.get(url))
    assert page.status == 200, page.text()
    assert_well_formed(page)
    return page


def submit(client: FlaskClient, url: str, form: Form, *, page: Page | None = None) -> TestResponse:
    """Sends the form on ``url`` as a browser would: its CSRF token and case version, dates as day, month
    and year, lists as repeated fields."""
    page = page or form_page(client, url)
    data: list[tuple[str, str]] = [(hidden["name"], hidden["value"])
                                   for hidden in page.soup.select("form input[type=hidden]")]
    for name, value in form.items():
        if isinstance(value, date):
            data += [(f"{name}-day", str(value.day)), (f"{name}-month", str(value.month)),
                     (f"{name}-year", str(value.year))]
        elif isinstance(value, list | tuple):
            data += [(name, str(item)) for item in value]
        else:
            data.append((name, str(value)))
    return client.post(url, data=MultiDict(data))


def recorded(response: TestResponse, reference: str) -> None:
    assert response.status_code == 302, parse(response).text()
    assert response.headers["Location"] == f"/cases/{reference}"


def refused(response: TestResponse, status: int = 400) -> Page:
    page = parse(response)
    assert page.status == status, page.text()
    assert_well_formed(page)
    assert page.title.startswith("Error: ")
    return page


def summary(page: Page) -> list[tuple[str, str]]:
    return [(link.get_text(strip=True), link["href"]) for link in page.soup.select(".govuk-error-summary a")]


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


PHONE_APPLICATION: Form = {
    "channel": "phone", "received_on": date(2026, 11, 20), "name": "Ann Smith", "address": "12 High Street, Dartford",
    "postcode": "DA1 1AA", "phone": "01322 000000", "email": "ann@example.com", "on_behalf": "no",
    "problem": "noise", "location": "High Street, Dartford", "hate_element": "none",
    "description": "Loud music every night",
}


NEEDS = "Partially sighted.\nLarge print, please."


class TestNewApplication:
    def test_an_application_taken_by_phone_is_recorded_and_its_case_shown(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        response = submit(officer, "/applications/new", PHONE_APPLICATION)

        recorded(response, "CT-2026-0001")
        application = back_office.cases.get_case("CT-2026-0001").application
        assert application.channel is Channel.PHONE
        assert application.received_on == date(2026, 11, 20)
        assert application.applicant.person.name == "Ann Smith"
        assert application.applicant.person.postcode == "DA1 1AA"
        assert application.problem.hate_element is HateElement.NONE
        assert back_office.cases.history("CT-2026-0001")[-1].actor == "officer"
        case_page = parse(officer.get("/cases/CT-2026-0001"))
        assert "Application CT-2026-0001 recorded." in case_page.text()

    def test_an_application_on_behalf_of_a_victim_records_the_victim_and_relationship(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        form = {**PHONE_APPLICATION, "on_behalf": "yes", "relationship": "councillor", "victim_name": "Edith Jones",
                "victim_postcode": "DA2 2BB", "hate_element": "hate_incident"}

        recorded(submit(officer, "/applications/new", form), "CT-2026-0001")

        applicant = back_office.cases.get_case("CT-2026-0001").application.applicant
        assert applicant.on_behalf_of_victim
        assert applicant.relationship == "councillor"
        assert [(v.name, v.postcode) for v in applicant.victims] == [("Edith Jones", "DA2 2BB")]

    def test_an_empty_form_lists_every_missing_answer_and_records_nothing(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        before = back_office.event_count()

        page = refused(submit(officer, "/applications/new", {}))

        assert summary(page) == [
            ("Select how the application was received", "#channel"),
            ("Enter the date the application was received", "#received_on-day"),
            ("Enter the applicant's full name", "#name"),
            ("Select yes if the applicant is applying on behalf of the victim", "#on_behalf"),
            ("Enter the type of anti-social behaviour", "#problem"),
            ("Enter where the anti-social behaviour happens", "#location"),
            ("Select whether the behaviour is motivated by hate", "#hate_element"),
        ]
        for _, href in summary(page):
            assert page.soup.find(id=href[1:]) is not None
        assert back_office.event_count() == before

    def test_the_victims_details_are_required_only_when_applying_on_their_behalf(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        page = refused(submit(officer, "/applications/new", {**PHONE_APPLICATION, "on_behalf": "yes"}))

        assert summary(page) == [("Enter the applicant's relationship to the victim", "#relationship"),
                                 ("Enter the victim's full name", "#victim_name")]
        ignored = {**PHONE_APPLICATION, "on_behalf": "no", "relationship": "x" * 500}
        recorded(submit(officer, "/applications/new", ignored), "CT-2026-0001")
        assert back_office.cases.get_case("CT-2026-0001").application.applicant.relationship == ""

    def test_the_officer_records_how_the_applicant_and_victim_would_rather_be_contacted_and_their_support_needs(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        form = {**PHONE_APPLICATION, "preferred_contact": "telephone", "support_needs": NEEDS, "on_behalf": "yes",
                "relationship": "son", "victim_name": "Edith Jones", "victim_email": "e@example.org",
                "victim_preferred_contact": "email", "victim_support_needs": "Lives alone."}

        recorded(submit(officer, "/applications/new", form), "CT-2026-0001")

        applicant = back_office.cases.get_case("CT-2026-0001").application.applicant
        assert (applicant.person.preferred_contact, applicant.person.support_needs) == (ContactMethod.TELEPHONE, NEEDS)
        victim = applicant.victims[0]
        assert (victim.email, victim.preferred_contact, victim.support_needs) == (
            "e@example.org", ContactMethod.EMAIL, "Lives alone.")

    def test_a_preferred_contact_without_its_detail_is_refused_on_the_field(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        before = back_office.event_count()

        page = refused(submit(officer, "/applications/new", {**PHONE_APPLICATION, "email": "",
                                                              "preferred_contact": "email"}))

        assert summary(page) == [("Give an email address, or choose another way to be contacted.",
                                  "#preferred_contact")]
        assert page.soup.find(id="preferred_contact") is not None
        assert back_office.event_count() == before

    def test_a_wrongly_typed_email_address_is_refused_with_the_example(self, officer: FlaskClient) -> None:
        page = refused(submit(officer, "/applications/new", {**PHONE_APPLICATION, "email": "ann at example"}))

        assert summary(page) == [("Enter an email address in the correct format, like name@example.com", "#email")]
        assert page.soup.find(id="email")["value"] == "ann at example"


class TestDates:
    @pytest.mark.parametrize(("day", "month", "year", "message", "part"), [
        ("12", "", "2026", "The date the incident happened must include a month", "month"),
        ("", "", "2026", "The date the incident happened must include a day and month", "day"),
        ("31", "2", "2026", "The date the incident happened must be a real date", "day"),
        ("12", "13", "2026", "The date the incident happened must be a real date", "month"),
        ("1", "1", "26", "The date the incident happened must include a year with 4 numbers, for example 2026", "year"),
        ("1", "12", "2026", "The date the incident happened must be today or in the past", "day"),
        ("tw", "1", "2026", "The date the incident happened must be a real date", "day"),
    ], ids=["no month", "no day or month", "31 February", "month 13", "2-digit year", "future", "letters"])
    def test_a_date_that_is_wrong_says_how_and_highlights_the_part(
            self, officer: FlaskClient, back_office: BackOffice, day: str, month: str, year: str, message: str,
            part: str) -> None:
        reference = cases.receive(back_office)
        url = f"/cases/{reference}/incidents/new"
        page = form_page(officer, url)
        token = page.soup.find("input", attrs={"name": "csrf_token"})["value"]

        response = officer.post(url, data={"csrf_token": token, "happened_on-day": day, "happened_on-month": month,
                                           "happened_on-year": year})

        page = refused(response)
        assert summary(page)[0] == (message, f"#happened_on-{part}")
        assert page.soup.find(id="happened_on-error").get_text(strip=True) == f"Error:{message}"
        assert page.soup.find(id="happened_on-year")["value"] == year


class TestIncidents:
    def test_logging_an_incident_records_it_with_its_number(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)

        response = submit(officer, f"/cases/{reference}/incidents/new", {
            "happened_on": date(2026, 8, 1), "reported_on": date(2026, 8, 2), "agency": "Kent Police",
            "agency_reference": "KP-1", "description": "Shouting", "hate_related": "no", "informal": "no"})

        recorded(response, reference)
        [incident] = back_office.cases.get_case(reference).application.incidents
        assert (incident.number, incident.agency, incident.agency_reference) == (1, "Kent Police", "KP-1")
        assert "Incident 1 logged" in parse(officer.get(f"/cases/{reference}")).text()

    def test_another_agency_can_be_named(self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)

        recorded(submit(officer, f"/cases/{reference}/incidents/new", {
            "happened_on": date(2026, 8, 1), "reported_on": date(2026, 8, 2), "agency": "other",
            "other_agency": "Fire and Rescue", "hate_related": "yes", "informal": "no"}), reference)

        [incident] = back_office.cases.get_case(reference).application.incidents
        assert incident.agency == "Fire and Rescue"
        assert incident.hate_related

    def test_an_incident_reported_before_it_happened_is_refused_at_the_report_date(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)
        before = back_office.event_count()

        page = refused(submit(officer, f"/cases/{reference}/incidents/new", {
            "happened_on": date(2026, 8, 5), "reported_on": date(2026, 8, 2), "agency": "Kent Police",
            "hate_related": "no", "informal": "no"}))

        [(message, href)] = summary(page)
        assert message.startswith("The incident is recorded as reported on 2 August 2026, before it happened")
        assert href == "#reported_on-day"
        assert back_office.event_count() == before

    def test_a_script_in_the_description_is_stored_as_typed_and_shown_escaped(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)
        script = '<script>alert("x")</script>'

        recorded(submit(officer, f"/cases/{reference}/incidents/new", {
            "happened_on": date(2026, 8, 1), "reported_on": date(2026, 8, 2), "agency": "Kent Police",
            "description": script, "hate_related": "no", "informal": "no"}), reference)

        [incident] = back_office.cases.get_case(reference).application.incidents
        assert incident.description is not None
        assert incident.description.text == script
        html = officer.get(f"/cases/{reference}").get_data(as_text=True)
        assert script not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html

    def test_a_description_over_the_limit_is_refused_and_kept_for_editing(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)

        page = refused(submit(officer, f"/cases/{reference}/incidents/new", {
            "happened_on": date(2026, 8, 1), "reported_on": date(2026, 8, 2), "agency": "Kent Police",
            "description": "x" * 5001, "hate_related": "no", "informal": "no"}))

        assert summary(page) == [("What happened must be 5,000 characters or fewer", "#description")]
        assert page.soup.find(id="description").get_text() == "x" * 5001
        assert page.soup.select_one(".govuk-character-count")["data-maxlength"] == "5000"

    def test_someone_elses_change_meanwhile_gives_409_keeps_the_typed_values_and_records_nothing(
            self, officer: FlaskClient, back_office: BackOffice, make_back_office: Callable[..., BackOffice]) -> None:
        reference = cases.receive(back_office)
        url = f"/cases/{reference}/incidents/new"
        page = form_page(officer, url)
        make_back_office().cases.assign_officer(reference, officer="manager", actor="manager")
        before = back_office.event_count()
        typed = {"happened_on": date(2026, 8, 1), "reported_on": date(2026, 8, 2), "agency": "Kent Police",
                 "description": "Typed before the change", "hate_related": "no", "informal": "no"}

        response = submit(officer, url, typed, page=page)

        conflict = refused(response, 409)
        [(message, _)] = summary(conflict)
        assert message.startswith(f"Someone else changed case {reference} while you were working on it")
        assert conflict.soup.find(id="description").get_text() == "Typed before the change"
        assert conflict.soup.find(id="happened_on-day")["value"] == "1"
        assert back_office.event_count() == before
        recorded(submit(officer, url, typed, page=conflict), reference)  # sent again, knowing what changed


class TestConsentAcknowledgementAndOfficer:
    def test_consent_is_given_then_withdrawn(self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)

        recorded(submit(officer, f"/cases/{reference}/consent/new", {
            "kind": "share_with_agencies", "given_on": date(2026, 9, 1), "given_by": "Ann Smith"}), reference)
        assert ConsentKind.SHARE_WITH_AGENCIES in back_office.cases.get_case(reference).application.consents

        recorded(submit(officer, f"/cases/{reference}/consent/withdraw", {
            "kind": "share_with_agencies", "withdrawn_on": date(2026, 9, 3), "reason": "Changed her mind"}), reference)
        assert back_office.cases.get_case(reference).application.consents == {}

    def test_victim_consent_for_an_applicant_acting_alone_is_refused_with_the_domain_message(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)

        page = refused(submit(officer, f"/cases/{reference}/consent/new", {
            "kind": "victim_consent", "given_on": date(2026, 9, 1), "given_by": "Ann Smith"}))

        assert summary(page)[0][0].startswith("The victim applied themselves")

    def test_acknowledging_records_the_date_and_a_second_time_is_refused(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)
        url = f"/cases/{reference}/letters/acknowledgement"  # the acknowledgement is a letter: sent from its page

        recorded(submit(officer, url, {"sent_on": date(2026, 9, 2), "channel": "post"}), reference)
        page = refused(submit(officer, url, {"sent_on": date(2026, 9, 3), "channel": "post"}))

        assert back_office.cases.get_case(reference).application.acknowledged_on == date(2026, 9, 2)
        assert summary(page) == [(f"{reference} was already acknowledged on 2 September 2026.",
                                  "#sent_on-day")]

    def test_an_officer_is_chosen_from_the_caseworkers(self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)
        page = form_page(officer, f"/cases/{reference}/officer")
        choices = [radio["value"] for radio in page.soup.select("input[name=officer]")]

        recorded(submit(officer, f"/cases/{reference}/officer", {"officer": "manager"}, page=page), reference)

        assert choices == ["manager", "officer"]
        assert back_office.cases.get_case(reference).application.officer == "manager"

    def test_a_case_that_does_not_exist_gives_404(self, officer: FlaskClient) -> None:
        assert officer.get("/cases/CT-2026-9999/incidents/new").status_code == 404


class TestWhatToDoNext:
    def test_the_case_page_offers_the_steps_open_at_its_stage(
            self, officer: FlaskClient, app: Flask, back_office: BackOffice) -> None:
        received = cases.receive(back_office)
        ready = cases.ready_for_decision(back_office)
        manager = client_for(app, "manager")

        def offered(reference: str, client: FlaskClient = officer) -> list[str]:
            page = parse(client.get(f"/cases/{reference}"))
            assert_well_formed(page)
            heading = page.soup.find(id="next-steps")
            return [link.get_text(" ", strip=True) for link in heading.find_next("ul").find_all("a")]

        assert f"Acknowledge the application for {received}" in offered(received)
        assert f"Decide the threshold for {received}" not in offered(received)
        assert f"Decide the threshold for {received}" not in offered(received, manager)
        assert f"Decide the threshold for {ready}" in offered(ready, manager)
        assert f"Decide the threshold for {ready}" not in offered(ready)  # a manager decides it

    def test_an_officer_sees_that_the_threshold_waits_for_a_managers_decision(
            self, officer: FlaskClient, app: Flask, back_office: BackOffice) -> None:
        ready = cases.ready_for_decision(back_office)
        received = cases.receive(back_office)

        def next_steps_text(reference: str, client: FlaskClient) -> str:
            return parse(client.get(f"/cases/{reference}")).soup.find(id="next-steps").find_parent().get_text(" ")

        assert "Waiting for a manager's decision on the threshold." in next_steps_text(ready, officer)
        assert "Waiting for a manager's decision" not in next_steps_text(ready, client_for(app, "manager"))
        assert "Waiting for a manager's decision" not in next_steps_text(received, officer)  # not acknowledged yet

    def test_assigning_an_officer_is_not_offered_once_the_case_has_ended(
            self, officer: FlaskClient, back_office: BackOffice) -> None:
        reference = cases.receive(back_office)
        back_office.cases.withdraw_application(reference, withdrawn_on=date(2026, 11, 2), reason="Moved away",
                                               actor="officer")

        page = parse(officer.get(f"/cases/{reference}"))

        assert "There is nothing more to record: the case has ended." in page.text()
        assert not page.soup.select('a[href$="/officer"]')

    def test_auditors_are_not_offered_steps(self, signed_in: Callable[[str], FlaskClient],
                                            back_office: BackOffice) -> None:
        reference = cases.receive(back_office)

        page = parse(signed_in("auditor").get(f"/cases/{reference}"))

        assert page.soup.find(id="next-steps") is None


def test_a_huge_form_is_refused_without_recording_anything(officer: FlaskClient, back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    url = f"/cases/{reference}/incidents/new"
    token = form_page(officer, url).soup.find("input", attrs={"name": "csrf_token"})["value"]
    before = back_office.event_count()

    response = officer.post(url, data={"csrf_token": token, "description": "x" * 3_000_000})

    page = refused(response)
    assert ("What happened must be 5,000 characters or fewer", "#description") in summary(page)
    assert back_office.event_count() == before
