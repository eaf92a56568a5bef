"""/healthz, /readyz and /metrics, and the request log: what a load balancer and a monitoring system rely on."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from application.backoffice import BackOffice
from infrastructure.scheduler_tables import create_scheduler_tables, record_failure, record_run
from infrastructure.storage import Database
from tests.application import cases
from tests.web.conftest import PASSWORD, csrf_token


@pytest.fixture
def strict(app: Flask) -> Flask:
    """Ready only with every event projected, and the scheduler's check off unless a test turns it on."""
    app.config.update(READY_MAX_LAG_SECONDS=0, READY_MAX_JOB_AGE_SECONDS=0)
    return app


def test_healthz_says_the_process_is_alive_without_a_sign_in(client: FlaskClient):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.get_json() == {"status": "alive"}


def test_readyz_turns_not_ready_when_the_projector_falls_behind_and_ready_when_it_catches_up(
    strict: Flask, client: FlaskClient, back_office: BackOffice, project: Callable[[], None]
):
    project()
    ready_before = client.get("/readyz")
    cases.receive(back_office)  # the projector is not running: the read models fall behind

    behind = client.get("/readyz")
    project()
    caught_up = client.get("/readyz")

    assert ready_before.status_code == 200, ready_before.get_json()
    assert behind.status_code == 503
    assert behind.get_json()["read_side"]["events_behind"] == back_office.event_count() - \
        ready_before.get_json()["read_side"]["latest"]
    assert behind.get_json()["read_side"]["seconds_behind"] > 0
    assert "is `community-trigger project` running?" in behind.get_json()["problems"][0]
    assert caught_up.status_code == 200
    assert caught_up.get_json()["read_side"]["events_behind"] == 0


def test_readyz_tolerates_a_lag_within_its_bound(app: Flask, client: FlaskClient, back_office: BackOffice,
                                                 project: Callable[[], None]):
    app.config.update(READY_MAX_LAG_SECONDS=24 * 3600 * 365, READY_MAX_JOB_AGE_SECONDS=0)
    project()
    cases.receive(back_office)

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.get_json()["read_side"]["events_behind"] > 0


def test_readyz_is_not_ready_until_the_scheduler_has_run_recently(
    strict: Flask, client: FlaskClient, database: Database, schema: str, project: Callable[[], None]
):
    strict.config.update(READY_MAX_JOB_AGE_SECONDS=300)
    project()
    never_ran = client.get("/readyz")
    with database.connect() as conn:
        create_scheduler_tables(conn, schema)
        record_run(conn, schema, "outbox", datetime.now(UTC))

    ran = client.get("/readyz")

    assert never_ran.status_code == 503
    assert "is `community-trigger schedule` running?" in never_ran.get_json()["problems"][0]
    assert ran.status_code == 200, ran.get_json()


def test_metrics_show_the_projector_lag_the_outbox_jobs_locks_and_request_latency(
    client: FlaskClient, back_office: BackOffice, database: Database, schema: str, project: Callable[[], None]
):
    cases.receive(back_office)
    project()
    cases.receive(back_office)
    with database.connect() as conn:
        create_scheduler_tables(conn, schema)
        record_run(conn, schema, "digest", datetime.now(UTC))
        record_failure(conn, schema, "digest")
    client.get("/apply")

    text = client.get("/metrics").get_data(as_text=True)

    behind = back_office.event_count() - int(float(next(
        line.split()[-1] for line in text.splitlines() if line.startswith("ct_projector_position "))))
    assert behind > 0
    assert f"ct_projector_lag_events {float(behind)}" in text
    assert 'ct_job_last_run_ok{job="digest"} 0.0' in text
    assert 'ct_process_active{process="projector"}' in text
    assert 'ct_request_duration_seconds_count{method="GET",route="/apply",status="200"} 1.0' in text
    assert "ct_outbox_messages" in text


def test_each_request_is_logged_once_with_its_route_status_and_user_but_no_personal_data(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
):
    client.post("/sign-in", data={"username": "officer", "password": PASSWORD, "csrf_token": csrf_token(client)})
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="community_trigger.requests"):
        client.get("/")

    [line] = [record for record in caplog.records if record.name == "community_trigger.requests"]
    assert (line.route, line.status, line.user) == ("/", 200, "officer")  # type: ignore[attr-defined]
    assert line.duration_ms >= 0  # type: ignore[attr-defined]
    assert "Officer User" not in line.getMessage()
    assert "example.gov.uk" not in json.dumps(line.__dict__, default=str)


def test_sign_ins_and_failures_go_to_the_security_log_without_the_password(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.INFO, logger="community_trigger.security"):
        client.post("/sign-in", data={"username": "officer", "password": "wrong password!!",
                                      "csrf_token": csrf_token(client)})
        client.post("/sign-in", data={"username": "officer", "password": PASSWORD, "csrf_token": csrf_token(client)})

    events = [(r.event, getattr(r, "user", None)) for r in caplog.records if r.name == "community_trigger.security"]
    assert events == [("sign_in_failed", None), ("sign_in", "officer")]
    assert "wrong password" not in caplog.text
    assert PASSWORD not in caplog.text
