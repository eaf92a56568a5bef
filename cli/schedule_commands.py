"""``schedule``, ``outbox`` and ``retention``: the scheduler process and what it reports."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from cli.text import cell
from domain import plurals
from domain.email import EmailStatus
from domain.periods import long_date


def build_scheduler(database: Any, back_office: Any, schema: str, audit_key: bytes | None = None) -> Any:
    """Compose the scheduler on a database (the one place its parts are put together)."""
    from scheduler.jobs import Jobs
    from scheduler.mailer import SmtpServer
    from scheduler.runner import Scheduler

    try:
        server = SmtpServer.from_settings(back_office.profile.email)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    return Scheduler(Jobs(back_office, database.connect, schema, server, audit_key=audit_key))


def notice(text: str) -> None:
    click.echo(text, err=True)


def hold_scheduler_lock(conn: Any, schema: str, say: Callable[[str], None] = notice) -> None:
    from infrastructure import locks

    locks.hold_scheduler_lock(conn, schema, lambda: say(
        "Another scheduler is running on this database; waiting as a standby…"))


@click.command()
@click.option("--once", is_flag=True,
              help="Run every job once now (retention, checkpoint, deadlines, digest, outbox) and exit.")
@click.pass_obj
def schedule(settings: Any, once: bool) -> None:
    """Run the scheduler: deadlines missed, reminders, the managers' digest, the outbox, the retention list.

    Times are London time: retention 02:30, audit checkpoint 02:45, deadlines 06:00, digest 07:30 on weekdays,
    outbox every minute.
    A job missed while nothing ran catches up once at start. One scheduler runs per database; a second
    waits as a standby. When the database goes away it reconnects by itself (waiting longer each time, up
    to 30 s) and catches up again. SMTP settings come from the profile's [email] table and SMTP_* variables."""
    from cli.main import read_models
    from cli.supervise import run_scheduler, supervise

    with settings.session() as (database, back_office, schema):
        with read_models(database, back_office, schema):
            pass  # refuses, with what to do, when the read models were never built
        if once:
            with database.connect() as lock:
                hold_scheduler_lock(lock, schema)
                scheduler = build_scheduler(database, back_office, schema, settings.audit_key(database))
                failed = []
                for name in scheduler.functions:  # each job runs whatever the one before it did
                    try:
                        click.echo(f"{name}: {scheduler.run(name)}", err=True)
                    except Exception as error:
                        failed.append(name)
                        click.echo(f"{name}: failed ({error.__class__.__name__}: {error})", err=True)
            if failed:
                raise click.ClickException(f"These jobs failed: {', '.join(failed)}; the others ran.")
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        supervise("scheduler", run_scheduler(database, back_office, schema, stop, notice,
                                             audit_key=settings.audit_key(database)), stop, notice)
        click.echo("Scheduler stopped.", err=True)


@click.command()
@click.option("--all", "everything", is_flag=True, help="Every email, not only those needing attention.")
@click.pass_obj
def outbox(settings: Any, everything: bool) -> None:
    """Emails that need attention (failed, in doubt, still queued), from the outbox read model."""
    from cli.main import read_models
    from projections.deadline_watch import DeadlineWatch

    statuses = [status for status in EmailStatus if everything or status is not EmailStatus.DELIVERED]
    with settings.session() as (database, back_office, schema), read_models(database, back_office, schema) as conn:
        rows = DeadlineWatch(conn, schema).emails(*statuses)
    table = Table(title=f"Outbox ({plurals.counted(len(rows), 'email')})")
    for column in ("Queued", "Status", "Case", "Subject", "To", "Problem"):
        table.add_column(column)
    for row in rows:
        table.add_row(long_date(row.queued_on), row.status.label,
                      *map(cell, (row.reference, row.subject, row.recipients, row.last_error)))
    Console().print(table)


@click.command()
@click.pass_obj
def retention(settings: Any) -> None:
    """Closed cases past the partnership's retention period, as the scheduler last listed them (nightly)."""
    from cli.main import read_models
    from infrastructure.scheduler_tables import retention_list

    with settings.session() as (database, back_office, schema), read_models(database, back_office, schema) as conn:
        rows = retention_list(conn, schema)
        years = back_office.profile.retention_years
    if not rows:
        click.echo(f"No closed case is past the {years}-year retention period (as last listed by the scheduler).")
        return
    click.echo(f"Closed cases past the {years}-year retention period (listed {long_date(rows[0][3])}); "
               "they are reported only, nothing has been erased:")
    table = Table()
    for column in ("Reference", "Ended", "Retention ended"):
        table.add_column(column)
    for reference, ended_on, retention_ended_on, _ in rows:
        table.add_row(reference, long_date(ended_on), long_date(retention_ended_on))
    Console().print(table)
