"""Each email is sent once: queued once per key, never resent after a crash mid-hand-over, retried when the
server did not take it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import time_machine

from application.backoffice import BackOffice
from domain.email import EmailStatus
from scheduler.mailer import SmtpServer, deliver
from scheduler.runner import Scheduler
from tests.scheduler.conftest import Inbox, free_port, london

MANAGER = "community.safety.manager@dartford.gov.uk"


class Crash(BaseException):
    """The process dying at this point: nothing after it runs."""


def crash(*args: object, **kwargs: object) -> None:
    raise Crash


def queue(office: BackOffice, key: str = "reminder/CT-2026-0001/panel") -> object:
    recorded = office.outbox.queue_email(key=key, to=("j.okafor@dartford.gov.uk",), subject="Hold the panel",
                                         body="It is due on Friday.\n.\nA line with only a dot stays in the text.",
                                         purpose="reminder", reference="CT-2026-0001")
    assert recorded is not None
    return recorded.aggregate_id


def queued_then_crashed_at(use_case: str, office: BackOffice, project: Callable[[], None],
                           make_scheduler: Callable[[], Scheduler], monkeypatch: pytest.MonkeyPatch) -> object:
    """An email queued and projected, then an outbox run that crashes when it calls the outbox's ``use_case``;
    the email's id."""
    email_id = queue(office)
    project()
    monkeypatch.setattr(office.outbox, use_case, crash)
    with pytest.raises(Crash):
        make_scheduler().run("outbox")
    monkeypatch.undo()
    return email_id


def test_an_email_is_queued_once_per_key(office: BackOffice):
    first = queue(office)

    assert office.outbox.queue_email(key="reminder/CT-2026-0001/panel", to=("j.okafor@dartford.gov.uk",),
                                     subject="Hold the panel", body="again", purpose="reminder") is None
    assert office.outbox.email(first).body.startswith("It is due on Friday.")


def test_a_delivered_email_arrives_once_with_its_text_intact(office: BackOffice, inbox: Inbox,
                                                             smtp_profile):
    email_id = queue(office)
    server = SmtpServer.from_settings(smtp_profile.email, environ={})

    assert deliver(office, email_id, server) == EmailStatus.DELIVERED
    assert deliver(office, email_id, server) == EmailStatus.DELIVERED  # asked again: nothing sent

    [message] = inbox.messages
    text = message.get_content().replace("\r\n", "\n")
    assert text == "It is due on Friday.\n.\nA line with only a dot stays in the text.\n"
    assert message["Message-ID"] == f"<{email_id}@community-trigger>"
    assert [type(e).__name__ for e in office.events.get(email_id)] == ["Queued", "HandingOver", "Delivered"]


def test_a_crash_after_the_server_took_the_message_never_sends_it_twice(
    office: BackOffice, inbox: Inbox, project: Callable[[], None], make_scheduler: Callable[[], Scheduler],
    monkeypatch: pytest.MonkeyPatch,
):
    email_id = queued_then_crashed_at("record_email_delivered", office, project, make_scheduler, monkeypatch)
    assert len(inbox.messages) == 1

    project()  # the restarted scheduler finds it mid-hand-over
    restarted = make_scheduler()
    assert restarted.run("outbox") == {"uncertain": 1, "delivered": 0, "failed": 0}
    restarted.run("outbox")

    assert len(inbox.messages) == 1
    assert office.outbox.email(email_id).status == EmailStatus.UNCERTAIN


def test_a_crash_before_the_end_of_the_message_sends_it_once_after_restart(
    office: BackOffice, inbox: Inbox, project: Callable[[], None], make_scheduler: Callable[[], Scheduler],
    monkeypatch: pytest.MonkeyPatch,
):
    email_id = queued_then_crashed_at("hand_over_email", office, project, make_scheduler, monkeypatch)
    assert inbox.messages == []  # the server drops a message whose end never came

    make_scheduler().run("outbox")
    project()
    make_scheduler().run("outbox")

    assert len(inbox.messages) == 1
    assert office.outbox.email(email_id).status == EmailStatus.DELIVERED


def test_an_email_the_server_could_not_take_is_retried_and_the_failure_recorded_once(
    office: BackOffice, smtp_profile, inbox: Inbox,
):
    email_id = queue(office)
    down = SmtpServer("127.0.0.1", free_port(), smtp_profile.email.sender)

    assert deliver(office, email_id, down) == EmailStatus.FAILED
    assert deliver(office, email_id, down) == EmailStatus.FAILED
    assert [type(e).__name__ for e in office.events.get(email_id)] == ["Queued", "DeliveryFailed"]
    assert "ConnectionRefusedError" in office.outbox.email(email_id).last_error

    assert deliver(office, email_id, SmtpServer.from_settings(smtp_profile.email, environ={})) == EmailStatus.DELIVERED
    assert len(inbox.messages) == 1


