"""The audit trail: append-only in the database; every event altered, removed or inserted in the event store
named by `audit verify`; a rewrite of both tables caught against a signed checkpoint; a rebuild that neither
leaves nothing nor quietly replaces a trail that differs from the events."""

import contextlib
import json
import os
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import psycopg
import pytest
from click.testing import CliRunner
from psycopg import sql

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from domain.ids import application_id
from infrastructure.event_cipher import EventCipher
from infrastructure.keys import EVENTS, DataKeys, master_key_from_environment
from infrastructure.storage import Database
from projections import audit
from projections.projector import Projector
from projections.rebuild import Replacement, rebuild
from projections.tables import replace_tables
from tests.application import cases
from tests.projections.conftest import snapshot

KEY = b"k" * 64


@pytest.fixture
def projected(back_office: BackOffice, projector: Projector) -> Projector:
    cases.outcome_sent(back_office)
    projector.catch_up()
    return projector


def as_superuser_without_triggers(conn: psycopg.Connection[Any], schema: str, table: str, statement: str,
                                  params: tuple[Any, ...] = ()) -> None:
    """What a database administrator can do: switch the triggers off, change the rows, switch them back on."""
    name = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table))
    with conn.transaction():
        conn.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER USER").format(name))
        conn.execute(sql.SQL(statement).format(name), params)
        conn.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER USER").format(name))


def forge_reason(conn: psycopg.Connection[Any], schema: str, reference: str, forged: str) -> int:
    """Rewrite the reason stored in the case's threshold decision, in place; returns the event's position."""
    row = conn.execute(sql.SQL("SELECT notification_id, originator_version, state FROM {}.backoffice_events "
                               "WHERE originator_id = %s AND topic LIKE %s").format(sql.Identifier(schema)),
                       (application_id(reference), "%ThresholdMet")).fetchone()
    assert row is not None
    cipher = event_cipher(conn, schema)  # a forger who has the keys too: the chain must still catch it
    state = json.loads(cipher.decrypt(bytes(row[2])))
    state["reason"] = forged
    as_superuser_without_triggers(conn, schema, "backoffice_events",
                                  "UPDATE {} SET state = %s WHERE notification_id = %s",
                                  (cipher.encrypt(json.dumps(state).encode()), row[0]))
    return int(row[0])


def event_cipher(conn: psycopg.Connection[Any], schema: str) -> EventCipher:
    """The whole-event cipher of the schema, from its wrapped key and the tests' master key."""
    keys = DataKeys(master_key_from_environment(os.environ) or b"", schema)
    keys.attach(lambda: contextlib.nullcontext(conn), create=False)
    return EventCipher(keys.key_for_reading(EVENTS) or b"")


def verify_cli(database: Database, schema: str, *arguments: str, key_file: str = "") -> Any:
    env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "COMMUNITY_TRIGGER_AUDIT_KEY_FILE": key_file}
    return CliRunner().invoke(main, ["audit", *(arguments or ("verify",))], env=env)


# ------------------------------------------------------------------------------------- the trail itself
@pytest.mark.parametrize("statement", ["UPDATE {} SET actor = 'x' WHERE position = 5", "DELETE FROM {}",
                                       "TRUNCATE {}"])
def test_the_database_refuses_to_change_the_audit_trail(
    projected: Projector, conn: psycopg.Connection[Any], schema: str, statement: str
):
    with pytest.raises(psycopg.errors.RaiseException, match="the audit trail is append-only"):
        conn.execute(sql.SQL(statement).format(sql.SQL("{}.ct_audit").format(sql.Identifier(schema))))


def test_an_intact_trail_verifies_against_every_stored_event(projected: Projector, database: Database, schema: str):
    result = verify_cli(database, schema)

    assert result.exit_code == 0, result.output
    assert f"Audit trail intact: {projected.position} entries, each chained to the one before and matching the " \
           "event stored at its position" in result.output


def test_an_altered_entry_is_named(projected: Projector, conn: psycopg.Connection[Any], database: Database,
                                   schema: str):
    as_superuser_without_triggers(conn, schema, "ct_audit", "UPDATE {} SET actor = 'someone else' WHERE position = 5")

    result = verify_cli(database, schema)

    assert result.exit_code == 1
    assert "Audit entry 5 (CT-2026-0001, Application.IncidentLogged" in result.output
    assert "was altered" in result.output


def test_a_removed_entry_is_named(projected: Projector, back_office: BackOffice, conn: psycopg.Connection[Any],
                                  schema: str):
    as_superuser_without_triggers(conn, schema, "ct_audit", "DELETE FROM {} WHERE position = 6")

    result = audit.verify(conn, schema, back_office.recorder)

    assert "Event 6 (version" in result.problem
    assert "has no audit entry" in result.problem
    assert "The chain breaks at entry 7 (CT-2026-0001, Application.ConsentGiven" in result.problem


