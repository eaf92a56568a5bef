"""Each page of the public form answers missing, wrong, oversized and malicious input with a specific
message next to the field, an error summary linking to it, "Error: " in the title, and keeps
nothing of what was refused."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.web.conftest import Page, parse
from tests.web.pages import assert_well_formed
from tests.web.test_public_journey import INCIDENTS, ME, PROBLEM, VICTIM, answer, fill_in, get, post, reference_on, send

SCRIPT = "<script>alert('x')</script>"


def refused(client: FlaskClient, url: str, data: dict[str, Any]) -> Page:
    page = parse(post(client, url, data))
    assert page.status == 400, (url, page.status)
    assert_well_formed(page)
    assert page.title.startswith("Error: ")
    return page


def summary(page: Page) -> dict[str, str]:
    """The error summary: each link's target → its message; every target is a field on the page."""
    links = {a["href"]: a.get_text(strip=True) for a in page.soup.select(".govuk-error-summary a")}
    for href in links:
        assert page.soup.find(id=href.removeprefix("#")) is not None, f"{href} links to nothing"
    return links


@pytest.fixture
def started(client: FlaskClient) -> FlaskClient:
    answer(client, "/apply/who", {"basis": "behalf"})
    return client


def test_the_first_question_needs_an_answer_from_the_list(client: FlaskClient) -> None:
    assert summary(refused(client, "/apply/who", {})) == {"#basis": "Select who you are applying for"}
    assert summary(refused(client, "/apply/who", {"basis": "everyone"})) == {
        "#basis": "Select who you are applying for"}
    assert client.get("/apply/your-details").headers["Location"] == "/apply"  # no draft was started


def test_your_details_name_each_missing_or_wrong_field(started: FlaskClient) -> None:
    assert summary(refused(started, "/apply/your-details", {})) == {
        "#name": "Enter your full name", "#address": "Enter your address", "#postcode": "Enter your postcode",
        "#preferred_contact": "Select how we should contact you"}
    assert summary(refused(started, "/apply/your-details", {
        **ME, "postcode": "DA1", "phone": "call me", "email": "ann.example.com"})) == {
        "#postcode": "Enter a full UK postcode, like DA1 1DR",
        "#phone": "Enter a telephone number, like 01322 343000 or 07700 900 982",
        "#email": "Enter an email address in the correct format, like name@example.com"}
    assert summary(refused(started, "/apply/your-details", {**ME, "name": "A" * 101, "address": "B" * 301})) == {
        "#name": "Your full name must be 100 characters or fewer",
        "#address": "Your address must be 300 characters or fewer"}


def test_a_refused_page_keeps_what_was_typed_and_stores_nothing(started: FlaskClient) -> None:
    page = refused(started, "/apply/your-details", {**ME, "email": "not an email"})

    assert page.soup.find("input", attrs={"name": "email"})["value"] == "not an email"
    assert page.soup.find("input", attrs={"name": "name"})["value"] == "Ann Smith"
    assert get(started, "/apply/your-details").soup.find("input", attrs={"name": "name"}).get("value", "") == ""


def test_the_victims_details_need_their_name_postcode_and_your_relationship(started: FlaskClient) -> None:
    assert summary(refused(started, "/apply/victim", {"address": "1 Road"})) == {
        "#name": "Enter the victim's full name", "#postcode": "Enter the victim's postcode",
        "#preferred_contact": "Select how we should contact the victim",
        "#relationship": "Enter your relationship to the victim, for example carer or councillor"}


def test_the_number_of_households_must_be_a_whole_number_from_2(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "households"})

    assert summary(refused(client, "/apply/households", {})) == {"#count": "Enter how many households are affected"}
    assert summary(refused(client, "/apply/households", {"count": "five"})) == {
        "#count": "Enter the number of households as a whole number, like 5"}
    assert summary(refused(client, "/apply/households", {"count": "1", "details": "x" * 1001})) == {
        "#count": "Enter a number of households from 2 to 999",
        "#details": "Details of the households must be 1000 characters or fewer"}


def test_the_problem_page_needs_each_answer_within_its_length(started: FlaskClient) -> None:
    assert summary(refused(started, "/apply/problem", {})) == {
        "#kind": "Enter the type of anti-social behaviour, for example noise or harassment",
        "#location": "Enter where the anti-social behaviour happens",
        "#description": "Describe the problem and how it affects you"}
    page = refused(started, "/apply/problem", {**PROBLEM, "description": "x" * 2001})
    assert summary(page) == {"#description": "The description of the problem must be 2000 characters or fewer"}
    assert "You can enter up to 2000 characters" in page.text()


