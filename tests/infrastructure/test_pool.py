"""The pools lend a connection used moments ago as it is, and try one that has been idle first, so a connection
lost meanwhile (a database restart) is replaced, never lent."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from infrastructure import storage
from infrastructure.storage import Database, PingedWhenIdle


def backend_of(pool: PingedWhenIdle) -> int:
    with pool.connection() as conn:
        row = conn.execute("SELECT pg_backend_pid()").fetchone()
        assert row is not None
        return int(row[0])


@pytest.fixture
def pool(database: Database) -> Iterator[PingedWhenIdle]:
    made = PingedWhenIdle(database.url, min_size=1, max_size=1, kwargs={"autocommit": True}, open=True, timeout=5)
    yield made
    made.close()


def end_backend(database: Database, pid: int) -> None:
    with psycopg.connect(database.url, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_connection_lost_while_idle_is_replaced_before_it_is_lent(
        pool: PingedWhenIdle, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    lost = backend_of(pool)
    end_backend(database, lost)
    monkeypatch.setattr(storage, "IDLE_BEFORE_PING", 0.0)  # every connection counts as idle

    replaced = backend_of(pool)

    assert replaced != lost


def test_a_connection_returned_moments_ago_is_lent_as_it_is(pool: PingedWhenIdle) -> None:
    first = backend_of(pool)

    assert backend_of(pool) == first
