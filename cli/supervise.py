"""Keeping the projector and the scheduler running through a database outage.

Each runs inside ``supervise``: when the database goes away (a restart, a network cut) it says so in one
line, waits (1, 2, 4 … up to 30 seconds, growing while the database stays away), then connects afresh,
re-takes its advisory lock (the lock was held by the lost connection, so a standby may have taken over
meanwhile: then this one waits as the standby) and carries on from its tracked position. Any other error
still stops it, with its message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from infrastructure.storage import describe_loss, is_connection_loss

Run = Callable[[Callable[[], None]], None]  # one connected run, given the callback that says it is connected
FIRST_WAIT, LONGEST_WAIT = 1.0, 30.0
LOCK_CHECK_EVERY = 2.0  # seconds between checks that the scheduler still holds its lock connection


class Backoff:
    """Waits that double from ``first`` up to ``longest``; back to ``first`` once connected again."""

    def __init__(self, first: float = FIRST_WAIT, longest: float = LONGEST_WAIT) -> None:
        self.first, self.longest, self.current = first, longest, first

    def next(self) -> float:
        wait, self.current = self.current, min(self.current * 2, self.longest)
        return wait

    def reset(self) -> None:
        self.current = self.first


def supervise(what: str, run: Run, stop: threading.Event,
              say: Callable[[str], None], backoff: Backoff | None = None) -> None:
    """Run ``run(connected)`` until ``stop`` is set, starting it again after each loss of the database.
    ``run`` calls ``connected()`` once it is connected and working (which resets the waits) and returns
    when ``stop`` is set."""
    backoff = backoff or Backoff()
    while not stop.is_set():
        try:
            run(backoff.reset)
            return
        except Exception as error:
            if not is_connection_loss(error):
                raise
            wait = backoff.next()
            say(f"The {what} lost its database connection ({describe_loss(error)}); "
                f"trying again in {wait:g} s.")
            if stop.wait(wait):
                return


def run_projector(database: Any, back_office: Any, schema: str, stop: threading.Event, say: Callable[[str], None],
                  *, batch_size: int = 2000, standby: bool = True,
                  caught_up: threading.Event | None = None) -> Run:
    """One connected run of the projector: its three connections, its lock, then ``follow`` until ``stop``.
    Without ``standby`` the first run does not wait for a lock another projector holds: it returns at once.
    ``caught_up`` is set once the read models have caught up (or when another projector keeps them)."""
    from infrastructure.locks import hold_projector_lock, projector_lock_key, try_advisory_lock
    from projections.projector import Projector

    runs = 0

    def run(connected: Callable[[], None]) -> None:
        nonlocal runs
        runs += 1
        with database.connect() as lock, database.connect() as conn, database.connect() as listen:
            if not standby and runs == 1 and not try_advisory_lock(lock, projector_lock_key(schema)):
                say("Another projector is running on this database; this process will not run one.")
                if caught_up is not None:
                    caught_up.set()
                return
            hold_projector_lock(lock, schema, lambda: say(
                "Another projector is running on this database; waiting as a standby…"))
            projector = Projector(back_office, conn, schema, batch_size=batch_size)
            say(f"Projector running from position {projector.position}.")
            projector.catch_up(stop=stop)
            connected()
            if caught_up is not None:
                caught_up.set()
            projector.follow(stop, listen)
            say(f"Projector stopped at position {projector.position}.")

    return run


def run_scheduler(database: Any, back_office: Any, schema: str, stop: threading.Event, say: Callable[[str], None],
                  *, standby: bool = True, check_every: float = LOCK_CHECK_EVERY,
                  audit_key: bytes | None = None) -> Run:
    """One connected run of the scheduler: its lock, a catch-up, the jobs at their times; every
    ``check_every`` seconds it checks that the connection holding its lock is alive, and stops the jobs
    (to start again after reconnecting) when it is not."""
    from cli.schedule_commands import build_scheduler, hold_scheduler_lock
    from infrastructure.locks import scheduler_lock_key, try_advisory_lock

    runs = 0

    def run(connected: Callable[[], None]) -> None:
        nonlocal runs
        runs += 1
        with database.connect() as lock:
            if not standby and runs == 1 and not try_advisory_lock(lock, scheduler_lock_key(schema)):
                say("Another scheduler is running on this database; this process will not run one.")
                return
            hold_scheduler_lock(lock, schema, say)
            scheduler = build_scheduler(database, back_office, schema, audit_key)
            caught_up = scheduler.overdue()
            scheduler.start()
            try:
                connected()
                say(f"Scheduler running (caught up: {', '.join(caught_up) or 'nothing'}).")
                while not stop.wait(check_every):
                    lock.execute("SELECT 1")  # the lock lives as long as this connection
            finally:
                scheduler.stop()

    return run
