"""The public form's rate-limit counters: ``ct_public_rate``, in the BackOffice's schema.

For the reasons given in ``infrastructure.sign_in_attempts``: several web workers must share them, and they
expire, so they belong neither in process memory nor in the event store. Each (address, rule) has one row, a
fixed window and a count, changed under a row lock so concurrent requests count exactly. The clock is passed
in (``now``), so tests control time without sleeping. The rules themselves are the web's (``web.public.limits``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol

from psycopg import sql

from infrastructure.storage import create_once, creates_tables

DDL = """
CREATE TABLE IF NOT EXISTS {}.ct_public_rate (
    address text NOT NULL,
    rule text NOT NULL,
    window_started timestamptz NOT NULL,
    hits integer NOT NULL,
    PRIMARY KEY (address, rule)
)"""


class Limit(Protocol):
    """At most ``limit`` requests per ``window`` from one address, counted under ``name``."""

    @property
    def name(self) -> str: ...

    @property
    def limit(self) -> int: ...

    @property
    def window(self) -> timedelta: ...


class RateLimiter:
    def __init__(self, connections: Any, schema: str) -> None:
        self.connections = connections
        self.table = sql.SQL("{}.ct_public_rate").format(sql.Identifier(schema))
        with connections.connection() as conn:
            if creates_tables(conn, schema):  # otherwise `community-trigger migrate` made it
                create_once(conn, schema, sql.SQL(DDL).format(sql.Identifier(schema)))

    def allow(self, address: str, rule: Limit, now: datetime) -> bool:
        """Count one request from ``address`` under ``rule``; False (and nothing counted) once the
        limit for the current window is reached."""
        with self.connections.connection() as conn, conn.transaction():
            conn.execute(sql.SQL("INSERT INTO {} (address, rule, window_started, hits) VALUES (%s, %s, %s, 0) "
                                 "ON CONFLICT (address, rule) DO NOTHING").format(self.table),
                         (address, rule.name, now))
            started, hits = conn.execute(sql.SQL(
                "SELECT window_started, hits FROM {} WHERE address = %s AND rule = %s FOR UPDATE").format(self.table),
                (address, rule.name)).fetchone()  # type: ignore[misc]
            if now - started >= rule.window:
                started, hits = now, 0
            if hits >= rule.limit:
                return False
            conn.execute(sql.SQL("UPDATE {} SET window_started = %s, hits = %s WHERE address = %s AND rule = %s")
                         .format(self.table), (started, hits + 1, address, rule.name))
        return True
