"""Queries of the case list (dashboard) and deadline read models, and read-your-writes."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import class_row

from projections.projector import PROJECTOR


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    received_on: date
    channel: str
    stage: str
    is_open: bool
    officer: str
    next_due_on: date | None
    next_due_for: str | None
    last_activity: datetime

    def is_overdue(self, today: date) -> bool:
        return self.next_due_on is not None and self.next_due_on < today


@dataclass(frozen=True)
class DeadlineRow:
    reference: str
    step: str
    subject: str
    label: str
    starts_on: date
    due_on: date
    met_on: date | None


@dataclass(frozen=True)
class Page:
    cases: list[CaseSummary]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


SUMMARY = ("reference, received_on, channel, stage, is_open, officer, next_due_on, next_due_for, "
           "last_activity")


class CaseList:
    def __init__(self, conn: psycopg.Connection[Any], schema: str) -> None:
        self.conn, self.ident = conn, sql.Identifier(schema)

    def open_cases(self, *, today: date, stage: str | None = None, officer: str | None = None,
                   overdue_only: bool = False, page: int = 1, per_page: int = 25) -> Page:
        """Open cases, overdue first, then by the next due date."""
        if page < 1 or not 1 <= per_page <= 500:
            raise ValueError("Pages start at 1 and hold from 1 to 500 cases.")
        where = [sql.SQL("is_open")]
        params: list[Any] = []
        for column, value in (("stage", stage), ("officer", officer)):
            if value:
                where.append(sql.SQL("{} = %s").format(sql.Identifier(column)))
                params.append(value)
        if overdue_only:
            where.append(sql.SQL("next_due_on < %s"))
            params.append(today)
        condition = sql.SQL(" AND ").join(where)
        total = self.conn.execute(sql.SQL("SELECT count(*) FROM {}.ct_cases WHERE {}").format(
            self.ident, condition), params).fetchone()[0]  # type: ignore[index]
        with self.conn.cursor(row_factory=class_row(CaseSummary)) as cursor:
            rows = cursor.execute(sql.SQL(
                "SELECT " + SUMMARY + " FROM {}.ct_cases WHERE {} "
                "ORDER BY (next_due_on < %s) DESC NULLS LAST, next_due_on NULLS LAST, reference "
                "LIMIT %s OFFSET %s").format(self.ident, condition),
                [*params, today, per_page, (page - 1) * per_page]).fetchall()
        return Page(rows, total, page, per_page)

    def stages(self) -> dict[str, int]:
        """Open cases per stage."""
        rows = self.conn.execute(sql.SQL("SELECT stage, count(*) FROM {}.ct_cases WHERE is_open GROUP BY stage "
                                         "ORDER BY stage").format(self.ident)).fetchall()
        return dict(rows)  # type: ignore[arg-type]

    def case(self, reference: str) -> CaseSummary | None:
        with self.conn.cursor(row_factory=class_row(CaseSummary)) as cursor:
            return cursor.execute(sql.SQL("SELECT " + SUMMARY + " FROM {}.ct_cases WHERE reference = %s").format(
                self.ident), (reference.strip().upper(),)).fetchone()

    def deadlines(self, reference: str) -> list[DeadlineRow]:
        with self.conn.cursor(row_factory=class_row(DeadlineRow)) as cursor:
            return cursor.execute(sql.SQL(
                "SELECT reference, step, subject, label, starts_on, due_on, met_on FROM {}.ct_deadlines "
                "WHERE reference = %s ORDER BY due_on, step, subject").format(self.ident),
                (reference.strip().upper(),)).fetchall()

    def position(self) -> int:
        row = self.conn.execute(sql.SQL("SELECT position FROM {}.ct_tracking WHERE projector = %s").format(
            self.ident), (PROJECTOR,)).fetchone()
        return row[0] if row else 0

    def wait_for(self, position: int, timeout: float = 2.0, interval: float = 0.005) -> bool:
        """Read-your-writes: wait until the read models include ``position`` (polls every 5 ms)."""
        deadline = time.monotonic() + timeout
        while self.position() < position:
            if time.monotonic() >= deadline:
                return False
            time.sleep(interval)
        return True
