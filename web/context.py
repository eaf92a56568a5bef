"""What the web interface works with, put together once by ``create_app`` and kept on the app."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import psycopg
from flask import current_app
from psycopg_pool import ConnectionPool

from application.backoffice import BackOffice
from application.kept_accounts import KeptAccounts
from application.sign_in_throttle import SignInThrottle
from projections.tables import read_models_built

KEY = "community_trigger"


@dataclass(frozen=True)
class Services:
    back_office: BackOffice
    pool: ConnectionPool[Any]  # connections to the read models (and the sign-in throttle)
    schema: str
    throttle: SignInThrottle
    audit_key: bytes | None = None  # signs the audit checkpoints shown in the pack, the report and the audit trail
    _built: list[bool] = field(default_factory=list)  # [True] once the read models were seen

    @cached_property
    def accounts(self) -> KeptAccounts:
        """The signed-in account of each request and the people behind user names, each user read again only
        when it has changed."""
        return KeptAccounts(self.back_office)

    def read_models_built(self, conn: psycopg.Connection[Any]) -> bool:
        """Whether the read models exist: asked of the database until they do, then known. Once made they stay:
        a rebuild replaces them whole in one transaction (``projections.tables.replace_tables``)."""
        if not self._built and read_models_built(conn, self.schema):
            self._built.append(True)
        return bool(self._built)

    @contextlib.contextmanager
    def read_models(self) -> Iterator[psycopg.Connection[Any]]:
        with self.pool.connection() as conn:
            yield conn


def services() -> Services:
    found: Services = current_app.extensions[KEY]
    return found
