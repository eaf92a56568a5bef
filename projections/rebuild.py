"""Rebuilding the read models from the event store, without ever leaving none and without quietly replacing
an audit trail that disagrees with the events.

Every event is replayed into a complete new set of read tables in a schema of their own; only when that has
succeeded is the set swapped in, in one transaction (``tables.replace_tables``). Before the swap the rebuilt
audit trail is compared, entry by entry, with the current one: if any entry differs (the event store no longer
holds what was recorded), nothing is replaced unless the administrator says so explicitly, with a reason, and
then the replacement itself is recorded in the event store first, so the new trail shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from application.backoffice import BackOffice
from projections import audit
from projections.projector import ProjectionError, Projector
from projections.tables import READ_MODEL_VERSION, read_model_version, read_models_built, replace_tables


class HistoryDiffersError(ProjectionError):
    """The rebuilt audit trail differs from the current one: nothing was replaced."""


@dataclass(frozen=True)
class Replacement:
    """An administrator's explicit consent to replace an audit trail that differs from the event store."""

    actor: str
    reason: str


@dataclass(frozen=True)
class Rebuilt:
    events: int
    differing_entries: int = 0  # entries of the previous trail that the new one replaced although they differed


def rebuild(back_office: BackOffice, conn: psycopg.Connection[Any], schema: str, *,
            on_batch: Callable[[int, int], None] = lambda done, last: None,
            replacement: Replacement | None = None, batch_size: int = 2000) -> Rebuilt:
    """Replay every event into new read tables and swap them in; the previous ones keep serving until then,
    and remain if anything fails. Hold the projector lock while calling this."""
    staging = f"{schema}_rebuild"[:63]
    _drop_schema(conn, staging)  # what a rebuild that was killed left behind
    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(staging)))
    try:
        projector = Projector(back_office, conn, staging, batch_size=batch_size)
        done = projector.catch_up(on_batch)
        differing = _differing(conn, schema, staging)
        if differing:
            count, first, head = differing
            if replacement is None:
                raise HistoryDiffersError(
                    f"The audit trail rebuilt from the event store differs from the current one from position "
                    f"{first} on ({count} entr{'y' if count == 1 else 'ies'}, each chained to the one before): the "
                    "event store no longer holds what was recorded, or the trail was altered. Nothing was replaced; "
                    "the current read models still serve. Run "
                    "`community-trigger audit verify` to see what changed. To replace the audit trail all the same, "
                    "run `rebuild --accept-changed-history --reason \"…\" --actor YOUR-NAME`; that is recorded.")
            back_office.records.record_audit_trail_replaced(differing_entries=count, first_differing_position=first,
                                                            previous_head=head, actor=replacement.actor,
                                                            reason=replacement.reason)
            done += projector.catch_up(on_batch)
        replace_tables(conn, schema, staging)
    except BaseException:
        _drop_schema(conn, staging)
        raise
    return Rebuilt(done, differing[0] if differing else 0)


def _differing(conn: psycopg.Connection[Any], schema: str, staging: str) -> tuple[int, int, str] | None:
    """(count, first position, current head) of the current trail's entries that the rebuilt one does not
    reproduce; None when it reproduces all of them (or there is no current trail of this version to compare)."""
    if not read_models_built(conn, schema) or read_model_version(conn, schema) != READ_MODEL_VERSION:
        return None
    count, first, head = audit.differences(conn, schema, staging)
    return (count, first, head) if count else None


def _drop_schema(conn: psycopg.Connection[Any], name: str) -> None:
    if not conn.info.transaction_status:  # idle: not inside a failed transaction
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))
