"""Subject access requests are brought to the managers two working days before they are due (one calendar month
after receipt), once, and once more after the due date if still unanswered; an answered request is not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from email.message import Message

import time_machine

from application.backoffice import BackOffice
from domain.personal import Person
from scheduler.runner import Scheduler
from tests.application.cases import receive
from tests.scheduler.conftest import Inbox, london

MANAGER = "community.safety.manager@dartford.gov.uk"


def sar_messages(inbox: Inbox) -> list[Message]:
    return [m for m in inbox.messages if str(m["Subject"]).startswith("Subject access request")]


def test_the_managers_are_reminded_before_the_due_date_and_told_once_when_it_is_overdue(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    with time_machine.travel(london(2026, 11, 20, 9), tick=True) as clock:
        receive(office, received_on=date(2026, 11, 2))  # Ann Smith's case (record p-1)
        still_open = office.privacy.receive_subject_access_request(
            person=Person("asked-1", "Ann Smith"), received_on=date(2026, 11, 20), actor="j.okafor")
        answered = office.privacy.receive_subject_access_request(
            person=Person("asked-2", "Ann Smith"), received_on=date(2026, 11, 20), actor="j.okafor")
        office.privacy.confirm_records(answered.aggregate_id, subjects=["p-1"], actor="j.okafor")
        office.privacy.answer_subject_access_request(answered.aggregate_id, answered_on=date(2026, 11, 20),
                                                     actor="j.okafor")
        project()
        scheduler = make_scheduler()

        clock.move_to(london(2026, 12, 16, 6))  # due Mon 21 Dec (20 Dec is a Sunday): Wed 16th is too early
        scheduler.run("deadlines")
        assert sar_messages(inbox) == []

        clock.move_to(london(2026, 12, 17, 6))  # Thu 17 Dec: two working days before Mon 21 Dec
        scheduler.run("deadlines")
        scheduler.run("deadlines")  # queued once, however often the job runs
        reminded = sar_messages(inbox)
        assert [str(m["Subject"]) for m in reminded] == [
            f"Subject access request {still_open.reference} is due on 21 December 2026"]
        assert str(reminded[0]["To"]) == MANAGER
        assert "Ann Smith" not in reminded[0].get_content()

        clock.move_to(london(2026, 12, 22, 6))
        scheduler.run("deadlines")
        scheduler.run("deadlines")
        assert [str(m["Subject"]) for m in sar_messages(inbox)][1:] == [
            f"Subject access request {still_open.reference} is overdue: it was due on 21 December 2026"]
