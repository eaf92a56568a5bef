"""The audit trail: append-only in the database, and tampering named by `audit verify`."""

from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from psycopg import sql

from application.backoffice import BackOffice
from application.storage import Database
from cli.main import SCHEMA_VARIABLE, main
from projections import audit
from projections.projector import Projector
from tests.application import cases


@pytest.fixture
def projected(back_office: BackOffice, projector: Projector) -> Projector:
    cases.outcome_sent(back_office)
    projector.catch_up()
    return projector


def as_superuser_without_trigger(conn: psycopg.Connection[Any], schema: str, statement: str) -> None:
    table = sql.SQL("{}.ct_audit").format(sql.Identifier(schema))
    with conn.transaction():
        conn.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER ct_audit_append_only").format(table))
        conn.execute(sql.SQL(statement).format(table))
        conn.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER ct_audit_append_only").format(table))


def verify_cli(database: Database, schema: str) -> Any:
    return CliRunner().invoke(main, ["audit", "verify"], env={"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema})


@pytest.mark.parametrize("statement", ["UPDATE {} SET actor = 'x' WHERE position = 5", "DELETE FROM {}",
                                       "TRUNCATE {}"])
def test_the_database_refuses_to_change_the_audit_trail(
    projected: Projector, conn: psycopg.Connection[Any], schema: str, statement: str
):
    with pytest.raises(psycopg.errors.RaiseException, match="the audit trail is append-only"):
        conn.execute(sql.SQL(statement).format(sql.SQL("{}.ct_audit").format(sql.Identifier(schema))))


def test_an_intact_trail_verifies(projected: Projector, database: Database, schema: str):
    result = verify_cli(database, schema)

    assert result.exit_code == 0
    assert f"Audit trail intact: {projected.position} entries" in result.output


def test_an_altered_entry_is_named(projected: Projector, conn: psycopg.Connection[Any], database: Database,
                                   schema: str):
    as_superuser_without_trigger(conn, schema, "UPDATE {} SET actor = 'someone else' WHERE position = 5")

    result = verify_cli(database, schema)

    assert result.exit_code == 1
    assert "Entry 5 (CT-2026-0001, Application.IncidentLogged" in result.output
    assert "was altered" in result.output


def test_a_removed_entry_is_named_by_the_entry_after_it(projected: Projector, conn: psycopg.Connection[Any],
                                                         schema: str):
    as_superuser_without_trigger(conn, schema, "DELETE FROM {} WHERE position = 6")

    result = audit.verify(conn, schema, projected.position)

    assert result.problem.startswith("The chain breaks at entry 7 (CT-2026-0001, Application.ConsentGiven")
    assert "removed, or it was inserted out of place" in result.problem


def test_removing_the_last_entries_is_detected_against_the_projector_position(
    projected: Projector, conn: psycopg.Connection[Any], schema: str
):
    last = projected.position
    as_superuser_without_trigger(conn, schema, f"DELETE FROM {{}} WHERE position >= {last - 1}")

    result = audit.verify(conn, schema, last)

    assert result.problem == (f"Entries after position {last - 2} were removed: the projector recorded events "
                              f"up to position {last}.")
