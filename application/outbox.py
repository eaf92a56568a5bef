"""The outbox: emails queued as events, then handed over to the SMTP server and confirmed.

Queueing is idempotent by key (``Email.create_id``): a reminder computed twice, or by a scheduler
that restarted, is queued once. The delivery steps are recorded by the sender (``scheduler.mailer``)
around the SMTP exchange; see ``domain.email`` for why a message is never sent twice.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from application.case_file import SCHEDULER
from application.core import Recorded, UseCases
from application.errors import BackOfficeError, CaseNotFoundError, ConflictError
from domain.email import Email, EmailStatus
from domain.ids import email_id
from domain.periods import long_date

OUTBOX = "outbox"


class OutboxUseCases(UseCases):
    def queue_email(self, *, key: str, to: tuple[str, ...], subject: str, body: str, purpose: str,
                    reference: str = "", actor: str = SCHEDULER) -> Recorded | None:
        """Queue an email once per ``key``; returns None when it was already queued."""
        try:
            self.repository.get(email_id(key))
            return None
        except AggregateNotFoundError:
            pass
        email = Email.queue(key=key, to=to, subject=subject, body=body, purpose=purpose, reference=reference,
                            queued_on=self.today(), actor=self._actor(actor), body_subject=self.case_key(reference))
        try:
            return self._save(reference or OUTBOX, email)
        except ConflictError:
            return None  # queued at the same moment by someone else: still once

    def case_key(self, reference: str) -> str:
        """The data key an email about case ``reference`` is sealed under: its applicant's, as the case's free
        text is (so erasing the case erases the email); "" for an email about no case."""
        if not reference:
            return ""
        try:
            return self._application(reference).applicant.person.subject
        except CaseNotFoundError:
            return ""

    def withhold_email(self, identifier: UUID, *, actor: str = SCHEDULER) -> Email:
        """Record that an email whose text was erased is not sent, with the reason."""
        email = self.email(identifier)
        when = f" on {long_date(email.erased_on)}" if email.erased_on else ""
        email.withhold(reason=f"Not sent: its text was erased{when}, with the personal data of its case.",
                       actor=self._actor(actor))
        self._save(email.reference or OUTBOX, email)
        return email

    def email(self, identifier: UUID) -> Email:
        try:
            email = self.repository.get(identifier)
        except AggregateNotFoundError:
            raise BackOfficeError(f"There is no email {identifier} in the outbox.") from None
        assert isinstance(email, Email)
        return email

    def email_by_key(self, key: str) -> Email:
        return self.email(email_id(key))

    def hand_over_email(self, identifier: UUID, *, actor: str = SCHEDULER) -> Email:
        """Record that the message is about to be committed to the SMTP server (before the final dot)."""
        email = self.email(identifier)
        email.hand_over(actor=self._actor(actor))
        self._save(email.reference or OUTBOX, email)
        return email

    def record_email_delivered(self, identifier: UUID, *, server_reply: str, actor: str = SCHEDULER) -> None:
        email = self.email(identifier)
        email.record_delivered(server_reply=server_reply, actor=self._actor(actor))
        self._save(email.reference or OUTBOX, email)

    def record_email_failed(self, identifier: UUID, *, error: str, actor: str = SCHEDULER) -> None:
        """The server did not take the message; it will be tried again. A failure that repeats the last one
        is not recorded again (a server that is down for a day does not fill the log)."""
        email = self.email(identifier)
        if email.status is EmailStatus.FAILED and email.last_error == error:
            return
        email.record_failure(error=error, actor=self._actor(actor))
        self._save(email.reference or OUTBOX, email)

    def record_email_uncertain(self, identifier: UUID, *, reason: str, actor: str = SCHEDULER) -> bool:
        """Mark a message found mid-hand-over as in doubt (never resent automatically). Returns False when
        the store shows it is no longer in doubt."""
        email = self.email(identifier)
        if email.status is not EmailStatus.HANDING_OVER:
            return False
        email.record_uncertain(reason=reason, actor=self._actor(actor))
        self._save(email.reference or OUTBOX, email)
        return True
