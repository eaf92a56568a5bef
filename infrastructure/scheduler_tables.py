"""The scheduler's own tables: when each job last ran (for catching up once after downtime) and the
nightly list of closed cases past the retention period."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import psycopg
from psycopg import sql

from infrastructure.storage import create_once, creates_tables

DDL = """
CREATE TABLE IF NOT EXISTS {s}.ct_job_runs (
    job text PRIMARY KEY,
    last_run_at timestamptz NOT NULL
);
ALTER TABLE {s}.ct_job_runs ADD COLUMN IF NOT EXISTS last_result text NOT NULL DEFAULT 'ok';
CREATE TABLE IF NOT EXISTS {s}.ct_retention_due (
    reference text PRIMARY KEY,
    ended_on date NOT NULL,
    retention_ended_on date NOT NULL,
    listed_on date NOT NULL
);
"""


def create_scheduler_tables(conn: psycopg.Connection[Any], schema: str) -> None:
    if not creates_tables(conn, schema):  # a runtime role: `community-trigger migrate` made them
        return
    create_once(conn, schema, sql.SQL(DDL).format(s=sql.Identifier(schema)))


def last_run(conn: psycopg.Connection[Any], schema: str, job: str) -> datetime | None:
    row = conn.execute(sql.SQL("SELECT last_run_at FROM {}.ct_job_runs WHERE job = %s").format(
        sql.Identifier(schema)), (job,)).fetchone()
    return row[0] if row else None


def record_run(conn: psycopg.Connection[Any], schema: str, job: str, at: datetime) -> None:
    """Record that ``job`` ran (and succeeded) at ``at``."""
    conn.execute(sql.SQL("INSERT INTO {}.ct_job_runs (job, last_run_at, last_result) VALUES (%s, %s, 'ok') "
                         "ON CONFLICT (job) DO UPDATE SET last_run_at = EXCLUDED.last_run_at, "
                         "last_result = 'ok'").format(sql.Identifier(schema)), (job, at))


def record_failure(conn: psycopg.Connection[Any], schema: str, job: str) -> None:
    """Mark ``job``'s last result as failed; its last run stays the last one that succeeded, so a catch-up after
    downtime still runs it."""
    conn.execute(sql.SQL("UPDATE {}.ct_job_runs SET last_result = 'failed' WHERE job = %s").format(
        sql.Identifier(schema)), (job,))


def replace_retention_list(conn: psycopg.Connection[Any], schema: str, rows: list[tuple[str, date, date]],
                           listed_on: date) -> None:
    """The list becomes ``rows``; a case listed before keeps the date it was first listed (the notice period of
    automatic erasure counts from it)."""
    ident = sql.Identifier(schema)
    with conn.transaction():
        conn.execute(sql.SQL("DELETE FROM {}.ct_retention_due WHERE NOT (reference = ANY(%s))").format(ident),
                     ([row[0] for row in rows],))
        with conn.cursor() as cursor:
            cursor.executemany(sql.SQL("INSERT INTO {}.ct_retention_due VALUES (%s, %s, %s, %s) "
                                       "ON CONFLICT (reference) DO UPDATE SET ended_on = EXCLUDED.ended_on, "
                                       "retention_ended_on = EXCLUDED.retention_ended_on").format(ident),
                               [(*row, listed_on) for row in rows])


def retention_list(conn: psycopg.Connection[Any], schema: str) -> list[tuple[str, date, date, date]]:
    if conn.execute("SELECT to_regclass(%s)", (f'"{schema}".ct_retention_due',)).fetchone()[0] is None:  # type: ignore[index]
        return []
    return conn.execute(sql.SQL("SELECT reference, ended_on, retention_ended_on, listed_on FROM {}.ct_retention_due "
                                "ORDER BY ended_on, reference").format(sql.Identifier(schema))).fetchall()
