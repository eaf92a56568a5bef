"""Read-side queries the scheduler works from: open deadlines coming due, the outbox, the retention list.
The scheduler re-checks each case against the event store before it records anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql
from psycopg.rows import class_row

from domain.email import EmailStatus
from domain.timescales import Step


@dataclass(frozen=True)
class WatchedDeadline:
    reference: str
    officer: str
    step: Step
    label: str
    due_on: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "step", Step(self.step))  # stored as its value

    def is_overdue(self, today: date) -> bool:
        """Past its due date and a target of the partnership (the domain's rule: an appeal window that
        closes is the applicant's time running out, not the partnership's lateness)."""
        return self.step.is_partnership_target and self.due_on < today


@dataclass(frozen=True)
class OutboxRow:
    email_id: UUID
    reference: str
    purpose: str
    subject: str
    recipients: str
    status: EmailStatus
    attempts: int
    queued_on: date
    last_error: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", EmailStatus(self.status))  # stored as its value


class DeadlineWatch:
    def __init__(self, conn: psycopg.Connection[Any], schema: str) -> None:
        self.conn, self.ident = conn, sql.Identifier(schema)

    def open_deadlines_due_by(self, day: date) -> list[WatchedDeadline]:
        """Open deadlines due on or before ``day``, earliest first, of every case that has one. The domain keeps a
        deadline open on an ended case only where something is still owed (``domain.deadlines.deadlines_for``): a
        rejected application's window to challenge, a closed review's recommendations; so those are visited too."""
        with self.conn.cursor(row_factory=class_row(WatchedDeadline)) as cursor:
            return cursor.execute(sql.SQL(
                "SELECT d.reference, c.officer, d.step, d.label, d.due_on FROM {0}.ct_deadlines d "
                "JOIN {0}.ct_cases c USING (reference) WHERE d.met_on IS NULL AND d.due_on <= %s "
                "ORDER BY d.due_on, d.reference, d.label").format(self.ident), (day,)).fetchall()

    def emails(self, *statuses: EmailStatus) -> list[OutboxRow]:
        with self.conn.cursor(row_factory=class_row(OutboxRow)) as cursor:
            return cursor.execute(sql.SQL(
                "SELECT email_id, reference, purpose, subject, recipients, status, attempts, queued_on, last_error "
                "FROM {}.ct_outbox WHERE status = ANY(%s) ORDER BY queued_on, email_id").format(self.ident),
                ([status.value for status in statuses],)).fetchall()

    def closed_before(self, day: date) -> list[tuple[str, date]]:
        """Closed, withdrawn or rejected cases that ended before ``day``."""
        return self.conn.execute(sql.SQL(
            "SELECT reference, ended_on FROM {}.ct_cases WHERE NOT is_open AND ended_on < %s "
            "ORDER BY ended_on, reference").format(self.ident), (day,)).fetchall()  # type: ignore[return-value]
