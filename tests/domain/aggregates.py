"""Helpers shared by the aggregate rule tests."""

from collections.abc import Callable

import pytest
from eventsourcing.domain import Aggregate

from domain.errors import CaseRuleError


def assert_refused(
    aggregate: Aggregate,
    error: type[CaseRuleError],
    action: Callable[[], object],
    *fragments: str,
) -> str:
    """The action raises ``error`` whose message has every fragment, and records no event."""
    version, pending = aggregate.version, len(aggregate.pending_events)
    with pytest.raises(error) as refused:
        action()
    message = str(refused.value)
    for fragment in fragments:
        assert fragment in message, message
    assert aggregate.version == version
    assert len(aggregate.pending_events) == pending
    return message


def event_names(aggregate: Aggregate) -> list[str]:
    return [type(event).__name__ for event in aggregate.pending_events]
