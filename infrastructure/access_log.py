"""Who looked: ``ct_access_log``, an append-only record of every view of a case's personal data (the case page,
its history, pack, letters, a subject access export, an API read): who (the user's username, their id in the
back office), when, what (the page or API route) and which case. One row per request, never per record shown.

Like the event store, the table refuses UPDATE, DELETE and TRUNCATE for every role (a trigger, see
``infrastructure.event_store.guard_statement``); the runtime role is granted only SELECT and INSERT. Created at
start by a role that may create tables, else by ``community-trigger migrate``. It holds no personal data of the
people in a case: only the case reference and the viewer's username.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from psycopg import sql
from psycopg.rows import tuple_row

from infrastructure.event_store import guard_statement
from infrastructure.storage import create_once, creates_tables

TABLE = "ct_access_log"
FUNCTION = "ct_access_log_is_append_only"
ROW_TRIGGER = "ct_access_log_append_only"
TRUNCATE_TRIGGER = "ct_access_log_no_truncate"
REFUSAL = "The access log cannot be changed or removed (% refused): it is append-only."
MOST = 500  # entries on one page or in one listing

DDL = """
CREATE TABLE IF NOT EXISTS {}.ct_access_log (
    viewed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    username text NOT NULL,
    what text NOT NULL,
    reference text NOT NULL
)"""
INDEXES = (
    "CREATE INDEX IF NOT EXISTS ct_access_log_by_case ON {}.ct_access_log (reference, viewed_at)",
    "CREATE INDEX IF NOT EXISTS ct_access_log_by_user ON {}.ct_access_log (username, viewed_at)",
)


class Connections(Protocol):
    def connection(self) -> Any: ...


@dataclass(frozen=True)
class AccessEntry:
    viewed_at: datetime
    username: str
    what: str
    reference: str


def create_access_log(conn: Any, schema: str) -> None:
    """Create the table, its indexes and its append-only trigger (idempotent)."""
    s = sql.Identifier(schema)
    create_once(conn, schema, sql.SQL(DDL).format(s), *(sql.SQL(index).format(s) for index in INDEXES),
                guard_statement(schema, TABLE, FUNCTION, REFUSAL, ((ROW_TRIGGER, "UPDATE OR DELETE", "ROW"),
                                                                   (TRUNCATE_TRIGGER, "TRUNCATE", "STATEMENT"))))


class AccessLog:
    def __init__(self, connections: Connections, schema: str) -> None:
        self.connections = connections
        self.table = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(TABLE))
        with connections.connection() as conn:
            if creates_tables(conn.cursor(row_factory=tuple_row), schema):  # else `community-trigger migrate` made it
                create_access_log(conn, schema)

    def record(self, username: str, what: str, reference: str) -> None:
        with self.connections.connection() as conn:
            conn.execute(sql.SQL("INSERT INTO {} (username, what, reference) VALUES (%s, %s, %s)").format(self.table),
                         (username, what[:200], reference))

    def entries(self, *, references: Sequence[str] | None = None, username: str | None = None,
                limit: int = MOST) -> list[AccessEntry]:
        """The latest entries first, for some cases and/or one user (all when neither is given)."""
        where, params = [], []
        if references is not None:
            where.append(sql.SQL("reference = ANY(%s)"))
            params.append(list(references))
        if username:
            where.append(sql.SQL("username = %s"))
            params.append(username)
        condition = sql.SQL(" WHERE ") + sql.SQL(" AND ").join(where) if where else sql.SQL("")
        with self.connections.connection() as conn, conn.cursor(row_factory=tuple_row) as cur:
            rows = cur.execute(sql.SQL("SELECT viewed_at, username, what, reference FROM {}{} "
                                       "ORDER BY viewed_at DESC LIMIT %s").format(self.table, condition),
                               (*params, limit)).fetchall()
        return [AccessEntry(*row) for row in rows]
