"""The projector: reads the event log in batches and writes every read model, each batch in one
transaction together with its tracking position, so a crash at any point loses nothing and applies
nothing twice. Then it follows new events through PostgreSQL LISTEN/NOTIFY.

It rebuilds each case's aggregates in memory as it reads (the same ``mutate`` the event store
uses), so rows come from the domain's own logic; an aggregate it does not hold is loaded at the
version the read model last recorded. It holds a bounded number of them: after each batch it lets go
of closed cases and of the least recently touched beyond ``keep`` (they are loaded again if an event
of theirs comes), so its memory does not grow with the store.

The read tables are new and empty at a rebuild, so PostgreSQL has no statistics for them: the projector
analyses them after its first batch and again each time they may have doubled (at most every
``ANALYSE_EVERY`` events), so the lookups of each batch use their indexes instead of scanning.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.domain import Aggregate
from psycopg import sql

from application.backoffice import BackOffice
from application.history import heading
from application.queries import Case
from domain.actions import awaited_decisions
from domain.application import Application
from domain.case_file import CaseFile
from domain.case_review import CaseReview
from domain.deadlines import deadlines_for
from domain.email import Email
from domain.ids import application_id, case_review_id
from domain.reference_book import ReferenceBook
from domain.user import Role
from projections import audit
from projections.audit_summary import audit_summary
from projections.rows import CASE_COLUMNS, case_row, deadline_rows, safe_row
from projections.search import search_rows
from projections.tables import PROJECTOR, create_tables, tracked_position

CASEWORKER = frozenset({Role.OFFICER})  # what an officer cannot decide alone awaits a manager
CHANNEL = "backoffice_events"  # the event-sourcing library NOTIFYs on the events table's name
KEEP = 10_000  # aggregates held between batches (about 5 KiB each)
ANALYSE_EVERY = 200_000  # events projected between analyses of the read tables, at most
ANALYSED = ("ct_cases", "ct_deadlines")  # the tables each batch looks rows up in


class ProjectionError(Exception):
    """An event the projector cannot process: it stops, naming the event, instead of skipping it."""


class Projector:
    def __init__(self, back_office: BackOffice, conn: psycopg.Connection[Any], schema: str,
                 batch_size: int = 2000, keep: int = KEEP) -> None:
        self.back_office, self.conn, self.schema, self.batch_size = back_office, conn, schema, batch_size
        self.ident = sql.Identifier(schema)
        self.outdated_tables_dropped = create_tables(conn, schema)  # replayed from the start below
        self.aggregates: OrderedDict[UUID, Aggregate] = OrderedDict()  # least recently touched first
        self.keep = keep
        self.projected, self.analyse_at = 0, 1  # events projected by this projector; when to analyse next
        self.position = self.tracked_position()
        self.previous_hash = audit.last_hash(conn, schema)

    # ------------------------------------------------------------------------------- reading
    def tracked_position(self) -> int:
        return tracked_position(self.conn, self.schema)

    def catch_up(self, on_batch: Callable[[int, int], None] = lambda done, last: None,
                 stop: threading.Event | None = None) -> int:
        """Process every event not yet projected (or until ``stop`` is set, between batches); returns how
        many were processed."""
        processed = 0
        while stop is None or not stop.is_set():
            notifications = self.back_office.recorder.select_notifications(
                self.position, self.batch_size, inclusive_of_start=False)
            if not notifications:
                return processed
            self._project(notifications)
            processed += len(notifications)
            self._analyse_if_due(len(notifications))
            on_batch(processed, self.position)
        return processed

    def follow(self, stop: threading.Event, listen: psycopg.Connection[Any], wake_every: float = 1.0) -> None:
        """Catch up, then wait for NOTIFY (or ``wake_every`` seconds) and catch up again, until ``stop``."""
        listen.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))
        while not stop.is_set():
            self.catch_up(stop=stop)
            for _ in listen.notifies(timeout=wake_every, stop_after=1):
                break

    def _analyse_if_due(self, count: int) -> None:
        """Analyse the read tables after the first batch, then each time the events projected double (at most
        every ``ANALYSE_EVERY``): a rebuild's new tables otherwise have no statistics while they fill."""
        self.projected += count
        if self.projected < self.analyse_at:
            return
        for table in ANALYSED:
            self.conn.execute(sql.SQL("ANALYZE {}.{}").format(self.ident, sql.Identifier(table)))
        self.analyse_at = self.projected + min(self.projected, ANALYSE_EVERY)

    # ------------------------------------------------------------------------------ writing
    def _project(self, notifications: list[Any]) -> None:
        touched: dict[str, datetime] = {}
        closed: list[str] = []
        missed: list[tuple[Any, ...]] = []
        emails: dict[UUID, Email] = {}
        entries: list[audit.AuditEntry] = []
        previous = self.previous_hash
        try:
            deciphered = self.back_office.mapper.read_ahead(notifications)  # type: ignore[attr-defined]
            for notification, stored in zip(notifications, deciphered, strict=True):
                try:
                    event = self.back_office.mapper.to_domain_event(stored)
                    aggregate = self._mutate(event)
                    record, name, actor = heading(event)
                except Exception as error:
                    raise ProjectionError(
                        f"The projector stopped at event {notification.id} ({notification.topic}): "
                        f"{error.__class__.__name__}: {error}. Nothing after position {self.position} was "
                        "applied; fix the cause and start it again.") from error
                reference = _reference_of(aggregate)
                if isinstance(aggregate, Application | CaseReview):
                    touched[reference] = event.timestamp
                elif isinstance(aggregate, Email):
                    emails[aggregate.id] = aggregate
                elif isinstance(aggregate, CaseFile) and type(event).__name__ == "PersonalDataErased":
                    self.back_office.keys.take_as_shredded(event.subjects, event.erased_on)
                    self._read_again(reference)  # what it holds in memory was decrypted before the erasure
                    touched[reference] = event.timestamp  # its rows (the search index too) without the erased
                elif isinstance(aggregate, CaseFile) and type(event).__name__ == "DeadlineMissed":
                    missed.append(safe_row((reference, event.step.value, event.subject, event.label,
                                            event.starts_on, event.due_on, event.noticed_on)))
                entries.append(audit.AuditEntry(notification.id, reference, f"{record}.{name}",
                                                actor, event.timestamp, audit_summary(event, record),
                                                audit.event_hash(notification), previous))
                previous = entries[-1].hash
            with self.conn.transaction():
                self._write_cases(touched, closed)
                self._write_missed(missed)
                self._write_outbox(emails)
                self._write_audit(entries)
                self._track(notifications[-1].id)
        except BaseException:
            self.aggregates.clear()  # they may hold events that were not committed: reload from the store
            raise
        self.position, self.previous_hash = notifications[-1].id, previous
        self._let_go(closed)

    def _read_again(self, reference: str) -> None:
        """The case's aggregates read from the store again, at the versions projected so far."""
        for aggregate_id in (application_id(reference), case_review_id(reference)):
            if (known := self.aggregates.get(aggregate_id)) is not None:
                self.aggregates[aggregate_id] = self.back_office.repository.get(aggregate_id, version=known.version)

    def _let_go(self, closed: list[str]) -> None:
        """Drop the aggregates of closed cases, then the least recently touched beyond ``keep``; an event of
        theirs that comes later loads them again from the store."""
        for reference in closed:
            self.aggregates.pop(application_id(reference), None)
            self.aggregates.pop(case_review_id(reference), None)
        while len(self.aggregates) > self.keep:
            self.aggregates.popitem(last=False)

    def _mutate(self, event: Any) -> Aggregate:
        known = self.aggregates.get(event.originator_id)
        if known is not None:
            aggregate = event.mutate(known)
            self.aggregates.move_to_end(event.originator_id)
        elif event.originator_version == 1:
            aggregate = event.mutate(None)
        else:
            aggregate = self.back_office.repository.get(event.originator_id, version=event.originator_version)
        self.aggregates[event.originator_id] = aggregate
        return aggregate

    def _stored(self, aggregate_id: UUID, version: int | None) -> Aggregate | None:
        if aggregate_id in self.aggregates:
            return self.aggregates[aggregate_id]
        if not version:
            return None
        aggregate = self.back_office.repository.get(aggregate_id, version=version)
        self.aggregates[aggregate_id] = aggregate
        return aggregate

    def _write_cases(self, touched: dict[str, datetime], closed: list[str]) -> None:
        if not touched:
            return
        stored = {row[0]: row[1:] for row in self.conn.execute(sql.SQL(
            "SELECT reference, application_version, review_version, stage, is_open FROM {}.ct_cases "
            "WHERE reference = ANY(%s)").format(self.ident), (list(touched),))}
        cases, deadlines, search = [], [], []
        open_by_stage: Counter[str] = Counter()  # the change in open cases per stage
        timescales, calendar = self.back_office.profile.timescales, self.back_office.calendar
        for reference, last_activity in touched.items():
            versions = stored.get(reference, (None, None, None, False))
            application = self._stored(application_id(reference), versions[0])
            review = self._stored(case_review_id(reference), versions[1])
            assert isinstance(application, Application)
            case_deadlines = deadlines_for(application, review, timescales, calendar)  # type: ignore[arg-type]
            awaiting = awaited_decisions(self.back_office.cases.available_actions(Case(application, review)),  # type: ignore[arg-type]
                                         CASEWORKER)
            cases.append(case_row(application, review, last_activity, case_deadlines, awaiting,  # type: ignore[arg-type]
                                  self.back_office.profile.routes))
            deadlines += deadline_rows(reference, case_deadlines)
            search += search_rows(self.back_office.search_index, application)
            if versions[3]:
                open_by_stage[versions[2]] -= 1
            if cases[-1][IS_OPEN]:
                open_by_stage[cases[-1][STAGE]] += 1
            else:
                closed.append(reference)
        columns = sql.SQL(", ").join(map(sql.Identifier, CASE_COLUMNS))
        updates = sql.SQL(", ").join(sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c))
                                     for c in CASE_COLUMNS[1:])
        with self.conn.cursor() as cursor:
            cursor.executemany(sql.SQL("INSERT INTO {}.ct_cases ({}) VALUES ({}) ON CONFLICT (reference) DO UPDATE "
                                       "SET {}").format(self.ident, columns,
                                                        sql.SQL(", ").join(sql.Placeholder() * len(CASE_COLUMNS)),
                                                        updates), cases)
            cursor.execute(sql.SQL("DELETE FROM {}.ct_deadlines WHERE reference = ANY(%s)").format(self.ident),
                           (list(touched),))
            with cursor.copy(sql.SQL("COPY {}.ct_deadlines (reference, step, subject, label, starts_on, due_on, "
                                     "met_on) FROM STDIN").format(self.ident)) as copy:
                for row in deadlines:
                    copy.write_row(row)
            cursor.execute(sql.SQL("DELETE FROM {}.ct_search WHERE reference = ANY(%s)").format(self.ident),
                           (list(touched),))
            with cursor.copy(sql.SQL("COPY {}.ct_search (token, reference) FROM STDIN").format(self.ident)) as copy:
                for row in search:
                    copy.write_row(row)
            cursor.executemany(sql.SQL(
                "INSERT INTO {0}.ct_stage_counts (stage, open_cases) VALUES (%s, %s) ON CONFLICT (stage) DO UPDATE "
                "SET open_cases = {0}.ct_stage_counts.open_cases + EXCLUDED.open_cases").format(self.ident),
                [(stage, change) for stage, change in sorted(open_by_stage.items()) if change])
            cursor.execute(sql.SQL("DELETE FROM {}.ct_stage_counts WHERE open_cases = 0").format(self.ident))

    def _write_missed(self, missed: list[tuple[Any, ...]]) -> None:
        if missed:
            with self.conn.cursor() as cursor:
                cursor.executemany(sql.SQL(
                    "INSERT INTO {}.ct_missed_deadlines (reference, step, subject, label, starts_on, due_on, "
                    "noticed_on) VALUES (%s, %s, %s, %s, %s, %s, %s)").format(self.ident), missed)

    def _write_outbox(self, emails: dict[UUID, Email]) -> None:
        if emails:
            with self.conn.cursor() as cursor:
                cursor.executemany(sql.SQL(
                    "INSERT INTO {}.ct_outbox (email_id, key, reference, purpose, subject, recipients, status, "
                    "attempts, queued_on, last_error) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT (email_id) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, "
                    "last_error = EXCLUDED.last_error"
                ).format(self.ident), [safe_row((e.id, e.key, e.reference, e.purpose, e.subject, ", ".join(e.to),
                                                 e.status.value, e.attempts, e.queued_on, e.last_error))
                                       for e in emails.values()])

    def _write_audit(self, entries: list[audit.AuditEntry]) -> None:
        with self.conn.cursor() as cursor, cursor.copy(sql.SQL(
                f"COPY {{}}.ct_audit ({audit.COLUMNS}) FROM STDIN").format(self.ident)) as copy:
            for entry in entries:
                copy.write_row(entry.row())

    def _track(self, position: int) -> None:
        done = self.conn.execute(sql.SQL(
            "INSERT INTO {0}.ct_tracking (projector, position) VALUES (%s, %s) ON CONFLICT (projector) DO UPDATE "
            "SET position = EXCLUDED.position WHERE {0}.ct_tracking.position < EXCLUDED.position").format(
                self.ident), (PROJECTOR, position))
        if done.rowcount != 1:
            raise ProjectionError(
                f"Position {position} was already projected: is another projector running on this database?")

IS_OPEN, STAGE = CASE_COLUMNS.index("is_open"), CASE_COLUMNS.index("stage")


def _reference_of(aggregate: Aggregate) -> str:
    if isinstance(aggregate, ReferenceBook):
        return f"{aggregate.prefix}-{aggregate.year} (reference book)"
    if isinstance(aggregate, Email):
        return aggregate.reference or "(outbox)"
    return str(aggregate.reference)  # type: ignore[attr-defined]


