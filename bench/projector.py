"""Read-side benchmark, one run on the same data (default 5,200 cases ≈ 104,000 events):

* the floor: reading the same events from the events table with raw psycopg (paged SELECT);
* projector catch-up into every read model (case list, deadlines, audit trail), events/s;
* a rebuild (replay into new tables, then swap them in);
* the time from a command's save to its appearance on the dashboard, with the projector following.

The history is made with the domain aggregates and saved fifty cases per transaction (fast to
build); the projector reads it exactly as it reads histories made through BackOffice.

Run:  .venv/bin/python bench/projector.py [--cases 5200]   (DATABASE_URL or the embedded server)
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from datetime import date, timedelta

from cases import AS_OFFICER, OFFICER, TODAY, acknowledged_case, bench_database, seconds_for  # bench/cases.py
from psycopg import sql
from rich.progress import Progress

from application.backoffice import BackOffice
from application.profile import load_profile
from domain.application import Application
from domain.case_review import CaseReview
from domain.personal import Narrative, Person
from domain.threshold import assess
from domain.values import Applicant, Channel, LetterChannel, Problem, ReviewRoute
from projections.case_list import CaseList
from projections.projector import Projector
from projections.rebuild import rebuild as rebuild_read_models


def one_case(back_office: BackOffice, number: int) -> list[Application | CaseReview]:
    """A case from receipt to closure: about twenty events."""
    received = date(2019, 4, 1) + timedelta(days=number % 2400)
    person = Person(f"bench-{number}", f"Person {number}")
    kw = AS_OFFICER
    app = acknowledged_case(number, received, person)
    reference = app.reference
    policy = back_office.profile.threshold
    decided = received + timedelta(days=7)
    app.decide_threshold_met(assessment=assess(policy, app.incidents_as_they_stand, received), policy=policy,
                             decided_on=decided, **kw,
                             unverified_reason="Decided on the incidents as logged.")
    review = CaseReview.open(reference=reference, application_id=app.id, opened_on=decided,
                             route=ReviewRoute.THRESHOLD_MET, **kw)
    app.mark_review_opened(opened_on=decided, actor=OFFICER)
    app.send_decision_letter(sent_on=decided, channel=LetterChannel.EMAIL, **kw)
    for agency in ("Kent Police", "Moat Homes"):
        review.request_agency_information(agency=agency, requested_on=decided, due_on=decided + timedelta(14), **kw)
        review.record_agency_information(agency=agency, received_on=decided + timedelta(7),
                                         summary=Narrative(person.subject, "Case notes"), **kw)
    panel = decided + timedelta(days=21)
    review.schedule_panel(panel_date=panel, chair="Chair", independent_chair=True, members=("a", "b"),
                          scheduled_on=decided + timedelta(days=2), **kw)
    review.decide_not_to_invite_victim(decided_on=decided + timedelta(days=2), reason="Kept informed by choice.", **kw)
    review.hold_panel(held_on=panel, attendees=("a", "b"), victim_attended=True,
                      findings=Narrative(person.subject, "Reports were not linked."), **kw)
    for agency in ("Kent Police", "Moat Homes"):
        review.issue_recommendation(agency=agency, text="Link the reports.", issued_on=panel,
                                    response_due_on=panel + timedelta(28), **kw)
    review.send_outcome_letter(sent_on=panel + timedelta(days=10), channel=LetterChannel.POST, **kw)
    review.close(closed_on=panel + timedelta(days=12), reason="Done.", **kw,
                 open_recommendations_reason="The agencies report their progress to the partnership's meeting.")
    return [app, review]


def timed(label: str, work, count: int | None = None) -> float:
    seconds = seconds_for(work)
    rate = f" = {count / seconds:9,.0f} events/s" if count else ""
    print(f"{label:<52} {seconds:7.2f} s{rate}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5200)
    cases = parser.parse_args().cases
    database, schema = bench_database()
    back_office = BackOffice(load_profile(), env=database.env(schema), clock=lambda: TODAY)
    try:
        with Progress(transient=True) as progress:
            task = progress.add_task("Building the history", total=cases)
            for first in range(0, cases, 50):
                back_office.save(*[a for n in range(first, min(first + 50, cases)) for a in one_case(back_office, n)])
                progress.update(task, completed=min(first + 50, cases))
        events = back_office.event_count()
        print(f"history: {cases:,} cases, {events:,} events")

        with database.connect() as conn:
            table = sql.SQL("{}.backoffice_events").format(sql.Identifier(schema))

            def raw_read() -> None:
                last = 0
                query = sql.SQL("SELECT notification_id, originator_id, originator_version, topic, state FROM {} "
                                "WHERE notification_id > %s ORDER BY notification_id LIMIT 2000").format(table)
                while rows := conn.execute(query, (last,)).fetchall():
                    last = rows[-1][0]

            raw = timed("floor: raw paged SELECT of the events", raw_read, events)
            projector = Projector(back_office, conn, schema, batch_size=2000)
            catch_up = timed("projector catch-up into all read models", projector.catch_up, events)
            rebuild = timed("rebuild (replay into new tables, then swap)",
                            lambda: rebuild_read_models(back_office, conn, schema), events)
            projector = Projector(back_office, conn, schema, batch_size=2000)

            latencies = []
            stop = threading.Event()
            with database.connect() as listen, database.connect() as reader:
                follower = threading.Thread(target=projector.follow, args=(stop, listen, 1.0))
                follower.start()
                case_list = CaseList(reader, schema)
                for n in range(100):
                    start = time.perf_counter()
                    recorded = back_office.cases.receive_application(
                        channel=Channel.PHONE, received_on=TODAY, applicant=Applicant(Person(f"l{n}", "Ann Smith")),
                        problem=Problem("noise", "High Street"), actor=OFFICER)
                    assert case_list.wait_for(recorded.position, timeout=5, interval=0.001)
                    latencies.append((time.perf_counter() - start) * 1000)
                stop.set()
                follower.join(10)
        latencies.sort()
        print(f"save -> dashboard (100 commands): median {statistics.median(latencies):.1f} ms, "
              f"p95 {latencies[94]:.1f} ms, max {latencies[-1]:.1f} ms")
        print(f"catch-up is {catch_up / raw:.1f}x the raw read time ({events / catch_up:,.0f} vs "
              f"{events / raw:,.0f} events/s); target 15,000 events/s")
        print(f"rebuild of {events:,} events: {rebuild:.1f} s")
    finally:
        back_office.close()
        database.drop_schema(schema)
        database.close()


if __name__ == "__main__":
    main()
