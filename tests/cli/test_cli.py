"""The command line against real PostgreSQL: history, deadlines, check-profile, and its errors."""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from infrastructure.storage import Database
from tests.application import cases

SCRIPT = Path(sys.executable).parent / "community-trigger"


@pytest.fixture
def run(database: Database, schema: str) -> Callable[..., Result]:
    def invoke(*args: str, columns: int = 200) -> Result:
        env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "COLUMNS": str(columns)}
        return CliRunner().invoke(main, list(args), env=env)

    return invoke


@pytest.mark.parametrize("columns", [200, 80], ids=["table on a wide terminal", "blocks on a narrow one"])
def test_history_lists_every_event_with_time_actor_details_and_reason(
    back_office: BackOffice, run: Callable[..., Result], columns: int
):
    reference = cases.not_met_letter_sent(back_office)

    result = run("history", reference.lower(), columns=columns)

    assert result.exit_code == 0, result.output
    assert f"History of {reference}" in result.output
    for text in ("Application.Received", "Application.IncidentLogged", "Application.ThresholdNotMet",
                 "Application.DecisionLetterSent", "public", "j.okafor",
                 "Two qualifying incidents; the policy needs three."):
        assert text in result.output
    assert result.output.index("Application.Received") < result.output.index("Application.ThresholdNotMet")


def test_deadlines_shows_due_dates_and_overdue_steps(back_office: BackOffice, run: Callable[..., Result]):
    reference = cases.receive(back_office)

    result = run("deadlines", reference)

    assert result.exit_code == 0, result.output
    assert "Acknowledge the application" in result.output
    assert "8 September 2026" in result.output
    assert "OVERDUE" in result.output


def test_history_of_an_unknown_reference_is_a_one_line_error(run: Callable[..., Result]):
    result = run("history", "CT-2026-0404")

    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: No case has the reference 'CT-2026-0404'. References look like CT-2025-0007; "
        "check it and try again."
    )


def test_check_profile_accepts_the_default_and_names_the_key_of_a_bad_one(tmp_path: Path):
    good = Path(__file__).parents[2] / "application" / "default_profile.toml"
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text().replace("minimum_incidents = 3 ", "minimum_incidents = 5 "))

    accepted = CliRunner().invoke(main, ["check-profile", str(good)])
    refused = CliRunner().invoke(main, ["check-profile", str(bad)])

    assert accepted.exit_code == 0
    assert "valid profile for Dartford Community Safety Partnership" in accepted.output
    assert refused.exit_code == 1
    assert f"Error: {bad}: threshold.minimum_incidents: The law caps the threshold at 3" in refused.output


def test_check_profile_warns_naming_the_key_of_each_local_caveat_regarded_as_a_barrier(tmp_path: Path):
    good = Path(__file__).parents[2] / "application" / "default_profile.toml"
    strict = tmp_path / "strict.toml"
    strict.write_text(good.read_text()
                      .replace('report_within = "1 month"', 'report_within = "30 days"')
                      .replace('look_back = "6 months"', 'look_back = "180 days"')
                      .replace('look_back_anchor = "application_date"', 'look_back_anchor = "first_incident"')
                      .replace('# most_recent_within = "1 month"', 'most_recent_within = "1 month"'))

    default = CliRunner().invoke(main, ["check-profile", str(good)])
    warned = CliRunner().invoke(main, ["check-profile", str(strict)])

    assert default.exit_code == 0
    assert "Warning" not in default.output
    assert warned.exit_code == 0
    warnings = [line for line in warned.output.splitlines() if line.startswith("Warning: ")]
    assert [line.split()[1] for line in warnings] == [
        "threshold.look_back_anchor", "threshold.most_recent_within", "threshold.report_within",
        "threshold.look_back"]
    assert all("barrier" in line and "s.104(4)" in line for line in warnings)


