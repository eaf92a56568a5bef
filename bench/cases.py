"""What the read-side benchmarks share: a database schema of their own for one run, and the opening of
every bench case (received, three incidents, consent to share, acknowledged), made with the aggregates.

Imported by the scripts as ``from cases import ...`` (bench/ is the script's folder, as for floors.py).
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from domain.application import Application
from domain.personal import Narrative, Person
from domain.values import Applicant, Channel, ConsentKind, Problem
from infrastructure.storage import open_database

TODAY = date(2026, 11, 24)
OFFICER = "bench.officer"
AS_OFFICER = {"actor": OFFICER, "today": TODAY}


def bench_database() -> tuple[Any, str]:
    """The database (``DATABASE_URL``, or the embedded server) and a new schema for this run."""
    database = open_database(os.environ.get("DATABASE_URL"), tempfile.mkdtemp(prefix="ct-bench-"))
    return database, new_schema(database)


def seconds_for(work: Callable[[], object]) -> float:
    """How long ``work`` takes, wall clock."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def new_schema(database: Any) -> str:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    database.create_schema(schema)
    return schema


def acknowledged_case(number: int, received: date, person: Person) -> Application:
    """Bench case ``number``, received online on ``received`` from ``person``, with three incidents
    reported to Kent Police, consent to share and the acknowledgement."""
    app = Application.receive(reference=f"BN-{received.year}-{number:05d}", channel=Channel.ONLINE,
                              received_on=received, applicant=Applicant(person),
                              problem=Problem("noise", "High Street"), **AS_OFFICER)
    for k in range(3):
        day = received - timedelta(days=20 * (k + 1))
        app.log_incident(happened_on=day, reported_on=day, agency="Kent Police",
                         agency_reference=f"KP-{received.year}-{number}-{k + 1}",
                         description=Narrative(person.subject, "Loud music until 3am"), **AS_OFFICER)
    app.give_consent(kind=ConsentKind.SHARE_WITH_AGENCIES, given_on=received,
                     given_by=Narrative(person.subject, person.name), **AS_OFFICER)
    app.acknowledge(acknowledged_on=received, **AS_OFFICER)
    return app
