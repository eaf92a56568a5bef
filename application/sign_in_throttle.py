"""Sign-in throttling: after 5 failed attempts for a username within 15 minutes, every further
attempt for that username is refused for 15 minutes.

Where the counters live, and why: in a small PostgreSQL table (``ct_sign_in_failures``, in the
BackOffice's schema), not in the event store and not in process memory.

* Not in process memory: production runs several web workers (gunicorn), and a counter per
  worker would multiply the allowed attempts by the number of workers and reset on every restart.
* Not in the event store: failed attempts are operational noise, often for usernames that do not
  exist (so there is no aggregate to record them on), and they must expire; the event store keeps
  everything for ever. Every change to an account, by contrast, is an event.
* One row per username, changed under a row lock in one transaction, so concurrent attempts from
  several workers count exactly.

The clock is passed in (``now``), so tests control time without sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from psycopg import sql

from application.storage import creates_tables

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)

DDL = """
CREATE TABLE IF NOT EXISTS {}.ct_sign_in_failures (
    username text PRIMARY KEY,
    failures integer NOT NULL,
    window_started timestamptz NOT NULL,
    locked_until timestamptz
)"""


class Connections(Protocol):
    """Where connections come from: a psycopg_pool.ConnectionPool, or anything with ``connection()``."""

    def connection(self) -> Any: ...


@dataclass(frozen=True)
class Throttled:
    locked_until: datetime


class SignInThrottle:
    def __init__(self, connections: Connections, schema: str) -> None:
        self.connections, self.table = connections, sql.SQL("{}.ct_sign_in_failures").format(sql.Identifier(schema))
        with connections.connection() as conn:
            if creates_tables(conn, schema):  # otherwise `community-trigger migrate` made it
                conn.execute(sql.SQL(DDL).format(sql.Identifier(schema)))

    def check(self, username: str, now: datetime) -> Throttled | None:
        """Whether attempts for ``username`` are refused at ``now``."""
        with self.connections.connection() as conn:
            row = conn.execute(sql.SQL("SELECT locked_until FROM {} WHERE username = %s").format(self.table),
                               (username,)).fetchone()
        if row and row[0] is not None and now < row[0]:
            return Throttled(row[0])
        return None

    def record_failure(self, username: str, now: datetime) -> Throttled | None:
        """Count a failed attempt; returns the lockout when this failure starts one."""
        with self.connections.connection() as conn, conn.transaction():
            conn.execute(sql.SQL("INSERT INTO {} (username, failures, window_started) VALUES (%s, 0, %s) "
                                 "ON CONFLICT (username) DO NOTHING").format(self.table), (username, now))
            failures, started = conn.execute(sql.SQL(
                "SELECT failures, window_started FROM {} WHERE username = %s FOR UPDATE").format(self.table),
                (username,)).fetchone()  # type: ignore[misc]
            failures, started = (failures + 1, started) if now - started <= WINDOW else (1, now)
            locked_until = now + LOCKOUT if failures >= MAX_FAILURES else None
            if locked_until:
                failures, started = 0, now  # the count starts again after the lockout
            conn.execute(sql.SQL("UPDATE {} SET failures = %s, window_started = %s, "
                                 "locked_until = COALESCE(%s, locked_until) WHERE username = %s").format(self.table),
                         (failures, started, locked_until, username))
        return Throttled(locked_until) if locked_until else None

    def record_success(self, username: str) -> None:
        with self.connections.connection() as conn:
            conn.execute(sql.SQL("DELETE FROM {} WHERE username = %s").format(self.table), (username,))
