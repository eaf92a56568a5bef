"""APScheduler (3.x) in Europe/London time, running the jobs at their times, one scheduler per database.

After downtime each job catches up exactly once: at start, a job whose next time after its last recorded
run has already passed (or that has never run) runs once, whatever the number of runs it missed. The jobs
are idempotent, so a catch-up that overlaps a run that did happen changes nothing.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from infrastructure.scheduler_tables import create_scheduler_tables, last_run, record_failure, record_run
from infrastructure.storage import describe_loss, is_connection_loss
from scheduler.jobs import Jobs

LONDON = ZoneInfo("Europe/London")
log = logging.getLogger(__name__)


def triggers() -> dict[str, BaseTrigger]:
    """When each job runs, London time. The order is the order of a catch-up."""
    return {
        "retention": CronTrigger(hour=2, minute=30, timezone=LONDON),
        "checkpoint": CronTrigger(hour=2, minute=45, timezone=LONDON),
        "deadlines": CronTrigger(hour=6, minute=0, timezone=LONDON),
        "digest": CronTrigger(day_of_week="mon-fri", hour=7, minute=30, timezone=LONDON),
        "outbox": IntervalTrigger(minutes=1, timezone=LONDON),
    }


class Scheduler:
    def __init__(self, jobs: Jobs, now: Callable[[], datetime] = lambda: datetime.now(LONDON)) -> None:
        self.jobs, self.now = jobs, now
        self.functions: dict[str, Callable[[], Any]] = {
            "retention": jobs.list_retention,
            "checkpoint": jobs.make_audit_checkpoint,
            "deadlines": jobs.check_deadlines,
            "digest": jobs.send_digest,
            "outbox": jobs.deliver_outbox,
        }
        self.triggers = triggers()
        self.background: BackgroundScheduler | None = None
        with jobs.connect() as conn:
            create_scheduler_tables(conn, jobs.schema)

    def run(self, name: str) -> Any:
        """Run one job now and record the run."""
        started, clock = self.now(), time.monotonic()
        try:
            self.jobs.back_office.keys.refresh()  # a key shredded by another process is not used again
            result = self.functions[name]()
        except Exception as error:
            if not is_connection_loss(error):
                with contextlib.suppress(Exception), self.jobs.connect() as conn:
                    record_failure(conn, self.jobs.schema, name)
            raise
        with self.jobs.connect() as conn:
            record_run(conn, self.jobs.schema, name, started)
        log.info("job %s ran: %s", name, result, extra={"job": name, "result": "ok", "outcome": str(result),
                                                       "duration_ms": round((time.monotonic() - clock) * 1000)})
        return result

    def overdue(self) -> list[str]:
        """The jobs that have never run, or whose next time after their last run has passed."""
        now, found = self.now(), []
        with self.jobs.connect() as conn:
            for name, trigger in self.triggers.items():
                last = last_run(conn, self.jobs.schema, name)
                # an interval job (the outbox) simply runs at start; a timed job if its time has passed
                if last is None or isinstance(trigger, IntervalTrigger) or _next_after(trigger, last) <= now:
                    found.append(name)
        return found

    def catch_up(self) -> list[str]:
        """Run each overdue job once, each whatever the others did (a lost database connection stops the
        catch-up: it starts again once connected); returns their names."""
        names = self.overdue()
        for name in names:
            self._run_logged(name, reraise_loss=True)
        return names

    def start(self) -> None:
        """Catch up, then run the jobs at their times in a background thread (one job at a time)."""
        self.catch_up()
        self.background = BackgroundScheduler(
            timezone=LONDON, executors={"default": ThreadPoolExecutor(1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})
        for name, trigger in self.triggers.items():
            self.background.add_job(self._run_logged, trigger, args=[name], id=name, name=name)
        self.background.start()

    def _run_logged(self, name: str, reraise_loss: bool = False) -> None:
        try:
            self.run(name)
        except Exception as error:  # a failing job must not stop the others; it runs again at its next time
            if not is_connection_loss(error):
                log.exception("job %s failed; it will run again at its next time", name,
                              extra={"job": name, "result": "failed"})
            elif reraise_loss:
                raise
            else:
                log.warning("job %s could not reach the database (%s); it will run again at its next time",
                            name, describe_loss(error))

    def stop(self) -> None:
        if self.background is not None:
            self.background.shutdown(wait=True)
            self.background = None


def _next_after(trigger: BaseTrigger, last: datetime) -> datetime:
    after = last.astimezone(LONDON) + timedelta(microseconds=1)
    upcoming = trigger.get_next_fire_time(None, after)
    assert upcoming is not None
    return upcoming
