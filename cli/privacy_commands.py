"""``community-trigger access-log`` (who viewed which case's personal data) and ``community-trigger subject-access``
(the subject access requests, and a request's copy as JSON). Registered on the main group at the end of
``cli/main.py``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

import click

from cli.text import TEXT, plain
from domain.periods import long_date

if TYPE_CHECKING:
    from cli.main import Settings


@click.command("access-log")
@click.option("--case", "reference", type=TEXT, default="", help="Only views of this case.")
@click.option("--user", "username", type=TEXT, default="", help="Only views by this username.")
@click.pass_obj
def access_log(settings: Settings, reference: str, username: str) -> None:
    """Who viewed which case's personal data, and when (newest first, at most 500 entries)."""
    with settings.back_office() as back_office:
        entries = back_office.privacy.access_entries(reference=reference, username=username)
    for entry in entries:
        click.echo(plain(f"{entry.viewed_at:%Y-%m-%d %H:%M:%S} UTC  {entry.username}  {entry.reference}  "
                         f"{entry.what}"))
    if not entries:
        click.echo("No view matches.")


@click.group("subject-access")
def subject_access() -> None:
    """Subject access requests (UK GDPR Article 15): the list, and a request's copy."""


@subject_access.command("list")
@click.pass_obj
def list_requests(settings: Settings) -> None:
    """Every request, soonest due first, with its due date (one calendar month from receipt)."""
    with settings.back_office() as back_office:
        found = back_office.privacy.subject_access_requests()
    for r in found:
        answered = f"answered {long_date(r.answered_on)}" if r.answered_on else "not answered yet"
        click.echo(plain(f"{r.reference}  {r.id}  received {long_date(r.received_on)}, due {long_date(r.due_on)}, "
                         f"{answered}; {r.records} record{'' if r.records == 1 else 's'} confirmed"))
    if not found:
        click.echo("No subject access request has been recorded.")


@subject_access.command("export")
@click.argument("request_id", type=click.UUID)
@click.option("--by", "username", type=TEXT, required=True, help="Your username: the access log records who read it.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of standard output.")
@click.pass_obj
def export(settings: Settings, request_id: UUID, username: str, output: Path | None) -> None:
    """The copy of a request's personal data as JSON, other people's personal data withheld."""
    with settings.back_office() as back_office:
        back_office.privacy.record_export_views(request_id, username)
        text = json.dumps(back_office.privacy.export(request_id), indent=2, ensure_ascii=False) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote the copy to {output}.")
    else:
        click.echo(text, nl=False)
