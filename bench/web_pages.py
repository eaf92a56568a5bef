"""Web benchmark: dashboard and case-page latency with 50,000 cases loaded, under concurrent load on
loopback, side by side with a bare Flask route on the same server (the floor).

* The history is made with the domain aggregates (receipt, three incidents, consent, acknowledgement: about
  six events a case; one case in five goes on to a met threshold and a review) and saved 200 cases per
  transaction, then projected into the read models with the real projector (and the case list vacuumed,
  as autovacuum would have done on a system at rest).
* A server process runs the real app (``create_app``) plus one extra route, ``/bench/bare``, that returns a short
  text: the cost of Flask and the server alone. Run on its own (below), this file serves them under waitress with
  8 threads; ``bench/run_all.py --only web`` (``./dev bench``, the README's figures) builds the same history with
  ``build`` and serves it under gunicorn, several worker processes of 4 threads (``serve_child``), as in
  production, falling back to waitress only when gunicorn is not installed.
* This process signs in and runs CLIENTS keep-alive HTTP clients at once, each sending REQUESTS requests to one
  endpoint after a warm-up; it prints median, p95 and p99 latency, requests per second, and p95 against the
  bare route's p95.

Target: dashboard p95 under 50 ms with at least 50,000 cases.

Run:  .venv/bin/python bench/web_pages.py [--cases 50000] [--clients 4] [--requests 400]
      (DATABASE_URL, or the embedded server in a temporary folder)
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from cases import AS_OFFICER, OFFICER, TODAY, acknowledged_case, bench_database  # bench/cases.py
from rich.progress import Progress

from application.backoffice import BackOffice
from application.profile import load_profile
from domain.application import Application
from domain.case_review import CaseReview
from domain.personal import Person
from domain.threshold import assess
from domain.user import Role
from domain.values import ReviewRoute
from projections.projector import Projector

PASSWORD = "bench passphrase 2026"


def one_case(back_office: BackOffice, number: int) -> list[Application | CaseReview]:
    received = TODAY - timedelta(days=number % 400)
    person = Person(f"bench-{number}", f"Person {number}", address=f"{number} High Street, Dartford")
    kw = AS_OFFICER
    app = acknowledged_case(number, received, person)
    reference = app.reference
    if number % 5:
        return [app]
    policy = back_office.profile.threshold
    app.decide_threshold_met(assessment=assess(policy, app.incidents_as_they_stand, received), policy=policy,
                             decided_on=received, **kw,
                             unverified_reason="Decided on the incidents as logged.")
    review = CaseReview.open(reference=reference, application_id=app.id, opened_on=received,
                             route=ReviewRoute.THRESHOLD_MET, **kw)
    app.mark_review_opened(opened_on=received, actor=OFFICER)
    review.request_agency_information(agency="Kent Police", requested_on=received,
                                      due_on=received + timedelta(14), **kw)
    return [app, review]


def build(back_office: BackOffice, database: Any, schema: str, cases: int) -> None:
    with Progress(transient=True) as progress:
        task = progress.add_task("Building the history", total=cases)
        for first in range(0, cases, 200):
            back_office.save(*[a for n in range(first, min(first + 200, cases)) for a in one_case(back_office, n)])
            progress.update(task, completed=min(first + 200, cases))
    back_office.accounts.register_user(OFFICER, display_name="Bench Officer", email="bench@example.org",
                                       roles=[Role.OFFICER], password=PASSWORD, actor="bench")
    start = time.perf_counter()
    with database.connect() as conn:
        Projector(back_office, conn, schema).catch_up()
        conn.execute(f'VACUUM ANALYZE "{schema}".ct_cases')  # what autovacuum does to a table at rest
    print(f"history: {cases:,} cases, {back_office.event_count():,} events; projected in "
          f"{time.perf_counter() - start:.1f} s")


def serve(port: int, schema: str, url: str) -> None:
    """The server process: the real app plus the bare route, under waitress."""
    import logging

    import waitress

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" is the load we make

    from infrastructure.storage import Database
    from web.app import create_app

    back_office = BackOffice(load_profile(), env=Database(url).env(schema, pool_size=8), clock=lambda: TODAY)
    app = create_app(back_office, Database(url), schema,
                     config={"SECRET_KEY": "bench", "SESSION_COOKIE_SECURE": False, "POOL_SIZE": 8})
    app.add_url_rule("/bench/bare", "bench_bare", lambda: "ok")
    waitress.serve(app, host="127.0.0.1", port=port, threads=8, ident="bench", _quiet=True)


def sign_in(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/sign-in")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    body = urllib.parse.urlencode({"csrf_token": token, "username": OFFICER, "password": PASSWORD})
    conn.request("POST", "/sign-in", body, {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    response.read()
    assert response.status == 302, response.status
    return response.getheader("Set-Cookie", "").split(";")[0]


def load(port: int, cookie: str, paths: list[str], clients: int, requests: int) -> tuple[list[float], float]:
    """Each client sends ``requests`` requests (cycling through ``paths``) on one keep-alive connection."""
    def client(offset: int) -> list[float]:
        conn = http.client.HTTPConnection("127.0.0.1", port)
        took = []
        for n in range(requests + 20):
            start = time.perf_counter()
            conn.request("GET", paths[(offset + n) % len(paths)], headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            assert response.status == 200, (paths[(offset + n) % len(paths)], response.status)
            if n >= 20:  # warm-up
                took.append((time.perf_counter() - start) * 1000)
        conn.close()
        return took

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(client, range(0, clients * 7, 7)))
    seconds = time.perf_counter() - start
    latencies = sorted(t for r in results for t in r)
    return latencies, len(latencies) / seconds


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=400, help="requests per client per endpoint")
    parser.add_argument("--serve", nargs=3, metavar=("PORT", "SCHEMA", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(int(args.serve[0]), args.serve[1], args.serve[2])
        return
    database, schema = bench_database()
    back_office = BackOffice(load_profile(), env=database.env(schema), clock=lambda: TODAY)
    server = None
    try:
        build(back_office, database, schema, args.cases)
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(port), schema, database.url])
        deadline = time.monotonic() + 30
        while True:
            try:
                cookie = sign_in(port)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        references = [f"BN-{(TODAY - timedelta(days=n % 400)).year}-{n:05d}" for n in range(0, args.cases, 97)]
        endpoints = {
            "floor: bare Flask route": ["/bench/bare"],
            "dashboard (first page)": ["/cases"],
            "dashboard (overdue, page 3)": ["/cases?overdue=yes&page=3"],
            "case page": [f"/cases/{reference}" for reference in references],
        }
        print(f"{args.clients} clients x {args.requests} requests per endpoint, waitress with 8 threads, loopback")
        print(f"{'endpoint':<30} {'median':>8} {'p95':>8} {'p99':>8} {'req/s':>8} {'p95 / floor':>12}")
        floor = None
        for name, paths in endpoints.items():
            latencies, rate = load(port, cookie, paths, args.clients, args.requests)
            p95 = percentile(latencies, 0.95)
            floor = floor or p95
            print(f"{name:<30} {statistics.median(latencies):6.1f}ms {p95:6.1f}ms {percentile(latencies, 0.99):6.1f}ms "
                  f"{rate:8,.0f} {p95 / floor:11.1f}x")
        print("target: dashboard p95 under 50 ms")
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        back_office.close()
        database.drop_schema(schema)
        database.close()


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    main()
