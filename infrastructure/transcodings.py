"""Transcodings so that the domain's value objects, enums and dates can be stored in events.

The library's JSON transcoder finds a transcoding by exact type; tuples come back as lists, so
value objects are rebuilt with tuples where they had them.

A stored value object is rebuilt as it was recorded: its checks (``__post_init__``, which only ever refuses
values and never changes a field) ran when it was made, and are not run again on every read. That was already
the outcome, as a value failing today's checks is read as stored (``_as_stored``); it now costs nothing. A value
stored with other fields than today's (one missing, or one no longer there) goes through the constructor as
before.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.application import APPLICATION_ENUMS, IncidentLog
from domain.case_review import REVIEW_TYPES, Recommendation
from domain.email import EmailStatus
from domain.erasure import ERASURE_ENUMS, ERASURE_TYPES
from domain.errors import InvalidDetailsError
from domain.personal import PERSONAL_ENUMS, PERSONAL_TYPES
from domain.stage import Stage
from domain.threshold import THRESHOLD_ENUMS, THRESHOLD_TYPES
from domain.timescales import Step
from domain.user import USER_ENUM_TYPES, USER_VALUE_TYPES
from domain.values import ENUM_TYPES, VALUE_TYPES, Incident
from domain.verification import REQUEST_TYPES, VERIFICATION_ENUMS
from infrastructure.case_text import VALUE_FIELDS, SealedCaseText, case_texts, wrap_row
from infrastructure.keys import DataKeys
from infrastructure.sealed import SEALED_TYPES, Sealed


class DateAsISO(Transcoding):
    type = date
    name = "date"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class EnumAsValue(Transcoding):
    def __init__(self, enum: type[Enum]) -> None:
        self.type = enum
        self.name = enum.__name__

    def encode(self, obj: Enum) -> Any:
        return obj.value

    def decode(self, data: Any) -> Enum:
        return self.type(data)


class ValueObjectAsDict(Transcoding):
    """A frozen dataclass stored as a dict of its fields (lists restored to tuples where it declares tuples).

    Decoding runs for every item of a snapshot (hundreds of incidents in a long case), so the fields to
    restore are found once. Free text about the case (``infrastructure.case_text.VALUE_FIELDS``) is sealed under
    the case's key when the value is stored in a case's event."""

    def __init__(self, cls: type) -> None:
        self.type = cls
        self.name = cls.__name__
        fields = dataclasses.fields(cls)
        self.names = tuple(f.name for f in fields)
        self.tuples = tuple(f.name for f in fields if str(f.type).startswith("tuple"))
        self.sealed = VALUE_FIELDS.get(cls)
        self.known = frozenset(self.names)
        self.required = frozenset(f.name for f in fields
                                  if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        self.defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
        self.factories = tuple((f.name, f.default_factory) for f in fields
                               if f.default_factory is not dataclasses.MISSING)

    def encode(self, obj: Any) -> dict[str, Any]:
        return case_texts({name: getattr(obj, name) for name in self.names}, self.sealed)

    def decode(self, data: dict[str, Any]) -> Any:
        if self.sealed:  # read from an erased case: its free text reads as erased, sealed or stored plain
            data = case_texts(data, self.sealed)
        for name in self.tuples:
            if isinstance(data.get(name), list):
                data[name] = tuple(data[name])
        if not self.required <= data.keys() <= self.known:  # not today's fields: through the constructor
            return _built(self.type, data)
        state = {**self.defaults, **data} if len(data) < len(self.names) else data
        for name, factory in self.factories:
            if name not in state:
                state[name] = factory()
        return _recorded(self.type, state)


class RecommendationAsDict(ValueObjectAsDict):
    """A recommendation, whose responses stay a list (it grows) of (kind, date) pairs."""

    def decode(self, data: dict[str, Any]) -> Recommendation:
        data = case_texts(data, self.sealed)  # as erased, from an erased case
        return Recommendation(**{**data, "responses": [tuple(pair) for pair in data["responses"]]})


class IncidentLogAsRows(Transcoding):
    """An application's incidents in its snapshot: their field names once, then one row of values per
    incident, dates as ISO text. A 500-incident case then decodes with two transcodings per incident (its
    description) rather than six. Every other value (a description) goes through its own transcoding."""

    type = IncidentLog
    name = "incident_log"
    names = tuple(f.name for f in dataclasses.fields(Incident))
    dates = frozenset(f.name for f in dataclasses.fields(Incident) if f.type in ("date", "date | None"))
    sealed = VALUE_FIELDS[Incident]

    def encode(self, obj: IncidentLog) -> dict[str, Any]:
        rows = [wrap_row(self.names, [value.isoformat() if name in self.dates and value is not None else value
                                      for name, value in zip(self.names, (getattr(i, n) for n in self.names),
                                                             strict=True)], self.sealed)
                for i in obj.incidents]
        return {"fields": self.names, "rows": rows}

    def decode(self, data: dict[str, Any]) -> IncidentLog:
        names = tuple(data["fields"])
        dates = [k for k, name in enumerate(names) if name in self.dates]
        rows = [wrap_row(names, row, self.sealed) for row in data["rows"]]  # as erased, from an erased case
        for row in rows:
            for k in dates:
                if row[k] is not None:
                    row[k] = date.fromisoformat(row[k])
        if names == self.names:  # stored with today's fields, in order: each incident as recorded
            return IncidentLog(tuple(_recorded(Incident, dict(zip(names, row, strict=True))) for row in rows))
        return IncidentLog(tuple(_built(Incident, dict(zip(names, row, strict=True))) for row in rows))


def _recorded(cls: type, state: dict[str, Any]) -> Any:
    """The value object whose fields are ``state`` (every one of them), as recorded: its checks are not run."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", state)
    return obj


