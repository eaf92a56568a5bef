"""Events stored by an earlier release keep reading as today's classes: when an event class gains fields, it
goes up a ``class_version`` and an upcaster gives the events stored before the value they stood for (the
library's ``class_version`` and ``upcast_vN_vN+1``; docs/OPERATIONS.md, "Upgrades").

The event classes made by ``@event("Name")`` are set up here, beside the aggregate that names them, once its
class exists: ``fields_added(Application.ConsentGiven, 2, victim=-1, method=None)``."""

from __future__ import annotations

from typing import Any


def fields_added(event_class: type, version: int, **stored_before: Any) -> None:
    """From ``version`` on, ``event_class`` has the fields ``stored_before`` names; an event stored at the version
    before reads with those values (what the release that stored it meant by leaving them out)."""
    if getattr(event_class, "class_version", 1) != version - 1:
        raise TypeError(f"{event_class.__qualname__} is at class_version {getattr(event_class, 'class_version', 1)}; "
                        f"fields added at {version} must follow {version - 1}.")

    def upcast(state: dict[str, Any]) -> None:
        for name, value in stored_before.items():
            state.setdefault(name, value)

    setattr(event_class, f"upcast_v{version - 1}_v{version}", staticmethod(upcast))
    event_class.class_version = version  # type: ignore[attr-defined]
