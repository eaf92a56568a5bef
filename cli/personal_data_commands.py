"""``keys``, ``erase`` and ``erasures``: the master key and data keys, erasing personal data by deleting keys, and
the erasure register (docs/PERSONAL-DATA.md). Registered on the main group at the end of ``cli/main.py``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from application.inputs.erasure import EVERYONE, NAMED
from domain.erasure import ErasureGround
from infrastructure.keys import MASTER_KEY, case_family, decode_key, new_master_key

if TYPE_CHECKING:
    from cli.main import Settings

GROUNDS = {ground.name.lower().replace("_", "-"): ground for ground in ErasureGround}


@click.group()
def keys() -> None:
    """The master key and the data keys that protect personal data."""


@keys.command("new")
def keys_new() -> None:
    """Print a fresh master key (urlsafe base64 of 32 bytes) to put in COMMUNITY_TRIGGER_MASTER_KEY or its file."""
    click.echo(new_master_key())


@keys.command("rotate")
@click.option("--new-key-file", type=click.Path(exists=True, dir_okay=False), required=True,
              help="File holding the new master key (made with `community-trigger keys new`). The current key is "
                   "read as at start (COMMUNITY_TRIGGER_MASTER_KEY or COMMUNITY_TRIGGER_MASTER_KEY_FILE).")
@click.pass_obj
def keys_rotate(settings: Settings, new_key_file: str) -> None:
    """Rewrap every data key under a new master key, in one transaction. No event is rewritten. Afterwards, set
    COMMUNITY_TRIGGER_MASTER_KEY (or its file) to the new key and restart every process."""
    with open(new_key_file, encoding="ascii") as handle:
        new = decode_key(handle.read().strip(), new_key_file)
    with settings.back_office() as back_office:
        count = back_office.keys.rotate(new)
    click.echo(f"Rewrapped {count} data keys under the new master key. Now set {MASTER_KEY} (or its file) to the "
               "new key and restart the web interface, the projector and the scheduler; keep the old key until "
               "every backup made before today has expired.")


@click.command()
@click.argument("reference")
@click.option("--person", "subject", help="Erase only this person (their id in the case); default: everyone "
                                          "named in the case.")
@click.option("--named", help="Erase only this person named in the case's records (who reported incidents, "
                              "sat on or attended the panel), by the name the records give.")
@click.option("--ground", type=click.Choice(sorted(GROUNDS)), required=True, help="Why the data is erased.")
@click.option("--actor", required=True, help="Who is erasing (your user name).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def erase(settings: Settings, reference: str, subject: str | None, named: str | None, ground: str, actor: str,
          yes: bool) -> None:
    """Erase personal data in a case by deleting the keys it is encrypted with. It cannot be undone."""
    if subject and named:
        raise click.UsageError("Give --person or --named, not both.")
    whose = subject or (NAMED + named if named else EVERYONE)
    if not yes:
        click.confirm(f"Erase the personal data of {subject or named or 'everyone named'} in {reference}? This "
                      "cannot be undone", abort=True)
    with settings.back_office() as back_office:
        recorded = back_office.erasure.erase(reference, whose, ground=GROUNDS[ground], actor=actor)
        register = back_office.erasure_register
    click.echo(f"Erased the personal data in {recorded.reference}; it now reads 'Erased on' the date everywhere. "
               f"Recorded in the erasure register {register.path if register else '(none set)'}.")


@click.group()
def erasures() -> None:
    """The erasure register, kept outside the database."""


@erasures.command("reapply")
@click.pass_obj
def erasures_reapply(settings: Settings) -> None:
    """Delete again every key the register lists (run after restoring a backup; every start does it too)."""
    with settings.back_office() as back_office:
        register = back_office.erasure_register
        if register is None:
            raise click.ClickException("No erasure register: set COMMUNITY_TRIGGER_ERASURE_REGISTER.")
        entries = register.entries()
        back_office.erasure.reapply_register()
    people = [e for e in entries if case_family(e.subject) is None]
    named = [e for e in entries if case_family(e.subject) not in (None, e.subject)]
    cases = len(entries) - len(people) - len(named)
    click.echo(f"The erasure register {register.path} lists {len(people)} erased people"
               f"{f', {len(named)} keys of people named in case records' if named else ''}"
               f"{f' and {cases} keys of erased cases' if cases else ''}; none of them can be "
               f"read in this database{' (schema ' + os.environ.get('COMMUNITY_TRIGGER_SCHEMA', 'public') + ')'}.")
