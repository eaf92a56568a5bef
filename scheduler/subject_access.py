"""Reminders of subject access requests (run with the deadlines job): each open request is brought to the managers'
attention from the profile's ``reminder_working_days`` before its due date (one calendar month from receipt,
UK GDPR Art 12(3)), and again once if it is overdue. Each email is queued once per request and due date (its
key), so the job may run any number of times. The emails name the request and its dates only, never the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.case_file import SCHEDULER
from domain.periods import long_date
from domain.subject_access import LAW, notice_due

if TYPE_CHECKING:
    from scheduler.jobs import Jobs

FOOTER = "\n\nThis message was sent by the Community Trigger scheduler. Do not reply to it."


def remind_subject_access(jobs: Jobs) -> int:
    """Queue the reminders and overdue notices due today; how many were queued."""
    office = jobs.back_office
    settings, today = office.profile.email, office.today()
    if not settings.managers:
        return 0  # no one to tell: the dashboard still lists the open requests with their due dates
    queued = 0
    for summary in office.privacy.subject_access_requests(open_only=True):
        request = office.privacy.subject_access_request(summary.id)
        notice = notice_due(request, today, office.calendar, settings.reminder_working_days)
        if notice is None:
            continue
        due = long_date(request.due_on)
        if notice == "overdue":
            subject = f"Subject access request {request.reference} is overdue: it was due on {due}"
            first = f"Subject access request {request.reference} was due on {due} and has not been answered."
        else:
            subject = f"Subject access request {request.reference} is due on {due}"
            first = f"Subject access request {request.reference} is due on {due}."
        body = "\n".join(["Dear manager,", "", first,
                          f"It was received on {long_date(request.received_on)}; the answer is due one calendar month "
                          f"later ({LAW}). Record the date it was answered on the request's page."]) + FOOTER
        recorded = office.outbox.queue_email(key=f"subject-access/{notice}/{request.id}/{request.due_on}",
                                             to=tuple(settings.managers), subject=subject, body=body,
                                             purpose=f"subject access {notice}", actor=SCHEDULER)
        if recorded is not None:
            jobs.queued.append(recorded.aggregate_id)
            queued += 1
    return queued
