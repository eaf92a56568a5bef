"""Command-path throughput: BackOffice use cases against their floors.

Floors, on the same database and in the same run:
  * raw PostgreSQL: one INSERT + COMMIT per event (psycopg, no library);
  * bare eventsourcing: a one-field aggregate, one event per save (the library's own cost).
BackOffice adds a load of the case (replaying its events), the domain checks and the
transcoding of value objects.

Run:  .venv/bin/python bench/commands.py [--commands 2000]   (DATABASE_URL or the embedded server)
"""

from __future__ import annotations

import argparse
import uuid
from datetime import date, timedelta

from cases import bench_database, seconds_for  # bench/cases.py
from floors import Bare, Counter  # bench/floors.py

from application.backoffice import BackOffice
from application.profile import load_profile
from domain.personal import Person
from domain.values import Applicant, Channel, Problem

INCIDENTS_PER_CASE = 9


def timed(label: str, count: int, work) -> float:
    seconds = seconds_for(work)
    rate = count / seconds
    print(f"{label:<58} {count:>6} in {seconds:6.2f} s = {rate:8.0f}/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commands", type=int, default=2000)
    n = parser.parse_args().commands
    database, schema = bench_database()
    env = database.env(schema, pool_size=1)
    try:
        with database.connect() as conn:
            conn.execute(f"CREATE TABLE {schema}.raw (id bigserial primary key, originator uuid, "
                         "version int, topic text, state bytea)")

            def raw() -> None:
                payload = b'{"incident":{"number":1,"agency":"Kent Police"},"actor":"j.okafor"}' * 2
                originator = uuid.uuid4()
                for version in range(n):
                    with conn.transaction():
                        conn.execute(f"INSERT INTO {schema}.raw (originator, version, topic, state) "
                                     "VALUES (%s, %s, %s, %s)", (originator, version, "t", payload))

            raw_rate = timed("raw PostgreSQL: INSERT + COMMIT per event", n, raw)

        with Bare(env=env) as bare:
            def bare_saves() -> None:
                counters = [Counter() for _ in range(n // (INCIDENTS_PER_CASE + 1))]
                for counter in counters:
                    bare.save(counter)
                    for _ in range(INCIDENTS_PER_CASE):
                        loaded = bare.repository.get(counter.id)
                        loaded.increment(by=1)
                        bare.save(loaded)

            bare_rate = timed("bare eventsourcing: load + one event + save", n, bare_saves)

        today = date(2026, 11, 24)
        with BackOffice(load_profile(), env=env, clock=lambda: today) as back_office:
            def commands() -> None:
                for case in range(n // (INCIDENTS_PER_CASE + 1)):
                    reference = back_office.cases.receive_application(
                        channel=Channel.ONLINE, received_on=today,
                        applicant=Applicant(Person(f"bench-{case}", "Ann Smith")),
                        problem=Problem("noise", "High Street"), actor="public").reference
                    for k in range(INCIDENTS_PER_CASE):
                        day = today - timedelta(days=10 * (k + 1))
                        back_office.cases.log_incident(reference, happened_on=day, reported_on=day,
                                                       agency="Kent Police", actor="j.okafor",
                                                       description="Loud music until 3am")

            app_rate = timed("BackOffice: receive + log_incident commands", n, commands)
    finally:
        database.drop_schema(schema)
        database.close()
    print(f"BackOffice vs bare eventsourcing: {bare_rate / app_rate:.2f}x slower")
    print(f"BackOffice vs raw PostgreSQL:     {raw_rate / app_rate:.2f}x slower")
    print(f"bare eventsourcing vs raw:        {raw_rate / bare_rate:.2f}x slower")


if __name__ == "__main__":
    main()
