"""The fields a step's form is made of. Each knows how it is read from the posted form, how marshmallow
loads it (with its GOV.UK error wording) and how the page shows it (``steps/fields.html``).

A field with ``when=(radio, option value)`` (the threshold decision's reasons have ``when=("decision",
ThresholdDecision.NOT_MET.value)``) is shown inside that option's conditional reveal, read only when that option is
chosen and required (if ``required`` is set) only then."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from marshmallow import ValidationError, fields, validate, validates_schema
from werkzeug.datastructures import MultiDict

from application.inputs.fields import MEDIUM, SHORT
from web.forms import Errors, FormSchema
from web.steps.dates import GovukDate, error_part, parts_of

TEXT_LIMIT = SHORT  # the commands' inputs take no more (application.inputs), so the forms offer no more
LONG_TEXT_LIMIT = MEDIUM


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    required: str = ""  # the message when it is missing; empty when it is optional
    hint: str = ""
    when: tuple[str, str] | None = None
    kind: ClassVar[str] = "text"

    def read(self, form: MultiDict[str, str]) -> Any:
        return form.get(self.name, "")

    def loader(self) -> fields.Field:  # type: ignore[type-arg]
        raise NotImplementedError

    def bind(self, context: Any) -> Field:
        return self

    def children(self) -> Iterable[Field]:
        return ()

    def messages(self) -> dict[str, str]:
        return {"required": self.required or f"Enter {self.label.lower()}"}


@dataclass(frozen=True)
class Text(Field):
    max_length: int = TEXT_LIMIT
    width: str = ""  # e.g. "govuk-input--width-10"
    autocomplete: str = ""
    input_type: str = "text"
    kind: ClassVar[str] = "text"

    def loader(self) -> fields.Field:  # type: ignore[type-arg]
        what = self.label[0].upper() + self.label[1:]
        return fields.String(required=bool(self.required and not self.when), error_messages=self.messages(),
                             validate=validate.Length(max=self.max_length,
                                                      error=f"{what} must be {self.max_length:,} characters or fewer"))


@dataclass(frozen=True)
class Email(Text):
    input_type: str = "email"

    def loader(self) -> fields.Field:  # type: ignore[type-arg]
        return fields.Email(required=bool(self.required and not self.when), error_messages={
            **self.messages(), "invalid": "Enter an email address in the correct format, like name@example.com"},
            validate=validate.Length(max=self.max_length, error=f"Enter an email address of at most {self.max_length} "
                                                                "characters"))


@dataclass(frozen=True)
class LongText(Text):
    max_length: int = LONG_TEXT_LIMIT
    rows: int = 5
    kind: ClassVar[str] = "long_text"


@dataclass(frozen=True)
class Lines(Text):
    """A textarea read as one item per line (panel members, attendees)."""

    max_length: int = 2000
    kind: ClassVar[str] = "lines"

    def loader(self) -> fields.Field:  # type: ignore[type-arg]
        return LinesField(required=bool(self.required and not self.when), error_messages=self.messages(),
                          validate=validate.Length(max=self.max_length, error=(
                              f"{self.label[0].upper() + self.label[1:]} must be {self.max_length:,} characters "
                              "or fewer")))


class LinesField(fields.String):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> tuple[str, ...]:
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) > LONG_TEXT_LIMIT:
            raise ValidationError(f"Enter at most {LONG_TEXT_LIMIT:,} characters")
        lines = tuple(line.strip() for line in text.splitlines() if line.strip())
        if not lines:
            raise ValidationError(self.error_messages["required"])
        return lines


@dataclass(frozen=True)
class Number(Field):
    minimum: int = 1
    kind: ClassVar[str] = "number"

    def loader(self) -> fields.Field:  # type: ignore[type-arg]
        what = self.label[0].upper() + self.label[1:]
        return fields.Integer(required=bool(self.required and not self.when), strict=False,
                              error_messages={**self.messages(), "invalid": f"{what} must be a whole number"},
                              validate=validate.Range(min=self.minimum, max=10_000,
                                                      error=f"{what} must be a whole number from {self.minimum}"))


@dataclass(frozen=True)
class DateField(Field):
    """``what`` names the date in messages ("the date the incident happened"); ``past``: not after today."""

    what: str = ""
    past: bool = True
    optional: bool = False  # dates are required unless optional
    on_the_day: bool = True  # a step usually recorded on the day it happens: the form opens with today's date
    kind: ClassVar[str] = "date"

    def opens_with(self, today: date) -> dict[str, str] | None:
        """The date the form opens with: today, for a date of something recorded as it happens."""
        if not (self.past and self.on_the_day and not self.optional):
            return None
        return {"day": str(today.day), "month": str(today.month), "year": str(today.year)}

    def read(self, form: MultiDict[str, str]) -> Any:
        parts = parts_of(form, self.name)
        return parts if any(parts.values()) else ""

    def loader(self) -> fields.Field:  # type: ignore[type-arg]
        return GovukDate(self.what, past=self.past, required=not (self.optional or self.when),
                         error_messages={"required": self.required or f"Enter {self.what}"})

    def part_in_error(self, raw: Any, today: date) -> str:
        """The part of the date to highlight; empty for the whole date."""
        if not isinstance(raw, Mapping):
            return ""
        return error_part(raw, self.what, today=today, past=self.past) or ""


@dataclass(frozen=True)
class Option:
    value: str
    text: str
    hint: str = ""
    reveals: tuple[Field, ...] = ()


Options = tuple[Option, ...]


@dataclass(frozen=True)
class Choice(Field):
    """Radios; ``options`` may be a function of the page's context (e.g. the partnership's agencies)."""

    options: Options | Callable[[Any], Options] = ()
    inline: bool = False
    kind: ClassVar[str] = "radios"

    def bind(self, context: Any) -> Field:
        options = self.options(context) if callable(self.options) else self.options
        return replace(self, options=tuple(replace(o, reveals=tuple(f.bind(context) for f in o.reveals))
                                           for o in options))

    def children(self) -> Iterable[Field]:
        assert not callable(self.options)
        return (child for option in self.options for child in option.reveals)

    def values(self) -> list[str]:
        assert not callable(self.options)
        return [option.value for option in self.options]

    def loader(self) -> fields.Field:  # type: ignore[type-arg]
        message = self.required or f"Select {self.label.lower()}"
        return fields.String(required=bool(self.required and not self.when), error_messages={"required": message},
                             validate=validate.OneOf(self.values(), error=message))


@dataclass(frozen=True)
class Checks(Choice):
    """Checkboxes: any number of the options."""

    kind: ClassVar[str] = "checkboxes"

    def read(self, form: MultiDict[str, str]) -> Any:
        return [value for value in form.getlist(self.name) if value]

    def loader(self) -> fields.Field:  # type: ignore[type-arg]
        message = self.required or f"Select {self.label.lower()}"
        return fields.List(fields.String(validate=validate.OneOf(self.values(), error=message)),
                           required=bool(self.required and not self.when), error_messages={"required": message},
                           validate=validate.Length(min=1, error=message))


YES_NO = (Option("yes", "Yes"), Option("no", "No"))


def yes_no(name: str, label: str, required: str, *, hint: str = "", yes: tuple[Field, ...] = (),
           when: tuple[str, str] | None = None) -> Choice:
    return Choice(name, label, required, hint=hint, when=when, inline=not yes,
                  options=(Option("yes", "Yes", reveals=yes), Option("no", "No")))


# ---------------------------------------------------------------------------------------------------- the form


def walk(specs: Iterable[Field]) -> Iterator[Field]:
    """Every field in page order, those inside conditional reveals after the field revealing them."""
    for spec in specs:
        yield spec
        yield from walk(spec.children())


def chosen(value: Any, option: str) -> bool:
    """Whether ``option`` is chosen: the radio's value, or among the checked boxes."""
    return option in value if isinstance(value, list) else value == option


