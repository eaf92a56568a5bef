"""Every benchmark of issue 16 in one run, at a chosen size: each figure beside its floor, the ratio, the target
and whether it is met (or by how much it is missed), with the machine's load before and after each part.

Parts (``--only`` picks some):

* ``projector``: a history of ``--events`` events (bench cases of twenty events from receipt to closure); the
  floor is a raw paged SELECT of the same events; the anchor is the library's own ``ProjectionRunner`` with a
  projection doing the audit text of each event (one transaction per event, as the runner works), on the first
  ``--runner-events``. Then the projector's catch-up into every read model, and a rebuild in a process of its
  own (seconds per 100,000 events at each tenth of the rebuild, and the process's peak memory).
* ``decisions``: ``decisions`` and ``state --at`` on a case of 500 events; the floor is one read of its events.
* ``web``: ``--cases`` cases (about seven events each) behind the real app, served by gunicorn (several worker
  processes) if it is installed, else waitress with 8 threads; ``--clients`` keep-alive clients; the dashboard
  and case page p95 against a bare Flask route served the same way; a command through the JSON API
  (``log_incident``) against the bare library's load + one event + save, in the same run.

Run:  ./dev bench [--events 100000] [--cases 50000] [--only projector,decisions,web] [--table FILE]
      (DATABASE_URL, or the embedded server in a temporary folder). ``--table FILE`` writes the README's table.
The figures for the README: ``./dev bench --events 1000000 --cases 50000 --table bench-table.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases import TODAY, bench_database
from floors import Bare, Counter

from application.backoffice import BackOffice
from application.profile import load_profile


@dataclass(frozen=True)
class Figure:
    what: str
    value: float
    unit: str
    floor: str = ""  # what it is compared with
    floor_value: float | None = None
    ratio: float | None = None  # value against the floor, the way the target reads it
    target: str = ""
    met: bool | None = None
    miss: str = ""  # by how much it is missed
    floor_unit: str = ""  # when not the figure's own unit

    def line(self) -> str:
        floor = (f"{self.floor_value:,.1f} {self.floor_unit or self.unit} ({self.floor})"
                 if self.floor_value is not None else "")
        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else ""
        verdict = "" if self.met is None else ("met" if self.met else f"MISSED by {self.miss}")
        return f"{self.what:<48} {self.value:>12,.1f} {self.unit:<9} {ratio:>8}  {self.target:<28} {verdict}  {floor}"

    def row(self) -> str:
        floor = (f"{self.floor}: {self.floor_value:,.1f} {self.floor_unit or self.unit}"
                 if self.floor_value is not None else "")
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else ""
        verdict = "" if self.met is None else ("met" if self.met else f"missed by {self.miss}")
        return f"| {self.what} | {self.value:,.1f} {self.unit} | {floor} | {ratio} | {self.target} | {verdict} |"


def at_least(value: float, target: float, unit: str = "") -> tuple[bool, str]:
    return value >= target, f"{(target - value) / target:.0%} ({target - value:,.1f}{unit} short)"


def at_most(value: float, target: float, unit: str = "") -> tuple[bool, str]:
    return value <= target, f"{(value - target) / target:.0%} ({value - target:,.1f}{unit} over)"


def load_average() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


# ----------------------------------------------------------------------------------------------- projector
def build_history(back_office: BackOffice, events: int) -> int:
    from projector import one_case  # bench/projector.py: a case of about twenty events, receipt to closure

    cases = max(1, events // 20)
    for first in range(0, cases, 50):
        back_office.save(*[a for n in range(first, min(first + 50, cases)) for a in one_case(back_office, n)])
        if first % 5000 == 0:
            print(f"  building the history: {first:,} of {cases:,} cases", file=sys.stderr, flush=True)
    return back_office.event_count()


def raw_read_seconds(conn: Any, schema: str) -> float:
    from psycopg import sql

    query = sql.SQL("SELECT notification_id, originator_id, originator_version, topic, state FROM {}.backoffice_events "
                    "WHERE notification_id > %s ORDER BY notification_id LIMIT 2000").format(sql.Identifier(schema))
    start, last = time.perf_counter(), 0
    while rows := conn.execute(query, (last,)).fetchall():
        last = rows[-1][0]
    return time.perf_counter() - start


def runner_rate(database: Any, schema: str, events: int) -> float:
    """Events a second through the library's ProjectionRunner, writing the audit text of each event."""
    from eventsourcing.persistence import Tracking
    from eventsourcing.postgres import PostgresTrackingRecorder
    from eventsourcing.projection import Projection, ProjectionRunner

    from application.history import entry_for

    class RunnerBackOffice(BackOffice):
        def __init__(self, env: Any = None) -> None:
            super().__init__(load_profile(), env=env, clock=lambda: TODAY)

    class AuditTextView(PostgresTrackingRecorder):
        def record(self, text: str, tracking: Tracking) -> None:
            with self.datastore.transaction(commit=True) as curs:
                curs.execute(f'INSERT INTO "{schema}".bench_runner_audit (summary) VALUES (%s)', (text,))
                self._insert_tracking(curs, tracking)

    class AuditText(Projection[AuditTextView]):
        name = "benchrunner"

        def process_event(self, domain_event: Any, tracking: Tracking) -> None:
            entry = entry_for(domain_event)
            self.view.record(f"{entry.record}.{entry.event} {entry.details}", tracking)

    with database.connect() as conn:
        conn.execute(f'CREATE TABLE "{schema}".bench_runner_audit (summary text NOT NULL)')
    env = {**database.env(schema), "BENCHRUNNER_POSTGRES_SCHEMA": schema}
    start = time.perf_counter()
    runner = ProjectionRunner(application_class=RunnerBackOffice, projection_class=AuditText,
                              view_class=AuditTextView, env=env)
    with runner:
        deadline = time.monotonic() + 600
        while (runner.view.max_tracking_id("BackOffice") or 0) < events and time.monotonic() < deadline:
            time.sleep(0.05)
        done = runner.view.max_tracking_id("BackOffice") or 0
    return done / (time.perf_counter() - start)