def test_removing_the_last_entries_is_detected_against_the_projector_position(
    projected: Projector, back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    last = projected.position
    as_superuser_without_triggers(conn, schema, "ct_audit", f"DELETE FROM {{}} WHERE position >= {last - 1}")

    result = audit.verify(conn, schema, back_office.recorder)

    assert (f"Audit entries after position {last - 2} were removed: the projector recorded events up to position "
            f"{last}.") in result.problems
    assert f"The event store holds {last} events up to position {last}, the audit trail {last - 2} entries." \
        in result.problems


# ----------------------------------------------------------------------------------- the event store
def test_an_event_altered_in_the_event_store_is_named(projected: Projector, back_office: BackOffice,
                                                      conn: psycopg.Connection[Any], database: Database, schema: str):
    position = forge_reason(conn, schema, "CT-2026-0001", "Forged after the fact.")
    assert back_office.cases.history("CT-2026-0001")  # the forged event still reads: only the trail can tell

    result = verify_cli(database, schema)

    assert result.exit_code == 1
    assert f"Event {position} (CT-2026-0001, Application.ThresholdMet, recorded" in result.output
    assert "was altered in the event store after it was recorded" in result.output


def test_a_cases_last_event_deleted_from_the_event_store_is_named(
    projected: Projector, back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    last = projected.position
    as_superuser_without_triggers(conn, schema, "backoffice_events", "DELETE FROM {} WHERE notification_id = %s",
                                  (last,))

    result = audit.verify(conn, schema, back_office.recorder)

    assert any(p.startswith(f"Event {last} (CT-2026-0001") and p.endswith("was removed from the event store.")
               for p in result.problems), result.problems
    assert f"The event store holds {last - 1} events up to position {last}, the audit trail {last} entries." \
        in result.problems


def test_an_event_inserted_among_recorded_events_is_named(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
):
    reference = cases.receive(back_office)
    [(before,)] = conn.execute(sql.SQL("SELECT max(notification_id) FROM {}.backoffice_events").format(
        sql.Identifier(schema))).fetchall()
    sequence = conn.execute("SELECT pg_get_serial_sequence(%s, 'notification_id')",
                            (f'"{schema}".backoffice_events',)).fetchone()[0]  # type: ignore[index]
    conn.execute("SELECT setval(%s, %s)", (sequence, before + 10))  # positions before+1 to before+10 stay unused
    cases.log_qualifying_incidents(back_office, reference)
    projector.catch_up()
    gap = before + 1
    as_superuser_without_triggers(
        conn, schema, "backoffice_events",
        "INSERT INTO {0} (notification_id, originator_id, originator_version, topic, state) "
        "SELECT %s, %s, 1, topic, state FROM {0} WHERE notification_id = 1", (gap, uuid4()))

    result = audit.verify(conn, schema, back_office.recorder)

    assert any(p.startswith(f"Event {gap} (version 1 of aggregate") and "has no audit entry: it was inserted among "
               "events already recorded" in p for p in result.problems), result.problems


# ----------------------------------------------------------------------------------------- checkpoints
def test_a_checkpoint_line_reads_back_and_its_signature_checks():
    checkpoint = audit.Checkpoint(datetime(2026, 12, 1, 2, 45, tzinfo=UTC), 120, 120, "a" * 64)
    signed = audit.Checkpoint(checkpoint.made_at, 120, 120, "a" * 64,
                              audit._mac(KEY, checkpoint.signed_text()))

    assert audit.Checkpoint.parse(signed.line()) == signed
    assert audit.Checkpoint.parse(checkpoint.line()) == checkpoint
    assert signed.signature_is_valid(KEY)
    assert not signed.signature_is_valid(b"another key" * 4)
    assert not audit.Checkpoint(checkpoint.made_at, 121, 121, "a" * 64, signed.mac).signature_is_valid(KEY)
    with pytest.raises(ValueError, match="one line as printed by `audit checkpoint`"):
        audit.Checkpoint.parse("audit-checkpoint yesterday")


def test_a_rewrite_of_both_tables_is_caught_against_a_checkpoint(
    projected: Projector, back_office: BackOffice, conn: psycopg.Connection[Any], database: Database, schema: str,
    tmp_path: Any
):
    key_file = tmp_path / "audit.key"
    key_file.write_text("k" * 64)
    made = verify_cli(database, schema, "checkpoint", key_file=str(key_file))
    assert made.exit_code == 0, made.output
    line = made.stdout.strip()
    # the administrator forges a reason, rebuilds a consistent trail over it and empties the checkpoints table
    forge_reason(conn, schema, "CT-2026-0001", "Forged after the fact.")
    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(f"{schema}_forged")))
    Projector(back_office, conn, f"{schema}_forged").catch_up()
    replace_tables(conn, schema, f"{schema}_forged")
    as_superuser_without_triggers(conn, schema, "ct_audit_checkpoints", "DELETE FROM {}")
    assert audit.verify(conn, schema, back_office.recorder).intact  # consistent with itself...

    result = verify_cli(database, schema, "verify", "--checkpoint", line, key_file=str(key_file))

    assert result.exit_code == 1  # ...but not with the checkpoint kept elsewhere
    assert f"The audit trail up to position {projected.position} is not the one the checkpoint of" in result.output
    assert "the history before that checkpoint was rewritten" in result.output


