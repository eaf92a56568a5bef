"""A long case against a short one: the time of one command (log_incident: load the case, check, save one
event) on cases of about 20, 200 and 500 events, with snapshots (as the product runs) and without them. A
500-event case is timed twice: with 199 incidents (the shipped profile allows 200; the other events change
the officer, adding events but no state) and with 499 (a raised limit).

* For each size, CASES cases are received through the BackOffice, then filled up to the size with incidents
  and changes of officer on the aggregate and saved in one go (the library's own save, which takes the
  snapshots as it goes).
* Then COMMANDS ``log_incident`` commands are timed for each size, one by one and taking turns (one per size,
  then the next round, so that the shared machine's changing load falls on every size alike), spread over
  those cases (each grows by COMMANDS / CASES events while it is measured), and the medians are printed.
* The floor: the bare library's load + one event + save of a one-field aggregate with a few events.

Target: the 500-event case takes no more than twice the 20-event one (with snapshots).

Run:  .venv/bin/python bench/long_case.py [--commands 200] [--cases 20]   (DATABASE_URL or the embedded server)
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from cases import bench_database, new_schema  # bench/cases.py
from floors import Bare, Counter  # bench/floors.py

from application.backoffice import BackOffice
from application.profile import load_profile
from domain.ids import application_id
from domain.personal import Narrative, Person
from domain.profile import CaseLimits
from domain.values import Applicant, Channel, Problem

TODAY = date(2026, 11, 24)
# (events, incidents): the rest of a case's events are changes of officer, which add events but no state.
# 200 incidents: the most the shipped profile allows a case; 499 needs a raised limit.
SIZES = ((20, 19), (200, 199), (500, 199), (500, 499))


class WithoutSnapshots(BackOffice):
    snapshotting_intervals = {}  # type: ignore[assignment]


def day(k: int) -> date:
    return TODAY - timedelta(days=k % 170)


def fill(back_office: BackOffice, size: tuple[int, int], cases: int) -> list[str]:
    """``cases`` cases of ``size`` = (events, incidents) each: receipt, incidents, then changes of officer."""
    events, incidents = size
    references = []
    for case in range(cases):
        reference = back_office.cases.receive_application(
            channel=Channel.ONLINE, received_on=TODAY, applicant=Applicant(Person(f"bench-{case}", "Ann Smith")),
            problem=Problem("noise", "High Street"), actor="public").reference
        application = back_office.repository.get(application_id(reference))
        for k in range(incidents):
            application.log_incident(happened_on=day(k), reported_on=day(k), agency="Kent Police",
                                     actor="j.okafor", today=TODAY, limits=back_office.profile.limits,
                                     description=Narrative(f"bench-{case}", "Loud music until 3am"))
        for k in range(events - 1 - incidents):
            application.assign_officer(officer=("j.okafor", "m.reid")[k % 2], actor="m.reid")
        back_office.save(application)
        references.append(reference)
    return references


class Timer:
    """Times one kind of command: the medians of wall-clock time and of the CPU time this process spent (which
    other work on a shared machine disturbs far less; the database server's own time is not in it)."""

    def __init__(self, command: Callable[[int], object]) -> None:
        self.command = command
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def once(self, k: int) -> None:
        start, start_cpu = time.perf_counter(), time.process_time()
        self.command(k)
        self.wall.append((time.perf_counter() - start) * 1000)
        self.cpu.append((time.process_time() - start_cpu) * 1000)

    def medians(self) -> tuple[float, float]:
        return statistics.median(self.wall), statistics.median(self.cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commands", type=int, default=200)
    parser.add_argument("--cases", type=int, default=20)
    args = parser.parse_args()
    database, schema = bench_database()
    bare_schema = new_schema(database)  # its own: with POSTGRES_ENABLE_DB_FUNCTIONS=y, two applications in one
    # schema share one insert function (es_insert_events_uuid), which writes to the table created last
    env = database.env(schema, pool_size=1)
    profile = dataclasses.replace(load_profile(), limits=CaseLimits(max_incidents=1000))
    try:
        with (Bare(env=database.env(bare_schema, pool_size=1)) as bare,
              BackOffice(profile, env=env, clock=lambda: TODAY) as snapshotting,
              WithoutSnapshots(profile, env={**env, "IS_SNAPSHOTTING_ENABLED": "n"}, clock=lambda: TODAY) as replaying):
            counters = [Counter() for _ in range(args.cases)]
            bare.save(*counters)

            def bare_command(k: int) -> None:
                loaded = bare.repository.get(counters[k % len(counters)].id)
                loaded.increment(by=1)
                bare.save(loaded)

            def log(back_office: BackOffice, references: list[str]) -> Callable[[int], object]:
                return lambda k: back_office.cases.log_incident(
                    references[k % len(references)], happened_on=day(k), reported_on=day(k), agency="Kent Police",
                    actor="j.okafor", description="Loud music until 3am")

            timers = {("floor", SIZES[0]): Timer(bare_command)}
            for label, back_office in (("with snapshots", snapshotting), ("without snapshots", replaying)):
                for size in SIZES:
                    timers[label, size] = Timer(log(back_office, fill(back_office, size, args.cases)))
            for k in range(args.commands):  # in turn, so that the machine's changing load falls on all alike
                for timer in timers.values():
                    timer.once(k)
            results = {key: timer.medians() for key, timer in timers.items()}
            floor = results["floor", SIZES[0]]
    finally:
        database.drop_schema(schema)
        database.drop_schema(bare_schema)
        database.close()

    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"log_incident, median of {args.commands} commands over {args.cases} cases of each size "
          f"(load average {load}; {os.cpu_count()} cores). Wall-clock ms (CPU ms of this process)")
    print(f"{'case: events (incidents)':<34} {'with snapshots':>17} {'without':>17}")
    for size in SIZES:
        (wall, cpu), (bare_wall, bare_cpu) = results["with snapshots", size], results["without snapshots", size]
        print(f"{f'{size[0]} ({size[1]})':<34} {wall:7.2f} ({cpu:5.2f}) ms {bare_wall:7.2f} ({bare_cpu:5.2f}) ms")
    print(f"{'floor: bare eventsourcing save':<34} {floor[0]:7.2f} ({floor[1]:5.2f}) ms")
    for long in SIZES[2:]:
        for kind in (0, 1):
            ratio = results["with snapshots", long][kind] / results["with snapshots", SIZES[0]][kind]
            without = results["without snapshots", long][kind] / results["without snapshots", SIZES[0]][kind]
            print(f"{long[0]} ({long[1]}) / {SIZES[0][0]} ({SIZES[0][1]}), {('wall clock', 'CPU')[kind]}: "
                  f"{ratio:.2f}x with snapshots (target at most 2x), {without:.2f}x without")
    print(f"20-event command / floor (wall clock): {results['with snapshots', SIZES[0]][0] / floor[0]:.2f}x")


if __name__ == "__main__":
    main()
