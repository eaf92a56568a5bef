"""Fields and the base schema every command input shares: strict (unknown fields are refused and
named), text trimmed and limited in length with no control characters, dates as ISO 8601 within a
sensible range, enumerations that list their allowed values; and the errors of a load by field path."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import Enum
from itertools import pairwise
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

from domain.text import text_problem

EARLIEST, LATEST = date(1990, 1, 1), date(2099, 12, 31)
SHORT, MEDIUM, LONG = 200, 5_000, 10_000  # a name or line; a reason or recommendation; an account or statement


class Text(fields.String):
    """Trimmed text of at most ``max_length`` characters; blank counts as missing when required.
    Control characters and unpaired surrogates are refused (``domain.text``); line breaks and tabs only
    in text longer than a name (``multiline``, by default when ``max_length`` is over ``SHORT``)."""

    def __init__(self, max_length: int = SHORT, *, blank: bool = False, multiline: bool | None = None,
                 **kwargs: Any) -> None:
        self.multiline = max_length > SHORT if multiline is None else multiline
        minimum = 0 if blank else 1
        kwargs.setdefault("validate", validate.Length(
            min=minimum, max=max_length,
            error=f"Enter {'up to' if blank else 'from 1 to'} {max_length} characters."))
        if blank:
            kwargs.setdefault("load_default", "")
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text: str = super()._deserialize(value, attr, data, **kwargs).strip()
        problem = text_problem(text, multiline=self.multiline)
        if problem:
            raise ValidationError(f"{problem}.")
        return text


class Day(fields.Date):
    """A date as YYYY-MM-DD between 1990 and 2099 (whether it may lie in the future is the domain's rule)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validate", validate.Range(
            min=EARLIEST, max=LATEST, error="Enter a date from 1990-01-01 to 2099-12-31."))
        kwargs["error_messages"] = {"invalid": "Enter a real date as YYYY-MM-DD, like 2026-11-24.",
                                    **kwargs.get("error_messages", {})}
        super().__init__(format="iso", **kwargs)


def choice(enum: type[Enum], **kwargs: Any) -> fields.Enum:
    allowed = ", ".join(str(member.value) for member in enum)
    messages = {"unknown": f"Choose one of: {allowed}.", **kwargs.pop("error_messages", {})}
    return fields.Enum(enum, by_value=True, error_messages=messages, **kwargs)


def flag(**kwargs: Any) -> fields.Boolean:
    messages = {"invalid": "Give true or false.", **kwargs.pop("error_messages", {})}
    return fields.Boolean(truthy={True}, falsy={False}, error_messages=messages, **kwargs)


def names(max_items: int = 30, **kwargs: Any) -> fields.List:
    kwargs.setdefault("error_messages", {})
    return fields.List(Text(SHORT), validate=validate.Length(
        max=max_items, error=f"Give at most {max_items} names."), **kwargs)


class InputSchema(Schema):
    """A command's input: unknown fields are refused with their names. ``load`` gives the keyword arguments of
    the command (lists as tuples); schemas that build value objects override ``to_command``."""

    class Meta:
        unknown = RAISE

    @post_load
    def to_command(self, data: dict[str, Any], **_: Any) -> Any:
        return {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}


def load(schema: type[InputSchema], body: Mapping[str, Any]) -> dict[str, Any]:
    """The command's input from ``body``; raises ``ValidationError`` (see ``errors_at``) and builds nothing."""
    loaded: dict[str, Any] = schema().load(body)
    return loaded


def nested(flat: Mapping[str, Any]) -> dict[str, Any]:
    """An input's body from values by field path, the reverse of ``errors_at``: ``{"applicant.victims.0.name": "Ann"}``
    gives ``{"applicant": {"victims": [{"name": "Ann"}]}}``. Dates become ISO text, as the input reads them."""
    body: dict[str, Any] = {}
    for path, value in flat.items():
        keys: list[Any] = [int(key) if key.isdigit() else key for key in path.split(".")]
        place: Any = body
        for key, following in pairwise(keys):
            place = _put(place, key, [] if isinstance(following, int) else {}, replace=False)
        _put(place, keys[-1], value.isoformat() if isinstance(value, date) else value, replace=True)
    return body


def _put(place: Any, key: Any, value: Any, *, replace: bool) -> Any:
    if isinstance(place, list):
        place.extend([None] * (key + 1 - len(place)))
        if replace or place[key] is None:
            place[key] = value
        return place[key]
    return place.__setitem__(key, value) if replace else place.setdefault(key, value)


def errors_at(messages: Mapping[str, Any] | list[Any] | str, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages by field path: ``{"applicant.person.name": ["…"], "members.0": ["…"]}``."""
    if not isinstance(messages, Mapping):
        messages = {"_schema": messages}
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(errors_at(value, f"{name}."))
        elif isinstance(value, list | tuple):
            flat[name] = [str(v) for v in value]
        else:
            flat[name] = [str(value)]
    return flat


REQUIRED = {"required": "This field is required.", "null": "This field may not be null."}