def test_a_checkpoint_kept_in_the_database_catches_a_rewrite(
    projected: Projector, back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    audit.store_checkpoint(conn, schema, audit.make_checkpoint(conn, schema, KEY, datetime.now(UTC)))
    forge_reason(conn, schema, "CT-2026-0001", "Forged after the fact.")
    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(f"{schema}_forged")))
    Projector(back_office, conn, f"{schema}_forged").catch_up()
    replace_tables(conn, schema, f"{schema}_forged")

    result = audit.verify(conn, schema, back_office.recorder, key=KEY)

    assert not result.intact
    assert "the history before that checkpoint was rewritten" in result.problem


def test_a_checkpoint_forged_without_the_key_is_named(
    projected: Projector, back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    forged = audit.make_checkpoint(conn, schema, b"the administrator's guess" * 2, datetime.now(UTC))

    result = audit.verify(conn, schema, back_office.recorder, key=KEY, checkpoints=[forged])

    assert "does not match this installation's audit key" in result.problem


def test_the_report_and_the_pack_print_a_signed_checkpoint_that_verifies(
    projected: Projector, database: Database, schema: str, tmp_path: Any
):
    key_file = tmp_path / "audit.key"
    key_file.write_text("k" * 64)
    env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "COMMUNITY_TRIGGER_AUDIT_KEY_FILE": str(key_file)}
    report = CliRunner().invoke(main, ["report", "--format", "md"], env=env)
    pack = CliRunner().invoke(main, ["pack", "CT-2026-0001", "--format", "json"], env=env)

    [line] = [text.strip() for text in report.output.splitlines() if text.strip().startswith("audit-checkpoint ")]
    assert json.loads(pack.output)["audit"]["checkpoint"].startswith("audit-checkpoint ")
    assert "mac=unsigned" not in line
    checked = CliRunner().invoke(main, ["audit", "verify", "--checkpoint", line], env=env)
    assert checked.exit_code == 0, checked.output
    assert "signed, matches" in checked.output


# --------------------------------------------------------------------------------------------- rebuild
def test_a_rebuild_refuses_to_replace_a_trail_that_differs_from_the_events(
    projected: Projector, back_office: BackOffice, conn: psycopg.Connection[Any], database: Database, schema: str
):
    position = forge_reason(conn, schema, "CT-2026-0001", "Forged after the fact.")
    before = snapshot(conn, schema)

    result = CliRunner().invoke(main, ["rebuild"], env={"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema})

    assert result.exit_code == 1
    assert f"differs from the current one from position {position} on" in result.output
    assert "Nothing was replaced" in result.output
    assert snapshot(conn, schema) == before
    assert not audit.verify(conn, schema, back_office.recorder).intact


def test_a_rebuild_told_to_replace_a_differing_trail_records_that_it_did(
    projected: Projector, back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    position = forge_reason(conn, schema, "CT-2026-0001", "Forged after the fact.")

    rebuilt = rebuild(back_office, conn, schema, replacement=Replacement("d.admin", "Restored from backup 4 Dec."))

    assert rebuilt.differing_entries == projected.position - position + 1  # the forged entry and all after it
    [last] = conn.execute(sql.SQL("SELECT event, actor, summary FROM {}.ct_audit ORDER BY position DESC LIMIT 1")
                          .format(sql.Identifier(schema))).fetchall()
    assert last[:2] == ("RecordKeeping.AuditTrailReplaced", "d.admin")
    assert f"first differing position: {position}" in last[2]
    assert "Restored from backup 4 Dec." in last[2]
    assert audit.verify(conn, schema, back_office.recorder).intact


def test_a_failed_rebuild_leaves_the_previous_read_models_serving(
    projected: Projector, back_office: BackOffice, conn: psycopg.Connection[Any], schema: str
):
    before = snapshot(conn, schema)
    as_superuser_without_triggers(  # an event nothing can read, after those already projected
        conn, schema, "backoffice_events",
        "INSERT INTO {} (originator_id, originator_version, topic, state) VALUES (%s, 1, %s, %s)",
        (uuid4(), "domain.application:Application.Created", b"not json"))

    with pytest.raises(Exception, match="The projector stopped at event"):
        rebuild(back_office, conn, schema)

    assert snapshot(conn, schema) == before
    assert conn.execute("SELECT to_regnamespace(%s)", (f"{schema}_rebuild",)).fetchone() == (None,)


@pytest.mark.parametrize("texts", [
    ("CT-2026-0001", "Application.Received", "a.officer", "2026-11-24T10:00:00+00:00", "channel: phone"),
    ("quotes \" and \\ backslashes", "line\nbreak\ttab", "\x00\x1b\u202e", "naïve café 😀", "\u2028\u2029 /"),
])
def test_an_entry_is_hashed_over_the_json_the_format_names(texts: tuple[str, ...]) -> None:
    """The hash is taken over ``json.dumps([position, …], ensure_ascii=False)``: written straight, the same bytes."""
    assert audit.entry_json(123456789, *texts) == json.dumps([123456789, *texts], ensure_ascii=False)
