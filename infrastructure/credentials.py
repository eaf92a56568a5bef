"""Where password and API-token hashes are kept: ``ct_credentials``, in the BackOffice's schema, not in the
events. A hash here can be replaced (a new password) and removed (a revoked token, an erased user), which an
append-only event store cannot do. One row per user and credential: ``kind`` is ``password`` (``key`` empty)
or ``api_token`` (``key`` the token id). The events only record that a password was set or changed, or a token
issued or revoked (``domain.user``). Created at start by a role that may create tables, else by
``community-trigger migrate``.
"""

from __future__ import annotations

from typing import Any, Protocol

from psycopg import sql
from psycopg.rows import tuple_row

from infrastructure.storage import create_once, creates_tables

PASSWORD = "password"
API_TOKEN = "api_token"

DDL = """
CREATE TABLE IF NOT EXISTS {}.ct_credentials (
    username text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('password', 'api_token')),
    key text NOT NULL DEFAULT '',
    hash text NOT NULL,
    set_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (username, kind, key)
)"""


class Connections(Protocol):
    def connection(self) -> Any: ...


class Credentials:
    """The credentials table of ``schema``, reached through ``connections`` (a psycopg pool)."""

    def __init__(self, connections: Connections, schema: str) -> None:
        self.connections = connections
        self.table = sql.SQL("{}.ct_credentials").format(sql.Identifier(schema))
        with connections.connection() as conn:
            if creates_tables(conn.cursor(row_factory=tuple_row), schema):  # else `community-trigger migrate` made it
                create_once(conn, schema, sql.SQL(DDL).format(sql.Identifier(schema)))

    def put(self, username: str, kind: str, value: str, key: str = "", *, replace: bool = True) -> None:
        """Keep ``value`` as the user's credential; with ``replace=False`` an existing one is left as it is (moving
        a hash out of an old event must never overwrite one set since)."""
        conflict = "DO UPDATE SET hash = EXCLUDED.hash, set_at = now()" if replace else "DO NOTHING"
        with self.connections.connection() as conn:
            conn.execute(sql.SQL("INSERT INTO {} (username, kind, key, hash) VALUES (%s, %s, %s, %s) "
                                 "ON CONFLICT (username, kind, key) " + conflict).format(self.table),
                         (username, kind, key, value))

    def get(self, username: str, kind: str, key: str = "") -> str | None:
        with self.connections.connection() as conn, conn.cursor(row_factory=tuple_row) as cur:
            row = cur.execute(sql.SQL("SELECT hash FROM {} WHERE username = %s AND kind = %s AND key = %s").format(
                self.table), (username, kind, key)).fetchone()
        return str(row[0]) if row else None

    def remove(self, username: str, kind: str | None = None, key: str | None = None) -> int:
        """Remove a credential (or every credential of the user, or every one of a kind); how many went."""
        where, params = [sql.SQL("username = %s")], [username]
        for column, value in (("kind", kind), ("key", key)):
            if value is not None:
                where.append(sql.SQL("{} = %s").format(sql.Identifier(column)))
                params.append(value)
        with self.connections.connection() as conn:
            cur = conn.execute(sql.SQL("DELETE FROM {} WHERE {}").format(self.table, sql.SQL(" AND ").join(where)),
                               params)
            return int(cur.rowcount or 0)
