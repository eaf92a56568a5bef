"""Killing the projector process at random moments loses nothing and applies nothing twice."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE
from demo.loader import load_demo
from infrastructure.storage import Database
from projections import audit
from projections.case_list import CaseList
from projections.rebuild import rebuild
from tests.projections.conftest import snapshot

pytestmark = pytest.mark.slow

SCRIPT = Path(sys.executable).parent / "community-trigger"


def start_projector(database: Database, schema: str, stderr: int = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database.url, SCHEMA_VARIABLE: schema}
    return subprocess.Popen([str(SCRIPT), "project", "--batch-size", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=stderr)


@pytest.mark.timeout(240)
def test_killing_the_projector_at_random_moments_then_restarting_equals_a_clean_rebuild(
    back_office: BackOffice, database: Database, conn: psycopg.Connection[Any], schema: str
):
    for _ in range(3):  # a large history: the demo, three times over (different years' numbering)
        load_demo(back_office)
    total = back_office.event_count()
    case_list = CaseList(conn, schema)
    rng = random.Random(20261124)
    killed_at: list[int] = []

    while case_list_position(case_list) < total and len(killed_at) < 20:
        process = start_projector(database, schema, stderr=subprocess.PIPE)
        assert process.stderr is not None
        process.stderr.readline()  # "Projector running from position …": started, whatever the machine's load
        time.sleep(rng.uniform(0.05, 0.5))
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        process.stderr.close()
        killed_at.append(case_list_position(case_list))
    process = start_projector(database, schema, stderr=subprocess.PIPE)
    try:
        assert process.stderr is not None
        assert b"Projector running from position" in process.stderr.readline()
        assert case_list.wait_for(total, timeout=120)
    finally:
        process.send_signal(signal.SIGTERM)
        stopped = process.wait(30)
        if process.stderr is not None:
            process.stderr.close()
    after_kills = snapshot(conn, schema)

    rebuild(back_office, conn, schema)

    assert len([p for p in killed_at if 0 < p < total]) >= 3, killed_at  # killed mid-history, repeatedly
    assert stopped == 0  # SIGTERM stops it cleanly
    assert 0 < len(after_kills["ct_audit"]) == total  # one entry per event, none twice
    assert after_kills == snapshot(conn, schema)
    assert audit.verify(conn, schema, back_office.recorder).intact


def case_list_position(case_list: CaseList) -> int:
    try:
        return case_list.position()
    except psycopg.errors.UndefinedTable:  # before the first projector created the tables
        case_list.conn.rollback()
        return 0
