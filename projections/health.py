"""How far the read side trails the event store, and what the scheduler last did: the facts behind /readyz and
/metrics, read from the database (so any web worker answers for the whole deployment)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql

from application.backoffice import BackOffice
from infrastructure.locks import projector_lock_key, scheduler_lock_key
from projections.tables import tracked_position


@dataclass(frozen=True)
class ReadSide:
    position: int  # the last event the read models include
    latest: int  # the newest event in the event store
    seconds_behind: float  # how long ago the oldest event not yet projected was recorded (0 when caught up)

    @property
    def events_behind(self) -> int:
        return max(self.latest - self.position, 0)


def read_side(conn: psycopg.Connection[Any], schema: str, back_office: BackOffice, now: datetime) -> ReadSide:
    position = _position(conn, schema)
    latest = back_office.event_count()
    seconds = 0.0
    if latest > position:
        oldest = back_office.recorder.select_notifications(position + 1, 1)
        if oldest:
            recorded = back_office.mapper.to_domain_event(oldest[0]).timestamp
            seconds = max((now - recorded).total_seconds(), 0.0)
    return ReadSide(position, latest, seconds)


def _position(conn: psycopg.Connection[Any], schema: str) -> int:
    if conn.execute("SELECT to_regclass(format('%%I.ct_tracking', %s::text))", (schema,)).fetchone()[0] is None:  # type: ignore[index]
        return 0
    return tracked_position(conn, schema)


def job_runs(conn: psycopg.Connection[Any], schema: str) -> dict[str, tuple[datetime, str]]:
    """Each job's last run: when, and its result (``ok`` or ``failed``)."""
    if conn.execute("SELECT to_regclass(format('%%I.ct_job_runs', %s::text))", (schema,)).fetchone()[0] is None:  # type: ignore[index]
        return {}
    rows = conn.execute(sql.SQL("SELECT job, last_run_at, last_result FROM {}.ct_job_runs").format(
        sql.Identifier(schema))).fetchall()
    return {job: (at, result) for job, at, result in rows}


def outbox_backlog(conn: psycopg.Connection[Any], schema: str) -> dict[str, int]:
    """How many messages of the outbox are at each status."""
    if conn.execute("SELECT to_regclass(format('%%I.ct_outbox', %s::text))", (schema,)).fetchone()[0] is None:  # type: ignore[index]
        return {}
    rows = conn.execute(sql.SQL("SELECT status, count(*) FROM {}.ct_outbox GROUP BY status").format(
        sql.Identifier(schema))).fetchall()
    return {status: count for status, count in rows}


def lock_holders(conn: psycopg.Connection[Any], schema: str) -> dict[str, tuple[int, int]]:
    """For the projector and the scheduler: how many processes are active (hold the lock, 0 or 1) and how many
    wait as standbys."""
    found = {}
    for what, key in (("projector", projector_lock_key(schema)), ("scheduler", scheduler_lock_key(schema))):
        row = conn.execute(
            "SELECT count(*) FILTER (WHERE granted), count(*) FILTER (WHERE NOT granted) FROM pg_locks "
            "WHERE locktype = 'advisory' AND objsubid = 1 AND database = (SELECT oid FROM pg_database "
            "WHERE datname = current_database()) AND objid::bigint = (hashtext(%s)::bigint & 4294967295)",
            (key,)).fetchone()
        found[what] = (row[0], row[1]) if row else (0, 0)
    return found
