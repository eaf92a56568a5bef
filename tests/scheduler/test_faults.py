"""One bad case or one bad email fails alone: it is logged (or recorded failed with the reason) and the rest
of the job, and the jobs after it, go on."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import psycopg
import pytest
import time_machine
from aiosmtpd.controller import Controller

from application.backoffice import BackOffice
from domain.application import Application
from domain.email import Email, EmailStatus
from domain.ids import application_id
from infrastructure.scheduler_tables import last_run
from infrastructure.storage import Database
from scheduler.runner import Scheduler
from tests.application.cases import receive, register_officer
from tests.scheduler.conftest import Inbox, free_port, london

REFUSED = "left.the.council@dartford.gov.uk"
MANAGER = "community.safety.manager@dartford.gov.uk"


class RefusingInbox(Inbox):
    """A mail server that refuses one recipient with 550, as a server does for a mailbox that is gone."""

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,  # noqa: N802 (aiosmtpd's name)
                          rcpt_options: list[str]) -> str:
        if address == REFUSED:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    handler = RefusingInbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port  # type: ignore[attr-defined]
    yield handler
    controller.stop()


def assign_unchecked(office: BackOffice, reference: str, officer: str) -> None:
    """Record an officer name as an older version did, before names with line breaks or commas were refused."""
    application = office.repository.get(application_id(reference))
    assert isinstance(application, Application)
    application._assign_officer(officer=officer, actor="m.hughes")
    office.save(application)


@pytest.mark.parametrize("bad_name", ["j.okafor\r\nBcc: everyone@example.org", "Okafor, J"])
def test_a_case_whose_officer_name_cannot_be_an_address_fails_alone_and_the_other_cases_are_reminded(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
    caplog: pytest.LogCaptureFixture, bad_name: str,
):
    with time_machine.travel(london(2026, 12, 21, 9), tick=True) as clock:
        bad = receive(office, received_on=date(2026, 12, 21))  # checked first: its reference comes first
        assign_unchecked(office, bad, bad_name)
        good = receive(office, received_on=date(2026, 12, 21))
        office.cases.assign_officer(good, officer=register_officer(office), actor="m.hughes")
        for case in (bad, good):  # passed on at receipt: the acknowledgement is the deadline reminded
            office.cases.pass_to_relevant_bodies(case, passed_on=date(2026, 12, 21), actor="m.hughes")
        project()
        scheduler = make_scheduler()

        clock.move_to(london(2026, 12, 24, 6))  # two working days before both acknowledgements are due
        with caplog.at_level(logging.ERROR, logger="scheduler.jobs"):
            counts = scheduler.run("deadlines")

    assert counts == {"missed": 0, "reminders": 1, "failed": 1}
    assert inbox.subjects() == [f"{good}: Acknowledge the application is due in 2 working days (30 December 2026)"]
    [logged] = [r.getMessage() for r in caplog.records if r.name == "scheduler.jobs"]
    assert logged.startswith(f"deadlines: case {bad} was not checked (InvalidDetailsError: An email needs")
    assert "\n" not in logged


def test_after_downtime_the_digest_and_the_outbox_run_whatever_the_deadlines_job_did(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
    database: Database, schema: str,
):
    with time_machine.travel(london(2026, 12, 21, 9), tick=True) as clock:
        bad = receive(office, received_on=date(2026, 12, 21))
        assign_unchecked(office, bad, "Okafor, J")
        project()
        scheduler = make_scheduler()
        clock.move_to(london(2026, 12, 24, 8))  # the scheduler was down at 06:00 and 07:30

        caught_up = scheduler.catch_up()

    assert caught_up == ["retention", "checkpoint", "deadlines", "digest", "outbox"]
    with database.connect() as conn:
        assert all(last_run(conn, schema, job) for job in caught_up)
    assert [str(m["To"]) for m in inbox.messages] == [MANAGER]  # the digest
    assert "Sorry" not in inbox.messages[0].get_content()


def test_a_job_that_fails_does_not_stop_the_jobs_after_it_in_a_catch_up(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
    database: Database, schema: str, caplog: pytest.LogCaptureFixture,
):
    with time_machine.travel(london(2026, 12, 24, 8), tick=True):
        email_id = queue(office, "j.okafor@dartford.gov.uk")
        project()
        scheduler = make_scheduler()
        with database.connect() as conn:  # a read model the deadlines and the digest read is missing
            conn.execute(psycopg.sql.SQL("DROP TABLE {}.ct_deadlines").format(psycopg.sql.Identifier(schema)))

        with caplog.at_level(logging.ERROR, logger="scheduler.runner"):
            scheduler.catch_up()

    with database.connect() as conn:
        ran = {job for job in scheduler.functions if last_run(conn, schema, job)}
    assert ran == {"retention", "checkpoint", "outbox"}
    assert office.outbox.email(email_id).status is EmailStatus.DELIVERED
    assert {r.getMessage() for r in caplog.records} == {"job deadlines failed; it will run again at its next time",
                                                        "job digest failed; it will run again at its next time"}


def queue(office: BackOffice, to: str) -> Any:
    recorded = office.outbox.queue_email(key=f"reminder/{to}", to=(to,), subject=f"Hold the panel ({to})",
                                         body="It is due on Friday.", purpose="reminder")
    assert recorded is not None
    return recorded.aggregate_id


def test_a_recipient_the_server_refuses_fails_that_email_only_and_the_rest_of_the_outbox_is_sent(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    first, refused, last = (queue(office, to) for to in ("a.one@dartford.gov.uk", REFUSED, "c.three@dartford.gov.uk"))
    project()

    assert make_scheduler().run("outbox") == {"uncertain": 0, "delivered": 2, "failed": 1}
    assert [office.outbox.email(e).status for e in (first, refused, last)] == [
        EmailStatus.DELIVERED, EmailStatus.FAILED, EmailStatus.DELIVERED]
    assert office.outbox.email(refused).last_error.startswith(f"The server refused the recipient {REFUSED}: 550")
    assert sorted(str(m["To"]) for m in inbox.messages) == ["a.one@dartford.gov.uk", "c.three@dartford.gov.uk"]


def test_an_address_with_a_line_break_fails_that_email_with_the_reason_and_the_others_are_sent(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    first = queue(office, "a.one@dartford.gov.uk")
    # as an older version recorded it, before addresses with line breaks were refused
    broken = Email(key="reminder/broken", to=("j.okafor\r\nBcc: everyone@example.org",), subject="Hold the panel",
                   body="It is due on Friday.", purpose="reminder", reference="", queued_on=date(2026, 11, 24),
                   actor="scheduler", sealed_body=None)
    office.save(broken)
    last = queue(office, "c.three@dartford.gov.uk")
    project()

    assert make_scheduler().run("outbox") == {"uncertain": 0, "delivered": 2, "failed": 1}
    assert office.outbox.email(broken.id).status is EmailStatus.FAILED
    assert office.outbox.email(broken.id).last_error.startswith("ValueError: ")
    assert [office.outbox.email(e).status for e in (first, last)] == [EmailStatus.DELIVERED, EmailStatus.DELIVERED]
    assert all("everyone@example.org" not in str(m) for m in inbox.messages)
