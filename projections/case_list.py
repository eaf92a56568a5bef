"""Queries of the case list (dashboard) and deadline read models, and read-your-writes."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import class_row

from domain.stage import Stage
from projections.kept_counts import KEPT_COUNTS
from projections.tables import PROJECTOR, tracked_position


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    received_on: date
    channel: str
    stage: Stage
    is_open: bool
    officer: str
    next_due_on: date | None
    next_due_for: str | None
    last_activity: datetime
    missed_deadlines: int = 0  # recorded missed by the scheduler
    awaiting_decision: str | None = None  # what the case waits for a manager to decide ("the threshold")
    delay_letter_needed: bool = False  # as the domain answered when the case was projected
    outcome_letter_due_on: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "stage", Stage(self.stage))  # stored as its value

    def is_overdue(self, today: date) -> bool:
        return self.next_due_on is not None and self.next_due_on < today

    def needs_delay_letter_by(self, due_by: date) -> bool:
        """Whether the outcome letter calls for a delay letter (as the domain answered when the case was
        projected, ``domain.reminders.needs_delay_letter``) and is due by ``due_by`` (or overdue): the officer
        should send a delay letter."""
        return (self.delay_letter_needed and self.outcome_letter_due_on is not None
                and self.outcome_letter_due_on <= due_by)


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
           "last_activity, (SELECT count(*) FROM {s}.ct_missed_deadlines m WHERE m.reference = c.reference) "
           "AS missed_deadlines, awaiting_decision, delay_letter_needed, outcome_letter_due_on")


class CaseList:
    def __init__(self, conn: psycopg.Connection[Any], schema: str) -> None:
        self.conn, self.schema, self.ident = conn, schema, sql.Identifier(schema)

    def open_cases(self, *, today: date, stage: Stage | None = None, officer: str | None = None,
                   overdue_only: bool = False, awaiting_only: bool = False, page: int = 1,
                   per_page: int = 25, counts: dict[Stage, int] | None = None) -> Page:
        """Open cases, overdue first, then by the next due date; or, for a closed stage (``Stage.is_open``
        false), the cases that ended there (``counts``: ``stages()``, if already read)."""
        if page < 1 or not 1 <= per_page <= 500:
            raise ValueError("Pages start at 1 and hold from 1 to 500 cases.")
        where = [sql.SQL("is_open") if stage is None or stage.is_open else sql.SQL("NOT is_open")]
        params: list[Any] = []
        if awaiting_only:
            where.append(sql.SQL("awaiting_decision IS NOT NULL"))
        for column, value in (("stage", stage.value if stage else None), ("officer", officer)):
            if value:
                where.append(sql.SQL("{} = %s").format(sql.Identifier(column)))
                params.append(value)
        if overdue_only:
            where.append(sql.SQL("next_due_on < %s"))
            params.append(today)
        condition = sql.SQL(" AND ").join(where)
        if officer or overdue_only or awaiting_only or (stage is not None and not stage.is_open):
            total = self._count(condition, params)
        else:  # kept by the projector, so a large case list is not counted on every page
            counts = self.stages() if counts is None else counts
            total = counts.get(stage, 0) if stage else sum(counts.values())
        with self.conn.cursor(row_factory=class_row(CaseSummary)) as cursor:
            rows = cursor.execute(sql.SQL(
                "SELECT " + SUMMARY + " FROM {s}.ct_cases c WHERE {condition} "
                # overdue cases have the earliest due dates, so due-date order puts them first (and an index
                # on (next_due_on, reference) serves it without sorting every open case)
                "ORDER BY next_due_on NULLS LAST, reference "
                "LIMIT %s OFFSET %s").format(s=self.ident, condition=condition),
                [*params, per_page, (page - 1) * per_page]).fetchall()
        return Page(rows, total, page, per_page)

    def _count(self, condition: sql.Composable, params: list[Any]) -> int:
        """The cases that meet ``condition``: counted again only once the read models have moved on
        (``projections.kept_counts``)."""
        what = (self.conn.info.dbname, self.schema, condition.as_string(self.conn), tuple(params))
        if (kept := KEPT_COUNTS.count(what, self.position())) is not None:
            return kept
        count, position = self.conn.execute(sql.SQL(
            "SELECT count(*), (SELECT position FROM {s}.ct_tracking WHERE projector = %s) FROM {s}.ct_cases "
            "WHERE {condition}").format(s=self.ident, condition=condition), [PROJECTOR, *params]).fetchone()  # type: ignore[misc]
        KEPT_COUNTS.keep(what, position or 0, count)
        return int(count)

    def stages(self) -> dict[Stage, int]:
        """Open cases per stage (counted by the projector as it writes the case list), in the order of the process."""
        rows = self.conn.execute(sql.SQL("SELECT stage, open_cases FROM {}.ct_stage_counts WHERE open_cases > 0"
                                         ).format(self.ident)).fetchall()
        counts = {Stage(stage): count for stage, count in rows}  # stored as its value
        return {stage: counts[stage] for stage in Stage if stage in counts}

    def case(self, reference: str) -> CaseSummary | None:
        with self.conn.cursor(row_factory=class_row(CaseSummary)) as cursor:
            return cursor.execute(sql.SQL("SELECT " + SUMMARY + " FROM {s}.ct_cases c WHERE reference = %s").format(
                s=self.ident), (reference.strip().upper(),)).fetchone()

    def deadlines(self, reference: str) -> list[DeadlineRow]:
        with self.conn.cursor(row_factory=class_row(DeadlineRow)) as cursor:
            return cursor.execute(sql.SQL(
                "SELECT reference, step, subject, label, starts_on, due_on, met_on FROM {}.ct_deadlines "
                "WHERE reference = %s ORDER BY due_on, step, subject").format(self.ident),
                (reference.strip().upper(),)).fetchall()

    def missed_deadlines(self, reference: str) -> list[tuple[str, date, date]]:
        """The deadlines the scheduler recorded as missed: (what was due, due on, recorded on)."""
        return self.conn.execute(sql.SQL(
            "SELECT label, due_on, noticed_on FROM {}.ct_missed_deadlines WHERE reference = %s "
            "ORDER BY due_on, label").format(self.ident), (reference.strip().upper(),)).fetchall()  # type: ignore[return-value]

    def position(self) -> int:
        return tracked_position(self.conn, self.schema)

    def wait_for(self, position: int, timeout: float = 2.0, interval: float = 0.005) -> bool:
        """Read-your-writes: wait until the read models include ``position`` (polls every 5 ms)."""
        deadline = time.monotonic() + timeout
        while self.position() < position:
            if time.monotonic() >= deadline:
                return False
            time.sleep(interval)
        return True
