"""``community-trigger web`` (the officer web interface) and ``community-trigger users`` (user
administration). Registered on the main group at the end of ``cli/main.py``; ``Settings`` is
imported inside the commands because ``cli.main`` imports this module."""

from __future__ import annotations

import atexit
import contextlib
import getpass
import os
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from cli.text import LONG_TEXT, TEXT, cell
from domain.user import Role

if TYPE_CHECKING:
    from flask import Flask

    from cli.main import Settings

PASSWORD_VARIABLE = "COMMUNITY_TRIGGER_PASSWORD"
ROLE_NAMES = [role.value for role in Role]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True)
@click.option("--local-http", is_flag=True,
              help="Send the session cookie over plain http too (only for trying it out on this machine; in "
                   "production serve it over HTTPS).")
@click.option("--production", is_flag=True,
              help="Run under gunicorn with the packaged configuration (cli/gunicorn_config.py: workers, "
                   "timeouts, JSON access log); --host/--port become COMMUNITY_TRIGGER_BIND unless it is set.")
@click.pass_obj
def web(settings: Settings, host: str, port: int, threads: int, local_http: bool, production: bool) -> None:
    """Serve the officer web interface (waitress; with --production, gunicorn).

    Set COMMUNITY_TRIGGER_SECRET_KEY (a long random string) so sessions survive restarts. In production
    run it under gunicorn with the packaged configuration, on an external database (DATABASE_URL):

        community-trigger web --production     (or: gunicorn -c python:cli.gunicorn_config 'cli.web_commands:wsgi()')
    """
    if production:
        _exec_gunicorn(settings, host, port)
    import waitress

    from web.app import close_app, create_app

    with settings.session() as (database, back_office, schema):
        app = create_app(back_office, database, schema, audit_key=settings.audit_key(database),
                         config={"SESSION_COOKIE_SECURE": False} if local_http else None)
        click.echo(f"Serving the web interface on http://{host}:{port}/ (Ctrl-C stops it).", err=True)
        try:
            waitress.serve(app, host=host, port=port, threads=threads, ident="community-trigger")
        finally:
            close_app(app)


def _exec_gunicorn(settings: Settings, host: str, port: int) -> None:
    """Replace this process with gunicorn (the same Python), passing the command line's settings on."""
    import sys

    environ = dict(os.environ)
    environ.setdefault("COMMUNITY_TRIGGER_BIND", f"{host}:{port}")
    if settings.database_url:
        environ["DATABASE_URL"] = settings.database_url
    if settings.profile:
        environ["COMMUNITY_TRIGGER_PROFILE"] = str(settings.profile)
    environ["COMMUNITY_TRIGGER_DATA_DIR"] = str(settings.data_dir)
    os.execve(sys.executable, [sys.executable, "-m", "gunicorn", "-c", "python:cli.gunicorn_config",
                               "cli.web_commands:wsgi()"], environ)


def wsgi() -> Flask:
    """The app for a WSGI server (``gunicorn -c python:cli.gunicorn_config 'cli.web_commands:wsgi()'``), with the
    settings from the environment (infrastructure/settings.py; docs/OPERATIONS.md lists them). In production
    (COMMUNITY_TRIGGER_ENV=production) it refuses to start without its keys, naming the variable."""
    from cli.main import Settings, log_audit_checkpoints
    from infrastructure.settings import Settings as Deployment
    from web.app import create_app

    deployment = Deployment.from_environ(os.environ).checked()
    log_audit_checkpoints(deployment.log_format)
    settings = Settings(deployment.data_dir, deployment.database_url, deployment.profile)
    stack = contextlib.ExitStack()
    database, back_office, schema = stack.enter_context(settings.session())
    atexit.register(stack.close)
    return create_app(back_office, database, schema, audit_key=settings.audit_key(database))


@click.group()
def users() -> None:
    """Users of the back office and their roles (every change is recorded with who made it)."""


def _password() -> str:
    from_environment = os.environ.get(PASSWORD_VARIABLE)
    if from_environment:
        return from_environment
    password: str = click.prompt("Password (at least 12 characters)", hide_input=True, confirmation_prompt=True)
    return password


def _actor(actor: str | None) -> str:
    return actor or f"system:cli:{getpass.getuser()}"


ACTOR = click.option("--actor", type=TEXT, help="Who is making the change (default: system:cli:<your login name>).")


