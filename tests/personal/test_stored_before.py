"""Events stored before encryption was turned on (plain JSON, committed in
tests/application/stored_before_typed_states.json) still load; what is recorded after them is encrypted; the
audit chain covers both; erasing a person recorded in plain shows them erased."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from application.backoffice import BackOffice
from domain.erasure import ErasureGround
from infrastructure.event_cipher import MARKER
from infrastructure.storage import Database
from projections import audit
from projections.projector import Projector
from tests.application.test_stored_states import STORED, store_rows


def stored_states(conn: psycopg.Connection[Any], schema: str) -> list[bytes]:
    return [bytes(row[0]) for row in conn.execute(sql.SQL(
        "SELECT state FROM {}.backoffice_events ORDER BY notification_id").format(sql.Identifier(schema)))]


def test_plain_events_from_before_load_and_events_recorded_after_them_are_encrypted_under_one_intact_chain(
    back_office: BackOffice, database: Database, schema: str
):
    kept = (STORED["cases"]["met_by_discretion"], STORED["cases"]["rejected"])  # cases whose events all project
    rows = [row for row in STORED["events"] if any(ref in row["state"] for ref in kept)]
    store_rows(database, schema, "backoffice_events", rows)
    reference = STORED["cases"]["met_by_discretion"]

    assert back_office.cases.get_case(reference).application.applicant.person.name == "Ann Smith"
    back_office.erasure.erase_case(STORED["cases"]["rejected"], ground=ErasureGround.RETENTION_ENDED,
                                   actor="m.reid")
    with database.connect() as conn:
        Projector(back_office, conn, schema).catch_up()
        states = stored_states(conn, schema)
        verified = audit.verify(conn, schema, back_office.recorder)

    assert all(state.startswith(b"{") for state in states[:len(rows)])  # never rewritten
    assert states[-1].startswith(MARKER)
    assert b"Ann Smith" not in states[-1]
    assert verified.intact


def test_a_person_recorded_before_encryption_reads_as_erased_once_erased(back_office: BackOffice,
                                                                         database: Database, schema: str):
    store_rows(database, schema, "backoffice_events", STORED["events"])
    reference = STORED["cases"]["rejected"]

    back_office.erasure.erase_case(reference, ground=ErasureGround.ERASURE_REQUEST, actor="m.reid")

    assert back_office.cases.get_case(reference).application.applicant.person.name == "Erased on 24 November 2026"
