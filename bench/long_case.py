"""A long case against a short one: the time of one command (log_incident: load the case, check, save one
event) on cases of about 20, 200 (the shipped profile's most incidents) and 500 events, with snapshots (as
the product runs) and without them.

* For each size, CASES cases are received through the BackOffice, then filled up to the size with incidents
  logged on the aggregate and saved in one go (the library's own save, which takes the snapshots as it goes).
* Then COMMANDS ``log_incident`` commands are timed one by one, spread over those cases (each grows by
  COMMANDS / CASES events while it is measured), and the median is printed.
* The floor: the bare library's load + one event + save of a one-field aggregate with a few events.

Target: the 500-event case takes no more than twice the 20-event one (with snapshots).

Run:  .venv/bin/python bench/long_case.py [--commands 200] [--cases 20]   (DATABASE_URL or the embedded server)
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from application.backoffice import BackOffice
from application.profile import load_profile
from application.storage import open_database
from domain.ids import application_id
from domain.personal import Narrative, Person
from domain.profile import CaseLimits
from domain.values import Applicant, Channel, Problem

TODAY = date(2026, 11, 24)
SIZES = (20, 200, 500)  # 200: the most incidents the shipped profile allows a case


class Counter(Aggregate):
    @event("Started")
    def __init__(self) -> None:
        self.count = 0

    @event("Incremented")
    def increment(self, by: int) -> None:
        self.count += by


class Bare(Application):
    pass


class WithoutSnapshots(BackOffice):
    snapshotting_intervals = {}  # type: ignore[assignment]


def day(k: int) -> date:
    return TODAY - timedelta(days=k % 170)


def fill(back_office: BackOffice, events: int, cases: int) -> list[str]:
    """``cases`` cases of ``events`` events each: receipt, then incidents."""
    references = []
    for case in range(cases):
        reference = back_office.receive_application(
            channel=Channel.ONLINE, received_on=TODAY, applicant=Applicant(Person(f"bench-{case}", "Ann Smith")),
            problem=Problem("noise", "High Street"), actor="public").reference
        application = back_office.repository.get(application_id(reference))
        for k in range(events - 1):
            application.log_incident(happened_on=day(k), reported_on=day(k), agency="Kent Police",
                                     actor="j.okafor", today=TODAY, limits=back_office.profile.limits,
                                     description=Narrative(f"bench-{case}", "Loud music until 3am"))
        back_office.save(application)
        references.append(reference)
    return references


def median_ms(commands: int, references: list[str], command: Callable[[str, int], object]) -> tuple[float, float]:
    """The median wall-clock time of one command, and the median CPU time this process spent on it (which
    other work on a shared machine disturbs far less; the database server's own time is not in it)."""
    times, cpu = [], []
    for k in range(commands):
        start, start_cpu = time.perf_counter(), time.process_time()
        command(references[k % len(references)], k)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commands", type=int, default=200)
    parser.add_argument("--cases", type=int, default=20)
    args = parser.parse_args()
    database = open_database(os.environ.get("DATABASE_URL"), tempfile.mkdtemp(prefix="ct-bench-"))
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    database.create_schema(schema)
    env = database.env(schema, pool_size=1)
    profile = dataclasses.replace(load_profile(), limits=CaseLimits(max_incidents=1000))
    results: dict[tuple[str, int], tuple[float, float]] = {}
    try:
        with Bare(env=env) as bare:
            counters = [Counter() for _ in range(args.cases)]
            bare.save(*counters)

            def bare_command(_: str, k: int) -> None:
                loaded = bare.repository.get(counters[k % len(counters)].id)
                loaded.increment(by=1)
                bare.save(loaded)

            floor = median_ms(args.commands, [""], bare_command)

        for label, cls in (("with snapshots", BackOffice), ("without snapshots", WithoutSnapshots)):
            with cls(profile, env={**env, "IS_SNAPSHOTTING_ENABLED": "y" if cls is BackOffice else "n"},
                     clock=lambda: TODAY) as back_office:
                for size in SIZES:
                    references = fill(back_office, size, args.cases)

                    def log(reference: str, k: int, back_office: BackOffice = back_office) -> None:
                        back_office.log_incident(reference, happened_on=day(k), reported_on=day(k),
                                                 agency="Kent Police", actor="j.okafor",
                                                 description="Loud music until 3am")

                    results[label, size] = median_ms(args.commands, references, log)
    finally:
        database.drop_schema(schema)
        database.close()

    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"log_incident, median of {args.commands} commands over {args.cases} cases of each size "
          f"(load average {load}; {os.cpu_count()} cores). Wall-clock ms (CPU ms of this process)")
    print(f"{'case size':<34} {'with snapshots':>17} {'without':>17}")
    for size in SIZES:
        (wall, cpu), (bare_wall, bare_cpu) = results["with snapshots", size], results["without snapshots", size]
        print(f"{f'about {size} events':<34} {wall:7.2f} ({cpu:5.2f}) ms {bare_wall:7.2f} ({bare_cpu:5.2f}) ms")
    print(f"{'floor: bare eventsourcing save':<34} {floor[0]:7.2f} ({floor[1]:5.2f}) ms")
    for kind in (0, 1):
        ratio = results["with snapshots", SIZES[-1]][kind] / results["with snapshots", SIZES[0]][kind]
        without = results["without snapshots", SIZES[-1]][kind] / results["without snapshots", SIZES[0]][kind]
        print(f"{SIZES[-1]} events / {SIZES[0]} events, {('wall clock', 'CPU')[kind]}: {ratio:.2f}x with snapshots "
              f"(target at most 2x), {without:.2f}x without")
    print(f"{SIZES[0]}-event command / floor (wall clock): {results['with snapshots', SIZES[0]][0] / floor[0]:.2f}x")

if __name__ == "__main__":
    main()
