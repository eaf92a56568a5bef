"""``community-trigger letter`` against real PostgreSQL: list, produce, sent, and one-line errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from infrastructure.storage import Database
from tests.application import cases


@pytest.fixture
def run(database: Database, schema: str) -> Callable[..., Result]:
    def invoke(*args: str) -> Result:
        env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "COLUMNS": "200"}
        return CliRunner().invoke(main, ["letter", *args], env=env)

    return invoke


def test_letter_list_shows_each_letter_with_its_kind_and_recipient(back_office: BackOffice, run: Callable[..., Result]):
    reference = cases.outcome_sent(back_office)

    result = run("list", reference.lower())

    assert result.exit_code == 0, result.output
    for text in (f"Letters of {reference}", "acknowledgement", "threshold_decision", "outcome",
                 "agency_recommendations", "Kent Police", "Recommendations to Kent Police"):
        assert text in result.output


def test_letter_produce_writes_the_html_and_records_who_produced_it(
    back_office: BackOffice, run: Callable[..., Result], tmp_path: Path
):
    reference = cases.outcome_sent(back_office)
    output = tmp_path / "letter.html"

    result = run("produce", reference, "agency_recommendations", "--recipient", "Kent Police",
                 "--actor", "s.patel", "--output", str(output))

    assert result.exit_code == 0, result.output
    assert output.read_text().startswith("<!DOCTYPE html>")
    assert "Link the reports." in output.read_text()
    assert f"Recorded: Recommendations to Kent Police for {reference} produced by s.patel" in result.stderr
    [entry] = [e for e in back_office.cases.history(reference) if e.event == "LetterProduced"]
    assert entry.actor == "s.patel"


def test_letter_produce_without_output_prints_the_html(back_office: BackOffice, run: Callable[..., Result]):
    reference = cases.receive(back_office)

    result = run("produce", reference, "acknowledgement", "--actor", "j.okafor")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_letter_sent_records_the_letter_and_its_step(back_office: BackOffice, run: Callable[..., Result]):
    reference = cases.panel_held(back_office)

    result = run("sent", reference, "outcome", "--channel", "post", "--on", "2026-10-12", "--actor", "j.okafor")

    assert result.exit_code == 0, result.output
    assert f"Recorded: the outcome letter for {reference} sent by post on 2026-10-12." in result.output
    assert [e.event for e in back_office.cases.history(reference)][-3:] == [
        "OutcomeLetterSent", "Started", "LetterSent"]


def test_a_letter_the_case_has_not_reached_is_a_one_line_error(back_office: BackOffice, run: Callable[..., Result]):
    reference = cases.threshold_met(back_office)

    result = run("produce", reference, "outcome", "--actor", "j.okafor")

    assert result.exit_code == 1
    assert result.output == (f"Error: Record the review panel for {reference}, with its findings, before "
                             "producing the outcome letter.\n")


def test_an_agency_without_recommendations_is_a_one_line_error(back_office: BackOffice, run: Callable[..., Result]):
    reference = cases.outcome_sent(back_office)

    result = run("sent", reference, "agency_recommendations", "--recipient", "Moat Homes", "--channel", "email",
                 "--on", "2026-10-12", "--actor", "j.okafor")

    assert result.exit_code == 1
    assert result.output == (f"Error: Moat Homes has no recommendation in {reference}; name an agency that has: "
                             "Kent Police.\n")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("produce", "CT-2026-0001", "thanks", "--actor", "x"),
         "'thanks' is not one of 'acknowledgement', 'threshold_decision', 'appeal_outcome', 'delay', 'outcome', "
         "'agency_recommendations', 'secondary_review_outcome', 'rejection', 'withdrawal', 'actions_completed', "
         "'information_request', 'victim_invitation'."),
        (("sent", "CT-2026-0001", "outcome", "--channel", "fax", "--on", "2026-10-12", "--actor", "x"),
         "'fax' is not one of 'post', 'email'."),
        (("sent", "CT-2026-0001", "outcome", "--channel", "post", "--on", "12/10/2026", "--actor", "x"),
         "'12/10/2026' does not match the format '%Y-%m-%d'."),
    ],
    ids=["unknown kind", "unknown channel", "date not ISO"],
)
def test_a_bad_kind_channel_or_date_is_a_usage_error_naming_what_is_allowed(
    run: Callable[..., Result], args: tuple[str, ...], expected: str
):
    result = run(*args)

    assert result.exit_code == 2
    assert expected in result.output
