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

    from cli.schedule_commands import build_scheduler, scheduler_lock_key
    from projections.projector import Projector, projector_lock_key, try_advisory_lock
    from web.app import close_app, create_app

    with settings.session() as (database, back_office, schema), database.connect() as locks, \
            database.connect() as projection, database.connect() as listen:
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
        follower = None
        if try_advisory_lock(locks, projector_lock_key(schema)):
            projector = Projector(back_office, projection, schema)
            projector.catch_up()
            follower = threading.Thread(target=projector.follow, args=(stop, listen), name="projector", daemon=True)
            follower.start()
        else:
            click.echo("Another projector is running on this database; this process will not run one.", err=True)
        scheduler = None
        if try_advisory_lock(locks, scheduler_lock_key(schema)):
            scheduler = build_scheduler(database, back_office, schema, settings.audit_key(database))
            scheduler.start()
        else:
            click.echo("Another scheduler is running on this database; this process will not run one.", err=True)
        threading.Thread(target=server.run, name="web", daemon=True).start()
        _announce(host, port, logins)
        stop.wait()
        click.echo("Stopping…", err=True)
        server.close()
        if scheduler is not None:
            scheduler.stop()
        if follower is not None:
            follower.join(timeout=5)
        close_app(app)


def _load_demo(back_office: Any) -> list[tuple[str, Any]]:
    """Load the demo cases and their sign-ins into an empty database. A database that already holds cases
    only gets its demo sign-ins listed again: known passwords are never added to real data."""
    from application.demo import DEMO_USERS, ensure_demo_users, load_demo

    if not back_office.event_count():
        click.echo("Loading the demo cases…", err=True)
        load_demo(back_office)
        return ensure_demo_users(back_office)
    click.echo("The database already holds cases; the demo was not loaded again.", err=True)
    existing = {account.username for account in back_office.list_accounts()}
    return [(username, role) for username, _, role in DEMO_USERS if username in existing]


def _announce(host: str, port: int, logins: list[tuple[str, Any]]) -> None:
    from application.demo import DEMO_PASSWORD

    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    click.echo(f"Community Trigger is running at http://{shown}:{port}/ (Ctrl-C stops it).")
    click.echo(f"The public application form is at http://{shown}:{port}/apply")
    if logins:
        click.echo(f"Demo sign-ins (password for each: {DEMO_PASSWORD!r}):")
        for username, role in logins:
            click.echo(f"  {role.label:<40} {username}")
