"""Finding any case, open or closed, by its reference, a person's name, address or postcode, or an agency's
reference; the search index holds keyed hashes, never the words."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient
from psycopg import sql

from application.backoffice import BackOffice
from domain.erasure import ErasureGround
from domain.personal import Person
from domain.values import Applicant, Channel, Problem
from infrastructure.storage import Database
from tests.application import cases
from tests.web.conftest import Page, parse
from tests.web.pages import assert_well_formed


def found(page: Page) -> list[str]:
    return [row.find("th").get_text(strip=True) for row in page.soup.select("tbody tr")]


def receive(back_office: BackOffice, applicant: Applicant) -> str:
    return back_office.cases.receive_application(
        channel=Channel.PHONE, received_on=date(2026, 10, 5), applicant=applicant,
        problem=Problem("noise", "Lowfield Street"), actor="j.okafor").reference


@pytest.fixture
def officer(signed_in: Callable[[str], FlaskClient]) -> FlaskClient:
    return signed_in("officer")


@pytest.fixture
def two_cases(back_office: BackOffice, project: Callable[[], None]) -> tuple[str, str]:
    okafor = receive(back_office, Applicant(
        Person("p-10", "Grace O'Neill-Okafor", address="4 Lowfield Street, Dartford", postcode="DA1 1HS"),
        on_behalf_of_victim=True, relationship="daughter",
        victims=(Person("p-11", "Émile Durand", address="6 Lowfield Street, Dartford", postcode="DA1 1HT"),)))
    back_office.cases.log_incident(okafor, happened_on=date(2026, 9, 1), reported_on=date(2026, 9, 2),
                                   agency="Kent Police", agency_reference="KP/2026-4471",
                                   description="Shouting", actor="j.okafor")
    other = receive(back_office, Applicant(Person("p-12", "Sam Jones", address="9 Hythe Street, Dartford",
                                                  postcode="DA1 2AA")))
    back_office.cases.withdraw_application(other, withdrawn_on=date(2026, 10, 6), reason="Moved away", actor="j.okafor")
    project()
    return okafor, other


@pytest.mark.parametrize("query", [
    "Okafor", "o'neill-okafor", "grace okafor", "DURAND", "emile", "DA1 1HS", "da11ht", "lowfield street",
    "KP/2026-4471", "kp 2026 4471"])
def test_a_case_is_found_by_any_name_address_postcode_or_agency_reference(
        officer: FlaskClient, two_cases: tuple[str, str], query: str) -> None:
    page = parse(officer.get("/search", query_string={"q": query}))

    assert page.status == 200
    assert_well_formed(page)
    assert found(page) == [two_cases[0]]


def test_ended_cases_are_found_too_and_marked_closed(officer: FlaskClient, two_cases: tuple[str, str]) -> None:
    page = parse(officer.get("/search", query_string={"q": "Jones"}))

    assert found(page) == [two_cases[1]]
    assert "Closed" in page.soup.select_one("tbody tr").get_text()


def test_a_case_is_found_by_its_reference_or_the_start_of_it(
        officer: FlaskClient, two_cases: tuple[str, str]) -> None:
    exact = parse(officer.get("/search", query_string={"q": two_cases[0].lower()}))
    start = parse(officer.get("/search", query_string={"q": two_cases[0].rsplit("-", 1)[0] + "-"}))

    assert found(exact) == [two_cases[0]]
    assert set(found(start)) == set(two_cases)


def test_every_word_must_match_and_parts_of_words_do_not(officer: FlaskClient, two_cases: tuple[str, str]) -> None:
    assert found(parse(officer.get("/search", query_string={"q": "Grace Jones"}))) == []
    page = parse(officer.get("/search", query_string={"q": "Okaf"}))
    assert found(page) == []
    assert "No case matches “Okaf”." in page.text()


def test_the_search_index_holds_no_name_address_or_postcode_in_plain_text(
        two_cases: tuple[str, str], database: Database, schema: str) -> None:
    with database.connect() as conn:
        tokens = [token for (token,) in conn.execute(
            sql.SQL("SELECT token FROM {}.ct_search").format(sql.Identifier(schema)))]
    assert tokens  # the index is written
    assert all(re.fullmatch("[0-9a-f]{32}", token) for token in tokens)  # keyed hashes: no letter beyond f
    for word in ("da1", "1hs", "da11hs", "4", "6"):  # the words a hash's characters could spell
        assert word not in tokens


def test_a_too_long_search_gets_a_message_on_the_field(officer: FlaskClient, project: Callable[[], None]) -> None:
    project()
    page = parse(officer.get("/search", query_string={"q": "x" * 201}))

    assert page.status == 400
    assert [a["href"] for a in page.soup.select(".govuk-error-summary__list a")] == ["#q"]


def test_a_search_with_control_characters_is_refused_on_the_field(
        officer: FlaskClient, project: Callable[[], None]) -> None:
    project()
    page = parse(officer.get("/search", query_string={"q": "Smith\x00"}))

    assert page.status == 400
    assert [a["href"] for a in page.soup.select(".govuk-error-summary__list a")] == ["#q"]


def test_agency_contacts_cannot_search(signed_in: Callable[[str], FlaskClient], project: Callable[[], None]) -> None:
    project()
    assert signed_in("agency").get("/search?q=Smith").status_code == 403


def test_the_start_page_shows_an_officer_their_own_cases(
        back_office: BackOffice, project: Callable[[], None], signed_in: Callable[[str], FlaskClient]) -> None:
    mine = cases.receive(back_office)
    cases.receive(back_office)
    back_office.cases.assign_officer(mine, officer="officer", actor="manager")
    project()

    page = parse(signed_in("officer").get("/"))

    assert_well_formed(page)
    section = page.soup.find(id="mine")
    assert section.get_text(strip=True) == "My cases (1)"
    assert [row.find("th").get_text(strip=True) for row in page.soup.select("tbody tr")] == [mine]


def test_the_start_page_shows_a_manager_what_awaits_their_decision(
        back_office: BackOffice, project: Callable[[], None], signed_in: Callable[[str], FlaskClient]) -> None:
    waiting = cases.ready_for_decision(back_office)
    cases.receive(back_office)
    project()

    page = parse(signed_in("manager").get("/"))

    assert_well_formed(page)
    region = page.soup.select_one("[aria-label='Awaiting your decision']")
    assert [row.find("th").get_text(strip=True) for row in region.select("tbody tr")] == [waiting]
    assert "A manager's decision on the threshold" in region.get_text(" ")
    assert page.soup.find(id="overdue") is not None


def test_ended_cases_can_be_listed_by_the_stage_they_ended_at(
        officer: FlaskClient, two_cases: tuple[str, str]) -> None:
    page = parse(officer.get("/cases?stage=withdrawn"))

    assert page.status == 200
    assert page.h1 == "Ended cases"
    assert found(page) == [two_cases[1]]


def test_the_officer_filter_lists_people_by_name(officer: FlaskClient, two_cases: tuple[str, str]) -> None:
    page = parse(officer.get("/cases"))

    options = {o["value"]: o.get_text(strip=True) for o in page.soup.select("#officer option")}
    assert options[""] == "All officers"
    assert all(name and value != name for value, name in options.items() if value)


def test_an_erased_person_is_no_longer_found_but_the_others_still_are(
        officer: FlaskClient, back_office: BackOffice, two_cases: tuple[str, str], project: Callable[[], None]) -> None:
    back_office.erasure.erase_person(two_cases[0], "p-11", ground=ErasureGround.ERASURE_REQUEST, actor="manager")
    project()

    assert found(parse(officer.get("/search", query_string={"q": "Durand"}))) == []
    assert found(parse(officer.get("/search", query_string={"q": "Okafor"}))) == [two_cases[0]]
    assert found(parse(officer.get("/search", query_string={"q": "erased"}))) == []


def test_an_erased_case_is_found_neither_by_its_agency_reference_nor_by_the_words_it_now_reads(
        officer: FlaskClient, back_office: BackOffice, two_cases: tuple[str, str], project: Callable[[], None]) -> None:
    back_office.erasure.erase_case(two_cases[0], ground=ErasureGround.RETENTION_ENDED, actor="manager")
    project()

    assert found(parse(officer.get("/search", query_string={"q": "KP/2026-4471"}))) == []
    assert found(parse(officer.get("/search", query_string={"q": "erased"}))) == []
    assert found(parse(officer.get("/search", query_string={"q": "Jones"}))) == [two_cases[1]]
