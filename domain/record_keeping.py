"""The RecordKeeping aggregate: what is done to the records themselves, rather than to a case.

Today it records one thing: that an administrator replaced the audit trail with one recomputed from
the event store although the two differ (``community-trigger rebuild --accept-changed-history``).
The trail is otherwise never replaced without trace: the replacement, who made it, why, how many
entries differed and the old and new heads of the chain are kept here, in the event store, so they
appear in the new trail itself.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidDetailsError
from domain.ids import record_keeping_id
from domain.values import require_text


class RecordKeeping(Aggregate):
    reference = "(record keeping)"

    @staticmethod
    def create_id() -> UUID:
        return record_keeping_id()

    @event("Started")
    def __init__(self, *, actor: str) -> None:
        self.replacements = 0

    def record_audit_trail_replaced(self, *, differing_entries: int, first_differing_position: int,
                                    previous_head: str, actor: str, reason: str) -> None:
        """Record that the audit trail is being replaced although ``differing_entries`` of its entries
        differ from those recomputed from the event store."""
        require_text(reason, "why the audit trail is replaced although it differs from the event store")
        if differing_entries < 1 or first_differing_position < 1:
            raise InvalidDetailsError("A replacement is recorded only when some audit entries differ.")
        self._audit_trail_replaced(differing_entries=differing_entries,
                                   first_differing_position=first_differing_position,
                                   previous_head=previous_head, actor=actor, reason=reason.strip())

    @event("AuditTrailReplaced")
    def _audit_trail_replaced(self, *, differing_entries: int, first_differing_position: int, previous_head: str,
                              actor: str, reason: str) -> None:
        self.replacements += 1
