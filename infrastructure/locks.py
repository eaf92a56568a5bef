"""PostgreSQL session advisory locks: one projector and one scheduler per schema.

A lock is held by the connection that took it, until that connection closes, so a process that dies (or
loses its connection) lets a standby take over. The keys are text, hashed by PostgreSQL (``hashtext``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg


def projector_lock_key(schema: str) -> str:
    return f"community-trigger-projector:{schema}"


def scheduler_lock_key(schema: str) -> str:
    return f"community-trigger-scheduler:{schema}"


def try_advisory_lock(conn: psycopg.Connection[Any], key: str) -> bool:
    """Take the session advisory lock named ``key`` if it is free; never waits."""
    return bool(conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (key,)).fetchone()[0])  # type: ignore[index]


def hold_advisory_lock(conn: psycopg.Connection[Any], key: str, on_wait: Callable[[], None]) -> None:
    """Take the session advisory lock named ``key`` (held until ``conn`` closes), or wait for it as a standby."""
    if not try_advisory_lock(conn, key):
        on_wait()
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))


def hold_projector_lock(conn: psycopg.Connection[Any], schema: str, on_wait: Callable[[], None]) -> None:
    """Only one projector per schema: take its lock, or wait for it as a standby."""
    hold_advisory_lock(conn, projector_lock_key(schema), on_wait)


def hold_scheduler_lock(conn: psycopg.Connection[Any], schema: str, on_wait: Callable[[], None]) -> None:
    """Only one scheduler per schema: take its lock, or wait for it as a standby."""
    hold_advisory_lock(conn, scheduler_lock_key(schema), on_wait)
