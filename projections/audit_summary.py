"""What the audit trail says about an event, without personal data (issue 12: read models hold none).

The trail is kept for good and cannot be erased, so its summary names what was recorded and shows only values
that are not about a person: dates, choices (enums), yes/no, numbers and a few fields that name an agency, a
step or a letter. Names, contact details, free text and reasons are listed by field name only; they stay in the
events, sealed under the person's key, where an erasure reaches them. Record-keeping acts (who replaced the
trail and why) and user administration (staff accounts, never a password hash) are shown in full.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from application.history import describe, entry_for

HIDDEN = {"originator_id", "application_id", "originator_version", "timestamp", "actor", "originator_topic"}
FULL = {"RecordKeeping", "User"}  # record keeping and user administration: about staff accounts, not the public
SAFE_TEXT = {"agency", "reference", "purpose", "recipient", "template_version", "step", "label", "route",
             "username", "error_kind"}


def audit_summary(domain_event: Any, record: str) -> str:
    """The summary of an event of ``record`` (its aggregate's class name): the history's full entry for record
    keeping and user administration, else the values that are not about a person."""
    if record in FULL:
        entry = entry_for(domain_event)
        return f"{entry.details} Reason: {entry.reason}" if entry.reason else entry.details
    shown, kept = [], []
    for name, words, safe_text in _summarised(type(domain_event)):
        value = getattr(domain_event, name)
        if value in (None, "", ()):
            continue
        shows = safe_text if isinstance(value, str) else isinstance(value, PLAIN)
        if shows:
            shown.append(f"{words}: {describe(value)}")
        else:
            kept.append(words)
    if kept:
        shown.append(f"kept encrypted: {', '.join(kept)}")
    return "; ".join(shown)


PLAIN = (bool, int, date, Enum)  # values shown as they are, unless text (a datetime is a date)


@cache
def _summarised(event_class: type) -> tuple[tuple[str, str, bool], ...]:
    """The fields of an event class the summary goes through, worked out once per class: each field's name, its
    words, and whether its text may be shown (``SAFE_TEXT``)."""
    return tuple((field.name, field.name.replace("_", " "), field.name in SAFE_TEXT)
                 for field in dataclasses.fields(event_class) if field.name not in HIDDEN)
