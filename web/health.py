"""What a load balancer and a monitoring system ask of the web interface, and the request log.

* ``/healthz``: the process is alive (no database call).
* ``/readyz``: the database answers, the read models trail the newest event by no more than
  ``COMMUNITY_TRIGGER_READY_MAX_LAG_SECONDS``, and the scheduler ran a job within
  ``COMMUNITY_TRIGGER_READY_MAX_JOB_AGE_SECONDS`` (0: not checked); 200 or 503, with the read side's lag in
  seconds and in events either way.
* ``/metrics``: Prometheus text (projector position and lag, outbox backlog by status, each job's last run and
  result, whether a projector and a scheduler are active and how many stand by, request latency by route).
  With several gunicorn workers set ``PROMETHEUS_MULTIPROC_DIR`` (see cli/gunicorn_config.py) so the latency
  is added up over all of them.
* One log line per request on ``community_trigger.requests``: method, route (the URL rule, never the URL with
  its values), status, duration and the signed-in user's id; no personal data.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

from infrastructure.logs import REQUESTS
from projections.health import job_runs, lock_holders, outbox_backlog, read_side
from web.context import services

blueprint = Blueprint("health", __name__)
log = logging.getLogger(REQUESTS)
READINESS_JOB = "outbox"  # runs every minute: its last run says whether the scheduler is running
LATENCY = "latency"


@blueprint.get("/healthz")
def healthz() -> Response:
    return jsonify(status="alive")


@blueprint.get("/readyz")
def readyz() -> tuple[Response, int]:
    found = readiness()
    return jsonify(found), 200 if found["ready"] else 503


def readiness() -> dict[str, Any]:
    config, problems = current_app.config, []
    now = datetime.now(UTC)
    try:
        with services().read_models() as conn:
            side = read_side(conn, services().schema, services().back_office, now)
            runs = job_runs(conn, services().schema)
    except Exception as error:  # the database does not answer: not ready, and say so
        return {"ready": False, "problems": [f"The database does not answer ({error.__class__.__name__})."]}
    lag = config.get("READY_MAX_LAG_SECONDS", 60.0)
    if side.events_behind and side.seconds_behind > lag:
        problems.append(f"The read models are {side.events_behind} events and {side.seconds_behind:.0f} seconds "
                        f"behind (more than {lag:g} seconds): is `community-trigger project` running?")
    job_age = config.get("READY_MAX_JOB_AGE_SECONDS", 300.0)
    last = runs.get(READINESS_JOB)
    if job_age and (last is None or (now - last[0]).total_seconds() > job_age):
        problems.append(f"The scheduler has not run a job in the last {job_age:g} seconds: is "
                        "`community-trigger schedule` running?")
    return {"ready": not problems, "problems": problems,
            "read_side": {"position": side.position, "latest": side.latest, "events_behind": side.events_behind,
                          "seconds_behind": round(side.seconds_behind, 3)},
            "scheduler_last_run": last[0].isoformat() if last else None}


class DatabaseCollector:
    """Read at each scrape, from the database: true for the whole deployment whichever worker answers."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self) -> Iterator[Metric]:
        with self.app.app_context():
            office, schema = services().back_office, services().schema
            with services().read_models() as conn:
                side = read_side(conn, schema, office, datetime.now(UTC))
                backlog, runs, locks = outbox_backlog(conn, schema), job_runs(conn, schema), lock_holders(conn, schema)
        yield GaugeMetricFamily("ct_projector_position", "The last event the read models include.", side.position)
        yield GaugeMetricFamily("ct_event_store_position", "The newest event in the event store.", side.latest)
        yield GaugeMetricFamily("ct_projector_lag_events", "Events not yet in the read models.", side.events_behind)
        yield GaugeMetricFamily("ct_projector_lag_seconds", "Age of the oldest event not yet in the read models.",
                                side.seconds_behind)
        outbox = GaugeMetricFamily("ct_outbox_messages", "Outbox messages by status.", labels=["status"])
        for status, count in sorted(backlog.items()):
            outbox.add_metric([status], count)
        yield outbox
        last = GaugeMetricFamily("ct_job_last_run_timestamp_seconds", "When each job last ran.", labels=["job"])
        good = GaugeMetricFamily("ct_job_last_run_ok", "1 if the job's last run succeeded, else 0.", labels=["job"])
        for job, (at, result) in sorted(runs.items()):
            last.add_metric([job], at.timestamp())
            good.add_metric([job], 1.0 if result == "ok" else 0.0)
        yield last
        yield good
        active = GaugeMetricFamily("ct_process_active", "Processes holding the lock (1: running).", labels=["process"])
        standby = GaugeMetricFamily("ct_process_standby", "Processes waiting as standbys.", labels=["process"])
        for what, (held, waiting) in locks.items():
            active.add_metric([what], held)
            standby.add_metric([what], waiting)
        yield active
        yield standby


@blueprint.get("/metrics")
def metrics() -> Response:
    own: CollectorRegistry = current_app.extensions["metrics"]
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # several workers: add their latencies up
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        registry.register(DatabaseCollector(current_app._get_current_object()))  # type: ignore[attr-defined]
    else:
        registry = own
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def install(app: Flask) -> None:
    """The health endpoints (no sign-in, no CSRF), the request log and the latency histogram."""
    registry = CollectorRegistry()
    app.extensions[LATENCY] = Histogram("ct_request_duration_seconds", "Time to answer a request, by route.",
                                        ["method", "route", "status"], registry=registry)
    registry.register(DatabaseCollector(app))
    app.extensions["metrics"] = registry
    app.register_blueprint(blueprint)
    app.before_request(_start)
    app.after_request(_finish)


def _start() -> None:
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    started = g.get("request_started")
    if started is None:
        return response
    duration = time.perf_counter() - started
    route = request.url_rule.rule if request.url_rule else "unmatched"
    current_app.extensions[LATENCY].labels(request.method, route, str(response.status_code)).observe(duration)
    account = g.get("account")
    log.info("%s %s %s", request.method, route, response.status_code,
             extra={"method": request.method, "route": route, "status": response.status_code,
                    "duration_ms": round(duration * 1000, 1), "user": account.username if account else None})
    return response
