"""The command line of the privacy work: `access-log` filtered by case and user, `subject-access list` and
`export`; `migrate` makes the credentials table and the append-only access log, moves hashes still in old
events to the table, and the runtime role may add to the access log but not change it."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from urllib.parse import quote

import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from application.backoffice import BackOffice
from application.profile import load_profile
from cli.main import SCHEMA_VARIABLE, main
from domain.personal import Person
from domain.user import PasswordHash, Role, User
from infrastructure.credentials import PASSWORD
from infrastructure.storage import Database
from tests.application import cases
from tests.conftest import CHEAP_HASHER, TODAY


@pytest.fixture
def run(database: Database, schema: str) -> Callable[..., Result]:
    def invoke(*args: str, url: str | None = None) -> Result:
        env = {"DATABASE_URL": url or database.url, SCHEMA_VARIABLE: schema, "COMMUNITY_TRIGGER_MIGRATION_URL": None,
               "COMMUNITY_TRIGGER_RUNTIME_ROLE": None}
        return CliRunner().invoke(main, list(args), env=env)

    return invoke


@pytest.fixture
def runtime_role(database: Database) -> Iterator[str]:
    role = f"ct_rt_{uuid.uuid4().hex[:10]}"
    with database.connect() as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    yield role
    with database.connect() as conn:
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_access_log_lists_views_filtered_by_case_and_user(back_office: BackOffice, run: Callable[..., Result]) -> None:
    back_office.privacy.record_view("j.okafor", "/cases/CT-2026-0001", "CT-2026-0001")
    back_office.privacy.record_view("m.reid", "/cases/CT-2026-0002/pack", "CT-2026-0002")

    by_case = run("access-log", "--case", "ct-2026-0001")
    by_user = run("access-log", "--user", "m.reid")

    assert by_case.exit_code == 0, by_case.output
    assert "j.okafor  CT-2026-0001  /cases/CT-2026-0001" in by_case.output
    assert "m.reid" not in by_case.output
    assert "m.reid  CT-2026-0002  /cases/CT-2026-0002/pack" in by_user.output
    assert "j.okafor" not in by_user.output


def test_subject_access_lists_the_requests_with_their_due_dates_and_exports_one_as_json(
        back_office: BackOffice, run: Callable[..., Result]) -> None:
    reference = cases.receive(back_office, on_behalf=True)
    recorded = back_office.privacy.receive_subject_access_request(
        person=Person("asked", "Ann Smith"), received_on=date(2026, 11, 20), actor="j.okafor")
    back_office.privacy.confirm_records(recorded.aggregate_id, subjects=["p-1"], actor="j.okafor")

    listed = run("subject-access", "list")
    exported = run("subject-access", "export", str(recorded.aggregate_id), "--by", "t.brooks")

    assert f"{recorded.reference}  {recorded.aggregate_id}  received 20 November 2026, due 21 December 2026" in \
        listed.output
    copy = json.loads(exported.output)
    assert copy["cases"][0]["case"] == reference
    assert "Raj Patel" not in exported.output
    assert [e.what for e in back_office.privacy.access_entries(username="t.brooks")] == ["subject access export"]


def test_migrate_moves_old_hashes_out_and_the_runtime_role_may_add_to_the_access_log_but_not_change_it(
        database: Database, schema: str, runtime_role: str, run: Callable[..., Result]) -> None:
    with BackOffice(load_profile(), env=database.env(schema, pool_size=1), clock=lambda: TODAY,
                    password_hasher=CHEAP_HASHER) as owner:  # a user as the old code stored it
        owner.save(User(PasswordHash(CHEAP_HASHER.hash("an old passphrase")), username="l.old", roles=(Role.OFFICER,),
                        person=Person(subject="user:l.old", name="Lee Old", email="lee@example.gov.uk"), actor="a"))

    result = run("migrate", "--runtime-role", runtime_role)

    assert result.exit_code == 0, result.output
    params = conninfo_to_dict(database.url)
    runtime = Database(f"postgresql://{runtime_role}@/{quote(str(params.get('dbname', 'postgres')))}"
                       f"?host={quote(str(params.get('host', 'localhost')))}&port={params.get('port', '5432')}")
    with BackOffice(load_profile(), env=runtime.env(schema, pool_size=1), clock=lambda: TODAY,
                    password_hasher=CHEAP_HASHER) as back_office:
        with database.connect() as conn:
            moved = conn.execute(sql.SQL("SELECT count(*) FROM {}.ct_credentials WHERE username = 'l.old' "
                                         "AND kind = %s").format(sql.Identifier(schema)), (PASSWORD,)).fetchone()
        assert moved == (1,)
        back_office.privacy.record_view("l.old", "/cases/CT-2026-0001", "CT-2026-0001")
        assert len(back_office.privacy.access_entries()) == 1
    with runtime.connect() as conn, pytest.raises((psycopg.errors.InsufficientPrivilege,
                                                   psycopg.errors.RaiseException)):
        conn.execute(sql.SQL("DELETE FROM {}.ct_access_log").format(sql.Identifier(schema)))
