"""What the web interface works with, put together once by ``create_app`` and kept on the app."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import psycopg
from flask import current_app
from psycopg_pool import ConnectionPool

from application.backoffice import BackOffice
from application.sign_in_throttle import SignInThrottle
from application.signed_in import SignedInAccounts

KEY = "community_trigger"


@dataclass(frozen=True)
class Services:
    back_office: BackOffice
    pool: ConnectionPool[Any]  # connections to the read models (and the sign-in throttle)
    schema: str
    throttle: SignInThrottle
    audit_key: bytes | None = None  # signs the audit checkpoints shown in the pack, the report and the audit trail

    @cached_property
    def signed_in(self) -> SignedInAccounts:
        """The signed-in account of each request, read again only when the user has changed."""
        return SignedInAccounts(self.back_office)

    @contextlib.contextmanager
    def read_models(self) -> Iterator[psycopg.Connection[Any]]:
        with self.pool.connection() as conn:
            yield conn


def services() -> Services:
    found: Services = current_app.extensions[KEY]
    return found
