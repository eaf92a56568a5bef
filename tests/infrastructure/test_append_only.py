"""The event store is append-only for every role, the superuser included: a trigger refuses UPDATE,
DELETE and TRUNCATE of stored events wherever the application creates the table (here: a test's schema,
created at start by the superuser, as on a laptop)."""

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql

from application.backoffice import BackOffice
from infrastructure.storage import Database
from tests.application import cases

REFUSAL = "Stored events cannot be changed or removed"


@pytest.fixture
def conn(database: Database) -> Iterator[psycopg.Connection[Any]]:
    with database.connect() as connection:
        yield connection


def stored(conn: psycopg.Connection[Any], schema: str) -> list[tuple[Any, ...]]:
    return conn.execute(sql.SQL("SELECT notification_id, originator_id, originator_version, topic, state "
                                "FROM {}.backoffice_events ORDER BY notification_id").format(
        sql.Identifier(schema))).fetchall()


@pytest.mark.parametrize("statement", [
    "UPDATE {}.backoffice_events SET state = state || '\\x00'::bytea WHERE notification_id = 1",
    "UPDATE {}.backoffice_events SET topic = 'domain.application:Application.Withdrawn'",
    "DELETE FROM {}.backoffice_events WHERE notification_id = (SELECT max(notification_id) FROM {}.backoffice_events)",
    "TRUNCATE {}.backoffice_events",
], ids=["rewrite one event", "rewrite every event", "delete the last event", "truncate"])
def test_the_superuser_cannot_change_or_remove_a_stored_event(
    back_office: BackOffice, conn: psycopg.Connection[Any], schema: str, statement: str
):
    cases.receive(back_office)
    before = stored(conn, schema)

    with pytest.raises(psycopg.errors.RaiseException) as refused:
        conn.execute(sql.SQL(statement).format(sql.Identifier(schema), sql.Identifier(schema)))

    assert REFUSAL in str(refused.value)
    assert stored(conn, schema) == before


def test_new_events_are_still_recorded_after_a_refused_change(
    back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    reference = cases.receive(back_office)
    with pytest.raises(psycopg.errors.RaiseException):
        conn.execute(sql.SQL("DELETE FROM {}.backoffice_events").format(sql.Identifier(schema)))

    cases.receive(back_office)

    assert back_office.cases.get_case(reference).reference == reference
    assert [row[0] for row in stored(conn, schema)] == list(range(1, len(stored(conn, schema)) + 1))


def test_starting_the_application_again_keeps_one_guard_on_the_events_table(
    back_office: BackOffice, make_back_office: Any, conn: psycopg.Connection[Any], schema: str
):
    make_back_office()  # creates the table again (IF NOT EXISTS) and would install the trigger again

    triggers = conn.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = format('%%I.%%I', %s::text, "
                            "'backoffice_events')::regclass AND NOT tgisinternal ORDER BY tgname", (schema,)).fetchall()

    assert triggers == [("ct_events_append_only",), ("ct_events_no_truncate",)]


def test_nobody_can_rewrite_a_stored_snapshot(back_office: BackOffice, conn: psycopg.Connection[Any], schema: str):
    reference = cases.receive(back_office)
    cases.log_qualifying_incidents(back_office, reference, count=25)  # past the snapshot interval
    table = sql.SQL("{}.backoffice_snapshots").format(sql.Identifier(schema))
    assert conn.execute(sql.SQL("SELECT count(*) FROM {}").format(table)).fetchone() != (0,)

    with pytest.raises(psycopg.errors.RaiseException, match="A stored snapshot cannot be rewritten"):
        conn.execute(sql.SQL("UPDATE {} SET state = state").format(table))
