"""Search benchmark: finding a case among 50,000 by its reference, a surname, a postcode and an agency's reference,
through the search the web page uses (``projections.search.CaseSearch``: keyed hashes of the words, never the
words), beside the floor: reading one case's row from the case list by its primary key.

* The history is made with the domain aggregates (receipt, three incidents each with an agency reference, consent,
  acknowledgement), saved 200 cases per transaction, and projected with the real projector (which writes the
  search index), then the tables are analysed, as autovacuum would have done on a system at rest.
* For each kind of query it runs QUERIES searches, each for a different case, and prints the median and p95
  latency in milliseconds, the p95 against the floor's p95, and the machine's load.

Target (issue 14): a result in a second or less on 50,000 cases.

Run:  .venv/bin/python bench/search.py [--cases 50000] [--queries 200]
      (DATABASE_URL, or the embedded server in a temporary folder)
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import timedelta

from cases import TODAY, acknowledged_case, bench_database  # bench/cases.py
from psycopg import sql
from rich.progress import Progress

from application.backoffice import BackOffice
from application.profile import load_profile
from domain.personal import Person
from projections.projector import Projector
from projections.search import CaseSearch

SURNAMES = ("Okafor", "Smith", "Patel", "Nowak", "Jones", "Williams", "Khan", "Brown", "Taylor", "Davies", "Evans",
            "Wilson", "Thomas", "Roberts", "Johnson", "Lewis", "Walker", "Wright", "Robinson", "Thompson")


def person(number: int) -> Person:
    surname = f"{SURNAMES[number % len(SURNAMES)]}{number // len(SURNAMES)}"  # 2,500 of each name, made unique
    return Person(f"bench-{number}", f"Alex {surname}", address=f"{number % 300} High Street, Dartford",
                  postcode=f"DA{number % 20} {number % 9}{chr(65 + number % 26)}{chr(65 + number // 26 % 26)}")


def build(back_office: BackOffice, database: object, schema: str, cases: int) -> None:
    with Progress(transient=True) as progress:
        task = progress.add_task("Building the history", total=cases)
        for first in range(0, cases, 200):
            batch = []
            for n in range(first, min(first + 200, cases)):
                case = acknowledged_case(n, TODAY - timedelta(days=n % 400), person(n))
                batch.append(case)
            back_office.save(*batch)
            progress.update(task, completed=min(first + 200, cases))
    start = time.perf_counter()
    with database.connect() as conn:  # type: ignore[attr-defined]
        Projector(back_office, conn, schema).catch_up()
        for table in ("ct_cases", "ct_search"):
            conn.execute(sql.SQL("VACUUM ANALYZE {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
    print(f"history: {cases:,} cases, {back_office.event_count():,} events; projected in "
          f"{time.perf_counter() - start:.1f} s")


def timed(run: object, queries: list[str]) -> list[float]:
    took = []
    for query in queries:
        start = time.perf_counter()
        found = run(query)  # type: ignore[operator]
        took.append((time.perf_counter() - start) * 1000)
        assert found, query
    return sorted(took)


def p95(values: list[float]) -> float:
    return values[max(0, round(len(values) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    database, schema = bench_database()
    back_office = BackOffice(load_profile(), env=database.env(schema), clock=lambda: TODAY)
    build(back_office, database, schema, args.cases)
    numbers = [(k * 7919) % args.cases for k in range(args.queries)]  # spread over the whole history
    with database.connect() as conn:
        search = CaseSearch(conn, schema, back_office.search_index)
        floor_sql = sql.SQL("SELECT * FROM {}.ct_cases WHERE reference = %s").format(sql.Identifier(schema))
        references = [f"BN-{(TODAY - timedelta(days=n % 400)).year}-{n:05d}" for n in numbers]
        floor = timed(lambda ref: conn.execute(floor_sql, (ref,)).fetchall(), references)
        figures = {
            "reference": timed(lambda q: search.find(q).cases, references),
            "surname": timed(lambda q: search.find(q).cases, [person(n).name.split()[1] for n in numbers]),
            "postcode": timed(lambda q: search.find(q).cases, [person(n).postcode for n in numbers]),
            "agency reference": timed(lambda q: search.find(q).cases, [
                f"KP-{(TODAY - timedelta(days=n % 400)).year}-{n}-1" for n in numbers]),
        }
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"search at {args.cases:,} cases, {args.queries} queries each (load {load}):")
    print(f"  floor, one row by primary key: median {statistics.median(floor):.2f} ms, p95 {p95(floor):.2f} ms")
    for kind, took in figures.items():
        print(f"  by {kind:<17} median {statistics.median(took):6.2f} ms, p95 {p95(took):6.2f} ms "
              f"({p95(took) / p95(floor):.1f}x the floor; target 1000 ms: "
              f"{'met' if p95(took) <= 1000 else 'missed'})")


if __name__ == "__main__":
    main()
