"""The scheduler's jobs: thin functions over read-model queries and BackOffice commands.

Each is idempotent, so running one twice, or once late after downtime, does no harm: a deadline is
recorded missed once per due date, an email is queued once per key, and a queued email is sent once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import psycopg

from application.backoffice import BackOffice
from application.case_file import SCHEDULER
from domain.email import EmailStatus
from domain.erasure import ErasureGround
from domain.plurals import counted
from domain.reminders import delay_letter_needed, reminders_due
from domain.retention import RetentionErasure, due_for_automatic_erasure, retention_cutoff, retention_ends_on
from domain.timescales import Deadline
from infrastructure.scheduler_tables import replace_retention_list, retention_list
from infrastructure.storage import is_connection_loss
from projections import audit
from projections.deadline_watch import DeadlineWatch
from scheduler import messages
from scheduler.mailer import SmtpServer, deliver
from scheduler.subject_access import remind_subject_access

IN_DOUBT = ("The scheduler stopped while handing this message to the mail server, so it may or may not have "
            "been sent. It will not be sent again automatically: check with the recipient.")
ATTEMPTS = 5  # a message the server refused this many times is left for a person (the digest lists it)
log = logging.getLogger(__name__)
audit_log = logging.getLogger("community_trigger.audit")  # checkpoints, to ship out of the database's reach


def _one_line(error: BaseException) -> str:
    return " ".join(f"{error.__class__.__name__}: {error}".split())


@dataclass
class Jobs:
    back_office: BackOffice
    connect: Callable[[], psycopg.Connection[Any]]  # a new autocommit connection to the read models
    schema: str
    server: SmtpServer
    queued: list[UUID] = field(default_factory=list)
    audit_key: bytes | None = None  # signs the nightly audit checkpoint

    # --------------------------------------------------------------------------- deadlines
    def check_deadlines(self) -> dict[str, int]:
        """Record the deadlines missed, queue the reminders due and the missed-deadline notices, and send them."""
        office, settings = self.back_office, self.back_office.profile.email
        today = office.today()
        horizon = office.calendar.add_working_days(today, settings.reminder_working_days)
        with self.connect() as conn:
            watched = DeadlineWatch(conn, self.schema).open_deadlines_due_by(horizon)
        counts = {"missed": 0, "reminders": 0, "failed": 0}
        for reference in dict.fromkeys(w.reference for w in watched):
            try:  # one case that cannot be processed is logged and left; the others go on
                found = self._check_case(reference, today)
            except Exception as error:
                if is_connection_loss(error):
                    raise  # not this case's fault: the whole job runs again once the database is back
                counts["failed"] += 1
                log.error("deadlines: case %s was not checked (%s); the other cases were", reference,
                          _one_line(error))
            else:
                counts["missed"], counts["reminders"] = counts["missed"] + found[0], counts["reminders"] + found[1]
        if sar_notices := remind_subject_access(self):
            log.info("deadlines: %s queued", counted(sar_notices, "subject access reminder"))
        self.send_queued()
        return counts

    def _check_case(self, reference: str, today: date) -> tuple[int, int]:
        """Record one case's missed deadlines and queue its notices and reminders; returns how many of each."""
        office, settings = self.back_office, self.back_office.profile.email
        missed_count = reminder_count = 0
        case = office.cases.get_case(reference)
        officer = case.application.officer
        delay_notices = case.review.delay_notices if case.review else []
        for missed in office.cases.record_missed_deadlines(reference):
            missed_count += 1
            deadline = Deadline(missed.step, missed.subject, missed.starts_on, missed.due_on)
            self._queue(f"missed/{reference}/{missed.step.value}/{missed.subject}/{missed.due_on}",
                        officer, reference, "deadline missed",
                        *messages.missed(reference, deadline, today, officer,
                                         delay_letter_needed(deadline, delay_notices)))
        deadlines = office.cases.deadlines_of(case)  # the missed ones went to the case file, not the case
        for deadline in reminders_due(deadlines, today, office.calendar, settings.reminder_working_days):
            reminder_count += 1
            days_left = office.calendar.working_days_between(today, deadline.due_on)
            self._queue(f"reminder/{reference}/{deadline.step.value}/{deadline.subject}/{deadline.due_on}",
                        officer, reference, "reminder",
                        *messages.reminder(reference, deadline, days_left, officer,
                                           delay_letter_needed(deadline, delay_notices)))
        return missed_count, reminder_count

    def _queue(self, key: str, officer: str, reference: str, purpose: str, subject: str, body: str) -> None:
        settings = self.back_office.profile.email
        to = (settings.address_of(officer),) if officer else settings.managers
        if not to:
            return  # no officer and no manager to tell: the dashboard still shows it
        recorded = self.back_office.outbox.queue_email(key=key, to=tuple(to), subject=subject, body=body,
                                                       purpose=purpose, reference=reference, actor=SCHEDULER)
        if recorded is not None:
            self.queued.append(recorded.aggregate_id)

    # ---------------------------------------------------------------------------- digest
    def send_digest(self) -> bool:
        """On working days, one digest to the managers: overdue steps and steps due in the next five working days."""
        office, settings = self.back_office, self.back_office.profile.email
        today = office.today()
        if not settings.managers or not office.calendar.is_working_day(today):
            return False
        week_end = office.calendar.add_working_days(today, 5)
        with self.connect() as conn:
            watch = DeadlineWatch(conn, self.schema)
            due = watch.open_deadlines_due_by(week_end)
            problems = watch.emails(EmailStatus.FAILED, EmailStatus.UNCERTAIN)
            retention = len(watch.closed_before(retention_cutoff(today, office.profile.retention_years)))
        subject, body = messages.digest(today, [d for d in due if d.is_overdue(today)],
                                        [d for d in due if d.due_on >= today], problems, retention,
                                        office.profile.name)
        recorded = office.outbox.queue_email(key=f"digest/{today}", to=settings.managers, subject=subject, body=body,
                                             purpose="digest", actor=SCHEDULER)
        if recorded is not None:
            self.queued.append(recorded.aggregate_id)
        self.send_queued()
        return recorded is not None

    # ---------------------------------------------------------------------------- outbox
    def send_queued(self) -> None:
        """Send what this run queued, straight away (the outbox job retries anything that fails)."""
        while self.queued:
            self._deliver(self.queued.pop(0))

    def _deliver(self, email_id: UUID) -> EmailStatus:
        """Send one email; an error with it is logged and leaves it for the next outbox run, the others go on."""
        try:
            return deliver(self.back_office, email_id, self.server)
        except Exception as error:
            if is_connection_loss(error):
                raise
            log.error("outbox: email %s was not sent (%s); the others were", email_id, _one_line(error))
            return EmailStatus.FAILED

    def deliver_outbox(self) -> dict[str, int]:
        """Mark messages caught mid-hand-over as in doubt, then send every pending one."""
        with self.connect() as conn:
            watch = DeadlineWatch(conn, self.schema)
            in_doubt = watch.emails(EmailStatus.HANDING_OVER)
            pending = [row for row in watch.emails(EmailStatus.QUEUED, EmailStatus.FAILED) if row.attempts < ATTEMPTS]
        uncertain = sum(self.back_office.outbox.record_email_uncertain(row.email_id, reason=IN_DOUBT)
                        for row in in_doubt)
        statuses = [self._deliver(row.email_id) for row in pending]
        return {EmailStatus.UNCERTAIN.label: uncertain,
                **{status.label: statuses.count(status) for status in (EmailStatus.DELIVERED, EmailStatus.FAILED)}}

    # ------------------------------------------------------------------------- retention
    def list_retention(self) -> int:
        """List the closed cases whose retention period has ended and whose people are not erased yet: a manager
        erases them from the dashboard's list (docs/PERSONAL-DATA.md)."""
        office = self.back_office
        today, years = office.today(), office.profile.retention_years
        with self.connect() as conn:
            ended = [(ref, ended_on) for ref, ended_on in
                     DeadlineWatch(conn, self.schema).closed_before(retention_cutoff(today, years))
                     if not office.erasure.is_erased(ref)]
            replace_retention_list(conn, self.schema, [(ref, ended_on, retention_ends_on(ended_on, years))
                                                       for ref, ended_on in ended], today)
            if office.profile.erase_after_retention is RetentionErasure.AUTOMATICALLY:
                erased = self._erase_after_notice(conn, today)
                replace_retention_list(conn, self.schema, [(ref, ended_on, retention_ends_on(ended_on, years))
                                                           for ref, ended_on in ended if ref not in erased], today)
                return len(ended) - len(erased)
        return len(ended)

    def _erase_after_notice(self, conn: psycopg.Connection[Any], today: date) -> set[str]:
        """By the profile's ``erase_after_retention = "automatically"``: erase the cases listed for at least
        ``erase_notice_days``, on the ground that the retention period ended, as the scheduler."""
        office = self.back_office
        erased: set[str] = set()
        for reference, _ended_on, _retention_ended_on, listed_on in retention_list(conn, self.schema):
            if due_for_automatic_erasure(listed_on, today, office.profile.erase_notice_days):
                office.erasure.erase_case(reference, ground=ErasureGround.RETENTION_ENDED, actor=SCHEDULER)
                log.info("Erased the personal data of %s: its retention period ended and it was listed on %s",
                         reference, listed_on.isoformat())
                erased.add(reference)
        return erased


    # ------------------------------------------------------------------------ audit checkpoint
    def make_audit_checkpoint(self) -> str:
        """Sign the audit chain's head, keep it in the database and write it to the log, from where it should be
        shipped somewhere the database administrator cannot reach."""
        with self.connect() as conn:
            checkpoint = audit.make_checkpoint(conn, self.schema, self.audit_key, datetime.now(UTC))
            audit.store_checkpoint(conn, self.schema, checkpoint)
        audit_log.info("%s", checkpoint.line())
        return checkpoint.line()
