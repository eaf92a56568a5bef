"""Form and query validation with marshmallow, and the GOV.UK error summary built from its errors.

Each schema owns its fields' error wording; ``Errors`` keeps them in the order of the form, so the
error summary lists them as the page shows them, each linking to its field's id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load

from domain.text import text_problem


class Errors(dict[str, str]):
    """Field id → message, in the order of the form."""

    def summary(self) -> list[dict[str, str]]:
        return [{"text": message, "href": f"#{field}"} for field, message in self.items()]

    def message(self, field: str) -> dict[str, str] | None:
        return {"text": self[field]} if field in self else None


class FormSchema(Schema):
    """Strips text (except fields kept as typed) and treats empty fields as missing; ignores fields
    it does not know. ``ORDER`` is the order of the fields on the page.

    Every field's text is checked first (``domain.text``): control characters are refused with a message
    on the field, and line breaks and tabs too unless the field is in ``MULTILINE`` (a textarea). Fields
    kept as typed (passwords, never stored or shown) are left alone."""

    ORDER: ClassVar[tuple[str, ...]] = ()
    AS_TYPED: ClassVar[tuple[str, ...]] = ()
    MULTILINE: ClassVar[tuple[str, ...]] = ()

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def strip(self, data: Mapping[str, Any], **_: Any) -> dict[str, Any]:
        known = {f.data_key or name for name, f in self.fields.items()} - set(self.AS_TYPED)
        problems = {k: problem for k, v in data.items() if k in known
                    if (problem := _text_problem(v, multiline=k in self.MULTILINE))}
        if problems:
            raise ValidationError(problems)  # type: ignore[arg-type]
        cleaned = {k: v.strip() if isinstance(v, str) and k not in self.AS_TYPED else v for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v not in ("", None)}

    def validate_form(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], Errors]:
        """The loaded values and no errors, or the raw values and the errors in page order."""
        try:
            return self.load(data), Errors()
        except ValidationError as error:
            return dict(data), errors_from(error, self.ORDER)


def _text_problem(value: Any, *, multiline: bool) -> str | None:
    """The problem with the first refused text in a field's value (text, a list or a date's parts)."""
    if isinstance(value, str):
        return text_problem(value, multiline=multiline)
    items = value.values() if isinstance(value, Mapping) else value if isinstance(value, list | tuple) else ()
    return next((problem for item in items if (problem := _text_problem(item, multiline=False))), None)


def errors_from(error: ValidationError, order: tuple[str, ...]) -> Errors:
    messages: Mapping[str, Any] = error.messages if isinstance(error.messages, Mapping) else {"_": error.messages}
    first = {field: (value[0] if isinstance(value, list) else str(value)) for field, value in messages.items()}
    ordered = [f for f in order if f in first] + [f for f in first if f not in order]
    return Errors((field, first[field]) for field in ordered)


class SignInSchema(FormSchema):
    ORDER = ("username", "password")
    AS_TYPED = ("password",)  # a password is checked exactly as typed

    username = fields.String(required=True, error_messages={"required": "Enter your username"})
    password = fields.String(required=True, error_messages={"required": "Enter your password"})
