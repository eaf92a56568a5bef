"""``community-trigger migrate``: the one step that changes the database's structure, run by the
migration (owner) role. It creates the schema, the event store's table (append-only: a trigger refuses
UPDATE, DELETE and TRUNCATE), the read models and the small web and scheduler tables, takes the right to
create objects in the schema from everyone else, and grants a runtime role only what the application
needs. Running it again is harmless. Registered on the main group at the end of ``cli/main.py``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import psycopg
from psycopg import sql

from infrastructure.storage import EVENTS_TABLE, SNAPSHOTS_TABLE, creates_tables, database_session

if TYPE_CHECKING:
    from cli.main import Settings

READ_WRITE = "SELECT, INSERT, UPDATE, DELETE"
# The structure this release needs; `migrate` records it in ct_schema_version, and every process refuses to start
# on a schema whose recorded version is older (or newer). 1: the tables of issue 9; 2: job results, this table;
# 3: the credentials table and the access log; 4: the data keys; 5: the count of shreddings (infrastructure/keys.py).
SCHEMA_VERSION = 5
VERSION_TABLE = "ct_schema_version"
APPEND_ONLY_TABLES = ("ct_audit", "ct_audit_checkpoints", "ct_access_log")  # only ever added to
SMALL_TABLES = ("ct_sign_in_attempts", "ct_public_rate", "ct_public_drafts", "ct_job_runs", "ct_retention_due",
                "ct_credentials", "ct_access_log", "ct_data_keys", "ct_shreddings")


def runtime_tables() -> tuple[str, ...]:
    """Every table the application uses at run time, besides the event store."""
    from projections.tables import READ_TABLES

    return (*READ_TABLES, "ct_audit_checkpoints", *SMALL_TABLES)


def missing_tables(conn: psycopg.Connection[Any], schema: str) -> list[str]:
    """The tables ``migrate`` makes that are not in ``schema``."""
    found = {row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,))}
    return [table for table in (EVENTS_TABLE, SNAPSHOTS_TABLE, *runtime_tables(), VERSION_TABLE) if table not in found]


def recorded_version(conn: psycopg.Connection[Any], schema: str) -> int | None:
    """The schema version `migrate` last recorded, or None if it never ran on this schema."""
    if conn.execute("SELECT to_regclass(format('%%I.%%I', %s::text, %s::text))",
                    (schema, VERSION_TABLE)).fetchone()[0] is None:  # type: ignore[index]
        return None
    row = conn.execute(sql.SQL("SELECT max(version) FROM {}.{}").format(
        sql.Identifier(schema), sql.Identifier(VERSION_TABLE))).fetchone()
    return row[0] if row else None


def version_problem(conn: psycopg.Connection[Any], schema: str) -> str | None:
    """Why this release cannot run on ``schema`` as migrated, in one line; None if it can."""
    found = recorded_version(conn, schema)
    if found is None or found == SCHEMA_VERSION:
        return None
    if found < SCHEMA_VERSION:
        return (f"The database schema {schema!r} is at version {found}, and this release needs version "
                f"{SCHEMA_VERSION}: run `community-trigger migrate` with the database owner's URL "
                "(--migration-url or COMMUNITY_TRIGGER_MIGRATION_URL) before starting it.")
    return (f"The database schema {schema!r} is at version {found}, newer than this release knows "
            f"({SCHEMA_VERSION}): it was migrated by a later release; run that release.")


@click.command()
@click.option("--migration-url", envvar="COMMUNITY_TRIGGER_MIGRATION_URL",
              help="postgresql://… of the role that owns the schema and its tables [env "
                   "COMMUNITY_TRIGGER_MIGRATION_URL; default: --database-url, one role for everything].")
@click.option("--runtime-role", envvar="COMMUNITY_TRIGGER_RUNTIME_ROLE",
              help="The database role the web interface, projector and scheduler log in as: it gets only the "
                   "rights they need, and cannot change the tables [env COMMUNITY_TRIGGER_RUNTIME_ROLE].")
@click.pass_obj
def migrate(settings: Settings, migration_url: str | None, runtime_role: str | None) -> None:
    """Create or upgrade the database's tables and grant the runtime role its rights (safe to run again)."""
    from application.backoffice import BackOffice
    from application.profile import load_profile
    from cli.main import SCHEMA_VARIABLE
    from infrastructure.keys import require_master_key

    schema = os.environ.get(SCHEMA_VARIABLE, "public")
    profile = load_profile(settings.profile)
    with database_session(migration_url or settings.database_url, Path(settings.data_dir)) as database:
        database.create_schema(schema)
        with database.connect() as conn:
            if not creates_tables(conn, schema):
                raise click.ClickException(
                    f"This database role may not create tables in schema {schema!r}; run migrate with the owner's "
                    "URL (--migration-url or COMMUNITY_TRIGGER_MIGRATION_URL).")
            if runtime_role and not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                                 (runtime_role,)).fetchone():
                raise click.BadParameter(f"There is no database role named {runtime_role!r}; create it first "
                                         "(CREATE ROLE … LOGIN PASSWORD …).", param_hint="'--runtime-role'")
        back_office = BackOffice(profile, env=database.env(schema),  # event store, trigger, data keys
                                 master_key=require_master_key(os.environ, settings.data_dir))
        with database.connect() as conn:
            if (found := recorded_version(conn, schema)) is not None and found > SCHEMA_VERSION:
                raise click.ClickException(version_problem(conn, schema) or "")
            create_runtime_tables(conn, schema)
        try:  # password and token hashes still in old events move to ct_credentials
            back_office.accounts.move_credentials_out_of_history()
        finally:
            back_office.close()
        with database.connect() as conn, conn.transaction():
            record_version(conn, schema)
            conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(sql.Identifier(schema)))
            if runtime_role:
                grant_runtime_rights(conn, schema, runtime_role)
    granted = f"; role {runtime_role} may read and write them, but not change them" if runtime_role else ""
    click.echo(f"Schema {schema} is up to date (version {SCHEMA_VERSION}): event store (append-only), read models, "
               f"web and scheduler tables{granted}.")


