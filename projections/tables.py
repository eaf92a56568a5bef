"""The read tables: created together, dropped together (rebuild), in the BackOffice's schema."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

READ_TABLES = ("ct_cases", "ct_deadlines", "ct_audit", "ct_tracking")

DDL = """
CREATE TABLE IF NOT EXISTS {s}.ct_tracking (
    projector text PRIMARY KEY,
    position bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS {s}.ct_cases (
    reference text PRIMARY KEY,
    received_on date NOT NULL,
    channel text NOT NULL,
    stage text NOT NULL,
    is_open boolean NOT NULL,
    officer text NOT NULL,
    next_due_on date,
    next_due_for text,
    last_activity timestamptz NOT NULL,
    application_version integer NOT NULL,
    review_version integer,
    threshold text,
    appeal_lodged boolean NOT NULL,
    appeal_upheld boolean NOT NULL,
    review_opened boolean NOT NULL,
    panel_held_on date,
    recommendations integer NOT NULL,
    victim_attended boolean,
    independent_chair boolean,
    outcome_letter_sent_on date,
    outcome_letter_due_on date,
    secondary_review_requested boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS ct_cases_open_stage ON {s}.ct_cases (is_open, stage);
CREATE INDEX IF NOT EXISTS ct_cases_officer ON {s}.ct_cases (officer, is_open);
CREATE INDEX IF NOT EXISTS ct_cases_due ON {s}.ct_cases (is_open, next_due_on);
CREATE INDEX IF NOT EXISTS ct_cases_received ON {s}.ct_cases (received_on);
CREATE TABLE IF NOT EXISTS {s}.ct_deadlines (
    reference text NOT NULL,
    step text NOT NULL,
    subject text NOT NULL,
    label text NOT NULL,
    starts_on date NOT NULL,
    due_on date NOT NULL,
    met_on date,
    PRIMARY KEY (reference, step, subject)
);
CREATE INDEX IF NOT EXISTS ct_deadlines_open ON {s}.ct_deadlines (due_on) WHERE met_on IS NULL;
CREATE TABLE IF NOT EXISTS {s}.ct_audit (
    position bigint PRIMARY KEY,
    reference text NOT NULL,
    event text NOT NULL,
    actor text NOT NULL,
    recorded_at timestamptz NOT NULL,
    summary text NOT NULL,
    previous_hash text NOT NULL,
    hash text NOT NULL
);
CREATE OR REPLACE FUNCTION {s}.ct_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % is not allowed', TG_OP;
END $$;
DROP TRIGGER IF EXISTS ct_audit_append_only ON {s}.ct_audit;
CREATE TRIGGER ct_audit_append_only BEFORE UPDATE OR DELETE ON {s}.ct_audit
    FOR EACH ROW EXECUTE FUNCTION {s}.ct_audit_is_append_only();
DROP TRIGGER IF EXISTS ct_audit_no_truncate ON {s}.ct_audit;
CREATE TRIGGER ct_audit_no_truncate BEFORE TRUNCATE ON {s}.ct_audit
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.ct_audit_is_append_only();
"""


def create_tables(conn: psycopg.Connection[Any], schema: str) -> None:
    with conn.transaction():
        conn.execute(sql.SQL(DDL).format(s=sql.Identifier(schema)))


def drop_tables(conn: psycopg.Connection[Any], schema: str) -> None:
    """Drop every read table (the audit trail too: it is rebuilt, identically, from the events)."""
    with conn.transaction():
        for table in READ_TABLES:
            conn.execute(sql.SQL("DROP TABLE IF EXISTS {}.{}").format(sql.Identifier(schema),
                                                                    sql.Identifier(table)))


def read_models_built(conn: psycopg.Connection[Any], schema: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s)", (f'"{schema}".ct_tracking',)).fetchone()
    return row is not None and row[0] is not None
