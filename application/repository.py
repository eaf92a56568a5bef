"""The repository the back office loads aggregates with: the library's, except that a snapshot written before
an aggregate kept something it can only learn from its events is passed over.

``Application`` snapshots of class_version 3 or before hold the consents in force only, not who gave each nor
any consent withdrawn; their upcast leaves ``consent_records`` as None, and such an aggregate is folded from its
events instead, so a withdrawal made before the snapshot is never lost (docs/VICTIMS.md). The next snapshot
taken is complete again."""

from __future__ import annotations

from typing import Any

from eventsourcing.application import Repository


class PassOverIncompleteSnapshots(Repository):  # type: ignore[type-arg]
    def _reconstruct_aggregate(self, aggregate_id: Any, version: int | None, projector_func: Any) -> Any:
        aggregate = super()._reconstruct_aggregate(aggregate_id, version, projector_func)
        if getattr(aggregate, "consent_records", ()) is None:
            aggregate = projector_func(None, self.event_store.get(originator_id=aggregate_id, lte=version))
        return aggregate
