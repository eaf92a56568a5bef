"""The read tables: created together, replaced together (rebuild), in the BackOffice's schema.

A rebuild builds a complete new set in a schema of its own and swaps it in with ``replace_tables`` in one
transaction, so a rebuild that fails leaves the previous read models serving. The audit checkpoints
(``ct_audit_checkpoints``) are not a read model: they record what the chain was at a moment, so no rebuild or
upgrade ever drops them.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from infrastructure.storage import creates_tables

PROJECTOR = "read-models"  # the projector's row in ct_tracking
READ_TABLES = ("ct_cases", "ct_stage_counts", "ct_deadlines", "ct_missed_deadlines", "ct_outbox", "ct_audit",
               "ct_tracking", "ct_read_model_version", "ct_search")
# Raise when a table's columns change: a projector that finds an older version rebuilds the read models.
READ_MODEL_VERSION = 10  # 6: rejections and their challenges; 7: the search index, what awaits a decision;
# 8: each case's measures for the statistics (domain/measures.py); 9: the audit trail's summaries hold no personal
# data (docs/PERSONAL-DATA.md); 10: the measures name each escalation's body and outcome

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
    secondary_review_requested boolean NOT NULL,
    ended_on date,
    delay_letter_needed boolean NOT NULL,
    rejected boolean NOT NULL DEFAULT false,
    challenge_lodged boolean NOT NULL DEFAULT false,
    challenge_upheld boolean NOT NULL DEFAULT false,
    awaiting_decision text,
    measures jsonb NOT NULL DEFAULT '{{}}'::jsonb  -- what the case counts for in the statistics (domain/measures.py)
);
-- the dashboard reads open cases in due-date order, filtered by stage or officer; per-stage counts are kept in
-- ct_stage_counts, so no index serves a count over the whole list
CREATE INDEX IF NOT EXISTS ct_cases_open_by_due ON {s}.ct_cases (next_due_on, reference) WHERE is_open;
CREATE INDEX IF NOT EXISTS ct_cases_open_stage_by_due ON {s}.ct_cases (stage, next_due_on, reference) WHERE is_open;
CREATE INDEX IF NOT EXISTS ct_cases_open_officer_by_due ON {s}.ct_cases (officer, next_due_on, reference)
    WHERE is_open;
CREATE INDEX IF NOT EXISTS ct_cases_received ON {s}.ct_cases (received_on);
-- a search by reference matches its beginning (LIKE 'CT-2026-0001%'), which the primary key's collation cannot serve
CREATE INDEX IF NOT EXISTS ct_cases_reference_prefix ON {s}.ct_cases (reference text_pattern_ops);
CREATE TABLE IF NOT EXISTS {s}.ct_stage_counts (
    stage text PRIMARY KEY,
    open_cases integer NOT NULL
);
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
CREATE TABLE IF NOT EXISTS {s}.ct_missed_deadlines (
    reference text NOT NULL,
    step text NOT NULL,
    subject text NOT NULL,
    label text NOT NULL,
    starts_on date NOT NULL,
    due_on date NOT NULL,
    noticed_on date NOT NULL,
    PRIMARY KEY (reference, step, subject, due_on)
);
CREATE TABLE IF NOT EXISTS {s}.ct_outbox (
    email_id uuid PRIMARY KEY,
    key text NOT NULL,
    reference text NOT NULL,
    purpose text NOT NULL,
    subject text NOT NULL,
    recipients text NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    queued_on date NOT NULL,
    last_error text NOT NULL
);
CREATE INDEX IF NOT EXISTS ct_outbox_status ON {s}.ct_outbox (status);
CREATE TABLE IF NOT EXISTS {s}.ct_search (
    token text NOT NULL,
    reference text NOT NULL,
    PRIMARY KEY (token, reference)
);
CREATE INDEX IF NOT EXISTS ct_search_reference ON {s}.ct_search (reference);
CREATE TABLE IF NOT EXISTS {s}.ct_read_model_version (
    version integer NOT NULL
);
CREATE TABLE IF NOT EXISTS {s}.ct_audit (
    position bigint PRIMARY KEY,
    reference text NOT NULL,
    event text NOT NULL,
    actor text NOT NULL,
    recorded_at timestamptz NOT NULL,
    summary text NOT NULL,
    event_hash text NOT NULL,
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

# Kept across rebuilds and upgrades (see the module's docstring), append-only like the trail.
CHECKPOINTS_DDL = """
CREATE TABLE IF NOT EXISTS {s}.ct_audit_checkpoints (
    made_at timestamptz NOT NULL,
    position bigint NOT NULL,
    entries bigint NOT NULL,
    head_hash text NOT NULL,
    format integer NOT NULL,
    mac text NOT NULL
);
DROP TRIGGER IF EXISTS ct_audit_checkpoints_append_only ON {s}.ct_audit_checkpoints;
CREATE TRIGGER ct_audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON {s}.ct_audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION {s}.ct_audit_is_append_only();
DROP TRIGGER IF EXISTS ct_audit_checkpoints_no_truncate ON {s}.ct_audit_checkpoints;
CREATE TRIGGER ct_audit_checkpoints_no_truncate BEFORE TRUNCATE ON {s}.ct_audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.ct_audit_is_append_only();
"""


def create_tables(conn: psycopg.Connection[Any], schema: str) -> bool:
    """Create the read tables; tables of an older version are dropped first (returns True then: they must
    be replayed from the start)."""
    if not creates_tables(conn, schema):  # a runtime role: `community-trigger migrate` creates and upgrades them
        return False
    ident = sql.Identifier(schema)
    outdated = read_models_built(conn, schema) and read_model_version(conn, schema) != READ_MODEL_VERSION
    if outdated:
        drop_tables(conn, schema)
    with conn.transaction():
        conn.execute(sql.SQL(DDL).format(s=ident))
        conn.execute(sql.SQL(CHECKPOINTS_DDL).format(s=ident))
        if not conn.execute(sql.SQL("SELECT 1 FROM {}.ct_read_model_version").format(ident)).fetchone():
            conn.execute(sql.SQL("INSERT INTO {}.ct_read_model_version VALUES (%s)").format(ident),
                         (READ_MODEL_VERSION,))
    return outdated


def read_model_version(conn: psycopg.Connection[Any], schema: str) -> int:
    if conn.execute("SELECT to_regclass(%s)", (f'"{schema}".ct_read_model_version',)).fetchone()[0] is None:  # type: ignore[index]
        return 1  # the first read models had no version table
    row = conn.execute(sql.SQL("SELECT version FROM {}.ct_read_model_version").format(
        sql.Identifier(schema))).fetchone()
    return row[0] if row else 1


def drop_tables(conn: psycopg.Connection[Any], schema: str) -> None:
    """Drop every read table (the audit trail too: it is rebuilt, identically, from the events)."""
    with conn.transaction():
        for table in READ_TABLES:
            conn.execute(sql.SQL("DROP TABLE IF EXISTS {}.{}").format(sql.Identifier(schema),
                                                                    sql.Identifier(table)))


def replace_tables(conn: psycopg.Connection[Any], schema: str, rebuilt: str) -> None:
    """In one transaction, drop the read tables of ``schema`` and move in the complete set built in the schema
    ``rebuilt`` (which is then dropped). Readers see the old tables or the new ones, never none."""
    ident, staging = sql.Identifier(schema), sql.Identifier(rebuilt)
    with conn.transaction():
        for table in READ_TABLES:
            granted = conn.execute(  # what other roles (the runtime role) may do with the old table
                "SELECT grantee, privilege_type FROM information_schema.role_table_grants WHERE table_schema = %s "
                "AND table_name = %s AND grantee <> (SELECT tableowner FROM pg_tables WHERE schemaname = %s AND "
                "tablename = %s)", (schema, table, schema, table)).fetchall()
            conn.execute(sql.SQL("DROP TABLE IF EXISTS {}.{}").format(ident, sql.Identifier(table)))
            conn.execute(sql.SQL("ALTER TABLE {}.{} SET SCHEMA {}").format(staging, sql.Identifier(table), ident))
            for grantee, privilege in granted:
                conn.execute(sql.SQL("GRANT {} ON {}.{} TO {}").format(
                    sql.SQL(privilege), ident, sql.Identifier(table),
                    sql.SQL("PUBLIC") if grantee == "PUBLIC" else sql.Identifier(grantee)))
        conn.execute(sql.SQL(DDL).format(s=ident))  # the trail's triggers call the function of its own schema
        conn.execute(sql.SQL(CHECKPOINTS_DDL).format(s=ident))
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(staging))


def read_models_built(conn: psycopg.Connection[Any], schema: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s)", (f'"{schema}".ct_tracking',)).fetchone()
    return row is not None and row[0] is not None


def tracked_position(conn: psycopg.Connection[Any], schema: str) -> int:
    """The position of the last event the read models include."""
    row = conn.execute(sql.SQL("SELECT position FROM {}.ct_tracking WHERE projector = %s").format(
        sql.Identifier(schema)), (PROJECTOR,)).fetchone()
    return row[0] if row else 0
