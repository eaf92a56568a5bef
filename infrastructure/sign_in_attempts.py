"""The sign-in throttle's counters: ``ct_sign_in_attempts``, in the BackOffice's schema.

One row per username and one per address: how many failures, the last one, and until when attempts are
refused. Not in process memory (several web workers must share the counts, and a restart must not reset
them) and not in the event store (failed attempts are operational noise, often for usernames that do not
exist, and they must expire). Rows are changed under a row lock in one transaction, so concurrent attempts
from several workers count exactly. How long a count means a refusal is the throttle's policy
(``application.sign_in_throttle``), passed in as ``refusal``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from psycopg import sql

from infrastructure.storage import create_once, creates_tables

DDL = """
CREATE TABLE IF NOT EXISTS {}.ct_sign_in_attempts (
    kind text NOT NULL,
    key text NOT NULL,
    failures integer NOT NULL,
    last_failure timestamptz NOT NULL,
    refused_until timestamptz,
    PRIMARY KEY (kind, key)
)"""

Refusal = Callable[[str, int], timedelta | None]  # (kind, failures in a row) -> how long to refuse, if at all


class Connections(Protocol):
    """Where connections come from: a psycopg_pool.ConnectionPool, or anything with ``connection()``."""

    def connection(self) -> Any: ...


class SignInAttempts:
    def __init__(self, connections: Connections, schema: str) -> None:
        self.connections = connections
        self.table = sql.SQL("{}.ct_sign_in_attempts").format(sql.Identifier(schema))
        with connections.connection() as conn:
            if creates_tables(conn, schema):  # otherwise `community-trigger migrate` made it
                create_once(conn, schema, sql.SQL(DDL).format(sql.Identifier(schema)))

    def refused_until(self, keys: Sequence[tuple[str, str]], now: datetime) -> datetime | None:
        """The latest time until which attempts for any of ``keys`` (kind, key) are refused, if after ``now``."""
        where = sql.SQL(" OR ").join(sql.SQL("(kind = %s AND key = %s)") for _ in keys)
        with self.connections.connection() as conn:
            row = conn.execute(sql.SQL("SELECT max(refused_until) FROM {} WHERE ({}) AND refused_until > %s").format(
                self.table, where), (*(value for pair in keys for value in pair), now)).fetchone()
        return row[0] if row else None

    def record_failures(self, keys: Sequence[tuple[str, str]], now: datetime, forget_after: timedelta,
                        refusal: Refusal) -> list[datetime | None]:
        """Count a failure for each of ``keys`` (kind, key), in one transaction; a count is forgotten after
        ``forget_after`` without a failure. Returns, per key, until when it is now refused (None: it is not)."""
        with self.connections.connection() as conn, conn.transaction():
            return [self._count(conn, kind, key, now, forget_after, refusal) for kind, key in keys]

    def _count(self, conn: Any, kind: str, key: str, now: datetime, forget_after: timedelta,
               refusal: Refusal) -> datetime | None:
        conn.execute(sql.SQL("INSERT INTO {} (kind, key, failures, last_failure) VALUES (%s, %s, 0, %s) "
                             "ON CONFLICT (kind, key) DO NOTHING").format(self.table), (kind, key, now))
        failures, last = conn.execute(sql.SQL(
            "SELECT failures, last_failure FROM {} WHERE kind = %s AND key = %s FOR UPDATE").format(self.table),
            (kind, key)).fetchone()
        failures = 1 if now - last > forget_after else failures + 1
        delay = refusal(kind, failures)
        until = now + delay if delay else None
        conn.execute(sql.SQL("UPDATE {} SET failures = %s, last_failure = %s, refused_until = %s "
                             "WHERE kind = %s AND key = %s").format(self.table), (failures, now, until, kind, key))
        return until

    def forget(self, kind: str, key: str) -> None:
        with self.connections.connection() as conn:
            conn.execute(sql.SQL("DELETE FROM {} WHERE kind = %s AND key = %s").format(self.table), (kind, key))
