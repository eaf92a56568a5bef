"""The case's own free text, sealed under a key of the case: reasons, panel members, where the problem happens,
who reported an incident, the applicant's relationship to the victim … (the list is ``EVENT_FIELDS``,
``SNAPSHOT_FIELDS`` and ``VALUE_FIELDS`` below, and the table in docs/PERSONAL-DATA.md).

The domain keeps these fields as plain ``str`` (or tuples of them); sealing is a storage concern, done here:

* Each aggregate of a case (its application, case review and case file) has a **case subject**,
  ``@case:<aggregate id>``, with a data key in ``ct_data_keys`` like a person's (``infrastructure/keys.py``).
* ``CaseTextMapper`` (the application's mapper) wraps the listed top-level fields of an event, or of a
  snapshot's state, as ``CaseText`` before the event is transcoded, and sets the case subject for the
  transcodings of the value objects inside it (``ValueObjectAsDict`` and ``IncidentLogAsRows`` wrap their listed
  fields with ``case_texts``).
* ``SealedCaseText`` stores a ``CaseText`` as ``{"s": subject, "f": field, "sealed": …}`` (AES-GCM under the
  subject's key, the field and subject as associated data), and reads it back as the ``str`` it was; once the
  key is deleted (``erase_case``) it reads "Erased on <date>".
* A field stored before this change holds a plain ``str``, and is read as it was stored.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any
from uuid import UUID

from cryptography.exceptions import InvalidTag
from eventsourcing.domain import Snapshot
from eventsourcing.persistence import Mapper, StoredEvent, Transcoding

from domain.case_review import DelayNotice, Recommendation
from domain.personal import erased_words
from domain.threshold import IncidentVerdict, StatutoryResult, ThresholdAssessment
from domain.values import Applicant, Incident, Problem
from domain.verification import VerificationAnswerGiven
from domain.victims import ActionPlan, VictimDetails
from infrastructure.keys import DataKeys, seal, unseal

CASE = "@case:"
SEALED = "sealed"
PLAIN_VALUES = frozenset({"applicant"})  # Incident.reported_by's default: a code, not a person's words

# Free text about the case, by event class (its qualified name): sealed under the case's key.
EVENT_FIELDS: dict[str, frozenset[str]] = {name: frozenset(fields) for name, fields in {
    "Application.IncidentCorrected": ("reason",),
    "Application.IncidentStruckOut": ("reason",),
    "Application.ConsentWithdrawn": ("reason",),
    "Application.IncidentVerificationAnswered": ("agency_reference", "reason"),
    "Application.ThresholdMet": ("reason", "unverified_reason"),
    "Application.ThresholdMetByDiscretion": ("reason", "unverified_reason"),
    "Application.ThresholdNotMet": ("reason", "alternative_action", "unverified_reason"),
    "Application.AppealLodged": ("late_reason",),
    "Application.AppealUpheld": ("reason",),
    "Application.AppealDismissed": ("reason",),
    "Application.Withdrawn": ("reason",),
    "Application.Rejected": ("reason",),
    "Application.ChallengeLodged": ("late_reason",),
    "Application.ChallengeUpheld": ("reason",),
    "Application.ChallengeDismissed": ("reason",),
    "Application.Closed": ("reason",),
    "Application.PersonCorrected": ("reason",),
    "CaseReview.PanelScheduled": ("chair", "members"),
    "CaseReview.VictimInvited": ("method",),
    "CaseReview.VictimNotInvited": ("reason",),
    "CaseReview.PanelHeld": ("attendees", "early_reason"),
    "CaseReview.ActionPlanFinalised": ("without_consultation",),
    "CaseReview.RecommendationIssued": ("text",),
    "CaseReview.AgencyResponded": ("reason",),
    "CaseReview.DelayNoticeSent": ("reason",),
    "CaseReview.SecondaryReviewRequested": ("late_reason",),
    "CaseReview.SecondaryReviewHeld": ("panel", "chair"),
    "CaseReview.SecondaryReviewConcluded": ("reason",),
    "CaseReview.EndedOnWithdrawal": ("reason",),
    "CaseReview.Closed": ("reason", "open_recommendations_reason"),
}.items()}

# The same text as the aggregate keeps it, in a snapshot's state (by the aggregate's class name).
SNAPSHOT_FIELDS: dict[str, frozenset[str]] = {
    "Application": frozenset({"decision_reason", "alternative_action", "ending_reason", "unverified_reason"}),
    "CaseReview": frozenset({"chair", "panel_members", "not_invited_reason", "early_reason",
                                      "secondary_reason"}),
}

# Free text inside the value objects an event or snapshot holds (sealed wherever they are stored in a case).
VALUE_FIELDS: dict[type, frozenset[str]] = {cls: frozenset(fields) for cls, fields in {
    Problem: ("kind", "location", "protected_characteristics"),
    Incident: ("reported_to", "agency_reference", "reported_by"),
    Applicant: ("relationship",),
    VictimDetails: ("organisation",),
    VerificationAnswerGiven: ("agency_reference", "reason"),
    Recommendation: ("text",),
    DelayNotice: ("reason",),
    ActionPlan: ("finalised_without_consultation",),
    # the assessment's words are made by the rules, but quote an agency's reference and its reason for disputing
    IncidentVerdict: ("reason",),
    StatutoryResult: ("reason",),
    ThresholdAssessment: ("reason",),
}.items()}

_subject: ContextVar[str | None] = ContextVar("case_subject", default=None)


def case_subject(aggregate_id: UUID | str) -> str:
    """The subject whose key seals one aggregate's free text about its case (pseudonymous: an id, no data)."""
    return f"{CASE}{aggregate_id}"


