"""The event-sourced application underneath BackOffice (loading, saving, errors, the clock), and ``UseCases``,
the base of each group of use cases that shares it (``back_office.cases``, ``.accounts``, ``.outbox``,
``.records``)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from eventsourcing.application import AggregateNotFoundError
from eventsourcing.application import Application as EventSourcedApplication
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Mapper

from application.errors import CaseNotFoundError, ConflictError
from application.passwords import production_hasher
from application.repository import PassOverIncompleteSnapshots
from domain.application import Application
from domain.case_review import CaseReview
from domain.errors import InvalidDetailsError
from domain.ids import application_id, case_review_id
from domain.personal import Narrative
from domain.profile import PartnershipProfile
from domain.text import check_stored
from domain.timescales import WorkingCalendar
from infrastructure.aggregate_ids import AggregateIds
from infrastructure.blind_index import BlindIndex
from infrastructure.calendar import england_and_wales
from infrastructure.case_text import CaseTextMapper
from infrastructure.erasure_register import ErasureRegister
from infrastructure.event_cipher import EventCipher
from infrastructure.keys import BLIND_INDEX, EVENTS, DataKeys, require_master_key
from infrastructure.transcodings import register_domain_transcodings

log = logging.getLogger(__name__)
LONDON = ZoneInfo("Europe/London")
SNAPSHOT_EVERY = 20  # events; a command then replays at most this many after the latest snapshot
A = TypeVar("A", bound=Aggregate)


def london_today() -> date:
    return datetime.now(LONDON).date()


@dataclass(frozen=True)
class Recorded:
    """What a command returns: the case, the aggregate it changed and the event position (for
    read-your-writes), plus the number of an item it created (an incident, a recommendation)."""

    reference: str
    aggregate_id: UUID
    position: int
    number: int | None = None


def normalise_reference(reference: str) -> str:
    return reference.strip().upper()


class BackOfficeCore(EventSourcedApplication[UUID]):
    name = "BackOffice"
    # A snapshot (table backoffice_snapshots, beside backoffice_events) is taken as the save that
    # records every SNAPSHOT_EVERY-th event of a case commits, so that loading a long case stays fast.
    # Snapshots are a cache of the events: the history and the decisions are replayed from the events.
    snapshotting_intervals = {Application: SNAPSHOT_EVERY, CaseReview: SNAPSHOT_EVERY}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.name = "BackOffice"  # one event store (backoffice_events), whatever the subclass

    def __init__(
        self,
        profile: PartnershipProfile,
        env: Mapping[str, str] | None = None,
        *,
        clock: Callable[[], date] = london_today,
        calendar: WorkingCalendar | None = None,
        password_hasher: PasswordHasher | None = None,
        search_index: BlindIndex | None = None,
        master_key: bytes | None = None,
        erasure_register: ErasureRegister | None = None,
    ) -> None:
        self.profile = profile
        self.clock = clock
        self.calendar = calendar or england_and_wales()
        self.password_hasher = password_hasher or production_hasher()
        # personal values sealed per subject, whole events encrypted (infrastructure/keys.py, docs/PERSONAL-DATA.md)
        self.keys = DataKeys(master_key or require_master_key(os.environ), (env or {}).get("POSTGRES_SCHEMA", "public"),
                             today=clock)
        super().__init__(env)
        self.keys.attach(self.recorder.datastore.pool.connection,  # type: ignore[attr-defined]
                         create=self.env.get("CREATE_TABLE", "y") == "y")
        self.mapper.cipher = EventCipher(self.keys.key_for_writing(EVENTS))  # type: ignore[arg-type]
        # the search index's words are keyed hashes under a data key of their own (infrastructure/blind_index.py)
        self.search_index = search_index or BlindIndex(self.keys.key_for_writing(BLIND_INDEX))  # type: ignore[arg-type]
        # every user, subject access request or application, read from the log once and then only what is new
        self.aggregate_ids = AggregateIds(self.recorder)
        # kept outside the database; re-applied at every start, so a restored backup does not bring anyone back
        self.erasure_register = erasure_register or ErasureRegister.from_environment(os.environ)
        if self.erasure_register is not None:
            for entry in self.erasure_register.entries():
                self.keys.shred([entry.subject], entry.erased_on)

    def take_snapshot(self, aggregate_id: UUID, version: int | None = None, **kwargs: Any) -> None:
        """The library's snapshot, taken after the command's events are committed. A snapshot is only a cache:
        if it cannot be stored, the command has still been recorded and must not be reported as failed (it
        would be repeated), so the failure is logged and the case loads from its events as before."""
        try:
            super().take_snapshot(aggregate_id, version, **kwargs)
        except Exception:
            log.exception("Could not store a snapshot of %s at version %s; the case loads from its events.",
                          aggregate_id, version)

    def construct_repository(self) -> PassOverIncompleteSnapshots:
        """The library's repository and settings; an incomplete old snapshot is passed over (``repository.py``)."""
        made = super().construct_repository()
        made.__class__ = PassOverIncompleteSnapshots  # the same object and settings, with the one override
        assert isinstance(made, PassOverIncompleteSnapshots)
        return made

    def construct_mapper(self) -> Mapper[UUID]:
        """The library's mapper, sealing each event's free text about its case under the case's key
        (``infrastructure/case_text.py``); the whole-event cipher is set on it once the keys are attached."""
        made = super().construct_mapper()
        return CaseTextMapper(made.transcoder, made.compressor, made.cipher, keys=self.keys)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_transcodings(transcoder, self.keys)

    def today(self) -> date:
        return self.clock()

    def event_count(self) -> int:
        """The position of the last event recorded (0 when the store is empty)."""
        return self.recorder.max_notification_id() or 0

    # --------------------------------------------------------------------------- loading
    def _get(self, aggregate_id: UUID, reference: str, kind: type[A]) -> A:
        try:
            aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise CaseNotFoundError(reference, self.profile.reference_prefix) from None
        assert isinstance(aggregate, kind)
        return aggregate

    def _application(self, reference: str) -> Application:
        reference = normalise_reference(reference)
        return self._get(application_id(reference), reference, Application)

    def _review(self, reference: str, step: str) -> tuple[Application, CaseReview]:
        """The case review of ``reference``; refuses if the threshold has not been met."""
        application = self._application(reference)
        application.require_threshold_met(step)
        review = self._get(case_review_id(application.reference), application.reference,
                           CaseReview)
        return application, review

    # ---------------------------------------------------------------------------- saving
    def save(self, *objs: Any, **kwargs: Any) -> Any:
        """Record the aggregates' new events, after refusing any that would store control characters."""
        for obj in objs:
            for pending in obj.pending_events if isinstance(obj, Aggregate) else [obj] if obj else []:
                check_stored(pending)
        return super().save(*objs, **kwargs)

    def _save(self, reference: str, *aggregates: Aggregate, number: int | None = None) -> Recorded:
        try:
            recordings = self.save(*aggregates)
        except IntegrityError:
            raise ConflictError(reference) from None
        return Recorded(reference, aggregates[-1].id, recordings[-1].notification.id, number)

    @staticmethod
    def _actor(actor: str) -> str:
        if not actor or not actor.strip():
            raise InvalidDetailsError(
                "Say who is acting: every step records the officer (or 'public', or the "
                "scheduler) who took it."
            )
        return actor.strip()

    @staticmethod
    def _narrative(application: Application, text: str) -> Narrative:
        """Free text about the applicant's case, kept as their personal data."""
        return Narrative(subject=application.applicant.person.subject, text=(text or "").strip())

    def _kwargs(self, actor: str, **kwargs: Any) -> dict[str, Any]:
        """Keyword arguments every domain command takes: the actor and today's date."""
        return {"actor": self._actor(actor), "today": self.today(), **kwargs}


