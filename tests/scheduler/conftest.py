"""A real SMTP server on loopback (aiosmtpd), a BackOffice whose clock follows time-machine, and the jobs."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import socket
from collections.abc import Callable, Iterator
from datetime import datetime
from email.message import Message
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from argon2 import PasswordHasher

from application.backoffice import BackOffice
from domain.profile import PartnershipProfile
from infrastructure.storage import Database
from projections.projector import Projector
from scheduler.jobs import Jobs
from scheduler.mailer import SmtpServer
from scheduler.runner import Scheduler

LONDON = ZoneInfo("Europe/London")


class Inbox:
    """What the SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        return [str(m["Subject"]) for m in self.messages]

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if address in str(m["To"])]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port  # type: ignore[attr-defined]
    yield handler
    controller.stop()


@pytest.fixture
def smtp_profile(profile: PartnershipProfile, inbox: Inbox) -> PartnershipProfile:
    settings = dataclasses.replace(profile.email, smtp_host="127.0.0.1", smtp_port=inbox.port)  # type: ignore[attr-defined]
    return dataclasses.replace(profile, email=settings)


@pytest.fixture
def office(smtp_profile: PartnershipProfile, env: dict[str, str], password_hasher: PasswordHasher,
           ) -> Iterator[BackOffice]:
    """A BackOffice on London's clock (which time-machine moves)."""
    back_office = BackOffice(smtp_profile, env=env, password_hasher=password_hasher)
    yield back_office
    back_office.close()


@pytest.fixture
def project(office: BackOffice, database: Database, schema: str) -> Iterator[Callable[[], None]]:
    with database.connect() as conn:
        projector = Projector(office, conn, schema)
        yield lambda: projector.catch_up() and None


@pytest.fixture
def make_scheduler(office: BackOffice, database: Database, schema: str, smtp_profile: PartnershipProfile,
                   ) -> Callable[[], Scheduler]:
    def make() -> Scheduler:
        jobs = Jobs(office, database.connect, schema, SmtpServer.from_settings(smtp_profile.email, environ={}))
        return Scheduler(jobs)
    return make


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)
