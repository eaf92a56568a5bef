"""`community-trigger migrate` and the runtime role it grants rights to: the role records events and keeps
the read models up to date, but cannot edit the event store, the audit trail or the schema."""

import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from application.backoffice import BackOffice
from application.profile import load_profile
from cli.main import SCHEMA_VARIABLE, main
from domain.erasure import ErasureGround
from infrastructure.storage import Database
from projections.projector import Projector
from tests.application import cases
from tests.conftest import CHEAP_HASHER, TODAY

REFUSED_EDIT = (psycopg.errors.InsufficientPrivilege, psycopg.errors.RaiseException)


def url_as(database: Database, role: str) -> str:
    params = conninfo_to_dict(database.url)
    host, port, dbname = params.get("host", "localhost"), params.get("port", "5432"), params.get("dbname", "postgres")
    return f"postgresql://{role}@/{quote(str(dbname))}?host={quote(str(host))}&port={port}"


@pytest.fixture
def runtime_role(database: Database) -> Iterator[str]:
    """A LOGIN role of its own for the test, dropped (with its rights) afterwards."""
    role = f"ct_rt_{uuid.uuid4().hex[:10]}"
    with database.connect() as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    yield role
    with database.connect() as conn:
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


@pytest.fixture
def run(database: Database, schema: str) -> Callable[..., Result]:
    def invoke(*args: str, url: str | None = None) -> Result:
        env = {"DATABASE_URL": url or database.url, SCHEMA_VARIABLE: schema, "COMMUNITY_TRIGGER_MIGRATION_URL": None,
               "COMMUNITY_TRIGGER_RUNTIME_ROLE": None}
        return CliRunner().invoke(main, list(args), env=env)

    return invoke


@pytest.fixture
def runtime(database: Database, schema: str, runtime_role: str, run: Callable[..., Result]) -> Database:
    """The schema migrated twice (the second run must be harmless), and the database as the runtime role."""
    for _ in range(2):
        result = run("migrate", "--runtime-role", runtime_role)
        assert result.exit_code == 0, result.output
    return Database(url_as(database, runtime_role))


@pytest.fixture
def runtime_back_office(runtime: Database, schema: str) -> Iterator[BackOffice]:
    with BackOffice(load_profile(), env=runtime.env(schema, pool_size=1), clock=lambda: TODAY,
                    password_hasher=CHEAP_HASHER) as back_office:
        yield back_office


def as_runtime(runtime: Database, statement: str, schema: str) -> None:
    with runtime.connect() as conn:
        conn.execute(sql.SQL(statement).format(s=sql.Identifier(schema)))


def test_migrate_says_what_it_did_and_running_it_again_changes_nothing(
    run: Callable[..., Result], database: Database, schema: str, runtime_role: str
):
    first = run("migrate", "--runtime-role", runtime_role)
    with database.connect() as conn:
        def structure() -> list[tuple[Any, ...]]:
            return conn.execute("SELECT c.relname, c.relkind, c.relacl::text FROM pg_class c JOIN pg_namespace n "
                                "ON n.oid = c.relnamespace WHERE n.nspname = %s ORDER BY c.relname",
                                (schema,)).fetchall()
        before = structure()
        second = run("migrate", "--runtime-role", runtime_role)
        after = structure()

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert f"role {runtime_role} may read and write them, but not change them" in second.output
    assert after == before
    assert "backoffice_events" in [row[0] for row in after]


def test_the_runtime_role_records_commands_and_the_projector_keeps_up(
    runtime: Database, runtime_back_office: BackOffice, schema: str
):
    reference = cases.ready_for_decision(runtime_back_office)

    with runtime.connect() as conn:
        projector = Projector(runtime_back_office, conn, schema)
        projector.catch_up()
        audited = conn.execute(sql.SQL("SELECT count(*) FROM {}.ct_audit").format(sql.Identifier(schema))).fetchone()
        listed = conn.execute(sql.SQL("SELECT stage FROM {}.ct_cases WHERE reference = %s").format(
            sql.Identifier(schema)), (reference,)).fetchone()

    assert runtime_back_office.cases.get_case(reference).reference == reference
    assert audited == (runtime_back_office.event_count(),)
    assert listed is not None


def test_the_runtime_role_erases_a_case_and_other_processes_see_it(
    runtime: Database, runtime_back_office: BackOffice, schema: str
):
    reference = cases.ready_for_decision(runtime_back_office)

    runtime_back_office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor="m.reid")

    with runtime.connect() as conn:  # the count every process looks at before a request or a job
        shreddings = conn.execute(sql.SQL("SELECT count FROM {}.ct_shreddings").format(
            sql.Identifier(schema))).fetchone()
    assert shreddings == (1,)
    assert runtime_back_office.cases.get_case(reference).application.applicant.person.name.startswith("Erased on")


@pytest.mark.parametrize("statement", [
    "UPDATE {s}.backoffice_events SET topic = 'forged'",
    "DELETE FROM {s}.backoffice_events WHERE notification_id = "
    "(SELECT max(notification_id) FROM {s}.backoffice_events)",
    "TRUNCATE {s}.backoffice_events",
    "DELETE FROM {s}.ct_audit",
    "UPDATE {s}.ct_audit SET actor = 'someone else'",
    "ALTER TABLE {s}.backoffice_events DISABLE TRIGGER ct_events_append_only",
    "DROP TRIGGER ct_events_append_only ON {s}.backoffice_events",
    "UPDATE {s}.backoffice_snapshots SET state = state",
    "DELETE FROM {s}.backoffice_snapshots",
    "DELETE FROM {s}.ct_audit_checkpoints",
], ids=["update events", "delete the last event", "truncate events", "delete audit entries", "update audit entries",
        "disable the guard", "drop the guard", "rewrite snapshots", "delete snapshots", "delete checkpoints"])