@users.command("add")
@click.argument("username", type=TEXT)
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(ROLE_NAMES),
              help="A role (repeat for several).")
@click.option("--name", required=True, type=TEXT, help="The person's name as shown to others.")
@click.option("--email", required=True, type=TEXT)
@click.option("--agency", default="", type=TEXT,
              help="The agency an agency contact works for (one of the partnership's).")
@ACTOR
@click.pass_obj
def add_user(settings: Settings, username: str, roles: tuple[str, ...], name: str, email: str,
             agency: str, actor: str | None) -> None:
    """Add a user; the password comes from COMMUNITY_TRIGGER_PASSWORD, or else a prompt."""
    password = _password()
    with settings.back_office() as back_office:
        bodies = back_office.profile.relevant_bodies
        if agency and agency.strip() not in bodies:  # checked first, so a refused agency adds no user
            raise click.BadParameter(f"{agency} is not one of the partnership's agencies; choose one of: "
                                     f"{', '.join(bodies)}.", param_hint="'--agency'")
        back_office.accounts.register_user(username, display_name=name, email=email, roles=[Role(r) for r in roles],
                                           password=password, actor=_actor(actor))
        if agency:
            back_office.accounts.assign_agency(username, agency=agency, actor=_actor(actor))
    click.echo(f"Added {username.strip().lower()} ({', '.join(roles)})" + (f", of {agency}." if agency else "."))


@users.command("list")
@click.pass_obj
def list_users(settings: Settings) -> None:
    """Every user, their roles and whether they can sign in."""
    with settings.back_office() as back_office:
        accounts = back_office.accounts.list_accounts()
    table = Table(title=f"Users ({len(accounts)})")
    for column in ("Username", "Name", "Email", "Roles", "Can sign in"):
        table.add_column(column)
    for account in accounts:
        table.add_row(cell(account.username), cell(account.display_name), cell(account.email),
                      ", ".join(sorted(role.value for role in account.roles)), "yes" if account.enabled else "no")
    Console(width=160).print(table)


@users.command("disable")
@click.argument("username", type=TEXT)
@click.option("--reason", required=True, type=LONG_TEXT, help="Why the account is disabled (kept in its history).")
@ACTOR
@click.pass_obj
def disable_user(settings: Settings, username: str, reason: str, actor: str | None) -> None:
    """Stop a user signing in (their history stays)."""
    with settings.back_office() as back_office:
        back_office.accounts.disable_user(username, reason=reason, actor=_actor(actor))
    click.echo(f"Disabled {username.strip().lower()}.")


@users.command("enable")
@click.argument("username", type=TEXT)
@click.option("--reason", required=True, type=LONG_TEXT, help="Why the account is enabled again (kept in its history).")
@ACTOR
@click.pass_obj
def enable_user(settings: Settings, username: str, reason: str, actor: str | None) -> None:
    """Let a disabled user sign in again."""
    with settings.back_office() as back_office:
        back_office.accounts.enable_user(username, reason=reason, actor=_actor(actor))
    click.echo(f"Enabled {username.strip().lower()}.")


@users.command("token")
@click.argument("username", type=TEXT)
@click.option("--label", required=True, type=TEXT,
              help="What the token is for, e.g. 'case import script' (1–100 characters).")
@ACTOR
@click.pass_obj
def issue_token(settings: Settings, username: str, label: str, actor: str | None) -> None:
    """Issue a JSON API token to a user and print it once (only its hash is kept)."""
    with settings.back_office() as back_office:
        issued = back_office.accounts.issue_api_token(username, label=label, actor=_actor(actor))
    click.echo(f"Token {issued.token_id} for {username.strip().lower()} ({label.strip()}); it is shown only "
               "this once, so keep it safe:", err=True)
    click.echo(issued.token)


@users.command("revoke-token")
@click.argument("username", type=TEXT)
@click.argument("token_id", type=TEXT)
@click.option("--reason", required=True, type=LONG_TEXT, help="Why the token is revoked (kept in the user's history).")
@ACTOR
@click.pass_obj
def revoke_token(settings: Settings, username: str, token_id: str, reason: str, actor: str | None) -> None:
    """Revoke one of a user's JSON API tokens (TOKEN_ID as printed when it was issued)."""
    with settings.back_office() as back_office:
        back_office.accounts.revoke_api_token(username, token_id, reason=reason, actor=_actor(actor))
    click.echo(f"Revoked token {token_id.strip()} of {username.strip().lower()}.")
