"""Under concurrent writing the projector passes no event: notification ids become visible in commit order
(inserts take the event store's table lock), so the audit trail ends with exactly one entry per stored event.

Eight writers, each with its own BackOffice and connection pool, write for 30 seconds to cases of their own
and to cases they share (conflicts are expected and not counted), while a projector follows the log. Each insert
takes a few milliseconds more before it commits (a trigger sleeps), as on a busy server whose disk is slow to
confirm a commit: without the table lock, ids taken in one order then commit in another, and the projector,
reading in between, would pass an id whose event appears only later."""

import random
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import psycopg
import pytest
from psycopg import sql

from application.backoffice import BackOffice
from application.core import Recorded
from application.errors import ConflictError
from domain.errors import CaseLimitReachedError
from domain.personal import Person
from domain.values import Applicant, Channel, Problem
from infrastructure.storage import Database
from projections.projector import Projector
from tests.application import cases

WRITERS = 8
WRITING_SECONDS = 30
SHARED_CASES = 3
SLOW_COMMIT = """
CREATE FUNCTION {s}.ct_test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_sleep(random() * 0.01);
    RETURN NULL;
END $$;
CREATE TRIGGER ct_test_slow_commit AFTER INSERT ON {s}.backoffice_events
    FOR EACH STATEMENT EXECUTE FUNCTION {s}.ct_test_slow_commit();
"""


def receive(back_office: BackOffice, writer: int) -> Recorded:
    return back_office.cases.receive_application(
        channel=Channel.ONLINE, received_on=cases.RECEIVED, applicant=Applicant(Person(f"p-{writer}", "Ann Smith")),
        problem=Problem("noise", "High Street, Dartford"), actor="public")


def log_incident(back_office: BackOffice, reference: str, days_before: int) -> Recorded:
    happened = cases.RECEIVED - timedelta(days=days_before)
    return back_office.cases.log_incident(reference, happened_on=happened, reported_on=happened, agency="Kent Police",
                                          description="Loud music until 3am", actor=cases.OFFICER)


def write_until(stop: threading.Event, back_office: BackOffice, writer: int, shared: list[str],
                written: list[Recorded], failures: list[BaseException]) -> None:
    """Write commands until ``stop``: a new case now and then, incidents on it and on the shared cases."""
    rng, own = random.Random(writer), None
    try:
        while not stop.is_set():
            choice = rng.random()
            try:
                if own is None or choice < 0.15:
                    recorded = receive(back_office, writer)
                    own = recorded.reference
                else:
                    target = own if choice < 0.55 else rng.choice(shared)
                    recorded = log_incident(back_office, target, rng.randint(1, 300))
            except (ConflictError, CaseLimitReachedError):
                continue  # someone else saved that case (or the reference book) first, or it is full: expected
            written.append(recorded)
    except BaseException as error:  # reported by the test, not lost in the thread
        failures.append(error)


def follow(projector: Projector, stop: threading.Event, listen: psycopg.Connection[Any],
           failures: list[BaseException]) -> None:
    try:
        projector.follow(stop, listen)
    except BaseException as error:  # e.g. a passed-over event found later: reported by the test
        failures.append(error)


def stored_events(conn: psycopg.Connection[Any], schema: str) -> dict[int, Any]:
    return dict(conn.execute(sql.SQL("SELECT notification_id, originator_id FROM {}.backoffice_events").format(
        sql.Identifier(schema))).fetchall())


def audited_positions(conn: psycopg.Connection[Any], schema: str) -> list[int]:
    return [row[0] for row in conn.execute(sql.SQL("SELECT position FROM {}.ct_audit ORDER BY position").format(
        sql.Identifier(schema))).fetchall()]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_with_eight_writers_and_the_projector_following_every_event_reaches_the_audit_trail_once(
    make_back_office: Callable[..., BackOffice], database: Database, schema: str
):
    setup = make_back_office()
    shared = [cases.receive(setup) for _ in range(SHARED_CASES)]
    with database.connect() as conn:
        conn.execute(sql.SQL(SLOW_COMMIT).format(s=sql.Identifier(schema)))
    writers = [make_back_office() for _ in range(WRITERS)]
    stop_writing, stop_projecting = threading.Event(), threading.Event()
    written: list[list[Recorded]] = [[] for _ in range(WRITERS)]
    failures: list[BaseException] = []
    with database.connect() as conn, database.connect() as listen, database.connect() as check:
        projector = Projector(make_back_office(), conn, schema, batch_size=20)
        follower = threading.Thread(target=follow, args=(projector, stop_projecting, listen, failures),
                                    name="projector")
        threads = [threading.Thread(target=write_until, args=(stop_writing, back_office, n, shared, written[n],
                                                              failures), name=f"writer-{n}")
                   for n, back_office in enumerate(writers)]
        follower.start()
        for thread in threads:
            thread.start()
        time.sleep(WRITING_SECONDS)
        stop_writing.set()
        for thread in threads:
            thread.join(60)
        last = max(stored_events(check, schema))
        for _ in range(600):  # let the projector finish what was written (bounded: a minute at most)
            if projector.position >= last or not follower.is_alive():
                break
            time.sleep(0.1)
        stop_projecting.set()
        follower.join(30)

        events, audited = stored_events(check, schema), audited_positions(check, schema)

    successes = [recorded for per_writer in written for recorded in per_writer]
    assert not failures, failures
    assert not any(thread.is_alive() for thread in (*threads, follower))
    assert all(per_writer for per_writer in written)  # every writer got writes through
    assert len(successes) > WRITERS * 10
    assert projector.position == last
    assert audited == sorted(events)  # one audit entry per stored event, position for position, none twice
    assert all(events.get(recorded.position) == recorded.aggregate_id for recorded in successes)
