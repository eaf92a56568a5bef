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
* **People named in that text** (who reported an incident, the panel's chair, members and attendees, the
  secondary review's panel; ``NAMED``) each get a key of their own in the case subject's family:
  ``@case:<aggregate id>:<digest>``, the digest an HMAC of the normalised name under the case's key (so the same
  name in one aggregate is one subject, and nothing links it across aggregates or cases, nor survives the case's
  erasure). ``named_subject`` makes it; erasing that one person (``application/erasure.py``, ``erase_named``)
  shreds it, and their name reads "Erased on <date>" while the rest of the case's text stays; erasing the case
  shreds the family with it (``DataKeys.shred``).
* A field stored before sealing holds a plain ``str``: it is read as it was stored, until the case is erased;
  from then on ``CaseTextMapper`` reads every listed field of the case's events as erased, sealed or not.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
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
from domain.personal import NAMING_FIELDS, erased_words, normal_name, reads_erased
from domain.threshold import IncidentVerdict, StatutoryResult, ThresholdAssessment
from domain.values import Applicant, Incident, Problem
from domain.verification import VerificationAnswerGiven
from domain.victims import ActionPlan, VictimDetails
from infrastructure.keys import CASE, DataKeys, seal, unseal
from infrastructure.read_ahead import deciphered, subjects_named

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

NAMED = NAMING_FIELDS  # fields that name a person: each name is sealed under a key of its own
# The aggregates whose events hold a case's free text (the class named in an event's or a snapshot's topic).
CASE_AGGREGATES = frozenset({"Application", "CaseReview"})

_subject: ContextVar[str | None] = ContextVar("case_subject", default=None)
_erased: ContextVar[str | None] = ContextVar("erased_case", default=None)  # the erased words, while reading


def case_subject(aggregate_id: UUID | str) -> str:
    """The subject whose key seals one aggregate's free text about its case (pseudonymous: an id, no data)."""
    return f"{CASE}{aggregate_id}"


def named_subject(keys: DataKeys, case: str, name: str) -> str | None:
    """The subject of a person named in the free text of the aggregate whose case subject is ``case``: in the
    case's family, its digest an HMAC of the normalised name under the case's key. None once the case is erased."""
    key = keys.key_for_writing(case)
    if key is None:
        return None
    digest = hmac.new(key, b"named\x00" + normal_name(name).encode(), hashlib.sha256).hexdigest()[:32]
    return f"{case}:{digest}"


class CaseText:
    """A field's text on its way to storage, with the field's name and the case subject to seal it under (or, for
    a person's name, whose family to seal it in)."""

    __slots__ = ("field", "named", "subject", "text")

    def __init__(self, field: str, subject: str, text: str) -> None:
        self.field, self.subject, self.text = field, subject, text
        self.named = field in NAMED


def _wrapped(field: str, subject: str, value: Any) -> Any:
    if isinstance(value, str):  # an erased value's words are no one's data: kept as they read
        return CaseText(field, subject, value) if value and value not in PLAIN_VALUES and not reads_erased(value) \
            else value
    if isinstance(value, (tuple, list)) and all(isinstance(item, str) for item in value):
        return [_wrapped(field, subject, item) for item in value]
    return value  # None, or a value of another kind (left as it is)


def _erased_value(words: str, value: Any) -> Any:
    """A listed field's value read from an erased case: its words, item by item."""
    if isinstance(value, str):
        return words if value and value not in PLAIN_VALUES else value
    if isinstance(value, (tuple, list)) and all(isinstance(item, str) for item in value):
        return type(value)(_erased_value(words, item) for item in value)
    return value


def case_texts(values: dict[str, Any], fields: frozenset[str] | None) -> dict[str, Any]:
    """``values`` with the ``fields`` to seal wrapped, when a case's event is being stored; when a value of an
    erased case is being read, with those fields read as erased; else unchanged."""
    if not fields:
        return values
    subject, words = _subject.get(), _erased.get()
    if subject is not None:
        return {name: _wrapped(name, subject, value) if name in fields else value for name, value in values.items()}
    if words is not None:
        return {name: _erased_value(words, value) if name in fields else value for name, value in values.items()}
    return values