def test_smtp_settings_in_the_environment_override_the_profile_and_bad_ones_are_named(smtp_profile):
    server = SmtpServer.from_settings(smtp_profile.email, environ={
        "SMTP_HOST": "mail.example.org", "SMTP_PORT": "587", "SMTP_STARTTLS": "true",
        "SMTP_USERNAME": "ct", "SMTP_PASSWORD": "secret"})
    assert (server.host, server.port, server.starttls, server.username, server.password) == (
        "mail.example.org", 587, True, "ct", "secret")

    with pytest.raises(ValueError, match="SMTP_PORT must be a port number from 1 to 65535, not 'smtp'"):
        SmtpServer.from_settings(smtp_profile.email, environ={"SMTP_PORT": "smtp"})


def test_after_downtime_each_job_catches_up_once_and_a_missed_reminder_is_sent_once(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    from datetime import date

    from tests.application.cases import OFFICER, receive, register_officer

    with time_machine.travel(london(2026, 11, 20, 7, 45), tick=True) as clock:  # a Friday
        reference = receive(office, received_on=date(2026, 11, 20))  # acknowledge by Fri 27 Nov
        register_officer(office)
        office.cases.assign_officer(reference, officer=OFFICER, actor="m.hughes")
        office.cases.pass_to_relevant_bodies(reference, passed_on=date(2026, 11, 20), actor=OFFICER)
        project()
        scheduler = make_scheduler()
        assert scheduler.catch_up() == ["retention", "checkpoint", "deadlines", "digest", "outbox"]  # first start
        assert inbox.subjects() == [
            "Community Trigger digest for 20 November 2026: 0 overdue, 1 due in the next five working days"]

        clock.move_to(london(2026, 11, 26, 10))  # down from Friday to Thursday: the reminder day was Wed 25
        project()
        restarted = make_scheduler()
        assert restarted.overdue() == ["retention", "checkpoint", "deadlines", "digest", "outbox"]
        restarted.catch_up()
        assert restarted.overdue() == ["outbox"]  # the timed jobs ran once, not once per missed day
        restarted.catch_up()

    reminders = [s for s in inbox.subjects() if "is due" in s]
    digests = [s for s in inbox.subjects() if s.startswith("Community Trigger digest")]
    assert reminders == [f"{reference}: Acknowledge the application is due in 1 working day (27 November 2026)"]
    assert len(digests) == 2
    assert inbox.to(MANAGER)


def test_digest_lists_overdue_steps_and_emails_in_doubt(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    from tests.application.cases import receive

    with time_machine.travel(london(2026, 11, 24, 9), tick=True):
        reference = receive(office)  # received 1 September: acknowledgement long overdue
        email_id = queue(office)
        office.outbox.hand_over_email(email_id)
        project()
        scheduler = make_scheduler()
        scheduler.run("outbox")  # finds it mid-hand-over
        project()
        assert scheduler.run("digest") is True
        assert scheduler.run("digest") is False  # once a day

    [digest] = inbox.to(MANAGER)
    text = digest.get_content()
    assert f"{reference}  Acknowledge the application, due 8 September 2026  (no officer)" in text
    assert "uncertain: Hold the panel to j.okafor@dartford.gov.uk. The scheduler stopped while handing" in text


def test_digest_does_not_list_a_closed_appeal_window_as_overdue(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    from tests.application.cases import not_met_letter_sent

    with time_machine.travel(london(2026, 11, 24, 9), tick=True):
        reference = not_met_letter_sent(office)  # decided and told on 10 September; the appeal window has closed
        project()
        assert make_scheduler().run("digest") is True

    [digest] = inbox.to(MANAGER)
    text = digest.get_content().replace("\r\n", "\n")
    assert "Overdue (0):\n  none" in text  # the applicant's time to appeal ran out; the partnership is not late
    assert reference not in text


def test_digest_is_not_sent_on_a_bank_holiday(office: BackOffice, project: Callable[[], None],
                                              make_scheduler: Callable[[], Scheduler], inbox: Inbox):
    with time_machine.travel(london(2026, 12, 28, 7, 30), tick=True):  # Boxing Day substitute
        project()
        assert make_scheduler().run("digest") is False
    assert inbox.messages == []


def test_only_one_scheduler_runs_a_second_waits_as_a_standby(database, schema):
    import threading

    from cli.schedule_commands import hold_scheduler_lock

    with database.connect() as first, database.connect() as second:
        hold_scheduler_lock(first, schema)
        taken = threading.Event()
        waiter = threading.Thread(target=lambda: (hold_scheduler_lock(second, schema), taken.set()))
        waiter.start()
        assert not taken.wait(0.5)
        first.execute("SELECT pg_advisory_unlock_all()")
        assert taken.wait(5)
        waiter.join()


def test_queued_status_is_the_start(office: BackOffice):
    assert office.outbox.email(queue(office)).status == EmailStatus.QUEUED