class UseCases:
    """A group of use cases over the one event-sourced application they share, ``core``: loading, saving,
    the clock, the working-day calendar and the partnership's profile are the core's, reached through the
    same names as on the core."""

    def __init__(self, core: BackOfficeCore) -> None:
        self.core = core

    @property
    def profile(self) -> PartnershipProfile:
        return self.core.profile

    @property
    def calendar(self) -> WorkingCalendar:
        return self.core.calendar

    @property
    def repository(self) -> Any:
        return self.core.repository

    @property
    def password_hasher(self) -> PasswordHasher:
        return self.core.password_hasher

    @property
    def events(self) -> Any:
        return self.core.events

    @property
    def recorder(self) -> Any:
        return self.core.recorder

    @property
    def aggregate_ids(self) -> AggregateIds:
        return self.core.aggregate_ids

    def today(self) -> date:
        return self.core.today()

    def _get(self, aggregate_id: UUID, reference: str, kind: type[A]) -> A:
        return self.core._get(aggregate_id, reference, kind)

    def _application(self, reference: str) -> Application:
        return self.core._application(reference)

    def _review(self, reference: str, step: str) -> tuple[Application, CaseReview]:
        return self.core._review(reference, step)

    def _save(self, reference: str, *aggregates: Aggregate, number: int | None = None) -> Recorded:
        return self.core._save(reference, *aggregates, number=number)

    def _kwargs(self, actor: str, **kwargs: Any) -> dict[str, Any]:
        return self.core._kwargs(actor, **kwargs)

    _actor = staticmethod(BackOfficeCore._actor)
    _narrative = staticmethod(BackOfficeCore._narrative)
