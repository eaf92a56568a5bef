"""The event store's table is append-only, for every role: a trigger refuses UPDATE, DELETE and
TRUNCATE of stored events, so history cannot be rewritten unseen, not even by a database
administrator using SQL (only the table's owner could drop the trigger, and that is itself a
schema change a migration role makes, not something the application's runtime role can do).

``AppendOnlyRecorder`` is the library's PostgreSQL application recorder with the trigger added to
the statements its ``create_table()`` runs, so the trigger is installed wherever the table is
created: by ``community-trigger migrate``, and by a laptop or a test that lets the application
create its own tables at start. ``Database.env`` names it in ``APPLICATION_RECORDER_TOPIC``.

New stored events are only ever inserted, under the library's ``LOCK TABLE … IN EXCLUSIVE MODE``
(``POSTGRES_ENABLE_DB_FUNCTIONS`` is left off), so notification ids become visible in commit order
and a reader following the log never passes a gap that is filled later.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresAggregateRecorder, PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Composed, Identifier, Literal

REFUSE_FUNCTION = "ct_stored_events_are_append_only"
ROW_TRIGGER = "ct_events_append_only"
TRUNCATE_TRIGGER = "ct_events_no_truncate"
EVENTS_REFUSAL = ("Stored events cannot be changed or removed (% refused): the event store is append-only; record "
                  "a new event instead.")

# Snapshots are a cache that commands and the case page load from (the history, the decisions and the as-at
# views replay events only). Deleting one is harmless; rewriting one in place would change what a command
# acts on, so UPDATE is refused for every role, and the runtime role may only read and add them.
SNAPSHOT_FUNCTION = "ct_snapshots_are_not_rewritten"
SNAPSHOT_TRIGGER = "ct_snapshots_no_update"
SNAPSHOT_REFUSAL = "A stored snapshot cannot be rewritten (% refused): delete it and the case loads from its events."

# Created only when the table has no such trigger yet, so applications starting side by side do not
# replace each other's function at the same moment.
GUARD_DDL = """
DO $ct$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgname = {trigger_name}
                   AND tgrelid = format('%I.%I', {schema_name}, {table_name})::regclass) THEN
        CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            RAISE EXCEPTION {message}, TG_OP;
        END $fn$;
        {triggers}
    END IF;
END $ct$
"""
TRIGGER = "CREATE TRIGGER {trigger} BEFORE {operations} ON {schema}.{table} FOR EACH {level} EXECUTE FUNCTION " \
          "{schema}.{function}();"


def guard_statement(schema: str, table: str, function: str, message: str,
                    triggers: tuple[tuple[str, str, str], ...]) -> Composed:
    """The idempotent statement that makes ``schema.table`` refuse what ``triggers`` name, each a (trigger name,
    operations, ROW or STATEMENT), raising ``message`` (``%`` stands for the operation refused)."""
    names = {"schema": Identifier(schema), "table": Identifier(table), "function": Identifier(function)}
    created = SQL("\n        ").join(
        SQL(TRIGGER).format(trigger=Identifier(name), operations=SQL(operations), level=SQL(level), **names)
        for name, operations, level in triggers)
    return SQL(GUARD_DDL).format(trigger_name=Literal(triggers[0][0]), schema_name=Literal(schema),
                                 table_name=Literal(table), message=Literal(message), triggers=created, **names)


def append_only_statement(schema: str, table: str) -> Composed:
    """The statement that makes ``schema.table`` refuse UPDATE, DELETE and TRUNCATE (idempotent)."""
    return guard_statement(schema, table, REFUSE_FUNCTION, EVENTS_REFUSAL,
                           ((ROW_TRIGGER, "UPDATE OR DELETE", "ROW"), (TRUNCATE_TRIGGER, "TRUNCATE", "STATEMENT")))


class AppendOnlyRecorder(PostgresApplicationRecorder):
    """The library's recorder; creating its table also makes the table append-only. ``select_events_of`` reads
    several aggregates' events at once (a case's application, review and file)."""

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self.sql_create_statements.append(
            append_only_statement(datastore.schema, events_table_name))
        self.latest_versions_statement = SQL(
            "SELECT originator_id, max(originator_version) AS version FROM {schema}.{table} "
            "WHERE originator_id = ANY(%s) GROUP BY originator_id").format(
            schema=Identifier(datastore.schema), table=Identifier(events_table_name))
        self.latest_versions_and_position_statement = SQL(
            "{latest} UNION ALL SELECT NULL, max(notification_id) FROM {schema}.{table}").format(
            latest=self.latest_versions_statement, schema=Identifier(datastore.schema),
            table=Identifier(events_table_name))
        self.select_events_of_statement = SQL(
            "SELECT originator_id, originator_version, topic, state FROM {schema}.{table} "
            "WHERE originator_id = ANY(%(ids)s) ORDER BY array_position(%(ids)s, originator_id), originator_version"
        ).format(schema=Identifier(datastore.schema), table=Identifier(events_table_name))

    def latest_versions(self, originator_ids: Sequence[UUID]) -> dict[UUID, int]:
        """The latest stored version of each of ``originator_ids`` that has events, in one query (on the index of
        the table's primary key), so a reader can tell which aggregates changed since it last read them."""
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.latest_versions_statement, (list(originator_ids),), prepare=True)
            return {row["originator_id"]: row["version"] for row in curs.fetchall()}

    def latest_versions_and_position(self, originator_ids: Sequence[UUID]) -> tuple[dict[UUID, int], int]:
        """``latest_versions`` and the notification log's last position (0 when empty), in one statement: one round
        trip, and both as of one moment."""
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as curs:
            curs.execute(self.latest_versions_and_position_statement, (list(originator_ids),), prepare=True)
            rows = curs.fetchall()
        return {i: version for i, version in rows if i is not None}, next(
            (int(last or 0) for i, last in rows if i is None), 0)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)  # as the library's select_events
    def select_events_of(self, originator_ids: Sequence[UUID]) -> list[StoredEvent]:
        """The stored events of each of ``originator_ids`` in turn, each aggregate's in version order: what
        ``select_events`` gives for each, in one query on one pooled connection instead of one each."""
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as cursor:
            cursor.execute(self.select_events_of_statement, {"ids": list(originator_ids)}, prepare=True)
            return [StoredEvent(originator_id=originator_id, originator_version=version, topic=topic,
                                state=bytes(state))
                    for originator_id, version, topic, state in cursor.fetchall()]


class SnapshotRecorder(PostgresAggregateRecorder):
    """The library's recorder for snapshots; creating its table also makes rewriting a snapshot impossible."""

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self.sql_create_statements.append(guard_statement(
            datastore.schema, events_table_name, SNAPSHOT_FUNCTION, SNAPSHOT_REFUSAL,
            ((SNAPSHOT_TRIGGER, "UPDATE", "ROW"),)))
