"""Transcodings so that the domain's value objects, enums and dates can be stored in events.

The library's JSON transcoder finds a transcoding by exact type; tuples come back as lists, so
value objects are rebuilt with tuples where they had them.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.errors import InvalidDetailsError
from domain.personal import PERSONAL_TYPES
from domain.threshold import THRESHOLD_ENUMS, THRESHOLD_TYPES
from domain.timescales import Step
from domain.values import ENUM_TYPES, VALUE_TYPES


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
    """A frozen dataclass stored as a dict of its fields (lists restored to tuples)."""

    def __init__(self, cls: type) -> None:
        self.type = cls
        self.name = cls.__name__

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        try:
            return self.type(**values)
        except InvalidDetailsError:  # stored before a rule existed: what was recorded is kept as it is
            return _as_stored(self.type, values)


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


def register_domain_transcodings(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    for enum in (*ENUM_TYPES, *THRESHOLD_ENUMS, Step):
        transcoder.register(EnumAsValue(enum))
    for cls in (*VALUE_TYPES, *THRESHOLD_TYPES, *PERSONAL_TYPES):
        transcoder.register(ValueObjectAsDict(cls))
