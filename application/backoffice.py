"""BackOffice: the partnership's use cases over the event store, one method per use case.

Commands take plain values and value objects, record the acting user on every event and return
a ``Recorded`` (reference, aggregate id, event position). Unknown references raise
``CaseNotFoundError``; a concurrent change of the same case raises ``ConflictError``; a step that
breaks the process raises a named ``domain.errors.CaseRuleError``. Nothing is written when any
of these is raised.
"""

from __future__ import annotations

from application.api_tokens import ApiTokenUseCases
from application.archive import CaseArchive
from application.case_file import CaseFileUseCases
from application.intake import IntakeUseCases
from application.letters import LetterUseCases
from application.outbox import OutboxUseCases
from application.queries import Case
from application.record_keeping import RecordKeepingUseCases
from application.review import ReviewUseCases
from application.users import UserUseCases


class BackOffice(IntakeUseCases, ReviewUseCases, CaseArchive, LetterUseCases, CaseFileUseCases, OutboxUseCases,
                 ApiTokenUseCases, UserUseCases, RecordKeepingUseCases):
    """The Community Trigger back office."""


__all__ = ["BackOffice", "Case"]