def rebuild_child(schema: str, url: str) -> None:
    """In a process of its own (its peak memory is the rebuild's): rebuild, timing each tenth of the events."""
    from infrastructure.storage import open_database
    from projections.rebuild import rebuild

    database = open_database(url, "")
    back_office = BackOffice(load_profile(), env=database.env(schema), clock=lambda: TODAY)
    total = back_office.event_count()
    marks: list[tuple[int, float]] = []
    start = time.perf_counter()

    def on_batch(done: int, _: int) -> None:
        if not marks or done * 10 // total > marks[-1][0] * 10 // total:
            marks.append((done, time.perf_counter() - start))

    with database.connect() as conn:
        rebuild(back_office, conn, schema, on_batch=on_batch)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"events": total, "seconds": seconds, "marks": marks, "peak_mib": peak}))
    back_office.close()
    database.close()


def projector_part(events: int, runner_events: int) -> list[Figure]:
    from projections.projector import Projector

    database, schema = bench_database()
    back_office = BackOffice(load_profile(), env=database.env(schema), clock=lambda: TODAY)
    try:
        total = build_history(back_office, events)
        print(f"projector: {total:,} events; {load_average()}")
        with database.connect() as conn:
            raw = raw_read_seconds(conn, schema)
            runner = runner_rate(database, schema, min(runner_events, total))
            start = time.perf_counter()
            Projector(back_office, conn, schema).catch_up()
            catch_up = time.perf_counter() - start
        child = subprocess.run([sys.executable, __file__, "--rebuild-child", schema, database.url],
                               capture_output=True, text=True, check=True)
        rebuilt = json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        back_office.close()
        database.drop_schema(schema)
        database.close()
    rate, raw_rate = total / catch_up, total / raw
    figures = [Figure("projector catch-up", rate, "events/s", "raw paged SELECT", raw_rate, catch_up / raw,
                      "≥ 25,000 events/s", *at_least(rate, 25_000, " events/s")),
               Figure("catch-up ÷ library ProjectionRunner", rate / runner, "×", "ProjectionRunner, audit text",
                      runner, rate / runner, "≥ 15×", *at_least(rate / runner, 15, "×"), floor_unit="events/s")]
    previous_done, previous_seconds, per_tenth = 0, 0.0, []
    for done, seconds in rebuilt["marks"]:
        if done > previous_done:
            per_tenth.append((done, (seconds - previous_seconds) / (done - previous_done) * 100_000))
        previous_done, previous_seconds = done, seconds
    print("rebuild, seconds per 100,000 events at each tenth: " +
          ", ".join(f"{done:,}: {per:.1f} s" for done, per in per_tenth))
    seconds, scale = rebuilt["seconds"], 1_000_000 / rebuilt["events"]
    target = 60 / scale
    figures.append(Figure(f"rebuild of {rebuilt['events']:,} events", seconds, "s", "", None, None,
                          f"< {target:,.1f} s (60 s at 1M, linear)", *at_most(seconds, target, " s")))
    if len(per_tenth) >= 3:
        first, last = per_tenth[1][1], per_tenth[-1][1]  # the first tenth holds the start-up
        figures.append(Figure("rebuild: last tenth ÷ second tenth, s/100k", last / first, "×", "second tenth",
                              first, last / first, "≤ 1.25× (linear)", *at_most(last / first, 1.25, "×"),
                              floor_unit="s/100k"))
    figures.append(Figure("rebuild process peak memory", rebuilt["peak_mib"], "MiB", "", None, None,
                          "< 200 MiB (at 1M events)", *at_most(rebuilt["peak_mib"], 200, " MiB")))
    return figures