def test_the_hostility_questions_need_an_answer_from_their_lists(started: FlaskClient) -> None:
    assert summary(refused(started, "/apply/hostility", {"element": "maybe"})) == {
        "#element": "Select whether you think the behaviour was motivated by hostility or prejudice"}
    answer(started, "/apply/hostility", {"element": "hate_crime"})
    assert summary(refused(started, "/apply/hostility-about", {"characteristics": ["age"]})) == {
        "#characteristics": "Select what you think the hostility or prejudice was about"}


INCIDENT = INCIDENTS[0]


@pytest.mark.parametrize(("change", "expected"), [
    ({"happened-day": "", "happened-month": "", "happened-year": ""},
     {"#happened-day": "Enter the date the incident happened"}),
    ({"happened-month": ""}, {"#happened-month": "The date the incident happened must include a month"}),
    ({"happened-day": "31", "happened-month": "2"},
     {"#happened-day": "The date the incident happened must be a real date"}),
    ({"happened-month": "13"}, {"#happened-month": "The date the incident happened must be a real date"}),
    ({"happened-year": "26"}, {"#happened-year": "Year must include 4 numbers"}),
    ({"happened-year": "2027", "reported-year": "2027"},
     {"#happened-day": "The date the incident happened must be today or in the past",
      "#reported-day": "The date you reported it must be today or in the past"}),
    ({"reported-day": "30", "reported-month": "9"},
     {"#reported-day": "The date you reported it must be the same as or after the date it happened"}),
    ({"agency": "", "description": ""},
     {"#agency": "Enter who you reported the incident to, for example Kent Police or the council",
      "#description": "Describe what happened"}),
    ({"reference": "R" * 51, "description": "d" * 1001},
     {"#reference": "The reference number must be 50 characters or fewer",
      "#description": "What happened must be 1000 characters or fewer"}),
], ids=["empty date", "missing month", "31 February", "month 13", "two-digit year", "future", "reported before",
        "empty", "too long"])
def test_an_incident_is_refused_with_the_error_on_the_right_part(
        started: FlaskClient, change: dict[str, str], expected: dict[str, str]) -> None:
    page = refused(started, "/apply/incidents/add", {**INCIDENT, **change})

    assert summary(page) == expected
    first = next(iter(expected)).removeprefix("#")
    assert "govuk-input--error" in page.soup.find(id=first).get("class", []) or first in ("agency", "reference",
                                                                                          "description")
    assert started.get("/apply/incidents").headers["Location"] == "/apply/incidents/add"  # nothing kept


def test_only_the_wrong_part_of_a_date_is_marked(started: FlaskClient) -> None:
    page = refused(started, "/apply/incidents/add", {**INCIDENT, "happened-month": ""})

    marked = [i["id"] for i in page.soup.select(".govuk-input--error")]
    assert marked == ["happened-month"]


def test_the_consent_page_needs_each_agreement(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "behalf"})

    assert summary(refused(client, "/apply/consent", {})) == {
        "#share": "Confirm that you agree to your information being shared with the agencies",
        "#victim-consent": "Confirm that the victim agrees to you applying for them"}


def test_the_add_another_question_needs_yes_or_no(started: FlaskClient) -> None:
    answer(started, "/apply/incidents/add", INCIDENT)

    assert summary(refused(started, "/apply/incidents", {})) == {
        "#another": "Select yes if you need to add another incident"}


def test_script_typed_into_a_field_is_kept_as_text_and_shown_escaped(
        client: FlaskClient, back_office: BackOffice) -> None:
    fill_in(client)
    answer(client, "/apply/your-details", {**ME, "name": SCRIPT})
    answer(client, "/apply/incidents/1", {**INCIDENT, "description": SCRIPT})

    check = client.get("/apply/check").get_data(as_text=True)
    assert SCRIPT not in check
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in check
    case = back_office.cases.get_case(reference_on(send(client))).application
    assert case.applicant.person.name == SCRIPT
    assert case.incidents[0].description.text == SCRIPT


def test_the_victims_page_is_not_needed_when_applying_for_yourself(client: FlaskClient) -> None:
    fill_in(client)
    answer(client, "/apply/victim", VICTIM)  # answered, then the basis says it is not needed

    assert "Bert Jones" not in get(client, "/apply/check").text()
    assert "Application sent" in send(client).text()


def test_an_address_on_several_lines_is_shown_line_by_line_and_escaped(client: FlaskClient) -> None:
    fill_in(client)
    answer(client, "/apply/your-details", {**ME, "address": "<b>12</b> High Street\nDartford"})

    html = client.get("/apply/check").get_data(as_text=True)

    assert "&lt;b&gt;12&lt;/b&gt; High Street<br>Dartford" in html
