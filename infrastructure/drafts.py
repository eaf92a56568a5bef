"""Answers in progress, kept on the server: a session cookie holds only a random draft id.

``ct_public_drafts`` (in the BackOffice's schema) holds one row per draft: its answers as JSON and
when it expires (24 hours after it was last saved). Drafts are not events: nothing is recorded in
the event store until the applicant sends the application, and the draft is then deleted. Expired
drafts are ignored, and deleted whenever a new draft starts.

With the data keys given (``keys``), the answers are stored sealed (AES-GCM) under the drafts' own data key
``@drafts`` (infrastructure/keys.py) as ``{"sealed": "<base64>"}``, so a dump of the table shows nothing a member of
the public typed; a row stored plain before is still read.
"""

from __future__ import annotations

import base64
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from infrastructure.keys import DRAFTS, DataKeys, seal, unseal
from infrastructure.storage import create_once, creates_tables

LIFETIME = timedelta(hours=24)

DDL = """
CREATE TABLE IF NOT EXISTS {}.ct_public_drafts (
    id text PRIMARY KEY,
    answers jsonb NOT NULL,
    expires_at timestamptz NOT NULL
)"""


SEALED = "sealed"
CONTEXT = b"ct_public_drafts"


class Drafts:
    def __init__(self, connections: Any, schema: str, keys: DataKeys | None = None) -> None:
        self.connections = connections
        self.keys = keys
        self.table = sql.SQL("{}.ct_public_drafts").format(sql.Identifier(schema))
        with connections.connection() as conn:
            if creates_tables(conn, schema):  # otherwise `community-trigger migrate` made it
                create_once(conn, schema, sql.SQL(DDL).format(sql.Identifier(schema)))

    def _stored(self, answers: dict[str, Any]) -> Jsonb:
        if self.keys is None:
            return Jsonb(answers)
        key = self.keys.key_for_writing(DRAFTS)
        assert key is not None  # the drafts' key is never shredded
        sealed = seal(key, json.dumps(answers, ensure_ascii=False).encode(), CONTEXT)
        return Jsonb({SEALED: base64.b64encode(sealed).decode("ascii")})

    def _read(self, stored: dict[str, Any]) -> dict[str, Any]:
        if SEALED not in stored:  # stored plain, before drafts were sealed
            return dict(stored)
        if self.keys is None:
            raise ValueError("A sealed draft cannot be read without the data keys.")
        key = self.keys.key_for_reading(DRAFTS)
        assert key is not None
        return dict(json.loads(unseal(key, base64.b64decode(stored[SEALED]), CONTEXT)))

    def start(self, answers: dict[str, Any], now: datetime) -> str:
        draft_id = secrets.token_urlsafe(24)
        with self.connections.connection() as conn, conn.transaction():
            conn.execute(sql.SQL("DELETE FROM {} WHERE expires_at < %s").format(self.table), (now,))
            conn.execute(sql.SQL("INSERT INTO {} (id, answers, expires_at) VALUES (%s, %s, %s)").format(self.table),
                         (draft_id, self._stored(answers), now + LIFETIME))
        return draft_id

    def load(self, draft_id: str, now: datetime) -> dict[str, Any] | None:
        with self.connections.connection() as conn:
            row = conn.execute(sql.SQL("SELECT answers FROM {} WHERE id = %s AND expires_at >= %s").format(self.table),
                               (draft_id, now)).fetchone()
        return self._read(row[0]) if row else None

    def save(self, draft_id: str, answers: dict[str, Any], now: datetime) -> None:
        with self.connections.connection() as conn:
            conn.execute(sql.SQL("UPDATE {} SET answers = %s, expires_at = %s WHERE id = %s").format(self.table),
                         (self._stored(answers), now + LIFETIME, draft_id))

    def delete(self, draft_id: str) -> None:
        with self.connections.connection() as conn:
            conn.execute(sql.SQL("DELETE FROM {} WHERE id = %s").format(self.table), (draft_id,))

    def exists(self, draft_id: str) -> bool:
        with self.connections.connection() as conn:
            return conn.execute(sql.SQL("SELECT 1 FROM {} WHERE id = %s").format(self.table),
                                (draft_id,)).fetchone() is not None

    def claim(self, draft_id: str, now: datetime) -> dict[str, Any] | None:
        """Deletes the draft and returns its answers, once: a second claim finds nothing."""
        with self.connections.connection() as conn:
            row = conn.execute(sql.SQL("DELETE FROM {} WHERE id = %s RETURNING answers, expires_at").format(self.table),
                               (draft_id,)).fetchone()
        return self._read(row[0]) if row and row[1] >= now else None
