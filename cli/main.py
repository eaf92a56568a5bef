"""``community-trigger``: the command line, and the place where storage, the partnership profile
and BackOffice are put together."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import psycopg
from argon2 import PasswordHasher
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from application.audit_key import load_audit_key
from application.backoffice import BackOffice
from application.errors import BackOfficeError
from application.passwords import production_hasher
from application.profile import load_profile
from cli.text import LONG_TEXT, TEXT, cell, plain
from domain import plurals
from domain.errors import CaseRuleError
from domain.periods import long_date
from domain.stage import Stage
from infrastructure.erasure_register import ErasureRegister
from infrastructure.errors import DatabaseUnavailableError, StorageError
from infrastructure.keys import require_master_key
from infrastructure.storage import RUN_MIGRATE, Database, creates_tables, database_session
from projections.projector import ProjectionError

SCHEMA_VARIABLE = "COMMUNITY_TRIGGER_SCHEMA"
WIDE = 140  # columns from which the history is shown as a table


class Settings:
    def __init__(self, data_dir: Path, database_url: str | None, profile: Path | None,
                 password_hasher: PasswordHasher | None = None) -> None:
        self.data_dir, self.database_url, self.profile = data_dir, database_url, profile
        self.password_hasher = password_hasher or production_hasher()

    @contextlib.contextmanager
    def session(self) -> Iterator[tuple[Database, BackOffice, str]]:
        """The database, the BackOffice on it and the schema, for one command."""
        profile = load_profile(self.profile)
        with database_session(self.database_url, self.data_dir) as database:
            for notice in database.notices:
                click.echo(notice, err=True)
            schema = os.environ.get(SCHEMA_VARIABLE, "public")
            if schema != "public":
                database.create_schema(schema)
            require_migrated(database, schema)
            back_office = BackOffice(profile, env=database.env(schema), password_hasher=self.password_hasher,
                                     master_key=require_master_key(os.environ, self.data_dir),
                                     erasure_register=ErasureRegister.from_environment(os.environ, self.data_dir))
            try:
                yield database, back_office, schema
            finally:
                back_office.close()

    def audit_key(self, database: Database) -> bytes | None:
        """The key that signs audit checkpoints: from the environment, or the embedded server's data folder."""
        return load_audit_key(os.environ, self.data_dir if database.embedded else None)

    @contextlib.contextmanager
    def back_office(self) -> Iterator[BackOffice]:
        with self.session() as (_, back_office, _schema):
            yield back_office


def require_migrated(database: Database, schema: str) -> None:
    """A role that may not create tables (a runtime role) needs every table made by `migrate`."""
    from cli.migrate_command import missing_tables, version_problem

    with database.connect() as conn:
        missing = [] if creates_tables(conn, schema) else missing_tables(conn, schema)
        behind = version_problem(conn, schema)
    if behind and not missing:
        raise StorageError(behind)
    if missing:
        raise StorageError(f"Schema {schema!r} lacks {', '.join(missing)}, and this database role may not create "
                           f"tables: {RUN_MIGRATE}.")


@contextlib.contextmanager
def read_models(database: Database, back_office: BackOffice, schema: str) -> Iterator[Any]:
    """A connection to the read models; refuses when they were never built, warns when they lag."""
    from projections.case_list import CaseList
    from projections.tables import read_models_built

    with database.connect() as conn:
        if not read_models_built(conn, schema):
            raise click.ClickException("The read models have not been built yet: run `community-trigger rebuild`, "
                                       "or keep `community-trigger project` running.")
        position, latest = CaseList(conn, schema).position(), back_office.event_count()
        if position < latest:
            click.echo(f"Note: the read models include events up to position {position} of {latest}; "
                       "is `community-trigger project` running?", err=True)
        yield conn


def emit(text: str, output: Path | None, what: str) -> None:
    """Print ``text``, or write it to ``output`` and say so on stderr."""
    text = plain(text)  # stored text in a report or pack: control characters as visible escapes
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror}.") from None
    click.echo(f"Wrote {what} to {output}.", err=True)


