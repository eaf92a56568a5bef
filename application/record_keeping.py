"""Use cases on the records themselves (``domain.record_keeping``)."""

from __future__ import annotations

from eventsourcing.application import AggregateNotFoundError

from application.core import Recorded, UseCases
from domain.record_keeping import RecordKeeping


class RecordKeepingUseCases(UseCases):
    def record_audit_trail_replaced(self, *, differing_entries: int, first_differing_position: int,
                                    previous_head: str, actor: str, reason: str) -> Recorded:
        """Record, in the event store, that the audit trail is replaced although it differs from the events."""
        try:
            record_keeping = self.repository.get(RecordKeeping.create_id())
        except AggregateNotFoundError:
            record_keeping = RecordKeeping(actor=self._actor(actor))
        assert isinstance(record_keeping, RecordKeeping)
        record_keeping.record_audit_trail_replaced(
            differing_entries=differing_entries, first_differing_position=first_differing_position,
            previous_head=previous_head, actor=self._actor(actor), reason=reason)
        return self._save(RecordKeeping.reference, record_keeping)
