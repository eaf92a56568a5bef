"""The access log can only be added to (a trigger refuses UPDATE, DELETE and TRUNCATE, for every role), and
rectification records a person's corrected details in the case, with who and why, keeping no old value in the
correction."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from application.backoffice import BackOffice
from domain.errors import AlreadyRecordedError, InvalidDetailsError
from domain.personal import Person
from infrastructure.storage import Database
from tests.application import cases


@pytest.mark.parametrize("statement", [
    "UPDATE {}.ct_access_log SET username = 'someone else'",
    "DELETE FROM {}.ct_access_log",
    "TRUNCATE {}.ct_access_log",
], ids=["rewrite who looked", "delete an entry", "truncate"])
def test_the_access_log_cannot_be_updated_or_deleted(back_office: BackOffice, database: Database, schema: str,
                                                     statement: str) -> None:
    back_office.privacy.record_view("t.brooks", "/cases/CT-2026-0001", "ct-2026-0001")

    with database.connect() as conn, pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        conn.execute(sql.SQL(statement).format(sql.Identifier(schema)))

    assert [(e.username, e.what, e.reference) for e in back_office.privacy.access_entries()] == [
        ("t.brooks", "/cases/CT-2026-0001", "CT-2026-0001")]


def test_the_access_log_is_filtered_by_case_and_by_user(back_office: BackOffice) -> None:
    for username, reference in (("a.one", "CT-2026-0001"), ("b.two", "CT-2026-0001"), ("a.one", "CT-2026-0002")):
        back_office.privacy.record_view(username, f"/cases/{reference}", reference)

    assert {e.username for e in back_office.privacy.access_entries(reference="ct-2026-0001")} == {"a.one", "b.two"}
    assert {e.reference for e in back_office.privacy.access_entries(username="a.one")} == {"CT-2026-0001",
                                                                                          "CT-2026-0002"}


def test_a_correction_changes_the_details_every_view_shows_and_the_history_says_who_why_and_what(
        back_office: BackOffice) -> None:
    reference = cases.receive(back_office)
    person = back_office.privacy.people(reference)[0]
    corrected = Person(person.subject, person.name, "14 High Street, Dartford", person.postcode, "07700 900999",
                       person.email, person.date_of_birth)

    back_office.privacy.correct_person(reference, corrected=corrected, reason="She said we had the wrong house",
                                       actor="j.okafor")

    stands = back_office.cases.get_case(reference).application.applicant.person
    assert (stands.address, stands.phone) == ("14 High Street, Dartford", "07700 900999")
    last = back_office.cases.history(reference)[-1]
    assert (last.event, last.actor, last.reason) == ("PersonCorrected", "j.okafor", "She said we had the wrong house")
    assert "changed: address, telephone number" in last.details
    event = list(back_office.events.get(back_office.cases.get_case(reference).application.id))[-1]
    assert set(vars(event)) >= {"corrected", "changed", "reason", "actor"}
    assert person.address == "12 High Street, Dartford"
    assert person.address not in repr(vars(event))  # the old value is not repeated in the correction


@pytest.mark.parametrize(("reason", "phone", "refusal"), [
    ("", "07700 900999", InvalidDetailsError), ("Nothing was wrong", None, AlreadyRecordedError)])
def test_a_correction_without_a_reason_or_change_is_refused_and_records_nothing(
        back_office: BackOffice, reason: str, phone: str | None, refusal: type[Exception]) -> None:
    reference = cases.receive(back_office)
    person = back_office.privacy.people(reference)[0]
    before = len(back_office.cases.history(reference))
    corrected = Person(person.subject, person.name, person.address, person.postcode, phone or person.phone,
                       person.email, person.date_of_birth)

    with pytest.raises(refusal):
        back_office.privacy.correct_person(reference, corrected=corrected, reason=reason, actor="j.okafor")

    assert len(back_office.cases.history(reference)) == before
