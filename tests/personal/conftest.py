"""Fixtures of the personal-data tests: a connection to the test's database, and a back office with an erasure
register of its own (kept outside the database, as in production)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from application.backoffice import BackOffice
from infrastructure.erasure_register import ErasureRegister
from infrastructure.storage import Database


@pytest.fixture
def conn(database: Database) -> Iterator[psycopg.Connection[Any]]:
    with database.connect() as connection:
        yield connection


@pytest.fixture
def register(tmp_path: Path) -> ErasureRegister:
    return ErasureRegister(tmp_path / "erasures.jsonl")


@pytest.fixture
def office(back_office: BackOffice, register: ErasureRegister) -> BackOffice:
    back_office.erasure_register = register
    return back_office
