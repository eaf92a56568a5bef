"""A rejected application is ended, yet the applicant's window to challenge the rejection is still running: the
scheduler visits the case and reminds its officer before the window closes, and never records it as missed (it is
the applicant's time, not the partnership's)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import time_machine

from application.backoffice import BackOffice
from domain.timescales import Step
from domain.values import LetterChannel, LetterKind, RejectionGround
from scheduler.runner import Scheduler
from tests.application.cases import OFFICER, receive, register_officer
from tests.scheduler.conftest import Inbox, london

OFFICER_ADDRESS = "j.okafor@dartford.gov.uk"
LABEL = "Window to challenge the rejection closes"


def rejected_with_letter(office: BackOffice) -> str:
    register_officer(office)
    reference = receive(office, received_on=date(2026, 9, 1))
    office.cases.assign_officer(reference, officer=OFFICER, actor="m.hughes")
    office.cases.reject_application(reference, rejected_on=date(2026, 9, 4), ground=RejectionGround.CONSENT_REFUSED,
                                    reason="Ms Smith told us she does not agree to the application.", actor=OFFICER)
    office.cases.send_letter(reference, LetterKind.REJECTION, channel=LetterChannel.POST, sent_on=date(2026, 9, 7),
                             actor=OFFICER)
    return reference


def test_a_rejected_applications_challenge_window_is_reminded_though_the_case_has_ended(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    with time_machine.travel(london(2026, 9, 7, 9), tick=True) as clock:
        reference = rejected_with_letter(office)
        case = office.cases.get_case(reference)
        assert not case.application.stage.is_open
        window = next(d for d in office.cases.deadlines_of(case) if d.step is Step.CHALLENGE_WINDOW)
        assert window.due_on == date(2026, 10, 5)  # 20 working days from Monday 7 September
        project()
        scheduler = make_scheduler()

        clock.move_to(london(2026, 9, 30, 6))
        scheduler.run("deadlines")
        assert not [s for s in inbox.subjects() if LABEL in s]

        clock.move_to(london(2026, 10, 1, 6))  # Thursday, two working days before Monday 5 October
        scheduler.run("deadlines")
        reminders = [m for m in inbox.messages if LABEL in str(m["Subject"])]
        assert [str(m["Subject"]) for m in reminders] == [
            f"{reference}: {LABEL} is due in 2 working days (5 October 2026)"]
        assert str(reminders[0]["To"]) == OFFICER_ADDRESS

        project()
        clock.move_to(london(2026, 10, 6, 6))  # the day after the window closed: the applicant's time, not missed
        scheduler.run("deadlines")
        assert office.cases.missed_deadlines(reference) == []
        assert not [s for s in inbox.subjects() if "overdue" in s]


def test_a_challenge_lodged_in_time_ends_the_window_so_it_is_not_reminded(
    office: BackOffice, project: Callable[[], None], make_scheduler: Callable[[], Scheduler], inbox: Inbox,
):
    with time_machine.travel(london(2026, 9, 7, 9), tick=True) as clock:
        reference = rejected_with_letter(office)
        clock.move_to(london(2026, 9, 21, 9))
        office.cases.lodge_challenge(reference, lodged_on=date(2026, 9, 21),
                                     grounds="Ms Smith did agree; she signed the form.", actor=OFFICER)
        project()
        scheduler = make_scheduler()

        clock.move_to(london(2026, 10, 1, 6))
        scheduler.run("deadlines")
        assert not [s for s in inbox.subjects() if LABEL in s]
