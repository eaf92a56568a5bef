"""``community-trigger letter``: list a case's letters, produce one as printable HTML, record that
one was sent. Each produced or sent letter is recorded in the case's history."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from cli.text import TEXT, cell
from domain.values import LetterChannel, LetterKind

if TYPE_CHECKING:
    from cli.main import Settings

APPLICANT = "applicant"
KIND = click.Choice([kind.value for kind in LetterKind])
RECIPIENT = click.option("--recipient", default=APPLICANT, show_default=True, type=TEXT,
                         help="The agency an agency_recommendations letter goes to.")
ACTOR = click.option("--actor", required=True, type=TEXT, help="Who is producing or sending the letter.")


@click.group()
def letter() -> None:
    """The letters of a case: acknowledgement, threshold decision, delay, outcome, agencies, secondary review."""


@letter.command("list")
@click.argument("reference", type=TEXT)
@click.pass_obj
def letter_list(settings: Settings, reference: str) -> None:
    """The letters a case has reached, with the KIND and --recipient to produce each."""
    with settings.back_office() as back_office:
        available = back_office.cases.letters_available(reference)
    table = Table(title=f"Letters of {reference.strip().upper()}")
    for column in ("Kind", "Recipient", "Letter"):
        table.add_column(column)
    for item in available:
        table.add_row(item.kind.value, cell(item.recipient), cell(item.title))
    Console().print(table)


@letter.command("produce")
@click.argument("reference", type=TEXT)
@click.argument("kind", type=KIND)
@RECIPIENT
@ACTOR
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the HTML to this file instead of printing it.")
@click.pass_obj
def letter_produce(settings: Settings, reference: str, kind: str, recipient: str, actor: str,
                   output: Path | None) -> None:
    """Produce a letter as printable HTML (A4) and record who produced it and when."""
    from cli.main import emit

    with settings.back_office() as back_office:
        produced = back_office.cases.produce_letter(reference, LetterKind(kind), recipient, actor=actor)
    emit(produced.letter.html, output, produced.letter.title.lower())
    click.echo(f"Recorded: {produced.letter.title} for {produced.recorded.reference} produced by {actor} "
               f"(template version {produced.letter.template_version}).", err=True)


@letter.command("sent")
@click.argument("reference", type=TEXT)
@click.argument("kind", type=KIND)
@RECIPIENT
@click.option("--channel", required=True, type=click.Choice([c.value for c in LetterChannel]))
@click.option("--on", "sent_on", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="The date the letter was sent (YYYY-MM-DD).")
@ACTOR
@click.pass_obj
def letter_sent(settings: Settings, reference: str, kind: str, recipient: str, channel: str,
                sent_on: datetime, actor: str) -> None:
    """Record that a letter was sent, by post or email (and the step it is, for the acknowledgement,
    the threshold decision and the outcome letter)."""
    with settings.back_office() as back_office:
        recorded = back_office.cases.send_letter(reference, LetterKind(kind), recipient,
                                                 channel=LetterChannel(channel), sent_on=sent_on.date(), actor=actor)
    click.echo(f"Recorded: the {kind.replace('_', ' ')} letter for {recorded.reference} sent by {channel} "
               f"on {sent_on:%Y-%m-%d}.")
