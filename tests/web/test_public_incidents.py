"""The add-another loop for incidents (add, change, remove, the limit) and the check answers page's
Change links, which come back to the check answers page."""

from __future__ import annotations

from flask.testing import FlaskClient

from application.backoffice import BackOffice
from tests.web.test_public_journey import INCIDENTS, answer, fill_in, get, post, reference_on, send
from web.public.answers import MAX_INCIDENTS


def summary_rows(client: FlaskClient) -> list[str]:
    page = get(client, "/apply/incidents")
    return [row.get_text(" ", strip=True) for row in page.soup.select(".govuk-summary-list__row")]


def test_incidents_can_be_added_changed_and_removed(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "self"})
    for incident in INCIDENTS:
        assert answer(client, "/apply/incidents/add", incident) == "/apply/incidents"
    assert [row.split(" Change")[0] for row in summary_rows(client)] == [
        "Incident 1 Kent Police, 1 October 2026", "Incident 2 Dartford Borough Council, 5 November 2026"]

    change = get(client, "/apply/incidents/1")
    assert change.soup.find("input", attrs={"name": "agency"})["value"] == "Kent Police"
    assert change.soup.find("input", attrs={"name": "happened-month"})["value"] == "10"
    assert answer(client, "/apply/incidents/1", {**INCIDENTS[0], "agency": "Moat Homes"}) == "/apply/incidents"
    assert summary_rows(client)[0].startswith("Incident 1 Moat Homes")

    remove = get(client, "/apply/incidents/1/remove")
    assert remove.h1 == "Are you sure you want to remove incident 1?"
    assert answer(client, "/apply/incidents/1/remove", {"remove": "no"}) == "/apply/incidents"
    assert len(summary_rows(client)) == 2
    assert answer(client, "/apply/incidents/1/remove", {"remove": "yes"}) == "/apply/incidents"
    assert [row.split(" Change")[0] for row in summary_rows(client)] == [
        "Incident 1 Dartford Borough Council, 5 November 2026"]


def test_each_incident_link_says_which_incident_it_is_for(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "self"})
    answer(client, "/apply/incidents/add", INCIDENTS[0])

    links = [a.get_text(" ", strip=True) for a in get(client, "/apply/incidents").soup.select(".govuk-summary-list a")]

    assert links == ["Change incident 1", "Remove incident 1"]


def test_an_incident_that_does_not_exist_is_not_found(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "self"})

    assert client.get("/apply/incidents/3").status_code == 404
    assert client.get("/apply/incidents/0/remove").status_code == 404


def test_no_more_than_the_limit_of_incidents_can_be_added(client: FlaskClient) -> None:
    answer(client, "/apply/who", {"basis": "self"})
    for _ in range(MAX_INCIDENTS):
        answer(client, "/apply/incidents/add", INCIDENTS[0])

    page = get(client, "/apply/incidents")

    assert f"You have added the most incidents this form takes ({MAX_INCIDENTS})" in page.text()
    assert page.soup.find("input", attrs={"name": "another"}) is None
    assert client.get("/apply/incidents/add").headers["Location"] == "/apply/incidents"
    post(client, "/apply/incidents/add", INCIDENTS[1])
    assert len(summary_rows(client)) == MAX_INCIDENTS


def test_each_change_link_on_the_check_page_returns_to_the_check_page(client: FlaskClient) -> None:
    fill_in(client, basis="behalf")
    check = get(client, "/apply/check")
    links = {a["href"].split("?")[0] for a in check.soup.select(".govuk-summary-list__actions a")}
    assert links == {"/apply/who", "/apply/your-details", "/apply/victim", "/apply/problem", "/apply/hostility",
                     "/apply/hostility-about", "/apply/incidents/1", "/apply/incidents/2", "/apply/consent"}
    for href in {a["href"] for a in check.soup.select(".govuk-summary-list__actions a")}:
        assert href.endswith("?change=1"), href
        page = get(client, href)
        assert page.soup.select_one(".govuk-back-link")["href"] == "/apply/check"

    assert answer(client, "/apply/your-details?change=1", {
        "name": "Ann Jones", "address": "1 Road", "postcode": "DA1 1DR", "preferred_contact": "post"}) == "/apply/check"
    assert answer(client, "/apply/incidents/2?change=1", {**INCIDENTS[1], "agency": "Clarion Housing"}) == \
           "/apply/check"
    assert post(client, "/apply/incidents?change=1", {"another": "no"}).headers["Location"] == "/apply/check"
    assert post(client, "/apply/incidents?change=1", {"another": "yes"}).headers["Location"] == \
           "/apply/incidents/add?change=1"
    assert answer(client, "/apply/incidents/add?change=1", INCIDENTS[0]) == "/apply/incidents?change=1"
    text = get(client, "/apply/check").text()
    assert "Ann Jones" in text
    assert "Clarion Housing" in text
    assert "Incident 3" in text


def test_changing_the_basis_asks_the_new_questions_then_returns_to_the_check_page(
        client: FlaskClient, back_office: BackOffice) -> None:
    fill_in(client)

    assert answer(client, "/apply/who?change=1", {"basis": "households"}) == "/apply/households?change=1"
    assert answer(client, "/apply/households?change=1", {"count": "5"}) == "/apply/check"
    assert answer(client, "/apply/hostility?change=1", {"element": "none"}) == "/apply/check"
    assert "What it was about" not in get(client, "/apply/check").text()

    case = back_office.cases.get_case(reference_on(send(client))).application
    assert case.problem.protected_characteristics == ()
    assert case.problem.description.text.startswith("Application for 5 households.")
