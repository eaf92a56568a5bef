"""``community-trigger serve``: the whole product in one process, for a laptop or a trial. The embedded
database (or DATABASE_URL), the web interface, the projector and the scheduler; ``--demo`` loads the demo
cases and a sign-in for each role. Production runs ``web``, ``project`` and ``schedule`` separately."""

from __future__ import annotations

import signal
import threading
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from cli.main import Settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--demo", is_flag=True, help="Load the demo cases (into an empty database) and a sign-in for each role.")
@click.pass_obj
def serve(settings: Settings, host: str, port: int, demo: bool) -> None:
    """Run everything in one process: web interface, projector and scheduler (Ctrl-C stops it)."""
    import waitress

    from cli.schedule_commands import notice
    from cli.supervise import run_projector, run_scheduler, supervise
    from web.app import close_app, create_app

    with settings.session() as (database, back_office, schema):
        app = create_app(back_office, database, schema, config={"SESSION_COOKIE_SECURE": False},
                         audit_key=settings.audit_key(database))
        try:
            server = waitress.create_server(app, host=host, port=port, threads=8, ident="community-trigger")
        except OSError as error:
            close_app(app)
            raise click.ClickException(
                f"Cannot listen on {host}:{port}: {error.strerror}. Choose another --port.") from None
        stop = threading.Event()  # set by Ctrl-C or SIGTERM, from here on
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        logins = _load_demo(back_office) if demo else []
        # The projector and the scheduler each reconnect by themselves after a database outage; if another
        # process already runs one of them here, this process runs none (until an outage, then it may stand by).
        # The scheduler starts once the read models it reads have caught up. Any other error stops everything.
        caught_up, failures = threading.Event(), []
        project = run_projector(database, back_office, schema, stop, notice, standby=False, caught_up=caught_up)
        schedule = run_scheduler(database, back_office, schema, stop, notice, standby=False,
                                 audit_key=settings.audit_key(database))
        workers = [
            threading.Thread(target=_guarded, name="projector", daemon=True, args=(
                stop, failures, lambda: supervise("projector", project, stop, notice))),
            threading.Thread(target=_guarded, name="scheduler", daemon=True, args=(
                stop, failures, lambda: _after(caught_up, stop) and supervise("scheduler", schedule, stop, notice))),
        ]
        for worker in workers:
            worker.start()
        threading.Thread(target=server.run, name="web", daemon=True).start()
        _announce(host, port, logins)
        stop.wait()
        click.echo("Stopping…", err=True)
        server.close()
        for worker in workers:
            worker.join(timeout=5)
        close_app(app)
        if failures:
            raise click.ClickException(" ".join(failures))


def _after(ready: threading.Event, stop: threading.Event) -> bool:
    """Wait until ``ready``; False if ``stop`` came first."""
    while not ready.wait(0.5):
        if stop.is_set():
            return False
    return True


def _guarded(stop: threading.Event, failures: list[str], work: Any) -> None:
    """Run ``work``; an error it cannot get past stops the whole process, with its message (no traceback)."""
    try:
        work()
    except Exception as error:
        failures.append(str(error) or error.__class__.__name__)
        stop.set()


def _load_demo(back_office: Any) -> list[tuple[str, Any]]:
    """Load the demo cases and their sign-ins into an empty database. A database that already holds cases
    only gets its demo sign-ins listed again: known passwords are never added to real data."""
    from demo.loader import DEMO_USERS, ensure_demo_users, load_demo

    if not back_office.event_count():
        click.echo("Loading the demo cases…", err=True)
        load_demo(back_office)
        return ensure_demo_users(back_office)
    click.echo("The database already holds cases; the demo was not loaded again.", err=True)
    existing = {account.username for account in back_office.accounts.list_accounts()}
    return [(username, role) for username, _, role in DEMO_USERS if username in existing]


def _announce(host: str, port: int, logins: list[tuple[str, Any]]) -> None:
    from demo.loader import DEMO_PASSWORD

    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(f"Community Trigger is running at http://{shown}:{port}/ (Ctrl-C stops it).")
    click.echo(f"The public application form is at http://{shown}:{port}/apply")
    if logins:
        click.echo(f"Demo sign-ins (password for each: {DEMO_PASSWORD!r}):")
        for username, role in logins:
            click.echo(f"  {role.label:<40} {username}")