def test_the_runtime_role_cannot_edit_the_event_store_or_the_audit_trail(
    runtime: Database, runtime_back_office: BackOffice, schema: str, statement: str
):
    cases.receive(runtime_back_office)
    with runtime.connect() as conn:
        Projector(runtime_back_office, conn, schema).catch_up()
    count = runtime_back_office.event_count()

    with pytest.raises(REFUSED_EDIT):
        as_runtime(runtime, statement, schema)

    assert runtime_back_office.event_count() == count
    cases.receive(runtime_back_office)  # and it can still record
    assert runtime_back_office.event_count() > count


@pytest.mark.parametrize("statement", [
    "CREATE TABLE {s}.ct_shadow (x int)",
    "CREATE INDEX ct_shadow ON {s}.backoffice_events (topic)",
    "ALTER TABLE {s}.ct_cases ADD COLUMN note text",
    "DROP TABLE {s}.ct_cases",
], ids=["create a table", "create an index", "alter a table", "drop a table"])
def test_the_runtime_role_cannot_change_the_schema(runtime: Database, schema: str, statement: str):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_runtime(runtime, statement, schema)


def test_the_runtime_role_owns_nothing_and_may_not_create_in_the_schema(
    runtime: Database, database: Database, schema: str, runtime_role: str
):
    with database.connect() as conn:
        owned = conn.execute("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                             "WHERE r.rolname = %s", (runtime_role,)).fetchone()
        may_create = conn.execute("SELECT has_schema_privilege(%s, %s, 'CREATE')", (runtime_role, schema)).fetchone()

    assert owned == (0,)
    assert may_create == (False,)


def test_the_web_interface_and_the_scheduler_start_as_the_runtime_role(
    runtime: Database, runtime_back_office: BackOffice, schema: str
):
    from cli.schedule_commands import build_scheduler
    from web.app import close_app, create_app

    app = create_app(runtime_back_office, runtime, schema, config={"SESSION_COOKIE_SECURE": False})
    try:
        page = app.test_client().get("/apply")
    finally:
        close_app(app)
    scheduler = build_scheduler(runtime, runtime_back_office, schema)

    assert page.status_code == 200
    assert scheduler.overdue()


def test_commands_as_the_runtime_role_work_once_migrated(
    runtime: Database, runtime_back_office: BackOffice, run: Callable[..., Result]
):
    reference = cases.receive(runtime_back_office)

    result = run("history", reference, url=runtime.url)

    assert result.exit_code == 0, result.output
    assert "Application.Received" in result.output


def test_a_runtime_role_on_a_database_never_migrated_is_told_to_run_migrate(
    database: Database, schema: str, runtime_role: str, run: Callable[..., Result]
):
    with database.connect() as conn:
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema),
                                                                    sql.Identifier(runtime_role)))

    result = run("history", "CT-2026-0001", url=url_as(database, runtime_role))

    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "run `community-trigger migrate` first" in result.output
    assert "Traceback" not in result.output


def test_migrate_as_a_role_that_may_not_create_tables_is_refused_in_one_line(
    runtime: Database, run: Callable[..., Result]
):
    result = run("migrate", url=runtime.url)

    assert result.exit_code == 1
    assert "may not create tables" in result.output
    assert "--migration-url" in result.output


def test_migrate_names_a_runtime_role_that_does_not_exist(run: Callable[..., Result]):
    result = run("migrate", "--runtime-role", "ct_rt_nobody")

    assert result.exit_code == 2
    assert "There is no database role named 'ct_rt_nobody'" in result.output


def test_rebuild_as_the_runtime_role_is_refused_in_one_line(runtime: Database, run: Callable[..., Result]):
    result = run("rebuild", url=runtime.url)

    assert result.exit_code == 1
    assert "need the database owner's URL" in result.output
    assert "Traceback" not in result.output


def test_a_rebuild_by_the_owner_keeps_the_runtime_roles_rights_and_refusals(
    runtime: Database, runtime_back_office: BackOffice, schema: str, run: Callable[..., Result]
):
    reference = cases.receive(runtime_back_office)

    rebuilt = run("rebuild")  # as the owner
    cases.log_qualifying_incidents(runtime_back_office, reference)

    assert rebuilt.exit_code == 0, rebuilt.output
    with runtime.connect() as conn:
        Projector(runtime_back_office, conn, schema).catch_up()  # writes the swapped-in tables as the runtime role
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(sql.SQL("UPDATE {}.ct_audit SET actor = 'x'").format(sql.Identifier(schema)))
    verified = run("audit", "verify", url=runtime.url)
    assert verified.exit_code == 0, verified.output


def test_migrate_records_the_schema_version_and_a_schema_behind_it_is_refused_in_one_line(
    runtime: Database, database: Database, schema: str, run: Callable[..., Result]
):
    from cli.migrate_command import SCHEMA_VERSION

    with database.connect() as conn:
        recorded = conn.execute(sql.SQL("SELECT version FROM {}.ct_schema_version").format(
            sql.Identifier(schema))).fetchall()
        conn.execute(sql.SQL("UPDATE {}.ct_schema_version SET version = 1").format(sql.Identifier(schema)))
    behind = run("cases", url=runtime.url)
    migrated = run("migrate")
    after = run("history", "CT-2026-0001", url=runtime.url)

    assert recorded == [(SCHEMA_VERSION,)]
    assert behind.exit_code == 1
    assert f"is at version 1, and this release needs version {SCHEMA_VERSION}" in behind.output
    assert "run `community-trigger migrate`" in behind.output
    assert migrated.exit_code == 0, migrated.output
    assert "version" not in after.output  # past the check: the case simply does not exist
