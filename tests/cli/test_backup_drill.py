"""The backup and restore drill of docs/OPERATIONS.md, as an operator runs it: pg_dump, drop the database,
restore into a fresh one, `audit verify` against the checkpoint kept outside the database, `rebuild`, and the
same read models as before the loss."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from psycopg import sql

from application.backoffice import BackOffice
from application.profile import load_profile
from cli.main import SCHEMA_VARIABLE, main
from infrastructure.storage import Database
from projections.tables import READ_TABLES
from tests.application import cases
from tests.conftest import CHEAP_HASHER, TODAY
from tests.pg_clients import client_program, scratch_database, url_of

pytestmark = pytest.mark.slow


@pytest.fixture
def drill_database(server: Database) -> Iterator[str]:
    with scratch_database(server, "ct_drill") as name:
        yield name


def read_models(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with Database(url).connect() as conn:
        return {table: sorted(conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))).fetchall(),
                              key=repr)
                for table in READ_TABLES}


def test_dump_drop_restore_verify_and_rebuild_give_an_intact_audit_trail_and_the_same_read_models(
    server: Database, drill_database: str, tmp_path: Path
):
    database = server
    url = url_of(database, drill_database)
    key_file = tmp_path / "kept-elsewhere" / "audit.key"  # what docs/OPERATIONS.md says to keep outside the database

    def run(*args: str) -> Result:
        result = CliRunner().invoke(main, list(args), env={
            "DATABASE_URL": url, SCHEMA_VARIABLE: "public", "COMMUNITY_TRIGGER_AUDIT_KEY_FILE": str(key_file),
            "COMMUNITY_TRIGGER_MIGRATION_URL": None, "COMMUNITY_TRIGGER_RUNTIME_ROLE": None})
        assert result.exit_code == 0, result.output
        return result

    key_file.parent.mkdir()
    run("audit", "new-key", str(key_file))
    run("migrate")
    record_some_cases(Database(url))
    run("rebuild")
    checkpoint = run("audit", "checkpoint").output.strip().splitlines()[-1]
    before = read_models(url)
    dump = tmp_path / "community-trigger.dump"

    subprocess.run([client_program(database.url, "pg_dump"), "--format=custom", f"--file={dump}", url], check=True,
                   timeout=120)
    with database.connect() as conn:  # the loss
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(drill_database)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(drill_database)))
    subprocess.run([client_program(database.url, "pg_restore"), "--exit-on-error", f"--dbname={url}", str(dump)],
                   check=True, timeout=120)
    verified = run("audit", "verify", "--checkpoint", checkpoint)
    rebuilt = run("rebuild")
    after = read_models(url)

    assert checkpoint.startswith("audit-checkpoint ")
    assert "Audit trail intact" in verified.output
    assert "2 checkpoints compared" in verified.output  # the one restored with the database, the one kept apart
    assert verified.output.count("signed, matches") == 2
    assert "Rebuilt the read models" in rebuilt.output
    assert after == before
    assert len(before["ct_audit"]) > 10


def record_some_cases(database: Database) -> None:
    clock: Callable[[], Any] = lambda: TODAY  # noqa: E731
    with BackOffice(load_profile(), env=database.env("public", pool_size=1), clock=clock,
                    password_hasher=CHEAP_HASHER) as back_office:
        cases.ready_for_decision(back_office)
        cases.threshold_met(back_office)
        cases.receive(back_office, on_behalf=True)