def read_form(specs: Sequence[Field], form: MultiDict[str, str]) -> dict[str, Any]:
    """The typed values of the fields that are shown (a revealed field only when its radio is chosen)."""
    raw: dict[str, Any] = {}
    for spec in walk(specs):
        if spec.when and not chosen(raw.get(spec.when[0]), spec.when[1]):
            continue
        raw[spec.name] = spec.read(form)
    return raw


class StepSchema(FormSchema):
    """A form built from field specs. ``today`` bounds the dates that must be in the past."""

    SPECS: ClassVar[tuple[Field, ...]] = ()

    def __init__(self, today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.today = today

    @validates_schema(skip_on_field_errors=False)
    def revealed_fields_are_given(self, data: Mapping[str, Any], **_: Any) -> None:
        missing = {spec.name: spec.loader().error_messages["required"] for spec in self.SPECS
                   if spec.when and spec.required and chosen(data.get(spec.when[0]), spec.when[1])
                   and spec.name not in data}
        if missing:
            raise ValidationError(missing)  # type: ignore[arg-type]

    def validate_form(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], Errors]:
        values, errors = super().validate_form(data)
        if not errors:
            return values, errors
        parts = {spec.name: spec.part_in_error(data.get(spec.name), self.today)
                 for spec in self.SPECS if isinstance(spec, DateField) and spec.name in errors}
        return values, StepErrors(errors, parts)


class StepErrors(Errors):
    """Errors whose summary links to the part of a date input in error (``happened_on-month``; the day when
    the whole date is wrong)."""

    def __init__(self, errors: Mapping[str, str], date_parts: Mapping[str, str] | None = None) -> None:
        super().__init__(errors)
        self.date_parts = dict(date_parts or {})

    def summary(self) -> list[dict[str, str]]:
        return [{"text": message, "href": f"#{self.anchor(name)}"} for name, message in self.items()]

    def anchor(self, name: str) -> str:
        return f"{name}-{self.date_parts[name] or 'day'}" if name in self.date_parts else name

    def part(self, name: str) -> str:
        """The date part in error ("" for the whole date)."""
        return self.date_parts.get(name, "")


def schema_for(specs: Sequence[Field], today: date) -> StepSchema:
    flat = tuple(walk(specs))
    attributes: dict[str, Any] = {spec.name: spec.loader() for spec in flat}
    attributes.update(ORDER=tuple(spec.name for spec in flat), SPECS=flat,
                      MULTILINE=tuple(spec.name for spec in flat if isinstance(spec, LongText | Lines)))
    schema_class = type("StepFormSchema", (StepSchema,), attributes)
    schema: StepSchema = schema_class(today)
    return schema
