"""BackOffice: the partnership's use cases over the event store, one method per use case, in four groups
that share one core (the event-sourced application: repository, save, clock, calendar, profile):

* ``back_office.cases``: receipt to closure (intake, review, archive, letters, case file) and the case
  queries (``get_case``, ``deadlines``, ``history``);
* ``back_office.accounts``: users, signing in and API tokens;
* ``back_office.outbox``: the emails;
* ``back_office.records``: record keeping;
* ``back_office.privacy``: subject access requests and exports, rectification, the access log.

Commands take plain values and value objects, record the acting user on every event and return
a ``Recorded`` (reference, aggregate id, event position). Unknown references raise
``CaseNotFoundError``; a concurrent change of the same case raises ``ConflictError``; a step that
breaks the process raises a named ``domain.errors.CaseRuleError``. Nothing is written when any
of these is raised.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import NoReturn

from argon2 import PasswordHasher

from application.api_tokens import ApiTokenUseCases
from application.archive import CaseArchive
from application.core import BackOfficeCore, UseCases, london_today
from application.erasure import ErasureUseCases
from application.information_requests import InformationRequestUseCases
from application.intake import IntakeUseCases
from application.outbox import OutboxUseCases
from application.provider_sign_in import ProviderSignInUseCases
from application.queries import Case
from application.record_keeping import RecordKeepingUseCases
from application.review import ReviewUseCases
from application.subject_access import PrivacyUseCases
from application.victims import VictimUseCases
from domain.profile import PartnershipProfile
from domain.timescales import WorkingCalendar
from infrastructure.blind_index import BlindIndex
from infrastructure.erasure_register import ErasureRegister


class Cases(IntakeUseCases, ReviewUseCases, VictimUseCases, CaseArchive, InformationRequestUseCases):
    """A case from receipt to closure, its letters and file, and the case as it stands or stood."""


class Accounts(ApiTokenUseCases, ProviderSignInUseCases):
    """The users of the back office, signing in, and their API tokens."""


COLLABORATORS: dict[str, type[UseCases]] = {
    "cases": Cases, "accounts": Accounts, "outbox": OutboxUseCases, "records": RecordKeepingUseCases,
    "privacy": PrivacyUseCases, "erasure": ErasureUseCases}


class BackOffice(BackOfficeCore):
    """The Community Trigger back office: the event-sourced core, and its use cases in four groups."""

    def __init__(self, profile: PartnershipProfile, env: Mapping[str, str] | None = None, *,
                 clock: Callable[[], date] = london_today, calendar: WorkingCalendar | None = None,
                 password_hasher: PasswordHasher | None = None, search_index: BlindIndex | None = None,
                 master_key: bytes | None = None, erasure_register: ErasureRegister | None = None) -> None:
        super().__init__(profile, env, clock=clock, calendar=calendar, password_hasher=password_hasher,
                         search_index=search_index, master_key=master_key, erasure_register=erasure_register)
        self.cases = Cases(self)
        self.accounts = Accounts(self)
        self.outbox = OutboxUseCases(self)
        self.records = RecordKeepingUseCases(self)
        self.privacy = PrivacyUseCases(self)  # subject access, rectification, the access log
        self.erasure = ErasureUseCases(self)

    def __getattr__(self, name: str) -> NoReturn:
        """Only reached for a name BackOffice lacks: says which group a use case is in now."""
        for attribute, cls in COLLABORATORS.items():
            if not name.startswith("__") and hasattr(cls, name):
                raise AttributeError(f"BackOffice has no {name!r}: it is back_office.{attribute}.{name}")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


__all__ = ["Accounts", "BackOffice", "Case", "Cases"]
