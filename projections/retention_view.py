"""The closed cases past their retention period, as the scheduler's nightly job last listed them
(table ct_retention_due, made by the scheduler; none before the scheduler has run)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import class_row


@dataclass(frozen=True)
class RetentionDue:
    reference: str
    ended_on: date
    retention_ended_on: date
    listed_on: date


def retention_due(conn: psycopg.Connection[Any], schema: str) -> list[RetentionDue]:
    """The list, oldest ending first; empty when the scheduler has not made the table yet."""
    found = conn.execute("SELECT to_regclass(%s)", (f'"{schema}".ct_retention_due',)).fetchone()
    if found is None or found[0] is None:
        return []
    with conn.cursor(row_factory=class_row(RetentionDue)) as cursor:
        return cursor.execute(sql.SQL(
            "SELECT reference, ended_on, retention_ended_on, listed_on FROM {}.ct_retention_due "
            "ORDER BY ended_on, reference").format(sql.Identifier(schema))).fetchall()