def wrap_row(names: tuple[str, ...], row: list[Any], fields: frozenset[str]) -> list[Any]:
    """One stored row of values (an incident in a snapshot's log) with the ``fields`` to seal wrapped (or, read
    from an erased case, read as erased)."""
    subject, words = _subject.get(), _erased.get()
    if subject is not None:
        return [_wrapped(name, subject, value) if name in fields else value
                for name, value in zip(names, row, strict=True)]
    if words is not None:
        return [_erased_value(words, value) if name in fields else value
                for name, value in zip(names, row, strict=True)]
    return row


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
        subject = (named_subject(self.keys, obj.subject, obj.text) if obj.named else None) or obj.subject
        key = self.keys.key_for_writing(subject)
        if key is None:  # the case, or the person named, was erased: nothing new about them is kept
            on = self.keys.shredded_on(subject) or date.today()
            return {"s": subject, "f": obj.field, "erased_on": on.isoformat()}
        sealed = seal(key, obj.text.encode(), self._context(subject, obj.field))
        return {"s": subject, "f": obj.field, SEALED: base64.b64encode(sealed).decode("ascii")}

    def decode(self, data: dict[str, Any]) -> str:
        subject = data["s"]
        if SEALED not in data:
            return erased_words(date.fromisoformat(data["erased_on"]) if data.get("erased_on") else None)
        key = self.keys.key_for_reading(subject, sealed=True)
        if key is None:
            return erased_words(self.keys.shredded_on(subject))
        try:
            return unseal(key, base64.b64decode(data[SEALED]), self._context(subject, data["f"])).decode()
        except InvalidTag:
            return erased_words(None)


class CaseTextMapper(Mapper[UUID]):
    """The library's mapper, sealing each event's (and snapshot's) free text about its case under the case
    subject of the event's aggregate before the event is transcoded. Reading mostly needs nothing more: a sealed
    field says its subject, and the transcoding gives its text back. But once the case is erased, its events are
    read again with every listed field read as erased: text stored plain before sealing goes with the case too."""

    def __init__(self, *args: Any, keys: DataKeys | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = keys

    def read_ahead(self, stored_events: list[StoredEvent]) -> list[Any]:
        """A batch's events deciphered, with the data keys they need read in one query (``read_ahead.py``): the
        projector decodes these with ``to_domain_event``, which then finds each key held."""
        events = deciphered(stored_events, self.cipher)
        if self.keys is not None:
            self.keys.read_ahead(subjects_named(events, CASE_AGGREGATES))
        return events

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        domain_event = super().to_domain_event(stored_event)
        if self.keys is None:
            return domain_event
        snapshot = isinstance(domain_event, Snapshot)
        kind = domain_event.topic.rpartition(":")[2] if snapshot else type(domain_event).__qualname__.partition(".")[0]
        if kind not in CASE_AGGREGATES:
            return domain_event
        erased_on = self.keys.shredded_on(case_subject(stored_event.originator_id))
        if erased_on is None:
            return domain_event
        words = erased_words(erased_on)
        token = _erased.set(words)
        try:  # read again, every listed field inside its values read as erased
            domain_event = super().to_domain_event(stored_event)
        finally:
            _erased.reset(token)
        if snapshot:
            state = dict(vars(domain_event))
            state["state"] = _erased_fields(words, dict(state["state"]), SNAPSHOT_FIELDS.get(kind))
            return _with_state(domain_event, state)
        fields = EVENT_FIELDS.get(type(domain_event).__qualname__)
        return _with_state(domain_event, _erased_fields(words, dict(vars(domain_event)), fields)) if fields \
            else domain_event

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


def _erased_fields(words: str, values: dict[str, Any], fields: frozenset[str] | None) -> dict[str, Any]:
    return {name: _erased_value(words, value) if fields and name in fields else value
            for name, value in values.items()}


def _with_state(domain_event: Any, state: dict[str, Any]) -> Any:
    """A copy of the (frozen) event holding ``state``, for storing only: the event itself is not changed."""
    copy = object.__new__(type(domain_event))
    object.__setattr__(copy, "__dict__", state)
    return copy
