"""The words of the scheduler's emails: reminders, missed deadlines and the managers' digest (plain text)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain import plurals
from domain.periods import long_date
from domain.timescales import Deadline
from projections.deadline_watch import OutboxRow, WatchedDeadline

DELAY_PROMPT = ("If the outcome letter will be late, send the applicant a delay letter now, saying why and when "
                "they will hear: the partnership promised an answer within its timescale.")
DELAY_NOW = ("No delay letter has been sent: send the applicant one now, saying why the outcome letter is late and "
             "when they will hear.")
FOOTER = "\n\nThis message was sent by the Community Trigger scheduler. Do not reply to it."


def _greeting(officer: str) -> str:
    return f"Dear {officer}," if officer else "No officer is assigned to this case; please assign one."


def reminder(reference: str, deadline: Deadline, working_days_left: int, officer: str,
             delay_prompt: bool) -> tuple[str, str]:
    when = "today" if working_days_left <= 0 else (
        "in 1 working day" if working_days_left == 1 else f"in {working_days_left} working days")
    subject = f"{reference}: {deadline.label} is due {when} ({long_date(deadline.due_on)})"
    lines = [_greeting(officer), "",
             f"Case {reference}: \"{deadline.label}\" is due on {long_date(deadline.due_on)}, {when}.",
             f"It counts from {long_date(deadline.starts_on)}."]
    if delay_prompt:
        lines += ["", DELAY_PROMPT]
    return subject, "\n".join(lines) + FOOTER


def missed(reference: str, deadline: Deadline, today: date, officer: str, delay_prompt: bool) -> tuple[str, str]:
    subject = f"{reference}: {deadline.label} was due {long_date(deadline.due_on)} and is overdue"
    lines = [_greeting(officer), "",
             f"Case {reference}: \"{deadline.label}\" was due on {long_date(deadline.due_on)} and has not been "
             f"recorded as done. It was recorded as a missed deadline on {long_date(today)}; the dashboard, the "
             "annual statistics and the case's ombudsman pack show it.",
             "Record the step as soon as it is done."]
    if delay_prompt:
        lines += ["", DELAY_NOW]
    return subject, "\n".join(lines) + FOOTER


def digest(today: date, overdue: Sequence[WatchedDeadline], due_soon: Sequence[WatchedDeadline],
           problems: Sequence[OutboxRow], past_retention: int, partnership: str) -> tuple[str, str]:
    subject = (f"Community Trigger digest for {long_date(today)}: {len(overdue)} overdue, "
               f"{len(due_soon)} due in the next five working days")
    lines = [f"{partnership}: Community Trigger cases on {long_date(today)}.", ""]
    for title, rows in (("Overdue", overdue), ("Due in the next five working days", due_soon)):
        lines.append(f"{title} ({len(rows)}):")
        lines += [f"  {row.reference}  {row.label}, due {long_date(row.due_on)}  ({row.officer or 'no officer'})"
                  for row in rows] or ["  none"]
        lines.append("")
    if problems:
        lines.append(f"Emails needing attention ({len(problems)}):")
        lines += [f"  {row.status.label}: {row.subject} to {row.recipients}. {row.last_error}" for row in problems]
        lines.append("")
    if past_retention:
        lines.append(f"{plurals.counted(past_retention, 'closed case')} "
                     f"{plurals.in_number(past_retention, 'is', 'are')} past the retention period; "
                     "the dashboard lists them.")
    return subject, "\n".join(lines).rstrip() + FOOTER
