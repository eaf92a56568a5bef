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

from domain.case_review import REVIEW_TYPES, Recommendation
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
        return self.type(**values)


class RecommendationAsDict(ValueObjectAsDict):
    """A recommendation, whose responses stay a list (it grows) of (kind, date) pairs."""

    def decode(self, data: dict[str, Any]) -> Recommendation:
        return Recommendation(**{**data, "responses": [tuple(pair) for pair in data["responses"]]})


def register_domain_transcodings(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    for enum in (*ENUM_TYPES, *THRESHOLD_ENUMS, Step):
        transcoder.register(EnumAsValue(enum))
    for cls in (*VALUE_TYPES, *THRESHOLD_TYPES, *PERSONAL_TYPES, *REVIEW_TYPES):
        transcoder.register(ValueObjectAsDict(cls))
    transcoder.register(RecommendationAsDict(Recommendation))  # after: its list of responses stays a list