class CaseText:
    """A field's text on its way to storage, with the field's name and the case subject to seal it under."""

    __slots__ = ("field", "subject", "text")

    def __init__(self, field: str, subject: str, text: str) -> None:
        self.field, self.subject, self.text = field, subject, text


def _wrapped(field: str, subject: str, value: Any) -> Any:
    if isinstance(value, str):
        return CaseText(field, subject, value) if value and value not in PLAIN_VALUES else value
    if isinstance(value, (tuple, list)) and all(isinstance(item, str) for item in value):
        return [_wrapped(field, subject, item) for item in value]
    return value  # None, or a value of another kind (left as it is)


def case_texts(values: dict[str, Any], fields: frozenset[str] | None) -> dict[str, Any]:
    """``values`` with the ``fields`` to seal wrapped, when a case's event is being stored (else unchanged)."""
    subject = _subject.get()
    if subject is None or not fields:
        return values
    return {name: _wrapped(name, subject, value) if name in fields else value for name, value in values.items()}


def wrap_row(names: tuple[str, ...], row: list[Any], fields: frozenset[str]) -> list[Any]:
    """One stored row of values (an incident in a snapshot's log) with the ``fields`` to seal wrapped."""
    subject = _subject.get()
    if subject is None:
        return row
    return [_wrapped(name, subject, value) if name in fields else value for name, value in zip(names, row, strict=True)]


@contextmanager
def sealing_for(subject: str) -> Iterator[None]:
    token = _subject.set(subject)
    try:
        yield
    finally:
        _subject.reset(token)


class SealedCaseText(Transcoding):
    """A ``CaseText`` stored sealed under its case subject's key, read back as ``str`` ("Erased on <date>" once
    the key is deleted)."""

    type = CaseText
    name = "case_text"

    def __init__(self, keys: DataKeys) -> None:
        self.keys = keys

    @staticmethod
    def _context(subject: str, field: str) -> bytes:
        return b"case_text\x00" + subject.encode() + b"\x00" + field.encode()

    def encode(self, obj: CaseText) -> dict[str, Any]:
        key = self.keys.key_for_writing(obj.subject)
        if key is None:  # the case was erased: nothing new about it is kept
            on = self.keys.shredded_on(obj.subject) or date.today()
            return {"s": obj.subject, "f": obj.field, "erased_on": on.isoformat()}
        sealed = seal(key, obj.text.encode(), self._context(obj.subject, obj.field))
        return {"s": obj.subject, "f": obj.field, SEALED: base64.b64encode(sealed).decode("ascii")}

    def decode(self, data: dict[str, Any]) -> str:
        subject = data["s"]
        if SEALED not in data:
            return erased_words(date.fromisoformat(data["erased_on"]) if data.get("erased_on") else None)
        key = self.keys.key_for_reading(subject)
        if key is None:
            return erased_words(self.keys.shredded_on(subject))
        try:
            return unseal(key, base64.b64decode(data[SEALED]), self._context(subject, data["f"])).decode()
        except InvalidTag:
            return erased_words(None)


class CaseTextMapper(Mapper[UUID]):
    """The library's mapper, sealing each event's (and snapshot's) free text about its case under the case
    subject of the event's aggregate before the event is transcoded. Reading needs nothing more: a sealed field
    says its subject, and the transcoding gives its text back."""

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        kind = type(domain_event).__qualname__
        with sealing_for(case_subject(domain_event.originator_id)):
            if isinstance(domain_event, Snapshot):  # the aggregate's state: its class is named in the topic
                fields = SNAPSHOT_FIELDS.get(domain_event.topic.rpartition(":")[2])
                if fields:
                    state = dict(vars(domain_event))
                    state["state"] = case_texts(dict(state["state"]), fields)
                    domain_event = _with_state(domain_event, state)
            elif kind in EVENT_FIELDS:
                domain_event = _with_state(domain_event, case_texts(dict(vars(domain_event)), EVENT_FIELDS[kind]))
            return super().to_stored_event(domain_event)


def _with_state(domain_event: Any, state: dict[str, Any]) -> Any:
    """A copy of the (frozen) event holding ``state``, for storing only: the event itself is not changed."""
    copy = object.__new__(type(domain_event))
    object.__setattr__(copy, "__dict__", state)
    return copy
