"""A case's history, in words: one entry per event, with who, when, what and why."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache, lru_cache
from typing import Any

from domain.periods import long_date
from domain.personal import Narrative, Person
from domain.text import shown
from domain.threshold import ThresholdAssessment, ThresholdPolicy
from domain.values import Applicant, Incident, Problem

HIDDEN = {"originator_id", "application_id", "originator_version", "timestamp", "actor", "reason",
          "late_reason", "originator_topic"}
REASONS = ("reason", "late_reason")
TECHNICAL = {"template_version"}  # kept in the audit trail's text, left out of what people read
# An event's name in plain words where its class name alone would not say it ("IncidentLogged" reads as
# "Incident logged" without help).
WHAT = {"Received": "Application received", "ThresholdMet": "Threshold met", "ThresholdNotMet": "Threshold not met",
        "LetterProduced": "Letter produced", "LetterSent": "Letter sent", "Snapshot": "Snapshot"}


@dataclass(frozen=True)
class HistoryEntry:
    recorded_at: datetime
    actor: str
    record: str  # "Application", "CaseReview" or "ReferenceBook"
    event: str  # e.g. "IncidentLogged"
    version: int
    details: str  # every field, as the audit trail keeps it
    reason: str
    readable: str = ""  # the details people read (no template versions)

    @property
    def what(self) -> str:
        """The event in plain words: "Incident logged", "Letter produced"."""
        return WHAT.get(self.event) or _words(self.event)


@cache
def _shape(event_class: type) -> tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...], bool, bool]:
    """What ``entry_for`` needs of an event class, worked out once per class: its record and event names, the
    fields it describes (each with its words), the reason fields it has, whether it names its actor and whether
    it has a technical field (else what people read is the details themselves)."""
    record, _, name = event_class.__qualname__.partition(".")
    names = [f.name for f in dataclasses.fields(event_class)]
    described = tuple((key, key.replace("_", " ")) for key in names if key not in HIDDEN)
    return (record, name or record, described, tuple(k for k in REASONS if k in names), "actor" in names,
            any(key in TECHNICAL for key, _ in described))


def entry_for(domain_event: Any) -> HistoryEntry:
    record, name, described, reasons, has_actor, technical = _shape(type(domain_event))
    shown_values = [(key, words, describe(value)) for key, words in described
                    if (value := getattr(domain_event, key, None)) not in (None, "", ())]
    details = shown("; ".join(f"{words}: {text}" for _, words, text in shown_values))
    readable = shown("; ".join(f"{words}: {text}" for key, words, text in shown_values if key not in TECHNICAL)
                     ) if technical else details
    reason = " ".join(str(value) for k in reasons if (value := getattr(domain_event, k, "")))
    return HistoryEntry(  # stored text is shown as it is, control characters as visible escapes
        recorded_at=domain_event.timestamp,
        actor=_actor(str(domain_event.actor)) if has_actor else "",
        record=record,
        event=name,
        version=domain_event.originator_version,
        details=details,
        reason=shown(reason) if reason else "",
        readable=readable,
    )


def heading(domain_event: Any) -> tuple[str, str, str]:
    """An event's record, event name and actor, as its ``entry_for`` says them, without describing its values
    (the audit trail needs no more for most events)."""
    record, name, _, _, has_actor, _ = _shape(type(domain_event))
    return record, name, _actor(str(domain_event.actor)) if has_actor else ""


@lru_cache(maxsize=4096)
def _actor(username: str) -> str:
    """An actor as shown (a few usernames act in thousands of events)."""
    return shown(username)


def _words(name: str) -> str:
    """"IncidentVerificationRequested" → "Incident verification requested"."""
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name)
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else name


@lru_cache(maxsize=8192)
def _long_date(day: date) -> str:
    return long_date(day)


def describe(value: Any) -> str:
    """A value as an officer would read it."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is date:
        return _long_date(value)
    match value:
        case bool():
            return "yes" if value else "no"
        case date():
            return long_date(value)
        case Enum():
            return str(value.value).replace("_", " ")
        case Person() | Narrative():
            return str(value)
        case Incident():
            return _incident(value)
        case Applicant():
            text = value.person.name
            if value.on_behalf_of_victim:
                victims = ", ".join(v.name for v in value.victims)
                text += f" ({value.relationship}) on behalf of {victims}"
            return text
        case Problem():
            text = f"{value.kind} at {value.location}"
            if value.hate_element.value != "none":
                text += f" ({describe(value.hate_element)})"
            return text
        case ThresholdPolicy():
            return value.describe()
        case ThresholdAssessment():
            counted = [str(v.number) for v in value.verdicts if v.counts]
            return f"{value.reason} Counted incidents: {', '.join(counted) or 'none'}"
        case tuple() | list():
            return ", ".join(describe(v) for v in value)
        case _:
            return str(value)


def _incident(incident: Incident) -> str:
    text = (
        f"#{incident.number} happened {long_date(incident.happened_on)}, reported "
        f"{long_date(incident.reported_on)} to {incident.agency}"
    )
    if incident.reported_to:
        text += f" ({incident.reported_to})"
    if incident.agency_reference:
        text += f" (ref {incident.agency_reference})"
    if incident.reported_by and incident.reported_by != "applicant":
        text += f", reported by {incident.reported_by}"
    if incident.hate_related:
        text += ", hate-related"
    if incident.duplicate_of:
        text += f", same incident as #{incident.duplicate_of}"
    if incident.struck_out:
        text += ", struck out"
    if incident.description:
        text += f": {incident.description}"
    return text
