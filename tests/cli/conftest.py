"""Fixtures for the command-line tests that act on a whole database server."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from infrastructure.storage import Database, open_database


@pytest.fixture
def server() -> Iterator[Database]:
    """The machine's server (DATABASE_URL), or without it an embedded server of its own: the backup drill and the
    benchmarks create and drop whole databases and open many connections, which the session's ``database``
    fixture (one server shared by every test of a worker) should not have to bear. CI's second run, on the
    embedded server, leaves these tests out (they do not use ``database``); its first run has them."""
    url = os.environ.get("DATABASE_URL") or None
    folder = Path(tempfile.mkdtemp(prefix="ct-drill-"))
    found = open_database(url, folder)
    try:
        yield found
    finally:
        found.close()
        shutil.rmtree(folder, ignore_errors=True)