def create_runtime_tables(conn: psycopg.Connection[Any], schema: str) -> None:
    from infrastructure import credentials, drafts, rate_limits, sign_in_attempts
    from infrastructure.access_log import create_access_log
    from infrastructure.scheduler_tables import create_scheduler_tables
    from projections.tables import create_tables

    create_tables(conn, schema)
    create_scheduler_tables(conn, schema)
    with conn.transaction():
        for module in (sign_in_attempts, rate_limits, drafts, credentials):
            conn.execute(sql.SQL(module.DDL).format(sql.Identifier(schema)))
    create_access_log(conn, schema)


def record_version(conn: psycopg.Connection[Any], schema: str) -> None:
    table = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(VERSION_TABLE))
    conn.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} (version integer NOT NULL)").format(table))
    conn.execute(sql.SQL("DELETE FROM {}").format(table))
    conn.execute(sql.SQL("INSERT INTO {} (version) VALUES (%s)").format(table), (SCHEMA_VERSION,))


def grant_runtime_rights(conn: psycopg.Connection[Any], schema: str, role: str) -> None:
    """What the application needs, and no more: no CREATE in the schema, no table of its own."""
    s, r = sql.Identifier(schema), sql.Identifier(role)

    def grant(privileges: str, table: str) -> None:
        conn.execute(sql.SQL("GRANT {} ON {}.{} TO {}").format(sql.SQL(privileges), s, sql.Identifier(table), r))

    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, r))
    # INSERT of new events; UPDATE only because PostgreSQL asks for it before LOCK TABLE … IN EXCLUSIVE MODE
    # (which keeps notification ids in commit order): the append-only trigger refuses any actual update
    grant("SELECT, INSERT, UPDATE", EVENTS_TABLE)
    grant("SELECT, INSERT", SNAPSHOTS_TABLE)  # a cache: read and add; the trigger refuses rewriting one
    sequence = conn.execute("SELECT pg_get_serial_sequence(format('%%I.%%I', %s::text, %s::text), 'notification_id')",
                            (schema, EVENTS_TABLE)).fetchone()[0]  # type: ignore[index]
    conn.execute(sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(sql.SQL(sequence), r))
    for (type_name,) in conn.execute("SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                                     "WHERE n.nspname = %s AND t.typname LIKE 'stored_event_%%' AND t.typtype = 'c'",
                                     (schema,)).fetchall():
        conn.execute(sql.SQL("GRANT USAGE ON TYPE {}.{} TO {}").format(s, sql.Identifier(type_name), r))
    for table in runtime_tables():
        grant("SELECT, INSERT" if table in APPEND_ONLY_TABLES else READ_WRITE, table)
    grant("SELECT", VERSION_TABLE)
