"""The floor the command benchmarks compare with: the bare library's load, one event and save, on an aggregate
that does nothing else. Imported by the benchmark scripts (run as ``python bench/NAME.py``)."""

from __future__ import annotations

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event


class Counter(Aggregate):
    @event("Started")
    def __init__(self) -> None:
        self.count = 0

    @event("Incremented")
    def increment(self, by: int) -> None:
        self.count += by


class Bare(Application):
    pass
