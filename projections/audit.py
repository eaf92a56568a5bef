"""The audit trail: one entry per event, each hashed together with the previous entry's hash.

The database refuses UPDATE, DELETE and TRUNCATE on the table (a trigger). ``verify`` recomputes
the chain and names the first entry that was altered, removed or inserted out of place.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

import psycopg
from psycopg import sql

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    position: int
    reference: str
    event: str
    actor: str
    recorded_at: datetime
    summary: str
    previous_hash: str

    @cached_property
    def hash(self) -> str:
        content = [self.position, self.reference, self.event, self.actor, self.recorded_at.isoformat(),
                   self.summary, self.previous_hash]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()

    def row(self) -> tuple[Any, ...]:
        return (self.position, self.reference, self.event, self.actor, self.recorded_at, self.summary,
                self.previous_hash, self.hash)


INSERT = ("INSERT INTO {}.ct_audit (position, reference, event, actor, recorded_at, summary, previous_hash, "
          "hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)")


def last_hash(conn: psycopg.Connection[Any], schema: str) -> str:
    row = conn.execute(sql.SQL("SELECT hash FROM {}.ct_audit ORDER BY position DESC LIMIT 1").format(
        sql.Identifier(schema))).fetchone()
    return row[0] if row else GENESIS


@dataclass(frozen=True)
class Verification:
    entries: int
    problem: str  # empty when the chain is intact

    @property
    def intact(self) -> bool:
        return not self.problem


def verify(conn: psycopg.Connection[Any], schema: str, tracked_position: int | None = None) -> Verification:
    """Recompute the chain; ``tracked_position`` (the projector's) catches removal of the last entries."""
    previous, count, last_position = GENESIS, 0, None
    query = sql.SQL("SELECT position, reference, event, actor, recorded_at, summary, previous_hash, hash "
                    "FROM {}.ct_audit ORDER BY position").format(sql.Identifier(schema))
    with conn.cursor(name="audit_verify") if not conn.autocommit else conn.cursor() as cursor:
        for row in cursor.execute(query):
            entry = AuditEntry(*row[:7])
            where = f"entry {entry.position} ({entry.reference}, {entry.event}, {entry.recorded_at:%Y-%m-%d %H:%M})"
            if entry.previous_hash != previous:
                return Verification(count, f"The chain breaks at {where}: an entry before it was removed, or it "
                                           "was inserted out of place.")
            if entry.hash != row[7]:
                return Verification(count, f"{where[0].upper()}{where[1:]} was altered: its content no longer "
                                           "matches its hash.")
            previous, count, last_position = row[7], count + 1, entry.position
    if tracked_position is not None and (last_position or 0) < tracked_position:
        return Verification(count, f"Entries after position {last_position or 0} were removed: the projector "
                                   f"recorded events up to position {tracked_position}.")
    return Verification(count, "")