# ----------------------------------------------------------------------------------------------- decisions
def long_case(back_office: BackOffice, events: int) -> str:
    """A case of ``events`` events with 21 decisions, made with the aggregates: receipt, 199 incidents, changes of
    officer, the threshold met, the review opened, its panel held and twenty recommendations issued."""
    from cases import acknowledged_case

    from domain.case_review import CaseReview
    from domain.personal import Narrative, Person
    from domain.threshold import assess
    from domain.values import ReviewRoute

    person = Person("bench-long", "Ann Smith")
    app = acknowledged_case(1, TODAY - timedelta(days=200), person)  # five events
    for k in range(195):
        day = TODAY - timedelta(days=k % 150 + 1)
        app.log_incident(happened_on=day, reported_on=day, agency="Kent Police", actor="j.okafor", today=TODAY,
                         description=Narrative(person.subject, "Loud music until 3am"))
    for k in range(events - len(app.pending_events) - 2 - 24):
        app.assign_officer(officer=("j.okafor", "m.reid")[k % 2], actor="m.reid")
    policy = back_office.profile.threshold
    app.decide_threshold_met(assessment=assess(policy, app.incidents_as_they_stand, TODAY), policy=policy,
                             decided_on=TODAY, actor="m.reid", today=TODAY,
                             unverified_reason="Decided on the incidents as logged.")
    app.mark_review_opened(opened_on=TODAY, actor="m.reid")
    review = CaseReview.open(reference=app.reference, application_id=app.id, opened_on=TODAY,
                             route=ReviewRoute.THRESHOLD_MET, actor="m.reid", today=TODAY)
    review.schedule_panel(panel_date=TODAY, chair="Chair", independent_chair=True, members=("a", "b"),
                          scheduled_on=TODAY, actor="m.reid", today=TODAY)
    review.decide_not_to_invite_victim(decided_on=TODAY, reason="Kept informed by choice.", actor="m.reid", today=TODAY)
    review.hold_panel(held_on=TODAY, attendees=("a", "b"), victim_attended=True,
                      findings=Narrative(person.subject, "Reports were not linked."), actor="m.reid", today=TODAY)
    for k in range(20):
        review.issue_recommendation(agency="Kent Police", text=f"Recommendation {k + 1}.", issued_on=TODAY,
                                    response_due_on=TODAY + timedelta(28), actor="m.reid", today=TODAY)
    back_office.save(app, review)
    return app.reference


def medians_in_turn(*works: Any, times: int = 25) -> list[float]:
    """The median milliseconds of each of ``works``, run in turn (one of each per round), so that a change in the
    machine's load reaches the floor and the figures alike."""
    took: list[list[float]] = [[] for _ in works]
    for _ in range(times):
        for work, times_taken in zip(works, took, strict=True):
            start = time.perf_counter()
            work()
            times_taken.append((time.perf_counter() - start) * 1000)
    return [statistics.median(t) for t in took]


