"""The upcaster mechanism every event class follows (the library's ``class_version`` and ``upcast_vN_vN+1``),
shown on a throwaway aggregate through BackOffice's own mapper (its transcoder, and any cipher it has): an event
stored in an older shape reads in the new one; one stored in the new shape reads unchanged."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import StoredEvent

from application.backoffice import BackOffice


class WidgetV1(Aggregate):
    """The shape a release stored: ``Labelled`` with a ``label``."""

    @event("Labelled")
    def relabel(self, label: str) -> None:
        self.label = label


class WidgetV2(Aggregate):
    """The next release: the field is now ``title`` and the event says so with class_version 2."""

    class Labelled(Aggregate.Event):
        class_version = 2
        title: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["title"] = state.pop("label")

        def apply(self, aggregate: Aggregate) -> None:
            aggregate.title = self.title  # type: ignore[attr-defined]


def as_stored_by_the_next_release(stored: StoredEvent) -> StoredEvent:
    """The same stored bytes, read by the next release, whose class for them is WidgetV2.Labelled."""
    return StoredEvent(stored.originator_id, stored.originator_version,
                       f"{__name__}:WidgetV2.Labelled", stored.state)


def test_an_event_stored_in_the_older_shape_reads_in_the_new_one(back_office: BackOffice):
    widget = WidgetV1()
    widget.relabel("Old shape")
    stored = back_office.mapper.to_stored_event(widget.collect_events()[-1])

    read = back_office.mapper.to_domain_event(as_stored_by_the_next_release(stored))

    assert isinstance(read, WidgetV2.Labelled)
    assert read.title == "Old shape"


def test_an_event_stored_in_the_new_shape_reads_unchanged(back_office: BackOffice):
    original = WidgetV2.Labelled(originator_id=WidgetV2.create_id(), originator_version=2,
                                 timestamp=WidgetV2.Event.create_timestamp(), title="New shape")

    read = back_office.mapper.to_domain_event(back_office.mapper.to_stored_event(original))

    assert read.title == "New shape"  # type: ignore[attr-defined]
    assert read == original
