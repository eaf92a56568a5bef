"""A plain-SQL backup of the database, and its restore, as an operator takes them (tests/pg_clients.py picks the
client programs that work with the server)."""

from __future__ import annotations

import re

from infrastructure.event_cipher import MARKER, EventCipher
from tests.pg_clients import client_program, run

BYTEA = re.compile(r"\\+x([0-9a-f]+)")  # a bytea value in a plain dump's COPY data (its backslash doubled)


def dump(url: str, schema: str | None = None) -> str:
    """A plain-SQL dump of the database (or of one schema), as an operator's backup would hold it."""
    args = [client_program(url, "pg_dump"), "--no-owner", "--no-privileges", "-d", url]
    if schema:
        args += ["-n", schema]
    return run(args).stdout


def restore(url: str, sql_text: str) -> None:
    run([client_program(url, "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", url], input=sql_text)


def opened(dump_text: str, events_key: bytes) -> str:
    """The dump with every value the whole-event cipher encrypted replaced by its plaintext, as someone holding the
    ``@events`` key (but no other data key) would read it."""
    cipher = EventCipher(events_key)

    def plain(found: re.Match[str]) -> str:
        stored = bytes.fromhex(found.group(1))
        return cipher.decrypt(stored).decode("utf-8", "replace") if stored.startswith(MARKER) else found.group(0)

    return BYTEA.sub(plain, dump_text)
