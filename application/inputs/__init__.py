"""One input per command: a marshmallow schema per use case, whose ``load`` checks every field (the text rule
of ``domain.text``, dates, lengths, choices) and builds the command's input, the keyword arguments of the
BackOffice method (with the domain's value objects: ``Applicant``, ``Problem``, ``Person`` …).

The officer's step forms, the public form and the JSON API all load through these schemas, so a field and
its validation exist once. Each entry point maps its own field names and nesting onto a schema and shows
the schema's errors at its own fields (``errors_at``); the API describes its request bodies with them."""

from application.inputs.fields import InputSchema, errors_at, load

__all__ = ["InputSchema", "errors_at", "load"]
