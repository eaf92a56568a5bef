"""The product's small tables are made on first use when the role may create them. Several processes or requests
doing that at once (gunicorn's workers starting together; two requests being the first to record a view of a case)
must all succeed: before, one failed on PostgreSQL's catalogue ("duplicate key value violates unique constraint
pg_type_typname_nsp_index") and its user got a 500."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from infrastructure.access_log import AccessLog
from infrastructure.credentials import Credentials
from infrastructure.drafts import Drafts
from infrastructure.rate_limits import RateLimiter
from infrastructure.sign_in_attempts import SignInAttempts
from infrastructure.storage import Database

TOGETHER = 8


class OwnConnections:
    """A new connection for each use, as separate processes would have."""

    def __init__(self, url: str) -> None:
        self.url = url

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        with psycopg.connect(self.url, autocommit=True) as conn:
            yield conn


def made_together(make: Callable[..., Any], url: str, schema: str) -> list[str]:
    """What went wrong when TOGETHER processes make the table in ``schema`` at the same moment."""
    barrier, failures = threading.Barrier(TOGETHER), []

    def start() -> None:
        barrier.wait()
        try:
            make(OwnConnections(url), schema)
        except Exception as error:
            failures.append(repr(error))

    threads = [threading.Thread(target=start) for _ in range(TOGETHER)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


@pytest.mark.parametrize("make", [AccessLog, Credentials, Drafts, RateLimiter, SignInAttempts],
                         ids=lambda make: make.__name__)
def test_several_processes_making_a_table_at_once_all_succeed(database: Database, make: Callable[..., Any]):
    for _ in range(3):  # a fresh schema each time: the race is at the table's first making
        schema = f"test_once_{uuid.uuid4().hex[:10]}"
        database.create_schema(schema)
        try:
            assert made_together(make, database.url, schema) == []
        finally:
            database.drop_schema(schema)