class FriendlyGroup(click.Group):
    """Turns every known error into one line on stderr and exit status 1: no tracebacks."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (BackOfficeError, CaseRuleError, ProjectionError, StorageError, DatabaseUnavailableError) as error:
            raise click.ClickException(plain(error)) from None
        except psycopg.errors.InsufficientPrivilege as error:
            raise click.ClickException(
                f"The database refused this to the connected role ({plain(str(error).splitlines()[0])}); changes "
                "to tables, such as `migrate` and `rebuild`, need the database owner's URL.") from None


@click.group(cls=FriendlyGroup)
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default="var",
              envvar="COMMUNITY_TRIGGER_DATA_DIR", show_default=True,
              help="Folder of the embedded PostgreSQL server (ignored with --database-url).")
@click.option("--database-url", envvar="DATABASE_URL",
              help="postgresql://user:password@host:5432/dbname of an external server "
                   "[env DATABASE_URL].")
@click.option("--profile", type=click.Path(dir_okay=False, path_type=Path),
              envvar="COMMUNITY_TRIGGER_PROFILE",
              help="Partnership profile TOML file (default: the built-in Dartford profile).")
@click.pass_context
def main(ctx: click.Context, data_dir: Path, database_url: str | None,
         profile: Path | None) -> None:
    """Community Trigger (ASB Case Review) back office."""
    from infrastructure.settings import Settings as Deployment
    from infrastructure.settings import SettingsError

    try:
        deployment = Deployment.from_environ(os.environ).checked()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    ctx.obj = Settings(data_dir, database_url or None, profile)
    ctx.obj.deployment = deployment
    log_audit_checkpoints(deployment.log_format)


class StandardError(logging.Handler):
    """Writes to whatever standard error is when the record is emitted (a StreamHandler keeps the stream it was
    made with)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:
            self.handleError(record)


def log_audit_checkpoints(log_format: str = "text") -> None:
    """Audit checkpoints, requests, job runs and the security log go to standard error as log lines (one JSON
    object per line with ``COMMUNITY_TRIGGER_LOG_FORMAT=json``, the default in production), unless logging was
    set up otherwise, so that a service manager's log (journald, a container's log) collects them and ships them
    out of reach."""
    from infrastructure.logs import json_formatter

    # job runs (the scheduler's own log) join them as JSON lines; as text they stay off the terminal's output
    for name in ("community_trigger", "scheduler") if log_format == "json" else ("community_trigger",):
        logger = logging.getLogger(name)
        if not logger.handlers:
            handler = StandardError()
            handler.setFormatter(json_formatter() if log_format == "json" else
                                 logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)


@main.command()
@click.pass_obj
def demo(settings: Settings) -> None:
    """Load realistic demo cases, spread over several years, through the BackOffice use cases."""
    from demo.loader import load_demo  # the demo script is only needed here

    console = Console()
    with settings.back_office() as back_office:
        if back_office.event_count():
            console.print("The database already holds cases; the demo was not loaded again.")
            return
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Loading demo cases", total=None)
            references = load_demo(
                back_office, on_case=lambda total: progress.update(task, total=total, advance=1)
            )
        console.print(
            f"Loaded {len(references)} demo cases ({back_office.event_count()} events) from "
            f"{references[0]} to {references[-1]}. Try: community-trigger history {references[0]}"
        )


@main.command()
@click.argument("reference", type=TEXT)
@click.pass_obj
def history(settings: Settings, reference: str) -> None:
    """A case's full event history in order: time, actor, event, details, reason."""
    with settings.back_office() as back_office:
        entries = back_office.cases.history(reference)
        case = back_office.cases.get_case(reference)
    console = Console()
    title = cell(f"History of {case.reference} — now: {case.stage.label}")
    if console.width >= WIDE:
        table = Table(title=title, show_lines=True)
        table.add_column("Recorded (UTC)", no_wrap=True)
        table.add_column("Actor", no_wrap=True)
        table.add_column("Event", no_wrap=True)
        table.add_column("Details", overflow="fold", ratio=3)
        table.add_column("Reason", overflow="fold", ratio=2)
        for entry in entries:
            table.add_row(f"{entry.recorded_at:%Y-%m-%d %H:%M:%S}", cell(entry.actor),
                          f"{entry.record}.{entry.event}", cell(entry.details), cell(entry.reason))
        console.print(table)
        return
    console.print(title, style="bold")  # narrow terminals: one block per event
    for entry in entries:
        console.print(f"\n{entry.recorded_at:%Y-%m-%d %H:%M:%S}  [bold]{entry.record}.{entry.event}[/bold]"
                      f"  by {cell(entry.actor)}", highlight=False)
        if entry.details:
            console.print(f"    {plain(entry.details)}", highlight=False, markup=False)
        if entry.reason:
            console.print(f"    Reason: {plain(entry.reason)}", highlight=False, markup=False)


