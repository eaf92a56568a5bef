"""What the audit trail says about an event, without personal data (issue 12: read models hold none).

The trail is kept for good and cannot be erased, so its summary names what was recorded and shows only values
that are not about a person: dates, choices (enums), yes/no, numbers and a few fields that name an agency, a
step or a letter. Names, contact details, free text and reasons are listed by field name only; they stay in the
events, sealed under the person's key, where an erasure reaches them. Record-keeping acts (who replaced the
trail and why) and user administration (staff accounts, never a password hash) are shown in full.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any

from application.history import HistoryEntry, describe

HIDDEN = {"originator_id", "application_id", "originator_version", "timestamp", "actor", "originator_topic"}
FULL = {"RecordKeeping", "User"}  # record keeping and user administration: about staff accounts, not the public
SAFE_TEXT = {"agency", "reference", "purpose", "recipient", "template_version", "step", "label", "route",
             "username", "error_kind"}


def audit_summary(domain_event: Any, entry: HistoryEntry) -> str:
    if entry.record in FULL:
        return f"{entry.details} Reason: {entry.reason}" if entry.reason else entry.details
    shown, kept = [], []
    for field in dataclasses.fields(domain_event):
        if field.name in HIDDEN:
            continue
        value = getattr(domain_event, field.name)
        if value in (None, "", ()):
            continue
        words = field.name.replace("_", " ")
        if _plain(value) or (isinstance(value, str) and field.name in SAFE_TEXT):
            shown.append(f"{words}: {describe(value)}")
        else:
            kept.append(words)
    if kept:
        shown.append(f"kept encrypted: {', '.join(kept)}")
    return "; ".join(shown)


def _plain(value: Any) -> bool:
    return isinstance(value, bool | int | date | datetime | Enum) and not isinstance(value, str)
