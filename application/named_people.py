"""People a case names in its records without holding them as a ``Person``: a neighbour or household who
reported incidents, the panel's chair, its members and attendees, the secondary review's chair and panel
(``domain.personal.NAMING_FIELDS``). Each has a key of their own (infrastructure/case_text.py): the erasure page
lists them to erase one alone (application/erasure.py), and a subject access copy withholds them from anyone
else (application/redaction.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from application.inputs.erasure import NAMED
from domain.application import Application
from domain.personal import normal_name, reads_erased
from infrastructure.case_text import PLAIN_VALUES

# What each field that names a person says about them, in the words the erasure page shows.
ROLES = {"reported_by": "reported incidents", "chair": "chaired the panel", "members": "a panel member",
         "attendees": "attended the panel", "secondary_chair": "chaired the secondary review",
         "panel": "carried out the secondary review"}


@dataclass(frozen=True)
class NamedPerson:
    """Someone named in a case's free text, not as its applicant or a victim: the name as first recorded, and how
    they are named."""

    name: str
    roles: tuple[str, ...]

    @property
    def choice(self) -> str:
        """The value that chooses them (the name as compared, so that "PC  Lee" and "pc lee" are one)."""
        return NAMED + normal_name(self.name)

    @property
    def label(self) -> str:
        return f"{self.name} ({'; '.join(self.roles)})"


def named_in(application: Application, review_events: list[Any], organisations: Iterable[str] = ()
             ) -> tuple[NamedPerson, ...]:
    """Everyone named in the case's text (whose name is not erased), in the order first named. A line that is an
    organisation's name (one of ``organisations``, the partnership's agencies, or an agency the case's incidents
    were reported to, such as a panel member "Kent Police") names no person and is left out."""
    found: dict[str, tuple[str, list[str]]] = {}
    bodies = {normal_name(o) for o in (*organisations, *(i.agency for i in application.incidents))}

    def add(name: str, field: str) -> None:
        if not name or not name.strip() or name in PLAIN_VALUES or reads_erased(name) or normal_name(name) in bodies:
            return
        _, roles = found.setdefault(normal_name(name), (name.strip(), []))
        if ROLES[field] not in roles:
            roles.append(ROLES[field])

    for incident in application.incidents:
        add(incident.reported_by, "reported_by")
    for event in review_events:
        kind = type(event).__qualname__.partition(".")[2]
        if kind == "PanelScheduled":
            add(event.chair, "chair")
            for member in event.members:
                add(member, "members")
        elif kind == "PanelHeld":
            for attendee in event.attendees:
                add(attendee, "attendees")
        elif kind == "SecondaryReviewHeld":
            add(event.chair, "secondary_chair")
            for member in event.panel:
                add(member, "panel")
    return tuple(NamedPerson(name, tuple(roles)) for name, roles in found.values())