@main.command()
@click.argument("reference", type=TEXT)
@click.pass_obj
def deadlines(settings: Settings, reference: str) -> None:
    """Each step's due date (working days) for a case, and whether it was met."""
    with settings.back_office() as back_office:
        found = back_office.cases.deadlines(reference)
        today = back_office.today()
    table = Table(title=cell(f"Deadlines of {reference.upper()}"))
    for column in ("Step", "From", "Due", "Met", "Status"):
        table.add_column(column)
    for deadline in found:
        met = long_date(deadline.met_on) if deadline.met_on else ""
        status = deadline.status(today).label
        status = status.upper() if deadline.is_overdue(today) else status
        table.add_row(cell(deadline.label), long_date(deadline.starts_on), long_date(deadline.due_on),
                      met, status)
    Console().print(table)


@main.command("check-profile")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def check_profile(file: Path) -> None:
    """Validate a partnership profile TOML file and summarise it."""
    profile = load_profile(file)
    click.echo(f"{file}: valid profile for {profile.name} (lead agency {profile.lead_agency}).")
    click.echo(f"Threshold: {profile.threshold.describe()}.")
    targets = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in vars(profile.timescales).items())
    click.echo(f"Targets in working days: {targets}.")
    for key, caveat in profile.threshold.barriers():
        click.echo(f"Warning: {key} {caveat} Guidance regards this as a barrier; the statutory test "
                   "(s.104(4)) still decides the threshold as met where the Act's qualifying complaints "
                   "reach the procedure's number.")


@main.command()
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=2000, show_default=True,
              help="Events per transaction while catching up.")
@click.pass_obj
def project(settings: Settings, batch_size: int) -> None:
    """Keep the read models up to date: catch up, then follow new events (LISTEN/NOTIFY).

    One projector runs per database; a second waits as a standby and takes over when the first
    stops. When the database goes away it reconnects by itself (waiting longer each time, up to 30 s)
    and carries on from its position. Stop it with Ctrl-C or SIGTERM."""
    from cli.schedule_commands import notice
    from cli.supervise import run_projector, supervise

    with settings.session() as (database, back_office, schema):
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        supervise("projector", run_projector(database, back_office, schema, stop, notice, batch_size=batch_size),
                  stop, notice)


@main.command()
@click.option("--accept-changed-history", is_flag=True,
              help="Replace the audit trail even though entries rebuilt from the event store differ from it "
                   "(recorded in the event store, with --actor and --reason).")
@click.option("--reason", type=LONG_TEXT,
              help="Why the audit trail is replaced although it differs (with --accept-changed-history).")
@click.option("--actor", type=TEXT, help="Who is replacing it (with --accept-changed-history).")
@click.pass_obj
def rebuild(settings: Settings, accept_changed_history: bool, reason: str | None, actor: str | None) -> None:
    """Replay every event into new read models and swap them in when done (the old ones serve until then, and
    stay if it fails). Refuses to replace an audit trail that differs from the event store unless told to."""
    from infrastructure.locks import hold_projector_lock
    from projections.rebuild import Replacement
    from projections.rebuild import rebuild as rebuild_read_models

    if accept_changed_history and not (reason and reason.strip() and actor and actor.strip()):
        raise click.UsageError("--accept-changed-history needs --reason and --actor: the replacement is recorded.")
    replacement = Replacement(actor or "", reason or "") if accept_changed_history else None
    with settings.session() as (database, back_office, schema), database.connect() as lock, \
            database.connect() as conn:
        hold_projector_lock(lock, schema, lambda: click.echo(
            "A projector is running on this database; waiting for it to stop…", err=True))
        total = back_office.event_count()
        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("Replaying events", total=total)
            done = rebuild_read_models(back_office, conn, schema, replacement=replacement,
                                       on_batch=lambda count, _: progress.update(task, completed=count))
    click.echo(f"Rebuilt the read models from {done.events} events.")
    if done.differing_entries:
        click.echo(f"Replaced an audit trail {done.differing_entries} of whose entries differed from the event store; "
                   "the replacement is recorded in the event store and shows in the new trail.")


