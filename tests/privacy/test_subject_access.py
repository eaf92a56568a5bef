"""Subject access for a demo victim: the request is recorded with its one-month due date, the officer confirms
which records are the person, and the export holds everything about them and nothing about anyone else (checked
field by field against every other person in the demo), with the access log of their case."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from application.backoffice import BackOffice
from application.profile import load_profile
from application.redaction import WITHHELD, words
from demo.loader import VICTIM_SUPPORT_NEEDS, load_demo
from domain.personal import Narrative, Person
from domain.rectification import people_of
from infrastructure.storage import Database
from tests.conftest import CHEAP_HASHER, TODAY


@dataclass
class Demo:
    back_office: BackOffice
    references: list[str]


@pytest.fixture(scope="module")
def demo(database: Database) -> Iterator[Demo]:
    schema = f"test_sar_{uuid.uuid4().hex[:12]}"
    database.create_schema(schema)
    back_office = BackOffice(load_profile(), env=database.env(schema, pool_size=1), clock=lambda: TODAY,
                             password_hasher=CHEAP_HASHER)
    try:
        yield Demo(back_office, load_demo(back_office))
    finally:
        back_office.close()
        database.drop_schema(schema)


def a_victim_and_their_case(demo: Demo) -> tuple[str, Person, Person]:
    for reference in demo.references:
        applicant = demo.back_office.cases.get_case(reference).application.applicant
        if applicant.victims:
            return reference, applicant.victims[0], applicant.person
    raise AssertionError("the demo has no application made on a victim's behalf")


def everyone_else(demo: Demo, victim: Person) -> list[Person]:
    return [p for r in demo.references for p in people_of(demo.back_office.cases.get_case(r).application.applicant)
            if p.subject != victim.subject]


def request_for(demo: Demo, victim: Person) -> uuid.UUID:
    recorded = demo.back_office.privacy.receive_subject_access_request(
        person=Person("person-asked", victim.name, postcode=victim.postcode, date_of_birth=victim.date_of_birth),
        received_on=date(2026, 11, 20), actor="j.okafor")
    return recorded.aggregate_id


def test_the_victims_records_are_found_by_name_with_date_of_birth_and_a_name_alone_finds_nothing(demo: Demo) -> None:
    reference, victim, _ = a_victim_and_their_case(demo)
    privacy = demo.back_office.privacy
    found = privacy.candidates(request_for(demo, victim))
    name_only = privacy.receive_subject_access_request(person=Person("person-name-only", victim.name),
                                                       received_on=date(2026, 11, 20), actor="j.okafor")

    assert [(c.reference, c.subject, c.role) for c in found] == [(reference, victim.subject, "victim")]
    assert found[0].matched_on == ("name", "date of birth", "postcode")
    assert privacy.candidates(name_only.aggregate_id) == []


def test_the_request_is_due_one_calendar_month_after_receipt_moved_to_the_next_working_day(demo: Demo) -> None:
    _, victim, _ = a_victim_and_their_case(demo)
    request = demo.back_office.privacy.subject_access_request(request_for(demo, victim))

    assert (request.received_on, request.due_on) == (date(2026, 11, 20), date(2026, 12, 21))  # 20 Dec is a Sunday
    assert request.reference in [r.reference for r in demo.back_office.privacy.subject_access_requests(open_only=True)]


def test_the_export_for_a_demo_victim_holds_everything_about_them_and_nothing_about_anyone_else(demo: Demo) -> None:
    reference, victim, applicant = a_victim_and_their_case(demo)
    privacy = demo.back_office.privacy
    request_id = request_for(demo, victim)
    privacy.confirm_records(request_id, subjects=[victim.subject], actor="j.okafor")
    privacy.record_view("t.brooks", f"/cases/{reference}/history", reference)

    export = privacy.export(request_id)
    text = json.dumps(export)

    # everything about them: their details, as held now, and where the case records them
    assert [case["case"] for case in export["cases"]] == [reference]
    case = export["cases"][0]
    assert case["you are"] == "victim"
    held = {"name": victim.name, "address": victim.address, "postcode": victim.postcode,
            "date of birth": "9 March 1938", "preferred contact method": "Letter by post",
            "support needs or risks": VICTIM_SUPPORT_NEEDS}
    assert case["your details as held now"] == [held]
    received = case["history"][0]
    assert received["what"] == "Received"
    assert received["details"]["applicant"]["victims"] == [held]
    consents = {e["details"]["kind"]: e["details"]["given by"] for e in case["history"] if e["what"] == "Consent given"}
    assert consents["victim consent"] == victim.name
    incidents = [e for e in case["history"] if e["what"] == "Incident logged"]
    assert incidents
    assert all(e["details"]["incident"]["agency"] for e in incidents)
    assert [e["what"] for e in case["history"]] == [words(e.event) for e in demo.back_office.cases.history(reference)]
    assert {"who": "t.brooks", "what": f"/cases/{reference}/history", "case": reference}.items() <= \
        export["who viewed these cases"][0].items()

    # nothing about anyone else: the applicant acting for them, field by field, and every other person in the demo
    assert received["details"]["applicant"]["person"] == WITHHELD
    assert received["details"]["applicant"]["relationship"] == WITHHELD
    for other in everyone_else(demo, victim):
        for field in ("name", "address", "phone", "email"):
            value = getattr(other, field)
            assert not value or value not in text, f"{field} of {other.subject} is in the export"
        assert other.postcode == victim.postcode or not other.postcode or other.postcode not in text
        assert other.support_needs in ("", victim.support_needs) or other.support_needs not in text
    assert not applicant.support_needs or applicant.support_needs not in text  # the applicant's, withheld
    assert applicant.name.split()[-1] not in text
    stored = demo.back_office.cases.get_case(reference).application
    others_text = [stored.problem.description, *(i.description for i in stored.incidents)]
    assert all(isinstance(n, Narrative) and n.subject != victim.subject and n.text not in text for n in others_text)
    assert case["items withheld"] > 0
