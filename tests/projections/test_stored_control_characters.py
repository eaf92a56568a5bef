"""Stored text is data, whatever it holds: events recorded before control characters were refused (NUL,
terminal escapes, BEL, a text-direction override, rich markup) do not stop the projector or a rebuild, and
never reach a read table, a letter, the ombudsman pack or the terminal as raw characters."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg import sql

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from domain.text import MULTI_LINE
from domain.values import LetterKind
from infrastructure.storage import Database
from projections.projector import Projector
from projections.rebuild import rebuild
from tests.application import cases
from tests.projections.conftest import snapshot


def raw_controls(text: str) -> list[str]:
    """The characters the one rule for text refuses (line breaks and tabs aside), as found in ``text``."""
    return MULTI_LINE.findall(text)


@pytest.fixture
def run(database: Database, schema: str) -> Callable[..., Result]:
    def invoke(*args: str, columns: int = 200) -> Result:
        env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "COLUMNS": str(columns)}
        return CliRunner().invoke(main, list(args), env=env)

    return invoke


def test_the_projector_stores_control_characters_as_visible_escapes_and_a_rebuild_gives_the_same_rows(
    back_office: BackOffice, projector: Projector, conn: psycopg.Connection[Any], schema: str
) -> None:
    reference = cases.stored_with_control_characters(back_office)

    projector.catch_up()
    projected = snapshot(conn, schema)
    rebuild(back_office, conn, schema)

    officer, = conn.execute(sql.SQL("SELECT officer FROM {}.ct_cases WHERE reference = %s").format(
        sql.Identifier(schema)), (reference,)).fetchone()  # type: ignore[misc]
    assert officer == "j.okafor\\x1b[2J"
    summaries = [row[0] for row in conn.execute(sql.SQL("SELECT summary FROM {}.ct_audit WHERE reference = %s")
                                                .format(sql.Identifier(schema)), (reference,))]
    assert not any("Loud" in s for s in summaries)  # free text is kept encrypted, out of the trail (issue 12)
    assert not any(raw_controls(s) for s in summaries)
    assert projector.position == back_office.event_count()
    assert snapshot(conn, schema) == projected


def test_the_case_and_its_history_read_back_as_stored(back_office: BackOffice) -> None:
    reference = cases.stored_with_control_characters(back_office)

    case = back_office.cases.get_case(reference)
    history = back_office.cases.history(reference)

    assert case.application.applicant.person.name == "Ann\x00Smith\x1b]0;owned\x07"  # the record is unchanged
    assert not any(raw_controls(e.details + e.reason + e.actor) for e in history)
    assert "Loud\\x00music" in next(e.reason for e in history if e.event == "ThresholdMet")


def test_a_letter_shows_the_stored_name_with_visible_escapes(back_office: BackOffice) -> None:
    reference = cases.stored_with_control_characters(back_office)

    letter = back_office.cases.render_letter(reference, LetterKind.ACKNOWLEDGEMENT)

    assert "Ann\\x00Smith\\x1b]0;owned\\x07" in letter.html
    assert raw_controls(letter.html) == []


@pytest.mark.parametrize("columns", [200, 80], ids=["table", "blocks"])
def test_history_prints_no_raw_control_characters_and_shows_markup_as_text(
    back_office: BackOffice, run: Callable[..., Result], columns: int
) -> None:
    reference = cases.stored_with_control_characters(back_office)

    result = run("history", reference, columns=columns)

    assert result.exit_code == 0, result.output
    assert raw_controls(result.output) == []
    assert "[/red]" in result.output
    assert "\\x1b[2J" in result.output


def test_every_command_that_shows_a_case_prints_no_raw_control_characters(
    back_office: BackOffice, run: Callable[..., Result]
) -> None:
    reference = cases.stored_with_control_characters(back_office)
    assert run("rebuild").exit_code == 0

    outputs = {command: run(*command.split(" ")) for command in (
        f"state {reference}", f"decisions {reference}", "cases", f"deadlines {reference}",
        f"pack {reference}", f"pack {reference} --format json", f"letter list {reference}")}

    for command, result in outputs.items():
        assert result.exit_code == 0, (command, result.output)
        assert raw_controls(result.output) == [], command
    assert "j.okafor\\x1b[2J" in outputs["cases"].output
    pack = json.loads(outputs[f"pack {reference} --format json"].output)
    assert pack["decisions"][0]["reason"].startswith("Loud\\x00music")


def test_a_control_character_in_a_command_option_is_refused_before_anything_is_recorded(
    back_office: BackOffice, run: Callable[..., Result]
) -> None:
    before = back_office.event_count()

    result = run("users", "disable", "officer", "--reason", "Left\x00 the team")
    with_escape = run("cases", "--officer", "j.okafor\x1b[2J")

    assert result.exit_code == 2
    assert "Remove the control characters" in result.output
    assert with_escape.exit_code == 2
    assert back_office.event_count() == before
