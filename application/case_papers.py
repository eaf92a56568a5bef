"""What the case page shows of a case that its state does not keep: the panel's members and attendees, each
agency's summary of the information it supplied and the victim's impact statement. Read from the case's events
(the case page reads them once, with its history)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from domain.personal import Narrative


@dataclass(frozen=True)
class CasePapers:
    members: tuple[str, ...] = ()  # the panel's members, as last scheduled
    attendees: tuple[str, ...] = ()  # who attended the panel, as recorded when it was held
    summaries: dict[str, Narrative] = field(default_factory=dict)  # each agency's summary, by agency
    impact_statement: Narrative | None = None


def papers_of(events: list[Any]) -> CasePapers:
    """The papers of a case from its domain events, in the order they were recorded."""
    members: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()
    summaries: dict[str, Narrative] = {}
    statement: Narrative | None = None
    for event in events:
        name = type(event).__qualname__.partition(".")[2]
        if name == "PanelScheduled":
            members = tuple(getattr(event, "members", ()) or ())
        elif name == "PanelHeld":
            attendees = tuple(getattr(event, "attendees", ()) or ())
        elif name == "AgencyInformationReceived":
            summaries[event.agency] = event.summary
        elif name == "ImpactStatementReceived":
            statement = event.statement
    return CasePapers(members, attendees, summaries, statement)