@main.command()
@click.option("--stage", type=click.Choice([stage.value for stage in Stage if stage.is_open and stage.is_case_stage]),
              help="Only cases at this stage.")
@click.option("--officer", type=TEXT, help="Only this officer's cases.")
@click.option("--overdue", is_flag=True, help="Only cases with an overdue step.")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.pass_obj
def cases(settings: Settings, stage: str | None, officer: str | None, overdue: bool, page: int) -> None:
    """Open cases from the dashboard read model, overdue first (run `project` or `rebuild` first)."""
    from projections.case_list import CaseList

    with settings.session() as (database, back_office, schema), read_models(database, back_office, schema) as conn:
        today = back_office.today()
        found = CaseList(conn, schema).open_cases(today=today, stage=Stage(stage) if stage else None, officer=officer,
                                                  overdue_only=overdue, page=page)
    table = Table(title=f"Open cases — page {found.page} of {found.pages} ({found.total} in all)")
    table.add_column("Reference", no_wrap=True)
    table.add_column("Received", no_wrap=True)
    for column in ("Stage", "Officer", "Next step"):
        table.add_column(column)
    table.add_column("Due", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Missed", justify="right")
    for case in found.cases:
        due = f"{case.next_due_on:%d %b %Y}" if case.next_due_on else ""
        table.add_row(cell(case.reference), f"{case.received_on:%d %b %Y}", cell(case.stage.label), cell(case.officer),
                      cell(case.next_due_for or ""), due, "OVERDUE" if case.is_overdue(today) else "",
                      str(case.missed_deadlines or ""))
    Console().print(table)


@main.group()
def audit() -> None:
    """The hash-chained audit trail."""


@audit.command("verify")
@click.option("--checkpoint", "lines", multiple=True, metavar="LINE",
              help="A checkpoint line kept elsewhere (from the log, a report or a pack) to compare with; repeatable.")
@click.option("--checkpoints-file", type=click.File("r", encoding="utf-8"),
              help="A file of checkpoint lines kept elsewhere (e.g. the log); other lines are ignored.")
@click.pass_obj
def audit_verify(settings: Settings, lines: tuple[str, ...], checkpoints_file: Any) -> None:
    """Recompute the audit chain, compare each entry with the event stored at its position, and compare the chain
    with every checkpoint; name each event or entry altered, removed or inserted."""
    from projections import audit as trail

    given = [*lines, *(line[line.index("audit-checkpoint "):] for line in (checkpoints_file or ())
                       if "audit-checkpoint " in line)]
    try:
        checkpoints = [trail.Checkpoint.parse(line) for line in given]
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--checkpoint") from None
    with settings.session() as (database, back_office, schema), read_models(database, back_office, schema) as conn:
        key = settings.audit_key(database)
        result = trail.verify(conn, schema, back_office.recorder, key=key, checkpoints=checkpoints)
    for compared in result.checkpoints:
        click.echo(f"  {plain(compared)}")
    if key is None:
        click.echo("Checkpoints are not signed: no audit key is set (COMMUNITY_TRIGGER_AUDIT_KEY_FILE).", err=True)
    if not result.intact:
        problems = "\n".join(f"  - {plain(problem)}" for problem in result.problems)
        more = f"\n  … and {result.more_problems} more." if result.more_problems else ""
        raise click.ClickException(f"Audit trail NOT intact ({result.entries} entries, {result.events} events):\n"
                                   f"{problems}{more}")
    click.echo(f"Audit trail intact: {result.entries} entries, each chained to the one before and matching the "
               f"event stored at its position; {plurals.counted(len(result.checkpoints), 'checkpoint')} compared."
               + (f" {plurals.counted(result.pending, 'newer event')} not yet projected." if result.pending else ""))


@audit.command("checkpoint")
@click.pass_obj
def audit_checkpoint(settings: Settings) -> None:
    """Sign the chain's head now, keep it in the database and print it (keep a copy elsewhere too)."""
    from projections import audit as trail

    with settings.session() as (database, back_office, schema), read_models(database, back_office, schema) as conn:
        checkpoint = trail.make_checkpoint(conn, schema, settings.audit_key(database), datetime.now(UTC))
        trail.store_checkpoint(conn, schema, checkpoint)
    logging.getLogger("community_trigger.audit").info("%s", checkpoint.line())
    click.echo(checkpoint.line())


@audit.command("new-key")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def audit_new_key(file: Path) -> None:
    """Write a new random audit key to FILE (readable by you only), for COMMUNITY_TRIGGER_AUDIT_KEY_FILE."""
    from application.audit_key import write_new_key

    write_new_key(file)
    click.echo(f"Wrote a new audit key to {file}. Set COMMUNITY_TRIGGER_AUDIT_KEY_FILE={file} for every process, "
               "keep a copy where the database administrator cannot reach it, and never change it.")


@main.command()
@click.option("--format", "form", type=click.Choice(["html", "csv", "json", "md"]), default="md", show_default=True)
@click.option("--year", type=click.IntRange(2014, 2100),
              help="Only the financial year that starts in this year (2020 = 1 April 2020 to 31 March 2021).")
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of standard output.")
@click.pass_obj
def report(settings: Settings, form: str, year: int | None, output: Path | None) -> None:
    """The annual report: the published table, the four statutory measures and more, per year."""
    from projections.audit import make_checkpoint
    from projections.report import render
    from projections.statistics import yearly_figures

    with settings.session() as (database, back_office, schema), read_models(database, back_office, schema) as conn:
        profile = back_office.profile
        years = yearly_figures(conn, schema, profile.statistics_from, back_office.today(), back_office.calendar)
        checkpoint = make_checkpoint(conn, schema, settings.audit_key(database), datetime.now(UTC)).line()
    if year is not None:
        years = [y for y in years if y.starts_on.year == year]
        if not years:
            raise click.BadParameter(f"No reporting period starts in {year}.", param_hint="--year")
    emit(render(years, profile.name, form, checkpoint), output, f"the {form} report")


@main.command("return")
@click.option("--year", type=click.IntRange(2014, 2100), required=True,
              help="The financial year that starts in this year (2025 = 1 April 2025 to 31 March 2026).")
@click.option("--format", "form", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of standard output.")
@click.pass_obj
def onward_return(settings: Settings, year: int, form: str, output: Path | None) -> None:
    """One year's figures for the onward return: the four statutory measures and the rest, field by field."""
    from projections import onward_return as returns
    from projections.statistics import yearly_figures

    with settings.session() as (database, back_office, schema), read_models(database, back_office, schema) as conn:
        profile, today = back_office.profile, back_office.today()
        years = yearly_figures(conn, schema, profile.statistics_from, today, back_office.calendar)
    found = next((y for y in years if y.starts_on.year == year), None)
    if found is None:
        raise click.BadParameter(f"No reporting period starts in {year}.", param_hint="--year")
    render = returns.to_csv if form == "csv" else returns.to_json
    emit(render(found, profile.name, today.isoformat()), output, f"the {form} return for {found.label}")


@main.command()
@click.argument("reference", type=TEXT)
@click.option("--format", "form", type=click.Choice(["html", "json"]), default="html", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of standard output.")
@click.pass_obj
def pack(settings: Settings, reference: str, form: str, output: Path | None) -> None:
    """The ombudsman pack of a case: timeline, decisions and reasons, letters, deadlines, responses, audit."""
    from projections.ombudsman import build_pack, pack_html, pack_json

    with settings.session() as (database, back_office, schema), read_models(database, back_office, schema) as conn:
        built = build_pack(back_office, conn, schema, reference, settings.audit_key(database))
    emit(pack_html(built) if form == "html" else pack_json(built) + "\n", output,
         f"the ombudsman pack of {built.reference}")


@main.command()
@click.argument("reference", type=TEXT)
@click.option("--event", "number", type=click.IntRange(1), help="As it stood after this event of its history.")
@click.option("--at", "moment", type=click.DateTime(["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]),
              help="As it stood at this UTC date and time.")
@click.pass_obj
def state(settings: Settings, reference: str, number: int | None, moment: datetime | None) -> None:
    """A case as it stands now, after a given event (--event N) or at a moment (--at)."""
    if number and moment:
        raise click.UsageError("Give --event or --at, not both.")
    with settings.back_office() as back_office:
        if number:
            case, when = back_office.cases.case_as_at_event(reference, number), f"after event {number}"
        elif moment:
            case, when = back_office.cases.case_as_at(reference, moment.replace(tzinfo=UTC)), f"at {moment} UTC"
        else:
            case, when = back_office.cases.get_case(reference), "now"
    app, review = case.application, case.review
    lines = [f"{case.reference} {when}: {case.stage.label}",
             f"  received {long_date(app.received_on)} by {app.channel.value}; officer: {app.officer or 'none'}",
             f"  incidents logged: {len(app.incidents)}; consent: "
             + (", ".join(k.value.replace('_', ' ') for k in app.consents) or "none"),
             f"  threshold: {app.decision.verdict if app.decision else 'not decided'}"
             + (f" on {long_date(app.decided_on)}" if app.decided_on else "")]
    if app.appeal_lodged_on:
        outcome = app.appeal_outcome.label if app.appeal_outcome else "appeal undecided"
        lines.append(f"  appeal lodged {long_date(app.appeal_lodged_on)}; {outcome}")
    if review:
        lines.append(f"  review: {review.stage.label}; recommendations: {len(review.recommendations)}")
    click.echo(plain("\n".join(lines)))


@main.command()
@click.argument("reference", type=TEXT)
@click.pass_obj
def decisions(settings: Settings, reference: str) -> None:
    """Each decision in a case: who, when, the reason, and what the decision-maker had in front of them."""
    with settings.back_office() as back_office:
        found = back_office.cases.decisions(reference)
    for decision in found:
        click.echo(f"{decision.kind}: by {decision.entry.actor}, recorded {decision.entry.recorded_at:%Y-%m-%d %H:%M} "
                   "UTC")
        click.echo(f"  reason: {decision.entry.reason or 'none given'}")  # made safe by history
        click.echo(f"  before it: stage '{decision.before.stage.label}', "
                   f"{plurals.counted(len(decision.before.application.incidents), 'incident')} logged")
        if decision.policy:
            click.echo(f"  policy applied: {plain(decision.policy.describe())}")
        for verdict in decision.assessment.verdicts if decision.assessment else ():
            click.echo(f"    incident {verdict.number}: {plain(verdict.reason)}")
        if decision.assessment and decision.assessment.statutory:
            click.echo(f"  under the Act: {plain(decision.assessment.statutory.reason)}")
            if decision.assessment.disagreement:
                click.echo(f"  {plain(decision.assessment.disagreement)}")
    if not found:
        click.echo("No decision has been recorded in this case yet.")
# Commands defined in their own modules, registered once `main` exists.
from cli.letter_commands import letter  # noqa: E402
from cli.migrate_command import migrate  # noqa: E402
from cli.personal_data_commands import erase, erasures, keys  # noqa: E402
from cli.privacy_commands import access_log, subject_access  # noqa: E402
from cli.schedule_commands import outbox, retention, schedule  # noqa: E402
from cli.serve_command import serve  # noqa: E402
from cli.web_commands import users, web  # noqa: E402

for command in (serve, letter, schedule, outbox, retention, web, users, migrate, access_log, subject_access, keys,
                erase, erasures):
    main.add_command(command)
