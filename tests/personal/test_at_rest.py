"""Issue 12 (1): a dump of the database, taken after the demo loads and the projector has run, holds none of the
demo people's names, addresses, phone numbers, emails or support needs, nor any incident description; opened with
the whole-event cipher's key, it still holds none of the cases' own free text (reasons, locations, panels)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from application.backoffice import BackOffice
from application.profile import load_profile
from demo import loader
from demo.loader import load_demo
from infrastructure.keys import EVENTS
from infrastructure.storage import Database
from projections.projector import Projector
from tests.conftest import CHEAP_HASHER, TODAY
from tests.personal.dumps import dump, opened


@pytest.fixture(scope="module")
def demo_dump(database: Database) -> Iterator[tuple[str, BackOffice, list[str]]]:
    schema = f"test_dump_{uuid.uuid4().hex[:12]}"
    database.create_schema(schema)
    back_office = BackOffice(load_profile(), env=database.env(schema, pool_size=1), clock=lambda: TODAY,
                             password_hasher=CHEAP_HASHER)
    try:
        references = load_demo(back_office)
        with database.connect() as conn:
            Projector(back_office, conn, schema).catch_up()
        yield dump(database.url, schema), back_office, references
    finally:
        back_office.close()
        database.drop_schema(schema)


def demo_personal_data() -> set[str]:
    """Every name, address, postcode, phone number, email, support need and description the demo records about
    people."""
    found: set[str] = set()
    for first in loader.FIRST:
        for last in loader.LAST:
            found |= {f"{first} {last}", f"{first}.{last}@example.org".lower()}
    found |= {f"Edith {last}" for last in loader.LAST}
    found |= {f"{street}, Dartford, Kent" for street, _ in loader.STREETS}
    found |= {postcode for _, postcode in loader.STREETS}
    found |= {f"07700 900{n:03d}" for n in range(1, 60)}
    found |= {needs for needs, _ in loader.SUPPORT_NEEDS} | set(loader.VICTIM_SUPPORT_NEEDS.splitlines())
    for summary, descriptions in loader.KINDS.values():
        found |= {summary, *descriptions}
    return found


def test_a_dump_after_the_demo_loads_holds_no_demo_persons_details_nor_any_incident_description(demo_dump):
    text = demo_dump[0]

    leaked = sorted(value for value in demo_personal_data() if value in text)

    assert "backoffice_events" in text  # the dump is of the loaded schema, read models included
    assert "ct_audit" in text
    assert leaked == []


def demo_case_free_text() -> set[str]:
    """The demo's free text about its cases that names or places people: rejection and withdrawal reasons, where
    each problem happens, a third party's relationship to the victim, the panels' chair and members."""
    found = set(loader.REJECTIONS.values())
    found |= {"Does not want her landlord told; fears it would make things worse.",
              "Asked to withdraw once she had withdrawn consent to share.",
              "The perpetrator has moved away; the applicant no longer wants a review."}
    found |= {f"{street}, Dartford\"" for street, _ in loader.STREETS}  # a location, as a whole JSON string
    found |= {'"ward councillor"', "Dr Helen Marsh (independent chair)", "Kent Police: Insp. R. Hale",
              "Dartford Borough Council: ASB team leader"}
    return found


def test_a_dump_opened_with_the_whole_event_cipher_key_still_holds_none_of_the_cases_free_text(demo_dump):
    text, back_office, _ = demo_dump

    inside = opened(text, back_office.keys.key_for_reading(EVENTS))

    assert '"_type_":"case_text"' in inside  # the events were opened: what is left sealed is under data keys
    assert sorted(value for value in demo_case_free_text() if value in inside) == []


def test_the_back_office_still_reads_every_demo_persons_details_with_the_keys(demo_dump):
    _, back_office, references = demo_dump
    needs = {back_office.cases.get_case(ref).application.applicant.person.support_needs for ref in references}

    names = {back_office.cases.get_case(ref).application.applicant.person.name for ref in references}
    descriptions = {i.description.text for ref in references
                    for i in back_office.cases.get_case(ref).application.incidents if i.description}

    assert names & demo_personal_data()
    assert descriptions
    assert descriptions <= demo_personal_data()
    assert {needs for needs, _ in loader.SUPPORT_NEEDS} <= needs
