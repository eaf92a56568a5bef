"""`community-trigger schedule --once` against the demo data and a real SMTP server on loopback."""

from __future__ import annotations

from typing import Any

import time_machine
from click.testing import CliRunner

from application.backoffice import BackOffice
from cli.main import SCHEMA_VARIABLE, main
from demo.loader import load_demo
from domain.reminders import reminders_due
from tests.scheduler.conftest import Inbox, london


def test_schedule_against_the_demo_sends_each_reminder_once_and_records_the_missed_deadlines(
    office: BackOffice, database: Any, schema: str, inbox: Inbox,
):
    env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "SMTP_HOST": "127.0.0.1",
           "SMTP_PORT": str(inbox.port)}  # type: ignore[attr-defined]
    with time_machine.travel(london(2026, 11, 24, 6), tick=True):
        references = load_demo(office)
        runner = CliRunner()
        assert runner.invoke(main, ["rebuild"], env=env).exit_code == 0
        today, days = office.today(), office.profile.email.reminder_working_days
        expected_reminders = expected_missed = 0
        for reference in references:  # an ended case too: the domain keeps open only what it still owes
            deadlines = office.cases.deadlines(reference)
            expected_reminders += len(reminders_due(deadlines, today, office.calendar, days))
            expected_missed += sum(d.is_overdue(today) and d.step.is_partnership_target for d in deadlines)
        assert expected_reminders > 0
        assert expected_missed > 0

        first = runner.invoke(main, ["schedule", "--once"], env=env)
        assert first.exit_code == 0, first.output
        received = len(inbox.messages)
        assert runner.invoke(main, ["rebuild"], env=env).exit_code == 0
        second = runner.invoke(main, ["schedule", "--once"], env=env)
        assert second.exit_code == 0, second.output

    reminders = [s for s in inbox.subjects() if " is due " in s]
    missed = [s for s in inbox.subjects() if s.endswith("is overdue")]
    digests = [s for s in inbox.subjects() if s.startswith("Community Trigger digest")]
    assert len(reminders) == len(set(reminders)) == expected_reminders
    assert len(missed) == expected_missed
    assert len(digests) == 1
    assert len(inbox.messages) == received  # the second run sent nothing again
    assert sum(len(office.cases.missed_deadlines(r)) for r in references) == expected_missed


def test_schedule_refuses_to_start_before_the_read_models_exist(database: Any, schema: str):
    env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema}
    result = CliRunner().invoke(main, ["schedule", "--once"], env=env)

    assert result.exit_code == 1
    assert "The read models have not been built yet: run `community-trigger rebuild`" in result.output


def test_a_bad_smtp_port_in_the_environment_is_a_one_line_error(office: BackOffice, database: Any, schema: str):
    env = {"DATABASE_URL": database.url, SCHEMA_VARIABLE: schema, "SMTP_PORT": "twenty-five"}
    runner = CliRunner()
    assert runner.invoke(main, ["rebuild"], env=env).exit_code == 0
    result = runner.invoke(main, ["schedule", "--once"], env=env)

    assert result.exit_code == 1
    assert result.output.strip() == "Error: SMTP_PORT must be a port number from 1 to 65535, not 'twenty-five'."