def _built(cls: type, values: dict[str, Any]) -> Any:
    """The value object from stored values; one stored before a rule existed is kept as it was recorded."""
    try:
        return cls(**values)
    except InvalidDetailsError:
        return _as_stored(cls, values)


def _as_stored(cls: type, values: dict[str, Any]) -> Any:
    """A value object rebuilt from stored values without re-checking them (defaults fill new fields)."""
    obj = object.__new__(cls)
    for field in dataclasses.fields(cls):
        if field.name in values:
            value = values[field.name]
        elif field.default is not dataclasses.MISSING:
            value = field.default
        else:
            value = field.default_factory() if field.default_factory is not dataclasses.MISSING else None
        object.__setattr__(obj, field.name, value)
    return obj


def register_domain_transcodings(transcoder: JSONTranscoder, keys: DataKeys | None = None) -> None:
    """Every stored type's transcoding; with ``keys``, personal values are sealed under their subject's key
    (``infrastructure.sealed``), and values stored plain before that are still read."""
    transcoder.register(DateAsISO())
    for enum in (*ENUM_TYPES, *THRESHOLD_ENUMS, *APPLICATION_ENUMS, *VERIFICATION_ENUMS, Stage, EmailStatus, Step,
                 *USER_ENUM_TYPES, *ERASURE_ENUMS, *PERSONAL_ENUMS):
        transcoder.register(EnumAsValue(enum))
    for cls in (*VALUE_TYPES, *THRESHOLD_TYPES, *PERSONAL_TYPES, *REVIEW_TYPES, *REQUEST_TYPES, *USER_VALUE_TYPES,
                *ERASURE_TYPES):
        transcoder.register(ValueObjectAsDict(cls))
    if keys is not None:
        for cls in SEALED_TYPES:
            transcoder.register(Sealed(cls, keys, ValueObjectAsDict(cls)))
        transcoder.register(SealedCaseText(keys))
    transcoder.register(RecommendationAsDict(Recommendation))  # after: its list of responses stays a list
    transcoder.register(IncidentLogAsRows())
