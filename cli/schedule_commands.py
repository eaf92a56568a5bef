"""``schedule``, ``outbox`` and ``retention``: the scheduler process and what it reports."""

from __future__ import annotations

import signal
import threading
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from cli.text import cell
from domain.periods import long_date


def build_scheduler(database: Any, back_office: Any, schema: str) -> Any:
    """Compose the scheduler on a database (the one place its parts are put together)."""
    from scheduler.jobs import Jobs
    from scheduler.mailer import SmtpServer
    from scheduler.runner import Scheduler

    try:
        server = SmtpServer.from_settings(back_office.profile.email)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    return Scheduler(Jobs(back_office, database.connect, schema, server))


def scheduler_lock_key(schema: str) -> str:
    return f"community-trigger-scheduler:{schema}"


def hold_scheduler_lock(conn: Any, schema: str) -> None:
    from projections.projector import hold_advisory_lock

    hold_advisory_lock(conn, scheduler_lock_key(schema), lambda: click.echo(
        "Another scheduler is running on this database; waiting as a standby…", err=True))


@click.command()
@click.option("--once", is_flag=True, help="Run every job once now (retention, deadlines, digest, outbox) and exit.")
@click.pass_obj
def schedule(settings: Any, once: bool) -> None:
    """Run the scheduler: deadlines missed, reminders, the managers' digest, the outbox, the retention list.

    Times are London time: retention 02:30, deadlines 06:00, digest 07:30 on weekdays, outbox every minute.
    A job missed while nothing ran catches up once at start. One scheduler runs per database; a second
    waits as a standby. SMTP settings come from the profile's [email] table and SMTP_* variables."""
    from cli.main import read_models

    with settings.session() as (database, back_office, schema), database.connect() as lock:
        with read_models(database, back_office, schema):
            pass  # refuses, with what to do, when the read models were never built
        hold_scheduler_lock(lock, schema)
        scheduler = build_scheduler(database, back_office, schema)
        if once:
            for name in scheduler.functions:
                click.echo(f"{name}: {scheduler.run(name)}", err=True)
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        caught_up = scheduler.overdue()
        scheduler.start()
        click.echo(f"Scheduler running (caught up: {', '.join(caught_up) or 'nothing'}). Stop it with Ctrl-C.",
                   err=True)
        stop.wait()
        scheduler.stop()
        click.echo("Scheduler stopped.", err=True)


@click.command()
@click.option("--all", "everything", is_flag=True, help="Every email, not only those needing attention.")
@click.pass_obj
def outbox(settings: Any, everything: bool) -> None:
    """Emails that need attention (failed, in doubt, still queued), from the outbox read model."""
    from cli.main import read_models
    from projections.deadline_watch import DeadlineWatch

    statuses = ("queued", "failed", "handing over", "uncertain") + (("delivered",) if everything else ())
    with settings.session() as (database, back_office, schema), read_models(database, back_office, schema) as conn:
        rows = DeadlineWatch(conn, schema).emails(*statuses)
    table = Table(title=f"Outbox ({len(rows)} email(s))")
    for column in ("Queued", "Status", "Case", "Subject", "To", "Problem"):
        table.add_column(column)
    for row in rows:
        table.add_row(long_date(row.queued_on), row.status, *map(cell, (row.reference, row.subject, row.recipients,
                                                                        row.last_error)))
    Console().print(table)


@click.command()
@click.pass_obj
def retention(settings: Any) -> None:
    """Closed cases past the partnership's retention period, as the scheduler last listed them (nightly)."""
    from cli.main import read_models
    from scheduler.tables import retention_list

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
