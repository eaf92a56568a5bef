"""The request bodies' fields and base schema are the application's command inputs
(``application.inputs.fields``): one definition for the API, the officer's forms and the public form."""

from __future__ import annotations

from application.inputs.fields import (
    EARLIEST,
    LATEST,
    LONG,
    MEDIUM,
    REQUIRED,
    SHORT,
    Day,
    InputSchema,
    Text,
    choice,
    flag,
    names,
)

ApiSchema = InputSchema

__all__ = ["EARLIEST", "LATEST", "LONG", "MEDIUM", "REQUIRED", "SHORT", "ApiSchema", "Day", "Text", "choice", "flag",
           "names"]