def decisions_part() -> list[Figure]:
    database, schema = bench_database()
    back_office = BackOffice(load_profile(), env=database.env(schema), clock=lambda: TODAY)
    try:
        reference = long_case(back_office, 500)
        count = len(back_office.cases.history(reference))
        print(f"decisions: a case of {count} events, {len(back_office.cases.decisions(reference))} decisions; "
              f"{load_average()}")
        floor, decisions, state = medians_in_turn(
            lambda: back_office.cases._events(reference), lambda: back_office.cases.decisions(reference),
            lambda: back_office.cases.case_as_at(reference, datetime.now(UTC)))
    finally:
        back_office.close()
        database.drop_schema(schema)
        database.close()
    return [Figure(f"decisions, {count}-event case", decisions, "ms", "one read of its events", floor,
                   decisions / floor, "< 20 ms", *at_most(decisions, 20, " ms")),
            Figure(f"state --at, {count}-event case", state, "ms", "one read of its events", floor,
                   state / floor, "< 20 ms", *at_most(state, 20, " ms"))]


# ----------------------------------------------------------------------------------------------------- web
def serve_child(port: int, schema: str, url: str, workers: int) -> None:
    """The server: the real app plus the bare route, under gunicorn (``workers`` processes) or waitress."""
    import web_pages  # bench/web_pages.py

    from infrastructure.storage import Database
    from web.app import create_app

    def make() -> Any:
        import fcntl
        import tempfile

        # one worker at a time: starting the app creates its tables and functions (CREATE OR REPLACE), which
        # PostgreSQL refuses to do in two sessions at once ("tuple concurrently updated")
        with open(os.path.join(tempfile.gettempdir(), f"ct-bench-{schema}.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            back_office = BackOffice(load_profile(), env=Database(url).env(schema, pool_size=8), clock=lambda: TODAY)
            app = create_app(back_office, Database(url), schema,
                             config={"SECRET_KEY": "bench", "SESSION_COOKIE_SECURE": False, "POOL_SIZE": 8})
        app.add_url_rule("/bench/bare", "bench_bare", lambda: "ok")
        return app

    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:
        del web_pages
        import logging

        import waitress

        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        waitress.serve(make(), host="127.0.0.1", port=port, threads=8, ident="bench", _quiet=True)
        return

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {"bind": f"127.0.0.1:{port}", "workers": workers, "threads": 4,
                               "worker_class": "gthread", "loglevel": "warning", "keepalive": 30}.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return make()

    Server().run()


def api_token(back_office: BackOffice) -> str:
    from domain.user import Role

    back_office.accounts.register_user("bench.api", display_name="Bench API", email="api@example.org",
                                       roles=[Role.OFFICER], password="bench passphrase 2026", actor="bench")
    return back_office.accounts.issue_api_token("bench.api", label="bench", actor="bench").token


def post_incidents(port: int, token: str, references: list[str], count: int) -> list[float]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port)
    took = []
    for n in range(count + 10):
        day = TODAY - timedelta(days=n % 150 + 1)
        body = json.dumps({"happened_on": day.isoformat(), "reported_on": day.isoformat(), "agency": "Kent Police"})
        start = time.perf_counter()
        conn.request("POST", f"/api/cases/{references[n % len(references)]}/incidents", body,
                     {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        response = conn.getresponse()
        answer = response.read()
        assert response.status in (200, 201), (response.status, answer[:500])
        if n >= 10:
            took.append((time.perf_counter() - start) * 1000)
    return sorted(took)


def bare_saves(env: Any, count: int) -> list[float]:
    took = []
    with Bare(env=env) as bare:
        counters = [Counter() for _ in range(20)]
        bare.save(*counters)
        for n in range(count):
            start = time.perf_counter()
            loaded = bare.repository.get(counters[n % 20].id)
            loaded.increment(by=1)
            bare.save(loaded)
            took.append((time.perf_counter() - start) * 1000)
    return sorted(took)


def web_part(cases: int, clients: int, requests: int, workers: int) -> list[Figure]:
    import socket

    import web_pages  # bench/web_pages.py

    database, schema = bench_database()
    back_office = BackOffice(load_profile(), env=database.env(schema), clock=lambda: TODAY)
    server = None
    try:
        web_pages.build(back_office, database, schema, cases)
        token = api_token(back_office)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([sys.executable, __file__, "--serve-child", str(port), schema, database.url,
                                   str(workers)])
        deadline = time.monotonic() + 60
        while True:
            try:
                cookie = web_pages.sign_in(port)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        try:
            import gunicorn  # noqa: F401
            served = f"gunicorn, {workers} worker processes x 4 threads"
        except ImportError:
            served = "waitress, one process with 8 threads (gunicorn is not installed)"
        print(f"web: {cases:,} cases, {clients} clients x {requests} requests, {served}; {load_average()}")
        references = [f"BN-{(TODAY - timedelta(days=n % 400)).year}-{n:05d}" for n in range(0, cases, 97)]
        p95 = {}
        for name, paths in {"bare": ["/bench/bare"], "dashboard": ["/cases"],
                            "overdue": ["/cases?overdue=yes&page=3"],
                            "case": [f"/cases/{r}" for r in references]}.items():
            latencies, _ = web_pages.load(port, cookie, paths, clients, requests)
            p95[name] = web_pages.percentile(latencies, 0.95)
        undecided = [f"BN-{(TODAY - timedelta(days=n % 400)).year}-{n:05d}" for n in range(1, cases) if n % 5][:50]
        api = post_incidents(port, token, undecided, requests)  # cases whose threshold is not decided yet
        bare = bare_saves(database.env(schema, pool_size=1), requests)
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        back_office.close()
        database.drop_schema(schema)
        database.close()
    figures = [Figure(f"{label} p95 ({clients} clients)", p95[key], "ms", "bare Flask route p95", p95["bare"],
                      p95[key] / p95["bare"], "≤ 3× the bare route", *at_most(p95[key] / p95["bare"], 3, "×"))
               for key, label in (("dashboard", "dashboard, first page"), ("overdue", "dashboard, overdue, page 3"),
                                  ("case", "case page"))]
    api_median, bare_median = statistics.median(api), statistics.median(bare)
    figures.append(Figure("JSON API command (log_incident), median", api_median, "ms",
                          "bare library load + event + save", bare_median, api_median / bare_median,
                          "≤ 3× the bare save", *at_most(api_median / bare_median, 3, "×")))
    return figures


# ---------------------------------------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="events in the projector's history")
    parser.add_argument("--runner-events", type=int, default=10_000,
                        help="events the library's ProjectionRunner projects (its rate is steady)")
    parser.add_argument("--cases", type=int, default=50_000, help="cases behind the web pages")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=300, help="requests per client per endpoint")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn worker processes")
    parser.add_argument("--only", default="projector,decisions,web")
    parser.add_argument("--table", help="write the README's table (Markdown) to this file")
    parser.add_argument("--rebuild-child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--serve-child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rebuild_child:
        rebuild_child(*args.rebuild_child)
        return
    if args.serve_child:
        port, schema, url, workers = args.serve_child
        serve_child(int(port), schema, url, int(workers))
        return
    parts = args.only.split(",")
    started, before = datetime.now(UTC), load_average()
    print(f"bench/run_all.py {' '.join(sys.argv[1:])}: {started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores; {before}")
    figures: list[Figure] = []
    header = f"{'figure':<48} {'value':>12} {'unit':<9} {'ratio':>8}  {'target':<28} verdict  floor"
    for part, run in (("projector", lambda: projector_part(args.events, args.runner_events)),
                      ("decisions", decisions_part),
                      ("web", lambda: web_part(args.cases, args.clients, args.requests, args.workers))):
        if part in parts:
            found = run()
            print("\n".join([header, *(f.line() for f in found)]) + "\n", flush=True)  # kept if a later part fails
            figures += found
    after = load_average()
    print(f"\nall parts, {after}:\n{header}")
    for figure in figures:
        print(figure.line())
    missed = [f for f in figures if f.met is False]
    print(f"\n{len(figures) - len(missed)} of {sum(f.met is not None for f in figures)} targets met; "
          f"load before: {before}; after: {after}")
    if args.table:
        with open(args.table, "w", encoding="utf-8") as out:
            out.write(f"`./dev bench {' '.join(sys.argv[1:])}` on {started:%d %B %Y} ({os.cpu_count()} cores; "
                      f"{before} before, {after} after)\n\n")
            out.write("| figure | measured | floor | ratio | target | |\n|---|---:|---|---:|---|---|\n")
            out.writelines(figure.row() + "\n" for figure in figures)
        print(f"table written to {args.table}")


if __name__ == "__main__":
    main()
