"""`community-trigger serve --demo`: one process with the web interface, the projector and the scheduler."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from cli.main import SCHEMA_VARIABLE
from infrastructure.storage import Database
from tests.scheduler.conftest import free_port

pytestmark = pytest.mark.slow

SCRIPT = Path(sys.executable).parent / "community-trigger"


def test_serve_with_the_demo_prints_the_address_and_a_sign_in_per_role_then_serves_cases_and_stops_cleanly(
    database: Database, schema: str, tmp_path: Path,
) -> None:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "PYTHONUNBUFFERED": "1",
           "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(free_port())}  # no mail server: emails wait in the outbox
    with subprocess.Popen([str(SCRIPT), "serve", "--demo", "--port", str(port)], env=env, cwd=tmp_path,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as server:
        stderr = serve_until_stopped(server, port)
    assert "Stopping…" in stderr


def serve_until_stopped(server: subprocess.Popen[str], port: int) -> str:
    """Check the running server, then stop it with SIGTERM; returns what it wrote to stderr."""
    try:
        lines = []
        while not any(line.startswith("  Administrator") for line in lines):
            line = server.stdout.readline()  # type: ignore[union-attr]
            assert line, f"serve stopped: {server.stderr.read()}"  # type: ignore[union-attr]
            lines.append(line.rstrip())
        assert lines[0] == f"Community Trigger is running at http://localhost:{port}/ (Ctrl-C stops it)."
        assert [line.split()[-1] for line in lines[-6:]] == ["j.okafor", "s.patel", "m.reid", "r.hale", "t.brooks",
                                                             "admin"]

        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = browser.open(f"http://127.0.0.1:{port}/sign-in").read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
        browser.open(f"http://127.0.0.1:{port}/sign-in", urllib.parse.urlencode(
            {"csrf_token": token, "username": "m.reid", "password": "community trigger demo"}).encode())
        deadline = time.monotonic() + 20
        while "CT-2026-" not in (dashboard := browser.open(f"http://127.0.0.1:{port}/cases").read().decode()):
            assert time.monotonic() < deadline, "the projector did not fill the dashboard"
            time.sleep(0.2)
        assert "Signed in as" in dashboard or "Sign out" in dashboard
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
    return server.stderr.read()  # type: ignore[union-attr]


def test_serve_with_the_demo_never_adds_demo_sign_ins_to_a_database_that_already_holds_cases(
    database: Database, schema: str, tmp_path: Path, back_office: Any,
) -> None:
    from tests.application import cases

    cases.receive(back_office)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "PYTHONUNBUFFERED": "1",
           "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(free_port())}
    with subprocess.Popen([str(SCRIPT), "serve", "--demo", "--port", str(port)], env=env, cwd=tmp_path,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as server:
        first = server.stdout.readline()  # type: ignore[union-attr]
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
        rest = server.stdout.read()  # type: ignore[union-attr]
    assert first.startswith("Community Trigger is running at")
    assert "Demo sign-ins" not in rest
    assert back_office.accounts.list_accounts() == []
