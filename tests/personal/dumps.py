"""A plain-SQL backup of the database, and its restore, as an operator takes them (tests/pg_clients.py picks the
client programs that work with the server)."""

from __future__ import annotations

from tests.pg_clients import client_program, run


def dump(url: str, schema: str | None = None) -> str:
    """A plain-SQL dump of the database (or of one schema), as an operator's backup would hold it."""
    args = [client_program(url, "pg_dump"), "--no-owner", "--no-privileges", "-d", url]
    if schema:
        args += ["-n", schema]
    return run(args).stdout


def restore(url: str, sql_text: str) -> None:
    run([client_program(url, "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", url], input=sql_text)
