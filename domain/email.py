"""The Email aggregate: one message in the outbox, from queued to delivered.

Delivery is recorded in steps so that a message is never sent twice: the sender records
``HandingOver`` after the SMTP server has accepted the envelope and the body, and before it sends
the final "end of data" that makes the server take the message; it records ``Delivered`` when the
server has answered. A message found ``HandingOver`` after a crash may or may not have gone: it is
marked ``DeliveryUncertain`` for a person to check, never sent again automatically. A message that
failed before ``HandingOver`` (server down, refused) is retried.

An email about a case has its text sealed under the case's data key (the applicant's subject, as the case's
``Narrative`` free text is; ``sealed_body``), so erasing the case makes it unreadable: ``body`` then reads
"Erased on <date>" and the sender records ``Withheld`` instead of sending it. Emails stored before kept their text
in ``body`` (plain under the whole-event cipher) and read as they were.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import AlreadyRecordedError, InvalidDetailsError, OutOfOrderError
from domain.ids import email_id
from domain.personal import Narrative
from domain.upcasting import fields_added
from domain.values import require_text
from domain.words import Worded


class EmailStatus(Worded):
    QUEUED = "queued"
    HANDING_OVER = "handing over"
    DELIVERED = "delivered"
    FAILED = "failed"  # before the server could have taken it: tried again
    UNCERTAIN = "uncertain"  # found handing over after a crash: a person checks
    WITHHELD = "not sent"  # its text was erased before it was sent

    @property
    def is_pending(self) -> bool:
        """Still to be sent: queued, or failed before the server could have taken it."""
        return self in (EmailStatus.QUEUED, EmailStatus.FAILED)


class Email(Aggregate):
    @staticmethod
    def create_id(key: str) -> UUID:
        return email_id(key)

    @classmethod
    def queue(cls, *, key: str, to: tuple[str, ...], subject: str, body: str, purpose: str,
              reference: str, queued_on: date, actor: str, body_subject: str = "") -> Email:
        """``body_subject``: the data key the text is sealed under (the case's applicant); "" keeps it plain."""
        require_text(key, "the email's key")
        require_text(subject, "the email's subject")
        require_text(body, "the email's text")
        if not to or any("@" not in address or any(c.isspace() for c in address) for address in to):
            raise InvalidDetailsError(
                f"An email needs at least one address like name@example.org; got {', '.join(to) or 'none'}."
            )
        sealed_body = Narrative(subject=body_subject, text=body) if body_subject else None
        return cls(key=key, to=tuple(to), subject=subject, body="" if sealed_body else body, purpose=purpose,
                   reference=reference, queued_on=queued_on, actor=actor, sealed_body=sealed_body)

    @event("Queued")
    def __init__(self, *, key: str, to: tuple[str, ...], subject: str, body: str, purpose: str,
                 reference: str, queued_on: date, actor: str, sealed_body: Narrative | None) -> None:
        self.key = key
        self.to = tuple(to)
        self.subject = subject
        self.sealed_body = sealed_body
        self.body = sealed_body.text if sealed_body is not None else body
        self.purpose = purpose  # "reminder", "deadline missed", "digest"
        self.reference = reference  # the case, or "" for a digest
        self.queued_on = queued_on
        self.status = EmailStatus.QUEUED
        self.attempts = 0
        self.last_error = ""

    @property
    def erased_on(self) -> date | None:
        """When its text was erased (its case's key deleted); None while it can be read."""
        return self.sealed_body.erased_on if self.sealed_body is not None else None

    @property
    def is_erased(self) -> bool:
        return self.sealed_body is not None and self.sealed_body.is_erased

    @property
    def message_id(self) -> str:
        return f"<{self.id}@community-trigger>"

    @property
    def is_pending(self) -> bool:
        """Still to be sent: queued, or failed before the server could have taken it."""
        return self.status.is_pending

    def _require_pending(self, step: str) -> None:
        if self.status is EmailStatus.DELIVERED:
            raise AlreadyRecordedError(f"The email '{self.subject}' was already delivered.")
        if not self.is_pending:
            raise OutOfOrderError(f"Cannot record {step}: the email '{self.subject}' is {self.status.label}.")

    def hand_over(self, *, actor: str) -> None:
        self._require_pending("the hand-over")
        self._hand_over(attempt=self.attempts + 1, actor=actor)

    @event("HandingOver")
    def _hand_over(self, *, attempt: int, actor: str) -> None:
        self.status = EmailStatus.HANDING_OVER
        self.attempts = attempt

    def record_delivered(self, *, server_reply: str, actor: str) -> None:
        if self.status is not EmailStatus.HANDING_OVER:
            raise OutOfOrderError(f"The email '{self.subject}' is {self.status.label}, not being handed over.")
        self._record_delivered(server_reply=server_reply, actor=actor)

    @event("Delivered")
    def _record_delivered(self, *, server_reply: str, actor: str) -> None:
        self.status = EmailStatus.DELIVERED

    def record_failure(self, *, error: str, actor: str) -> None:
        """The server could not have taken the message (refused, unreachable): it will be tried again."""
        if not (self.status.is_pending or self.status is EmailStatus.HANDING_OVER):
            raise OutOfOrderError(f"The email '{self.subject}' is {self.status.label}; it cannot fail now.")
        self._record_failure(error=error, actor=actor)

    @event("DeliveryFailed")
    def _record_failure(self, *, error: str, actor: str) -> None:
        self.status = EmailStatus.FAILED
        self.last_error = error

    def record_uncertain(self, *, reason: str, actor: str) -> None:
        if self.status is not EmailStatus.HANDING_OVER:
            raise OutOfOrderError(f"The email '{self.subject}' is {self.status.label}, not in doubt.")
        self._record_uncertain(reason=reason, actor=actor)

    @event("DeliveryUncertain")
    def _record_uncertain(self, *, reason: str, actor: str) -> None:
        self.status = EmailStatus.UNCERTAIN
        self.last_error = reason

    def withhold(self, *, reason: str, actor: str) -> None:
        """Not sent, for good: its text was erased before it could be sent."""
        self._require_pending("that it was not sent")
        if not self.is_erased:
            raise OutOfOrderError(f"The email '{self.subject}' can still be sent: only an erased text is withheld.")
        require_text(reason, "why the email was not sent")
        self._withhold(reason=reason, actor=actor)

    @event("Withheld")
    def _withhold(self, *, reason: str, actor: str) -> None:
        self.status = EmailStatus.WITHHELD
        self.last_error = reason


# Emails queued before their text was sealed kept it in ``body`` (domain/upcasting.py).
fields_added(Email.Queued, 2, sealed_body=None)  # type: ignore[attr-defined]
