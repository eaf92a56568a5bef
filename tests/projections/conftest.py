from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql

from application.backoffice import BackOffice
from infrastructure.storage import Database
from projections.projector import Projector
from projections.tables import READ_TABLES


@pytest.fixture
def conn(database: Database) -> Iterator[psycopg.Connection[Any]]:
    with database.connect() as connection:
        yield connection


@pytest.fixture
def projector(back_office: BackOffice, conn: psycopg.Connection[Any], schema: str) -> Projector:
    return Projector(back_office, conn, schema, batch_size=50)


def snapshot(conn: psycopg.Connection[Any], schema: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every read table's rows, in a stable order."""
    return {
        table: sorted(conn.execute(sql.SQL("SELECT * FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(table))).fetchall(), key=repr)
        for table in READ_TABLES
    }