def test_a_wrong_database_url_gives_one_line_and_no_traceback():
    completed = subprocess.run(
        [str(SCRIPT), "--database-url", "postgresql://postgres@127.0.0.1:1/test", "history", "CT-2026-0001"],
        capture_output=True, text=True, timeout=60,
    )

    assert completed.returncode == 1
    assert completed.stderr.startswith("Error: Cannot connect to PostgreSQL at 127.0.0.1:1/test")
    assert len(completed.stderr.strip().splitlines()) == 1
    assert "Traceback" not in completed.stderr


def test_demo_loads_once_and_history_shows_a_case_through_its_secondary_review(run: Callable[..., Result]):
    loaded = run("demo")
    again = run("demo")
    history = run("history", "CT-2025-0002")

    assert loaded.exit_code == 0, loaded.output
    assert "Loaded 43 demo cases" in loaded.output
    assert again.exit_code == 0
    assert "already holds cases; the demo was not loaded again" in again.output
    for event in ("Application.ThresholdMet", "CaseReview.PanelHeld", "CaseReview.RecommendationIssued",
                  "CaseReview.OutcomeLetterSent", "CaseReview.SecondaryReviewRequested",
                  "CaseReview.SecondaryReviewConcluded", "CaseReview.Closed"):
        assert event in history.output


def test_history_shows_an_appeal_that_was_upheld_and_the_review_it_opened(run: Callable[..., Result]):
    run("demo")

    history = run("history", "CT-2019-0004")

    assert history.exit_code == 0, history.output
    for event in ("Application.ThresholdNotMet", "Application.AppealLodged", "Application.AppealUpheld",
                  "CaseReview.Opened", "CaseReview.PanelHeld"):
        assert event in history.output


def test_state_shows_a_case_after_a_given_event_and_decisions_show_what_the_decider_saw(
    back_office: BackOffice, run: Callable[..., Result]
):
    reference = cases.not_met_letter_sent(back_office)

    after_receipt = run("state", reference, "--event", "1")
    now = run("state", reference)
    decisions = run("decisions", reference)
    both = run("state", reference, "--event", "1", "--at", "2026-01-01")

    assert after_receipt.exit_code == 0, after_receipt.output
    assert f"{reference} after event 1: received" in after_receipt.output
    assert "incidents logged: 0" in after_receipt.output
    assert "threshold: not met on 10 September 2026" in now.output
    assert "Threshold not met: by j.okafor" in decisions.output
    assert "reason: Two qualifying incidents; the policy needs three." in decisions.output
    assert "incident 1: Counts:" in decisions.output
    assert "under the Act: 2 qualifying complaints under the Act, the procedure's number is 3." in decisions.output
    assert both.exit_code == 2
    assert "Give --event or --at, not both." in both.output


def test_read_model_commands_say_when_the_read_models_are_missing_or_behind(
    back_office: BackOffice, run: Callable[..., Result]
):
    reference = cases.receive(back_office)

    missing = [run(*command) for command in (("cases",), ("report",), ("audit", "verify"), ("pack", reference))]
    run("rebuild")
    back_office.cases.acknowledge(reference, acknowledged_on=cases.RECEIVED, actor=cases.OFFICER)
    behind = run("cases")

    for result in missing:
        assert result.exit_code == 1
        assert "The read models have not been built yet: run `community-trigger rebuild`" in result.output
    assert behind.exit_code == 0
    assert "include events up to position 3 of 4" in behind.output
    assert reference in behind.output


def test_cases_lists_only_the_stage_asked_for_and_refuses_a_stage_that_does_not_exist(
    back_office: BackOffice, run: Callable[..., Result]
):
    received, acknowledged = cases.receive(back_office), cases.receive(back_office)
    back_office.cases.acknowledge(acknowledged, acknowledged_on=cases.RECEIVED, actor=cases.OFFICER)
    run("rebuild")

    listed = run("cases", "--stage", "acknowledged")
    refused = run("cases", "--stage", "nonsense")

    assert listed.exit_code == 0, listed.output
    assert acknowledged in listed.output
    assert received not in listed.output
    assert "acknowledged" in listed.output
    assert refused.exit_code == 2
    assert "'nonsense' is not one of 'received', 'acknowledged', 'threshold not met'" in refused.output
